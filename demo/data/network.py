"""The demo network: training providers and information desks.

The Casablanca institute, the Académie, the Jiber association, the El Menzel
centre and the pilot desk come from REFERENCE.md; the other providers and
desks are believable examples of the network the pilot wants to become.
Addresses are only indicative; every phone number (ending in 00 00) and every
e-mail address (on example.org) is fictional.
"""

from __future__ import annotations

import datetime

from demo.data.i18n import join, t

PROVIDERS = [
    {
        "slug": "isat-moulay-rachid",
        "name": t(
            "Institut spécialisé des arts traditionnels Moulay Rachid",
            "المعهد المتخصص للفنون التقليدية مولاي رشيد",
            "Moulay Rachid Specialised Institute of Traditional Arts",
        ),
        "kind": "institute",
        "description": t(
            "Établissement public de formation aux métiers de l'artisanat, rattaché à la direction régionale "
            "de l'artisanat de Casablanca-Settat. Il prépare aux diplômes de spécialisation, de qualification "
            "et de technicien dans huit métiers d'art, en formation à l'institut ou par apprentissage. Il "
            "accueille depuis 2024 le premier guichet d'information et d'orientation des personnes migrantes; "
            "ses formations sont gratuites.",
            "مؤسسة عمومية للتكوين في مهن الصناعة التقليدية، تابعة للمديرية الجهوية للصناعة التقليدية بجهة "
            "الدار البيضاء سطات. تُعِدّ لدبلومات التخصص والتأهيل والتقني في ثماني حِرف فنية، عبر التكوين "
            "داخل المعهد أو بالتدرج المهني. وتحتضن منذ سنة 2024 أول شباك للإعلام والتوجيه لفائدة "
            "المهاجرين، وتكويناتها مجانية.",
            "A public training institute for craft trades, under the regional directorate of crafts of "
            "Casablanca-Settat. It prepares for specialisation, qualification and technician diplomas in "
            "eight traditional crafts, at the institute or through apprenticeship. Since 2024 it has hosted "
            "the first information and orientation desk for migrants; its programmes are free.",
        ),
        "city": "casablanca",
        "address": t("Hay Mohammadi, Casablanca", "الحي المحمدي، الدار البيضاء", "Hay Mohammadi, Casablanca"),
        "phone": "+212 5 22 61 00 00",
        "email": "isat.moulay-rachid@example.org",
        "website": "https://example.org/isat-moulay-rachid",
    },
    {
        "slug": "academie-arts-traditionnels",
        "name": t("Académie des arts traditionnels", "أكاديمية الفنون التقليدية", "Academy of Traditional Arts"),
        "kind": "institute",
        "description": t(
            "École supérieure des métiers d'art qui forme en trois ans, après le baccalauréat, des artisans "
            "créateurs capables de restaurer le patrimoine et de transmettre leur savoir. Les filières "
            "couvrent notamment la bijouterie, le bois sculpté et peint, la ferronnerie, le plâtre, la taille "
            "de pierre, le zellige et la calligraphie. L'entrée se fait sur concours.",
            "مدرسة عليا لمهن الفنون التقليدية تكوّن في ثلاث سنوات، بعد البكالوريا، حِرفيين مبدعين قادرين "
            "على ترميم التراث ونقل معارفهم. وتشمل شُعبها على الخصوص صناعة الحلي والخشب المنقوش والمصبوغ "
            "والحدادة والجبص ونحت الحجر والزليج والخط. ويتم الولوج إليها عبر مباراة.",
            "A higher school of traditional arts that trains, in three years after the baccalaureate, "
            "designer-craftspeople able to restore heritage and pass on their knowledge. Tracks include "
            "jewellery, carved and painted wood, metalwork, plaster, stone cutting, zellige and calligraphy. "
            "Entry is by competitive exam.",
        ),
        "city": "casablanca",
        "address": t(
            "Esplanade de la mosquée Hassan II, Casablanca",
            "ساحة مسجد الحسن الثاني، الدار البيضاء",
            "Hassan II Mosque esplanade, Casablanca",
        ),
        "phone": "+212 5 22 62 00 00",
        "email": "academie@example.org",
        "website": "https://example.org/academie-arts-traditionnels",
    },
    {
        "slug": "association-jiber",
        "name": t("Association Jiber", "جمعية جيبر", "Jiber Association"),
        "kind": "association",
        "description": t(
            "Association de développement local de la région de Sefrou. Elle accompagne des personnes "
            "migrantes vers l'emploi agricole, avec des formations de remise à niveau et des ateliers "
            "pratiques, en partenariat avec le centre de qualification agricole d'El Menzel.",
            "جمعية للتنمية المحلية بمنطقة صفرو. تواكب المهاجرين نحو الشغل في القطاع الفلاحي من خلال "
            "تكوينات تأهيلية وورشات تطبيقية، بشراكة مع مركز التأهيل الفلاحي بالمنزل.",
            "A local development association in the Sefrou area. It supports migrants into farm work with "
            "upgrade courses and hands-on workshops, in partnership with the El Menzel agricultural "
            "qualification centre.",
        ),
        "city": "sefrou",
        "address": t("Centre-ville, Sefrou", "وسط المدينة، صفرو", "Town centre, Sefrou"),
        "phone": "+212 5 35 66 00 00",
        "email": "jiber@example.org",
        "website": "",
    },
    {
        "slug": "cqa-el-menzel",
        "name": t(
            "Centre de qualification agricole d'El Menzel",
            "مركز التأهيل الفلاحي بالمنزل",
            "El Menzel Agricultural Qualification Centre",
        ),
        "kind": "centre",
        "description": t(
            "Centre public de formation agricole de la province de Sefrou. Il forme des ouvriers et des "
            "techniciens aux cultures de la région (oliviers, cerisiers, céréales, légumes) sur ses propres "
            "parcelles. Il ouvre des formations aux personnes migrantes en situation régulière, avec "
            "l'association Jiber.",
            "مركز عمومي للتكوين الفلاحي بإقليم صفرو. يكوّن عمالًا وتقنيين في زراعات المنطقة (الزيتون "
            "والكرز والحبوب والخضر) في قطع الأرض التابعة له. ويفتح تكويناته أمام المهاجرين في وضعية "
            "نظامية بتعاون مع جمعية جيبر.",
            "A public agricultural training centre in Sefrou province. It trains workers and technicians in "
            "the region's crops (olives, cherries, cereals, vegetables) on its own plots. It opens programmes "
            "to migrants in a regular situation, together with the Jiber association.",
        ),
        "city": "el-menzel",
        "address": t("El Menzel, province de Sefrou", "المنزل، إقليم صفرو", "El Menzel, Sefrou province"),
        "phone": "+212 5 35 67 00 00",
        "email": "cqa.el-menzel@example.org",
        "website": "",
    },
    {
        "slug": "cfp-rabat",
        "name": t(
            "Centre de formation professionnelle de Rabat",
            "مركز التكوين المهني بالرباط",
            "Rabat Vocational Training Centre",
        ),
        "kind": "centre",
        "description": t(
            "Centre public de formation professionnelle ouvert aux personnes migrantes régularisées. Il "
            "propose des formations diplômantes dans les métiers du bâtiment et des services, des cours du "
            "soir, des bilans de compétences et la validation des acquis de l'expérience.",
            "مركز عمومي للتكوين المهني مفتوح في وجه المهاجرين الذين سُوّيت وضعيتهم. يقترح تكوينات بدبلوم "
            "في مهن البناء والخدمات، ودروسًا مسائية، وتقييمًا للكفاءات، والمصادقة على مكتسبات التجربة.",
            "A public vocational training centre open to regularised migrants. It offers diploma programmes "
            "in building and service trades, evening classes, skills assessment and validation of prior "
            "experience.",
        ),
        "city": "rabat",
        "address": t("Hay Riad, Rabat", "حي الرياض، الرباط", "Hay Riad, Rabat"),
        "phone": "+212 5 37 71 00 00",
        "email": "cfp.rabat@example.org",
        "website": "https://example.org/cfp-rabat",
    },
    {
        "slug": "cfp-tanger",
        "name": t(
            "Centre de formation professionnelle de Tanger",
            "مركز التكوين المهني بطنجة",
            "Tangier Vocational Training Centre",
        ),
        "kind": "centre",
        "description": t(
            "Centre de formation tourné vers l'industrie: confection, électricité, maintenance. Il travaille "
            "avec les entreprises de la zone franche, qui accueillent des stagiaires et recrutent à la sortie. "
            "Il dispose d'une annexe à Tétouan.",
            "مركز للتكوين موجَّه نحو الصناعة: الخياطة والكهرباء والصيانة. يتعاون مع مقاولات المنطقة الحرة "
            "التي تستقبل المتدربين وتوظّفهم بعد التخرج. وله ملحقة في تطوان.",
            "A training centre geared to industry: clothing, electrics, maintenance. It works with companies "
            "in the free zone, which take trainees and hire graduates. It has an annex in Tetouan.",
        ),
        "city": "tanger",
        "address": t("Route de Tétouan, Tanger", "طريق تطوان، طنجة", "Tetouan road, Tangier"),
        "phone": "+212 5 39 72 00 00",
        "email": "cfp.tanger@example.org",
        "website": "",
    },
    {
        "slug": "cfp-oujda",
        "name": t(
            "Centre de formation professionnelle d'Oujda",
            "مركز التكوين المهني بوجدة",
            "Oujda Vocational Training Centre",
        ),
        "kind": "centre",
        "description": t(
            "Centre public de la région de l'Oriental, spécialisé dans le bâtiment et les services. Il "
            "propose des parcours d'un an accessibles après le collège et des cours du soir pour les "
            "personnes qui travaillent. Un conseiller y reçoit les personnes migrantes pour un bilan de "
            "compétences.",
            "مركز عمومي بجهة الشرق، متخصص في البناء والخدمات. يقترح مسارات لمدة سنة متاحة بعد المرحلة "
            "الإعدادية، ودروسًا مسائية لفائدة من يعملون. ويستقبل فيه مستشارٌ المهاجرين لإجراء تقييم "
            "لكفاءاتهم.",
            "A public centre in the Oriental region, specialised in building and services. It offers "
            "one-year courses open after lower secondary school and evening classes for people in work. A "
            "counsellor sees migrants there for a skills assessment.",
        ),
        "city": "oujda",
        "address": t("Quartier Al Qods, Oujda", "حي القدس، وجدة", "Al Qods district, Oujda"),
        "phone": "+212 5 36 73 00 00",
        "email": "cfp.oujda@example.org",
        "website": "",
    },
    {
        "slug": "cfp-marrakech",
        "name": t(
            "Centre de formation professionnelle de Marrakech",
            "مركز التكوين المهني بمراكش",
            "Marrakesh Vocational Training Centre",
        ),
        "kind": "centre",
        "description": t(
            "Centre public tourné vers l'hôtellerie, la restauration et les métiers d'art du bâtiment. Il a "
            "des partenariats avec les hôtels et les riads de la ville pour les stages. Il organise aussi des "
            "formations courtes à Safi.",
            "مركز عمومي موجَّه نحو الفندقة والمطعمة وفنون البناء التقليدية. تربطه شراكات مع فنادق المدينة "
            "ورياضاتها لاستقبال المتدربين. كما ينظّم تكوينات قصيرة بآسفي.",
            "A public centre focused on hotels, catering and traditional building crafts. It has "
            "partnerships with the city's hotels and riads for internships. It also runs short courses in Safi.",
        ),
        "city": "marrakech",
        "address": t("Quartier Daoudiate, Marrakech", "حي الداوديات، مراكش", "Daoudiate district, Marrakesh"),
        "phone": "+212 5 24 74 00 00",
        "email": "cfp.marrakech@example.org",
        "website": "",
    },
    {
        "slug": "cfp-agadir",
        "name": t(
            "Centre de formation professionnelle d'Agadir",
            "مركز التكوين المهني بأكادير",
            "Agadir Vocational Training Centre",
        ),
        "kind": "centre",
        "description": t(
            "Centre public de la région Souss-Massa, proche des grandes exploitations agricoles et des "
            "hôtels de la côte. Il forme aux cultures sous serre, à l'électricité et à la pâtisserie. "
            "Certaines formations commencent en cours d'année pour suivre les saisons.",
            "مركز عمومي بجهة سوس ماسة، قريب من الضيعات الفلاحية الكبرى ومن فنادق الساحل. يكوّن في الزراعة "
            "داخل البيوت المغطاة والكهرباء والحلويات. وتنطلق بعض التكوينات خلال السنة لمواكبة المواسم.",
            "A public centre in the Souss-Massa region, close to large farms and coastal hotels. It trains in "
            "greenhouse crops, electrics and pastry. Some programmes start during the year to follow the "
            "seasons.",
        ),
        "city": "agadir",
        "address": t("Quartier industriel, Agadir", "الحي الصناعي، أكادير", "Industrial district, Agadir"),
        "phone": "+212 5 28 75 00 00",
        "email": "cfp.agadir@example.org",
        "website": "",
    },
    {
        "slug": "centre-femmes-sale",
        "name": t(
            "Centre d'éducation et de formation des femmes de Salé",
            "مركز التربية والتكوين للنساء بسلا",
            "Salé Women's Education and Training Centre",
        ),
        "kind": "centre",
        "description": t(
            "Centre social de quartier, sur le modèle de ceux de l'Entraide nationale, qui forme les femmes à "
            "la couture, à la coiffure et à la pâtisserie. Les cours ont lieu le matin et une garderie "
            "accueille les jeunes enfants. Les femmes migrantes y sont les bienvenues; les cours courts ne "
            "demandent pas de titre de séjour.",
            "مركز اجتماعي للقرب، على غرار مراكز التعاون الوطني، يكوّن النساء في الخياطة والحلاقة "
            "والحلويات. تُقدَّم الدروس في الصباح، وتستقبل روضةٌ الأطفالَ الصغار. والنساء المهاجرات مرحَّب "
            "بهن، ولا تُشترط وثيقة الإقامة في الدروس القصيرة.",
            "A neighbourhood social centre, modelled on those of Entraide nationale, that trains women in "
            "sewing, hairdressing and pastry. Classes are in the morning and a crèche takes young children. "
            "Migrant women are welcome; the short courses ask for no residence document.",
        ),
        "city": "sale",
        "address": t("Hay Karima, Salé", "حي كريمة، سلا", "Hay Karima, Sale"),
        "phone": "+212 5 37 76 00 00",
        "email": "femmes.sale@example.org",
        "website": "",
    },
    {
        "slug": "cooperative-zellige-fes",
        "name": t(
            "Coopérative des artisans du zellige de Fès",
            "تعاونية حِرفيي الزليج بفاس",
            "Fez Zellige Craftsmen's Cooperative",
        ),
        "kind": "cooperative",
        "description": t(
            "Coopérative d'artisans installée dans le quartier des potiers, qui fabrique et pose du zellige "
            "pour des maisons, des hôtels et des monuments. Elle forme chaque année quelques apprentis dans "
            "le cadre de l'apprentissage artisanal.",
            "تعاونية حِرفيين توجد في حيّ الفخّارين، تصنع الزليج وتركّبه لفائدة المنازل والفنادق والمعالم. "
            "وتكوّن كل سنة عددًا من المتدربين في إطار التكوين بالتدرج المهني في الصناعة التقليدية.",
            "A craftsmen's cooperative in the potters' quarter that makes and lays zellige for houses, hotels "
            "and monuments. Each year it trains a few apprentices under the craft apprenticeship scheme.",
        ),
        "city": "fes",
        "address": t(
            "Quartier des potiers (Aïn Nokbi), Fès",
            "حي الفخّارين (عين النقبي)، فاس",
            "Potters' quarter (Ain Nokbi), Fez",
        ),
        "phone": "+212 5 35 77 00 00",
        "email": "zellige.fes@example.org",
        "website": "",
    },
    {
        "slug": "cooperative-thuya-essaouira",
        "name": t(
            "Coopérative des sculpteurs sur thuya d'Essaouira",
            "تعاونية نقّاشي خشب العرعار بالصويرة",
            "Essaouira Thuya Carvers' Cooperative",
        ),
        "kind": "cooperative",
        "description": t(
            "Coopérative d'ébénistes et de sculpteurs qui travaillent le thuya, le bois emblématique "
            "d'Essaouira. Elle transmet le métier à des apprentis et vend ses pièces dans sa boutique, au "
            "pied des remparts.",
            "تعاونية لصنّاع الأثاث ونقّاشي الخشب الذين يشتغلون بالعرعار، الخشب الذي تشتهر به الصويرة. "
            "تنقل الحرفة إلى المتدربين وتبيع قطعها في متجرها عند أسوار المدينة.",
            "A cooperative of cabinetmakers and carvers working thuya, Essaouira's signature wood. It passes "
            "the trade on to apprentices and sells its pieces in its shop by the ramparts.",
        ),
        "city": "essaouira",
        "address": t(
            "Rue des ébénistes (Skala), Essaouira",
            "زنقة النجارين (السقالة)، الصويرة",
            "Cabinetmakers' street (Skala), Essaouira",
        ),
        "phone": "+212 5 24 78 00 00",
        "email": "thuya.essaouira@example.org",
        "website": "",
    },
]

# What every desk does; each desk adds a sentence of its own.
_DESK_SERVICES = t(
    "Le guichet vous accueille gratuitement, avec ou sans rendez-vous. Un conseiller vous présente les "
    "formations de la région et leurs conditions d'admission, si possible dans votre langue (français, arabe, "
    "darija, anglais). Il vous aide à choisir un métier qui correspond à vos goûts, à votre expérience et à "
    "votre situation, et à préparer les documents demandés. Quand vous êtes prêt, il vous oriente vers le "
    "centre de formation et suit votre demande.",
    "يستقبلك الشباك مجانًا، بموعد أو بدونه. يعرّفك مستشار بالتكوينات المتوفرة في الجهة وبشروط القبول "
    "فيها، بلغتك إن أمكن (الفرنسية أو العربية أو الدارجة أو الإنجليزية). ويساعدك على اختيار مهنة تناسب "
    "ميولك وتجربتك ووضعيتك، وعلى تحضير الوثائق المطلوبة. وعندما تكون مستعدًا، يوجّهك إلى مركز التكوين "
    "ويتابع طلبك.",
    "The desk welcomes you free of charge, with or without an appointment. A counsellor presents the "
    "trainings in the region and their admission conditions, in your language where possible (French, "
    "Arabic, Darija, English). They help you choose a trade that fits your interests, your experience and "
    "your situation, and prepare the documents asked for. When you are ready, they refer you to the "
    "training provider and follow up your application.",
)

_CLOSED_ON_HOLIDAYS = t(
    "Fermé le samedi, le dimanche et les jours fériés. Horaires réduits pendant le ramadan.",
    "مغلق يومي السبت والأحد وأيام العطل الرسمية. توقيت مخفَّض خلال شهر رمضان.",
    "Closed on Saturdays, Sundays and public holidays. Shorter hours during Ramadan.",
)


def _week(days: range, *periods: tuple[str, str]) -> list[tuple[int, str, str]]:
    """The same opening periods on each of ``days`` (0 = Monday)."""
    return [(day, opens, closes) for day in days for opens, closes in periods]


DESKS = [
    {
        "slug": "guichet-casablanca",
        "name": t(
            "Guichet d'information et d'orientation des migrants — Casablanca",
            "شباك الإعلام والتوجيه للمهاجرين — الدار البيضاء",
            "Migrant information and orientation desk — Casablanca",
        ),
        "city": "casablanca",
        "host": "isat-moulay-rachid",
        "address": t(
            "Institut spécialisé des arts traditionnels Moulay Rachid, Hay Mohammadi, Casablanca",
            "المعهد المتخصص للفنون التقليدية مولاي رشيد، الحي المحمدي، الدار البيضاء",
            "Moulay Rachid Specialised Institute of Traditional Arts, Hay Mohammadi, Casablanca",
        ),
        "services": join(
            _DESK_SERVICES,
            t(
                "C'est le premier guichet du réseau, ouvert en février 2024 dans le cadre du programme "
                "« Migration de ville à ville en Méditerranée », financé par l'Union européenne et mis en "
                "œuvre par l'ICMPD.",
                "وهو أول شباك في الشبكة، افتُتح في فبراير 2024 في إطار برنامج «الهجرة من مدينة إلى مدينة في "
                "المتوسط» الذي يموّله الاتحاد الأوروبي وينفّذه المركز الدولي لتطوير سياسات الهجرة.",
                "It is the network's first desk, opened in February 2024 under the Mediterranean City-to-City "
                "Migration programme, funded by the European Union and implemented by ICMPD.",
            ),
        ),
        "hours_note": _CLOSED_ON_HOLIDAYS,
        "phone": "+212 5 22 60 00 00",
        "email": "guichet.casablanca@example.org",
        "opened_on": datetime.date(2024, 2, 1),
        "opening_hours": _week(range(0, 4), ("09:00", "12:30"), ("14:00", "16:30"))
        + _week(range(4, 5), ("09:00", "12:00"), ("15:00", "16:30")),
    },
    {
        "slug": "guichet-rabat",
        "name": t(
            "Guichet d'information et d'orientation des migrants — Rabat",
            "شباك الإعلام والتوجيه للمهاجرين — الرباط",
            "Migrant information and orientation desk — Rabat",
        ),
        "city": "rabat",
        "host": None,
        "address": t(
            "Espace associatif du quartier Hassan, Rabat",
            "فضاء الجمعيات بحي حسان، الرباط",
            "Community space, Hassan district, Rabat",
        ),
        "services": join(
            _DESK_SERVICES,
            t(
                "Le mercredi après-midi, une conseillère reçoit aussi sur rendez-vous à Salé, au centre de "
                "formation des femmes.",
                "وفي زوال يوم الأربعاء، تستقبل مستشارةٌ أيضًا بموعد مسبق في سلا، بمركز التربية والتكوين للنساء.",
                "On Wednesday afternoons a counsellor also sees people by appointment in Salé, at the women's "
                "training centre.",
            ),
        ),
        "hours_note": _CLOSED_ON_HOLIDAYS,
        "phone": "+212 5 37 60 00 00",
        "email": "guichet.rabat@example.org",
        "opened_on": datetime.date(2025, 3, 3),
        "opening_hours": [*_week(range(0, 5), ("09:00", "13:00")), (2, "14:30", "17:00")],
    },
    {
        "slug": "guichet-tanger",
        "name": t(
            "Guichet d'information et d'orientation des migrants — Tanger",
            "شباك الإعلام والتوجيه للمهاجرين — طنجة",
            "Migrant information and orientation desk — Tangier",
        ),
        "city": "tanger",
        "host": "cfp-tanger",
        "address": t(
            "Centre de formation professionnelle de Tanger, route de Tétouan, Tanger",
            "مركز التكوين المهني بطنجة، طريق تطوان، طنجة",
            "Tangier Vocational Training Centre, Tetouan road, Tangier",
        ),
        "services": join(
            _DESK_SERVICES,
            t(
                "Les conseillers parlent aussi espagnol, et les offres d'emploi des usines de la région sont "
                "affichées chaque semaine.",
                "ويتحدث المستشارون الإسبانية أيضًا، وتُعلَّق كل أسبوع عروض الشغل في مصانع الجهة.",
                "Counsellors also speak Spanish, and job offers from factories in the region are posted every week.",
            ),
        ),
        "hours_note": t(
            "Ouvert le samedi matin; fermé le dimanche et les jours fériés.",
            "مفتوح صباح يوم السبت؛ ومغلق يوم الأحد وأيام العطل الرسمية.",
            "Open on Saturday mornings; closed on Sundays and public holidays.",
        ),
        "phone": "+212 5 39 60 00 00",
        "email": "guichet.tanger@example.org",
        "opened_on": datetime.date(2025, 6, 2),
        "opening_hours": [
            *_week(range(0, 4), ("09:00", "12:30"), ("14:00", "17:00")),
            (4, "09:00", "12:00"),
            (5, "09:30", "12:30"),
        ],
    },
    {
        "slug": "guichet-oujda",
        "name": t(
            "Guichet d'information et d'orientation des migrants — Oujda",
            "شباك الإعلام والتوجيه للمهاجرين — وجدة",
            "Migrant information and orientation desk — Oujda",
        ),
        "city": "oujda",
        "host": None,
        "address": t(
            "Maison des associations, centre-ville, Oujda",
            "دار الجمعيات، وسط المدينة، وجدة",
            "House of Associations, city centre, Oujda",
        ),
        "services": join(
            _DESK_SERVICES,
            t(
                "Le guichet oriente aussi vers les associations locales pour la santé, le logement et les "
                "démarches administratives.",
                "ويوجّه الشباك أيضًا نحو الجمعيات المحلية في مجالات الصحة والسكن والإجراءات الإدارية.",
                "The desk also refers people to local associations for health, housing and paperwork.",
            ),
        ),
        "hours_note": t(
            "Ouvert le matin, du lundi au jeudi. Fermé les jours fériés.",
            "مفتوح في الصباح من الإثنين إلى الخميس. ومغلق أيام العطل الرسمية.",
            "Open in the morning, Monday to Thursday. Closed on public holidays.",
        ),
        "phone": "+212 5 36 60 00 00",
        "email": "guichet.oujda@example.org",
        "opened_on": datetime.date(2025, 10, 1),
        "opening_hours": _week(range(0, 4), ("09:00", "13:00")),
    },
    {
        "slug": "guichet-fes",
        "name": t(
            "Guichet d'information et d'orientation des migrants — Fès",
            "شباك الإعلام والتوجيه للمهاجرين — فاس",
            "Migrant information and orientation desk — Fez",
        ),
        "city": "fes",
        "host": None,
        "address": t(
            "Espace jeunesse de la ville nouvelle, Fès",
            "فضاء الشباب بالمدينة الجديدة، فاس",
            "Youth centre, new town, Fez",
        ),
        "services": join(
            _DESK_SERVICES,
            t(
                "Chaque mardi, une conseillère se rend à Sefrou, dans les locaux de l'association Jiber, pour "
                "présenter les formations agricoles.",
                "وكل يوم ثلاثاء، تتنقّل مستشارة إلى صفرو، بمقر جمعية جيبر، لتقديم التكوينات الفلاحية.",
                "Every Tuesday a counsellor goes to Sefrou, to the Jiber association's premises, to present the "
                "farming programmes.",
            ),
        ),
        "hours_note": t(
            "Fermé le mardi (permanence à Sefrou), le week-end et les jours fériés.",
            "مغلق يوم الثلاثاء (بسبب المداومة في صفرو) وفي عطلة نهاية الأسبوع وأيام العطل الرسمية.",
            "Closed on Tuesdays (the counsellor is in Sefrou), at weekends and on public holidays.",
        ),
        "phone": "+212 5 35 60 00 00",
        "email": "guichet.fes@example.org",
        "opened_on": datetime.date(2025, 4, 14),
        "opening_hours": _week(range(0, 1), ("09:00", "12:30"), ("14:00", "16:30"))
        + _week(range(2, 5), ("09:00", "12:30"), ("14:00", "16:30")),
    },
    {
        "slug": "guichet-marrakech",
        "name": t(
            "Guichet d'information et d'orientation des migrants — Marrakech",
            "شباك الإعلام والتوجيه للمهاجرين — مراكش",
            "Migrant information and orientation desk — Marrakesh",
        ),
        "city": "marrakech",
        "host": "cfp-marrakech",
        "address": t(
            "Centre de formation professionnelle de Marrakech, quartier Daoudiate, Marrakech",
            "مركز التكوين المهني بمراكش، حي الداوديات، مراكش",
            "Marrakesh Vocational Training Centre, Daoudiate district, Marrakesh",
        ),
        "services": join(
            _DESK_SERVICES,
            t(
                "Chaque mois, le guichet organise une matinée de découverte des métiers de l'hôtellerie et de "
                "l'artisanat.",
                "وينظّم الشباك كل شهر صبيحة للتعرّف على مهن الفندقة والصناعة التقليدية.",
                "Each month the desk runs a morning to discover hotel and craft trades.",
            ),
        ),
        "hours_note": _CLOSED_ON_HOLIDAYS,
        "phone": "+212 5 24 60 00 00",
        "email": "guichet.marrakech@example.org",
        "opened_on": datetime.date(2026, 1, 12),
        "opening_hours": [*_week(range(0, 5), ("09:00", "12:00")), (1, "14:30", "17:30"), (3, "14:30", "17:30")],
    },
    {
        "slug": "guichet-agadir",
        "name": t(
            "Guichet d'information et d'orientation des migrants — Agadir",
            "شباك الإعلام والتوجيه للمهاجرين — أكادير",
            "Migrant information and orientation desk — Agadir",
        ),
        "city": "agadir",
        "host": "cfp-agadir",
        "address": t(
            "Centre de formation professionnelle d'Agadir, quartier industriel, Agadir",
            "مركز التكوين المهني بأكادير، الحي الصناعي، أكادير",
            "Agadir Vocational Training Centre, industrial district, Agadir",
        ),
        "services": join(
            _DESK_SERVICES,
            t(
                "Pendant la saison agricole, le guichet présente aussi les offres des exploitations de la "
                "plaine du Souss.",
                "وخلال الموسم الفلاحي، يعرض الشباك أيضًا عروض الشغل في ضيعات سهل سوس.",
                "During the farming season the desk also presents job offers from farms on the Souss plain.",
            ),
        ),
        "hours_note": t(
            "Le samedi matin, ouvert seulement de novembre à mai. Fermé les jours fériés.",
            "صباح يوم السبت، مفتوح فقط من نونبر إلى ماي. ومغلق أيام العطل الرسمية.",
            "Saturday mornings only from November to May. Closed on public holidays.",
        ),
        "phone": "+212 5 28 60 00 00",
        "email": "guichet.agadir@example.org",
        "opened_on": datetime.date(2026, 3, 2),
        "opening_hours": [*_week(range(0, 5), ("08:30", "12:30")), (5, "09:00", "12:00")],
    },
]
