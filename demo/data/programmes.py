"""The demo programmes and their sessions.

The pilot's institute offers free programmes in its eight artisan trades at
every level it teaches; the Académie its three-year diplomas; Sefrou its
8-month agriculture programme for 18 to 35 year olds and its 2-month upgrade
course; the other regions the service, building and craft programmes that
are open to migrants there.

Session dates are offsets in days from the day the data is loaded, so the
demo never goes stale: a session ``(21, 7, 20, 12)`` starts on the first
Monday 21 days or more from today, closes applications 7 days before (or
never, if ``None``), has 20 seats and 12 taken.
"""

from __future__ import annotations

from typing import Any

from demo.data.i18n import EMPTY, Text, join, t
from demo.data.levels import (
    ADMISSION_NOTES,
    CERTIFICATES,
    CRITERIA,
    DOCUMENTS,
    RESIDENCE_DOCUMENT,
    RESIDENCE_NOTES,
)

DEFAULT: Any = object()  # "use the level's rule", since None is a meaningful age limit

WOMEN_ONLY = t(
    "Formation réservée aux femmes.",
    "التكوين مخصّص للنساء.",
    "This programme is for women only.",
)


def programme(
    slug: str,
    provider: str,
    trade: str,
    city: str,
    level: str,
    *,
    title: Text,
    summary: Text,
    description: Text,
    duration_weeks: int,
    hours_per_week: int,
    sessions: list[tuple[int, int | None, int, int]],
    schedule: str = "full_time",
    schedule_note: Text = EMPTY,
    teaching_languages: tuple[str, ...] = ("ar", "ary", "fr"),
    required_languages: tuple[str, ...] = (),
    cost_mad: int = 0,
    residence: str = "residence_card",
    admission: str = DEFAULT,
    min_age: int | None = DEFAULT,
    max_age: int | None = DEFAULT,
    min_schooling: int = DEFAULT,
    documents: tuple[str, ...] = DEFAULT,
    extra_documents: tuple[str, ...] = (),
    certificate: Text = DEFAULT,
    admission_notes: Text = DEFAULT,
    notes_before: Text = EMPTY,
) -> dict[str, Any]:
    """One programme as a plain dict, its criteria defaulting to its level's rules."""
    rules = CRITERIA[level]
    residence_document = RESIDENCE_DOCUMENT[residence]
    if documents is DEFAULT:
        documents = DOCUMENTS[level]
    documents = ([residence_document] if residence_document else []) + list(documents) + list(extra_documents)
    if admission_notes is DEFAULT:
        admission_notes = join(notes_before, ADMISSION_NOTES[level], RESIDENCE_NOTES[residence])
    return {
        "slug": slug,
        "provider": provider,
        "trade": trade,
        "city": city,
        "title": title,
        "summary": summary,
        "description": description,
        "level": level,
        "certificate": CERTIFICATES[level] if certificate is DEFAULT else certificate,
        "duration_weeks": duration_weeks,
        "hours_per_week": hours_per_week,
        "schedule": schedule,
        "schedule_note": schedule_note,
        "teaching_languages": list(teaching_languages),
        "cost_mad": cost_mad,
        "admission": rules["admission"] if admission is DEFAULT else admission,
        "min_age": rules["min_age"] if min_age is DEFAULT else min_age,
        "max_age": rules["max_age"] if max_age is DEFAULT else max_age,
        "min_schooling": rules["min_schooling"] if min_schooling is DEFAULT else min_schooling,
        "residence": residence,
        "required_languages": list(required_languages),
        "required_documents": documents,
        "admission_notes": admission_notes,
        "sessions": [
            {
                "start_in_days": start,
                "deadline_days_before_start": deadline,
                "capacity": capacity,
                "seats_taken": taken,
            }
            for start, deadline, capacity, taken in sessions
        ],
    }


ISAT = "isat-moulay-rachid"
ACADEMY = "academie-arts-traditionnels"

# Two school years with internships; three for the Académie; one for most centres.
ONE_YEAR, TWO_YEARS, THREE_YEARS = 40, 80, 120

_CASABLANCA_INSTITUTE = [
    programme(
        "isat-jewellery-qualification",
        ISAT,
        "jewellery",
        "casablanca",
        "qualification",
        title=t(
            "Bijouterie — diplôme de qualification",
            "صناعة الحلي — دبلوم التأهيل",
            "Jewellery — qualification diploma",
        ),
        summary=t(
            "Deux ans pour apprendre à fabriquer des bijoux en argent, de la fonte au polissage.",
            "سنتان لتعلّم صناعة الحلي الفضية، من الصهر إلى الصقل.",
            "Two years to learn to make silver jewellery, from casting to polishing.",
        ),
        description=t(
            # Edited after its translation (demo/translations.py): the queue and the note show it.
            "Vous apprenez à scier, limer, souder et polir l'argent, puis à réaliser bagues, bracelets et "
            "boucles d'oreilles d'après des modèles traditionnels. La deuxième année comprend un stage de trois "
            "mois dans un atelier de l'ancienne médina de Casablanca et un module de gravure. Les outils et le "
            "métal d'exercice sont fournis par l'institut.",
            "تتعلّم نشر الفضة وبردها ولحامها وصقلها، ثم صنع الخواتم والأساور والأقراط وفق نماذج تقليدية. "
            "وتتضمن السنة الثانية تدريبًا في ورشة بالمدينة القديمة للدار البيضاء. ويوفّر المعهد الأدوات "
            "والمعدن اللازم للتمارين.",
            "You learn to saw, file, solder and polish silver, then to make rings, bracelets and earrings from "
            "traditional designs. The second year includes an internship in a workshop in Casablanca's old "
            "medina. The institute provides the tools and the practice metal.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=30,
        sessions=[(21, 7, 20, 12), (385, 30, 20, 0)],
    ),
    programme(
        "isat-stone-setting-evening",
        ISAT,
        "jewellery",
        "casablanca",
        "short_course",
        title=t(
            "Initiation au sertissage des pierres",
            "مدخل إلى ترصيع الأحجار",
            "Introduction to stone setting",
        ),
        summary=t(
            "Huit semaines de cours du soir pour apprendre à sertir une pierre sur un bijou.",
            "ثمانية أسابيع من الدروس المسائية لتعلّم ترصيع الأحجار في الحلي.",
            "Eight weeks of evening classes to learn to set a stone in a piece of jewellery.",
        ),
        description=t(
            "Ce cours s'adresse aux personnes qui ont déjà travaillé le métal ou qui veulent découvrir la "
            "bijouterie avant une formation longue. On y apprend à préparer le serti, à placer la pierre et à "
            "la fixer avec les outils du bijoutier. Les places sont peu nombreuses pour que chacun ait son "
            "établi.",
            "هذه الدروس موجّهة لمن سبق له العمل في المعادن أو لمن يرغب في اكتشاف صناعة الحلي قبل الالتحاق "
            "بتكوين طويل. يتعلّم المشاركون تهيئة مكان الحجر ووضعه وتثبيته بأدوات الصائغ. وعدد المقاعد محدود "
            "حتى تكون لكل مشارك طاولة عمل خاصة به.",
            "These classes are for people who have already worked with metal or want to discover jewellery "
            "before a long programme. You learn to prepare the setting, place the stone and secure it with "
            "the jeweller's tools. Places are few so that everyone has a workbench.",
        ),
        duration_weeks=8,
        hours_per_week=12,
        schedule="evenings",
        schedule_note=t(
            "Du lundi au jeudi, de 17 h 30 à 20 h 30.",
            "من الإثنين إلى الخميس، من الساعة 17:30 إلى 20:30.",
            "Monday to Thursday, 5.30 pm to 8.30 pm.",
        ),
        teaching_languages=("fr", "ary"),
        residence="legal_stay",
        min_schooling=1,
        sessions=[(9, None, 10, 9), (70, 7, 10, 0)],
    ),
    programme(
        "isat-art-metalwork-qualification",
        ISAT,
        "art-metalwork",
        "casablanca",
        "qualification",
        title=t(
            "Ferronnerie d'art — diplôme de qualification",
            "الحدادة الفنية — دبلوم التأهيل",
            "Art metalwork — qualification diploma",
        ),
        summary=t(
            "Deux ans pour apprendre à forger et à décorer le fer.",
            "سنتان لتعلّم طرق الحديد وزخرفته.",
            "Two years to learn to forge and decorate iron.",
        ),
        description=t(
            "La formation couvre la forge, le cintrage, la soudure et le découpage des motifs, puis la "
            "fabrication de grilles, de lanternes et de petits meubles. Une partie du temps se passe dans "
            "l'atelier de l'institut, l'autre en stage chez des ferronniers de la région. Les équipements de "
            "protection sont prêtés.",
            "يشمل التكوين الطرق في الكور وثني الحديد ولحامه وقطع الزخارف، ثم صنع الشبابيك والفوانيس وقطع "
            "الأثاث الصغيرة. يُقضى جزء من الوقت في ورشة المعهد، والجزء الآخر في تدريب لدى حدّادين بالجهة. "
            "وتُعار للمتدربين معدات الوقاية.",
            "The programme covers forging, bending, welding and cutting patterns, then making grilles, "
            "lanterns and small furniture. Part of the time is in the institute's workshop, the rest in "
            "internships with metalworkers in the region. Protective equipment is lent.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=30,
        sessions=[(35, 14, 16, 16), (120, 21, 16, 3)],
    ),
    programme(
        "isat-art-metalwork-apprenticeship",
        ISAT,
        "art-metalwork",
        "casablanca",
        "apprenticeship",
        title=t(
            "Ferronnerie d'art — apprentissage en atelier",
            "الحدادة الفنية — التكوين بالتدرج المهني",
            "Art metalwork — workshop apprenticeship",
        ),
        summary=t(
            "Un an chez un maître ferronnier, avec quelques jours par mois à l'institut.",
            "سنة لدى معلّم حدّاد، مع بضعة أيام في الشهر بالمعهد.",
            "One year with a master metalworker, with a few days a month at the institute.",
        ),
        description=t(
            "Vous travaillez aux côtés d'un maître artisan qui vous transmet les gestes du métier sur de vraies "
            "commandes. L'institut assure les cours de dessin, de sécurité et de calcul, et suit vos progrès "
            "avec l'artisan. À la fin, une épreuve pratique permet d'obtenir le certificat.",
            "تعمل إلى جانب معلّم حِرفي ينقل إليك حركات الحرفة من خلال طلبيات حقيقية. ويتولى المعهد دروس "
            "الرسم والسلامة والحساب، ويتابع تقدّمك بتنسيق مع الحِرفي. وفي النهاية، يتيح لك اختبار تطبيقي "
            "الحصول على الشهادة.",
            "You work alongside a master craftsman who passes on the skills of the trade on real orders. The "
            "institute teaches drawing, safety and arithmetic and follows your progress with the craftsman. At "
            "the end, a practical test leads to the certificate.",
        ),
        duration_weeks=48,
        hours_per_week=40,
        sessions=[(14, 7, 12, 10), (98, 14, 12, 0)],
    ),
    programme(
        "isat-joinery-qualification",
        ISAT,
        "joinery",
        "casablanca",
        "qualification",
        title=t(
            "Menuiserie — diplôme de qualification",
            "النجارة — دبلوم التأهيل",
            "Joinery — qualification diploma",
        ),
        summary=t(
            "Deux ans pour apprendre à fabriquer portes, fenêtres et meubles en bois massif.",
            "سنتان لتعلّم صنع الأبواب والنوافذ والأثاث من الخشب الصلب.",
            "Two years to learn to make doors, windows and furniture in solid wood.",
        ),
        description=t(
            "Vous apprenez à lire un plan, à choisir le bois, à tracer, scier et assembler à la main, puis avec "
            "les machines de l'atelier. La formation insiste sur la sécurité devant les machines et sur les "
            "finitions. Un stage en entreprise de menuiserie a lieu chaque année.",
            "تتعلّم قراءة المخطط واختيار الخشب والتخطيط والنشر والتجميع باليد، ثم بآلات الورشة. ويركّز "
            "التكوين على السلامة أثناء استعمال الآلات وعلى جودة التشطيب. ويُنظَّم كل سنة تدريب في مقاولة "
            "للنجارة.",
            "You learn to read a plan, choose timber, mark out, saw and join by hand, then with the workshop "
            "machines. The programme stresses safety at the machines and good finishing. There is an "
            "internship in a joinery company every year.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=30,
        sessions=[(49, 14, 18, 7), (140, 21, 18, 0)],
    ),
    programme(
        "isat-joinery-specialised-technician",
        ISAT,
        "joinery",
        "casablanca",
        "specialised_technician",
        title=t(
            "Menuiserie d'art — technicien spécialisé",
            "النجارة الفنية — دبلوم التقني المتخصص",
            "Fine joinery — specialised technician",
        ),
        summary=t(
            "Deux ans après le bac pour concevoir des menuiseries d'art et en diriger la fabrication.",
            "سنتان بعد البكالوريا لتعلّم تصميم أعمال النجارة الفنية وتسيير صنعها.",
            "Two years after the baccalaureate to design fine joinery and run its making.",
        ),
        description=t(
            "Le programme associe le dessin technique, le calcul des quantités et des coûts, et la pratique "
            "d'atelier sur des pièces décorées. Vous apprenez aussi à organiser une petite équipe et à répondre "
            "à la commande d'un client. Les cours théoriques sont donnés en français.",
            "يجمع البرنامج بين الرسم التقني وحساب الكميات والتكاليف والتطبيق في الورشة على قطع مزخرفة. كما "
            "تتعلّم تنظيم فريق صغير والاستجابة لطلبية زبون. وتُقدَّم الدروس النظرية باللغة الفرنسية.",
            "The programme combines technical drawing, working out quantities and costs, and workshop practice "
            "on decorated pieces. You also learn to organise a small team and to answer a customer's order. "
            "Theory classes are taught in French.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=32,
        teaching_languages=("fr", "ar"),
        required_languages=("fr",),
        sessions=[(63, 21, 20, 18), (161, 30, 20, 0)],
    ),
    programme(
        "isat-tailoring-qualification",
        ISAT,
        "tailoring",
        "casablanca",
        "qualification",
        title=t(
            "Couture traditionnelle — diplôme de qualification",
            "الخياطة التقليدية — دبلوم التأهيل",
            "Traditional tailoring — qualification diploma",
        ),
        summary=t(
            "Deux ans pour coudre caftans et djellabas, de la prise de mesures à la finition.",
            "سنتان لتعلّم خياطة القفاطين والجلابيب، من أخذ المقاسات إلى اللمسات الأخيرة.",
            "Two years to learn to sew kaftans and djellabas, from measuring to finishing.",
        ),
        description=t(
            "Vous apprenez la prise de mesures, le patronage, la coupe et l'assemblage, puis les finitions à la "
            "main comme la sfifa et les boutons aakad. Chaque stagiaire réalise un caftan complet à la fin de "
            "la deuxième année. Les machines et le tissu d'exercice sont fournis.",
            "تتعلّم أخذ المقاسات وإعداد الباترون والتفصيل والتجميع، ثم التشطيب اليدوي مثل السفيفة والعقاد. "
            "وينجز كل متدرب أو متدربة قفطانًا كاملًا في نهاية السنة الثانية. ويوفّر المعهد الآلات وقماش "
            "التمارين.",
            "You learn measuring, pattern making, cutting and assembling, then hand finishing such as sfifa "
            "braid and aakad buttons. Each trainee makes a complete kaftan at the end of the second year. "
            "Machines and practice fabric are provided.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=30,
        sessions=[(7, None, 24, 22), (91, 14, 24, 5), (280, 30, 24, 0)],
    ),
    programme(
        "isat-tailoring-specialisation",
        ISAT,
        "tailoring",
        "casablanca",
        "specialisation",
        title=t(
            "Couture — diplôme de spécialisation",
            "الخياطة — دبلوم التخصص",
            "Tailoring — specialisation diploma",
        ),
        summary=t(
            "Un an entre l'atelier d'une maîtresse couturière et l'institut pour apprendre la couture de base.",
            "سنة بين ورشة معلّمة خياطة والمعهد لتعلّم أساسيات الخياطة.",
            "One year between a master dressmaker's workshop and the institute to learn basic sewing.",
        ),
        description=t(
            "Cette formation s'adresse aux personnes qui ont terminé l'école primaire et veulent vite un métier. "
            "Vous apprenez à utiliser la machine à coudre, à couper d'après un patron et à faire les retouches "
            "courantes. Les journées à l'atelier permettent de travailler sur de vraies commandes.",
            "يستهدف هذا التكوين من أنهى المرحلة الابتدائية ويرغب في تعلّم مهنة بسرعة. تتعلّم استعمال آلة "
            "الخياطة والتفصيل حسب الباترون وإنجاز التعديلات الشائعة. وتتيح أيام العمل في الورشة الاشتغال على "
            "طلبيات حقيقية.",
            "This programme is for people who finished primary school and want a trade quickly. You learn to "
            "use a sewing machine, cut from a pattern and do common alterations. Days in the workshop let you "
            "work on real orders.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=36,
        sessions=[(28, 7, 15, 14), (126, 14, 15, 0)],
    ),
    programme(
        "isat-zellige-qualification",
        ISAT,
        "zellige",
        "casablanca",
        "qualification",
        title=t(
            "Zellige — diplôme de qualification",
            "الزليج — دبلوم التأهيل",
            "Zellige — qualification diploma",
        ),
        summary=t(
            "Deux ans pour apprendre à tailler et à poser le zellige.",
            "سنتان لتعلّم نقش الزليج وتركيبه.",
            "Two years to learn to cut and lay zellige.",
        ),
        description=t(
            "Vous apprenez à tracer étoiles et rosaces, à tailler les pièces au marteau (menqach) et à monter "
            "les panneaux à l'envers, comme les maîtres. La deuxième année est consacrée à la pose sur "
            "chantier: préparation du support, mortier et joints. La géométrie est enseignée pas à pas, sans "
            "connaissances préalables en mathématiques.",
            "تتعلّم رسم النجوم والوريدات ونقش القطع بالمنقاش وتركيب اللوحات مقلوبةً كما يفعل المعلّمون. "
            "وتُخصَّص السنة الثانية للتركيب في الأوراش: تهيئة السطح والملاط والفواصل. وتُدرَّس الأشكال "
            "الهندسية خطوة بخطوة دون الحاجة إلى معارف مسبقة في الرياضيات.",
            "You learn to draw stars and rosettes, to chip the pieces with the menqach hammer and to assemble "
            "panels face down, as the masters do. The second year is about laying on site: preparing the "
            "surface, mortar and joints. Geometry is taught step by step, with no maths background needed.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=30,
        sessions=[(42, 14, 16, 4), (210, 21, 16, 0)],
    ),
    programme(
        "isat-zellige-apprenticeship",
        ISAT,
        "zellige",
        "casablanca",
        "apprenticeship",
        title=t(
            "Zellige — apprentissage en atelier",
            "الزليج — التكوين بالتدرج المهني",
            "Zellige — workshop apprenticeship",
        ),
        summary=t(
            "Un an dans un atelier de zellige, avec des cours à l'institut.",
            "سنة في ورشة للزليج مع دروس بالمعهد.",
            "One year in a zellige workshop, with classes at the institute.",
        ),
        description=t(
            "Vous rejoignez l'équipe d'un maître zelligeur et apprenez d'abord à trier et à tailler des pièces "
            "simples, puis à monter des motifs. À l'institut, vous suivez des cours de tracé géométrique, de "
            "sécurité et de calcul. Ce parcours convient aux personnes qui apprennent mieux en faisant.",
            "تنضمّ إلى فريق معلّم في الزليج وتتعلّم أولًا فرز القطع البسيطة ونقشها، ثم تركيب الزخارف. وفي "
            "المعهد، تتابع دروسًا في الرسم الهندسي والسلامة والحساب. ويناسب هذا المسار من يتعلّم بشكل أفضل "
            "عن طريق الممارسة.",
            "You join a master zellige craftsman's team and first learn to sort and chip simple pieces, then to "
            "assemble patterns. At the institute you take classes in geometric drawing, safety and arithmetic. "
            "This path suits people who learn best by doing.",
        ),
        duration_weeks=48,
        hours_per_week=40,
        sessions=[(18, 7, 10, 10), (77, 14, 10, 8)],
    ),
    programme(
        "isat-plaster-qualification",
        ISAT,
        "plaster",
        "casablanca",
        "qualification",
        title=t(
            "Plâtre sculpté — diplôme de qualification",
            "النقش على الجبص — دبلوم التأهيل",
            "Carved plaster — qualification diploma",
        ),
        summary=t(
            "Deux ans pour apprendre à couler et à sculpter le plâtre décoratif.",
            "سنتان لتعلّم صبّ الجبص الزخرفي ونقشه.",
            "Two years to learn to cast and carve decorative plaster.",
        ),
        description=t(
            "Vous apprenez à préparer le plâtre et les surfaces, à tracer les motifs et à les sculpter au "
            "ciseau, des frises simples jusqu'aux muqarnas. L'hygiène et la sécurité (poussières, produits, "
            "travail en hauteur) font partie de chaque module. Des stages sur des chantiers de restauration "
            "sont proposés en deuxième année.",
            "تتعلّم تحضير الجبص والأسطح ورسم الزخارف ونقشها بالإزميل، من الأفاريز البسيطة إلى المقرنصات. "
            "وتدخل الصحة والسلامة (الغبار والمواد والعمل في المرتفعات) في كل وحدة. وتُقترح في السنة الثانية "
            "تداريب في أوراش الترميم.",
            "You learn to prepare plaster and surfaces, draw patterns and carve them with a chisel, from simple "
            "friezes up to muqarnas. Health and safety (dust, products, work at height) are part of every "
            "module. Internships on restoration sites are offered in the second year.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=30,
        sessions=[(56, 14, 16, 9), (182, 30, 16, 0)],
    ),
    programme(
        "isat-plaster-technician",
        ISAT,
        "plaster",
        "casablanca",
        "technician",
        title=t(
            "Plâtre sculpté — diplôme de technicien",
            "النقش على الجبص — دبلوم التقني",
            "Carved plaster — technician diploma",
        ),
        summary=t(
            "Deux ans pour maîtriser le plâtre décoratif et préparer un chantier.",
            "سنتان لإتقان الجبص الزخرفي وتحضير أوراش العمل.",
            "Two years to master decorative plaster and prepare a work site.",
        ),
        description=t(
            "Au-delà de la sculpture, ce niveau apprend à relever les mesures d'une pièce, à dessiner le décor "
            "à l'échelle et à estimer les matériaux et le temps. Vous travaillez sur des commandes réelles et "
            "restaurez des éléments anciens. Un stage de deux mois chez un maître gebbas complète la formation.",
            "إلى جانب النقش، يتعلّم المتدرب في هذا المستوى أخذ قياسات القاعة ورسم الزخرفة بالسلّم وتقدير "
            "المواد والوقت اللازمين. وتعمل على طلبيات حقيقية وترمّم عناصر قديمة. ويُكمل التكوينَ تدريبٌ "
            "لمدة شهرين لدى معلّم جبّاس.",
            "Beyond carving, this level teaches you to survey a room, draw the decoration to scale and estimate "
            "materials and time. You work on real orders and restore old pieces. A two-month internship with a "
            "master plaster carver completes the programme.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=32,
        teaching_languages=("ar", "fr"),
        sessions=[(84, 21, 16, 15), (266, 30, 16, 0)],
    ),
    programme(
        "isat-cut-stone-qualification",
        ISAT,
        "cut-stone",
        "casablanca",
        "qualification",
        title=t(
            "Pierre taillée — diplôme de qualification",
            "نحت الحجر — دبلوم التأهيل",
            "Cut stone — qualification diploma",
        ),
        summary=t(
            "Deux ans pour apprendre à tailler, sculpter et polir la pierre.",
            "سنتان لتعلّم قطع الحجر ونحته وصقله.",
            "Two years to learn to cut, carve and polish stone.",
        ),
        description=t(
            "Vous apprenez à reconnaître les pierres, à établir un plan de découpe, à tailler au ciseau et au "
            "maillet, puis à polir à la main. Les exercices vont de la moulure simple à la colonne et au "
            "chapiteau sculpté. Le travail est physique: l'atelier fournit chaussures de sécurité, lunettes et "
            "gants.",
            "تتعلّم التعرّف على أنواع الحجر وإعداد مخطط القطع والنحت بالإزميل والمطرقة الخشبية، ثم الصقل "
            "باليد. وتتدرّج التمارين من الإفريز البسيط إلى العمود والتاج المنحوت. والعمل بدني: توفّر الورشة "
            "أحذية السلامة والنظارات والقفازات.",
            "You learn to recognise stone types, draw a cutting plan, cut with chisel and mallet, then polish by "
            "hand. Exercises go from a simple moulding to a carved column and capital. The work is physical: "
            "the workshop provides safety shoes, goggles and gloves.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=30,
        sessions=[(25, 10, 12, 3), (150, 21, 12, 0)],
    ),
    programme(
        "isat-cut-stone-specialisation",
        ISAT,
        "cut-stone",
        "casablanca",
        "specialisation",
        title=t(
            "Pierre taillée — diplôme de spécialisation",
            "نحت الحجر — دبلوم التخصص",
            "Cut stone — specialisation diploma",
        ),
        summary=t(
            "Un an en atelier de taille de pierre, accessible après l'école primaire.",
            "سنة في ورشة لنحت الحجر، متاحة بعد المرحلة الابتدائية.",
            "One year in a stone-cutting workshop, open after primary school.",
        ),
        description=t(
            "Vous commencez par les gestes de base: tenir le ciseau, dresser une face, tracer une arête. Quatre "
            "jours par semaine se passent chez un artisan tailleur de pierre, et un jour à l'institut pour le "
            "dessin et la sécurité. À la fin, vous savez réaliser seul des éléments simples pour le bâtiment.",
            "تبدأ بالحركات الأساسية: مسك الإزميل وتسوية الوجه ورسم الحافة. وتقضي أربعة أيام في الأسبوع لدى "
            "حِرفي نحّات، ويومًا في المعهد لدروس الرسم والسلامة. وفي النهاية، تستطيع إنجاز عناصر بسيطة "
            "للبناء بمفردك.",
            "You start with the basic moves: holding the chisel, dressing a face, marking an edge. Four days a "
            "week are spent with a stone-cutting craftsman and one day at the institute for drawing and safety. "
            "By the end you can make simple building elements on your own.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=40,
        sessions=[(32, 7, 10, 1), (116, 14, 10, 0)],
    ),
    programme(
        "isat-wood-carving-qualification",
        ISAT,
        "wood-carving",
        "casablanca",
        "qualification",
        title=t(
            "Bois sculpté — diplôme de qualification",
            "النقش على الخشب — دبلوم التأهيل",
            "Wood carving — qualification diploma",
        ),
        summary=t(
            "Deux ans pour apprendre à sculpter le cèdre et à décorer portes et plafonds.",
            "سنتان لتعلّم نقش خشب الأرز وزخرفة الأبواب والأسقف.",
            "Two years to learn to carve cedar and decorate doors and ceilings.",
        ),
        description=t(
            "Vous apprenez à affûter et à entretenir vos outils, à reporter un motif sur le bois et à le "
            "sculpter en creux et en relief. Les projets vont du petit panneau au décor de porte, en passant par "
            "les caissons de plafond. Ici, le calme et la patience comptent plus que la force.",
            "تتعلّم شحذ أدواتك وصيانتها ونقل الزخرفة إلى الخشب ونقشها غائرةً وبارزة. وتتدرّج المشاريع من "
            "اللوحة الصغيرة إلى زخرفة الأبواب، مرورًا بصناديق الأسقف. والهدوء والصبر هنا أهمّ من القوة.",
            "You learn to sharpen and care for your tools, transfer a pattern to the wood and carve it in sunken "
            "and raised relief. Projects go from a small panel to door decoration, by way of ceiling coffers. "
            "Here, calm and patience count for more than strength.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=30,
        sessions=[(11, None, 16, 16), (60, 14, 16, 6), (240, 30, 16, 0)],
    ),
    programme(
        "isat-wood-carving-technician",
        ISAT,
        "wood-carving",
        "casablanca",
        "technician",
        title=t(
            "Bois sculpté — diplôme de technicien",
            "النقش على الخشب — دبلوم التقني",
            "Wood carving — technician diploma",
        ),
        summary=t(
            "Deux ans pour concevoir et réaliser des décors en bois sculpté.",
            "سنتان لتصميم الزخارف الخشبية المنقوشة وإنجازها.",
            "Two years to design and make carved wood decoration.",
        ),
        description=t(
            "Ce niveau ajoute la composition des motifs, le dessin à l'échelle et le calcul des quantités de "
            "bois. Vous réalisez un projet complet, de l'esquisse au montage, pour un client réel ou un monument "
            "en restauration. Une partie des cours théoriques est donnée en français.",
            "يضيف هذا المستوى تأليف الزخارف والرسم بالسلّم وحساب كميات الخشب. وتنجز مشروعًا كاملًا، من "
            "الرسم الأولي إلى التركيب، لفائدة زبون حقيقي أو معلمة في طور الترميم. ويُقدَّم جزء من الدروس "
            "النظرية باللغة الفرنسية.",
            "This level adds composing patterns, drawing to scale and working out quantities of wood. You carry "
            "out a full project, from sketch to fitting, for a real customer or a monument under restoration. "
            "Part of the theory is taught in French.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=32,
        teaching_languages=("ar", "fr"),
        required_languages=("fr",),
        sessions=[(105, 21, 14, 2), (300, 30, 14, 0)],
    ),
]


def _academy(trade: str, title: Text, summary: Text, description: Text, sessions: list) -> dict[str, Any]:
    return programme(
        f"academy-{trade}",
        ACADEMY,
        trade,
        "casablanca",
        "academy",
        title=title,
        summary=summary,
        description=description,
        duration_weeks=THREE_YEARS,
        hours_per_week=32,
        teaching_languages=("ar", "fr"),
        required_languages=("fr",),
        sessions=sessions,
    )


_ACADEMY = [
    _academy(
        "jewellery",
        t("Bijouterie — diplôme de l'Académie", "صناعة الحلي — دبلوم الأكاديمية", "Jewellery — Academy diploma"),
        t(
            "Trois ans après le bac pour devenir artisan créateur en bijouterie.",
            "ثلاث سنوات بعد البكالوريا لتصبح حِرفيًا مبدعًا في صناعة الحلي.",
            "Three years after the baccalaureate to become a designer-craftsman in jewellery.",
        ),
        t(
            "L'Académie forme des artisans de haut niveau, capables de créer et de transmettre. En bijouterie, "
            "vous étudiez les techniques anciennes (filigrane, émail, nielle) et le dessin de bijou avec des "
            "maîtres artisans reconnus. La troisième année se termine par une pièce de fin d'études présentée "
            "devant un jury.",
            "تكوّن الأكاديمية حِرفيين من مستوى عالٍ قادرين على الإبداع ونقل المعرفة. وفي تخصص الحلي، تدرس "
            "التقنيات العريقة (الخيوط المشبّكة والمينا والتنييل) ورسم الحلي على يد معلّمين حِرفيين مشهود لهم. "
            "وتُختتم السنة الثالثة بقطعة تخرّج تُعرض أمام لجنة.",
            "The Academy trains high-level craftspeople who can create and pass on their skills. In jewellery "
            "you study old techniques (filigree, enamel, niello) and jewellery design with recognised master "
            "craftsmen. The third year ends with a final piece presented to a jury.",
        ),
        [(150, 45, 12, 0)],
    ),
    _academy(
        "wood-carving",
        t(
            "Bois sculpté — diplôme de l'Académie",
            "النقش على الخشب — دبلوم الأكاديمية",
            "Wood carving — Academy diploma",
        ),
        t(
            "Trois ans après le bac pour maîtriser les grands décors en bois sculpté.",
            "ثلاث سنوات بعد البكالوريا لإتقان الزخارف الكبرى على الخشب المنقوش.",
            "Three years after the baccalaureate to master large carved-wood decoration.",
        ),
        t(
            "Vous approfondissez la sculpture sur cèdre et sur noyer, le dessin des motifs andalous et la "
            "composition des grands décors de plafonds et de portes. Des cours d'histoire de l'art et de "
            "géométrie accompagnent le travail d'atelier. Le projet de fin d'études est souvent réalisé pour un "
            "monument en restauration.",
            "تتعمّق في نقش خشب الأرز والجوز ورسم الزخارف الأندلسية وتأليف الزخارف الكبرى للأسقف والأبواب. "
            "وترافق دروسُ تاريخ الفن والهندسة العملَ في الورشة. وغالبًا ما يُنجَز مشروع التخرج لفائدة معلمة "
            "في طور الترميم.",
            "You deepen carving in cedar and walnut, drawing Andalusian patterns and composing large ceiling and "
            "door decorations. Art history and geometry classes go with the workshop. The final project is "
            "often made for a monument under restoration.",
        ),
        [(150, 45, 12, 4)],
    ),
    _academy(
        "art-metalwork",
        t(
            "Ferronnerie et dinanderie d'art — diplôme de l'Académie",
            "الحدادة والنحاسة الفنية — دبلوم الأكاديمية",
            "Art metalwork — Academy diploma",
        ),
        t(
            "Trois ans après le bac pour créer des ouvrages d'art en fer et en cuivre.",
            "ثلاث سنوات بعد البكالوريا لإبداع أعمال فنية من الحديد والنحاس.",
            "Three years after the baccalaureate to create works of art in iron and copper.",
        ),
        t(
            "Le parcours couvre la forge, le repoussé et la ciselure du cuivre et du laiton, ainsi que la "
            "conception de luminaires et de portes monumentales. Vous apprenez à dessiner vos propres modèles "
            "et à chiffrer un projet. Des visites d'ateliers à Fès et à Marrakech sont organisées chaque année.",
            "يشمل المسار الطرق في الكور والنقش البارز وزخرفة النحاس الأحمر والأصفر، إضافةً إلى تصميم الثريات "
            "والأبواب الكبيرة. وتتعلّم رسم نماذجك الخاصة وتقدير كلفة المشروع. وتُنظَّم كل سنة زيارات لورشات "
            "في فاس ومراكش.",
            "The course covers forging, repoussé and chasing of copper and brass, and the design of light "
            "fittings and monumental doors. You learn to draw your own designs and to price a project. Visits "
            "to workshops in Fez and Marrakesh are organised every year.",
        ),
        [(157, 45, 10, 0)],
    ),
    _academy(
        "plaster",
        t(
            "Plâtre sculpté — diplôme de l'Académie",
            "النقش على الجبص — دبلوم الأكاديمية",
            "Carved plaster — Academy diploma",
        ),
        t(
            "Trois ans après le bac pour concevoir les décors de plâtre sculpté.",
            "ثلاث سنوات بعد البكالوريا لتصميم زخارف الجبص المنقوش.",
            "Three years after the baccalaureate to design carved plaster decoration.",
        ),
        t(
            "Vous étudiez la géométrie des arcs et des muqarnas, la composition des frises et la restauration "
            "du plâtre ancien. Le travail d'atelier alterne avec des chantiers-écoles dans des monuments "
            "historiques. Vous apprenez aussi à diriger une équipe de gebbassa.",
            "تدرس هندسة الأقواس والمقرنصات وتأليف الأفاريز وترميم الجبص القديم. ويتناوب العمل في الورشة مع "
            "أوراش تطبيقية في معالم تاريخية. كما تتعلّم قيادة فريق من الجبّاسين.",
            "You study the geometry of arches and muqarnas, composing friezes and restoring old plaster. "
            "Workshop time alternates with training sites in historic monuments. You also learn to lead a team "
            "of plaster carvers.",
        ),
        [(157, 45, 10, 2)],
    ),
    _academy(
        "cut-stone",
        t(
            "Taille de pierre — diplôme de l'Académie",
            "نحت الحجر — دبلوم الأكاديمية",
            "Stone cutting — Academy diploma",
        ),
        t(
            "Trois ans après le bac pour tailler et sculpter la pierre des monuments.",
            "ثلاث سنوات بعد البكالوريا لقطع أحجار المعالم ونحتها.",
            "Three years after the baccalaureate to cut and carve the stone of monuments.",
        ),
        t(
            "Vous apprenez la stéréotomie (le tracé des pierres d'un arc ou d'une voûte), la sculpture "
            "d'ornements et la restauration des façades anciennes. Les projets se font avec des architectes et "
            "des maîtres tailleurs. Le diplôme ouvre aux chantiers du patrimoine et à l'enseignement.",
            "تتعلّم فنّ تقطيع الحجر (رسم أحجار القوس أو القبو) ونحت الزخارف وترميم الواجهات القديمة. وتُنجَز "
            "المشاريع مع مهندسين معماريين ومعلّمين نحّاتين. ويفتح الدبلوم الباب أمام أوراش التراث والتدريس.",
            "You learn stereotomy (laying out the stones of an arch or vault), carving ornaments and restoring "
            "old façades. Projects are done with architects and master stone cutters. The diploma leads to "
            "heritage sites and teaching.",
        ),
        [(164, 45, 8, 0)],
    ),
    _academy(
        "zellige",
        t("Zellige — diplôme de l'Académie", "الزليج — دبلوم الأكاديمية", "Zellige — Academy diploma"),
        t(
            "Trois ans après le bac pour composer et réaliser de grands décors en zellige.",
            "ثلاث سنوات بعد البكالوريا لتأليف زخارف الزليج الكبرى وإنجازها.",
            "Three years after the baccalaureate to compose and make large zellige decoration.",
        ),
        t(
            "Le parcours approfondit la géométrie des rosaces à 8, 16 et 24 branches, le choix des couleurs et "
            "la pose des grandes surfaces. Vous apprenez à dessiner un décor complet et à organiser le travail "
            "d'une équipe de zelligeurs. La dernière année comprend un long stage sur un grand chantier.",
            "يتعمّق المسار في هندسة الوريدات ذات 8 و16 و24 فرعًا واختيار الألوان وتركيب المساحات الكبيرة. "
            "وتتعلّم رسم زخرفة كاملة وتنظيم عمل فريق من حِرفيي الزليج. وتتضمّن السنة الأخيرة تدريبًا طويلًا "
            "في ورش كبير.",
            "The course goes deeper into the geometry of 8-, 16- and 24-point rosettes, choosing colours and "
            "laying large surfaces. You learn to draw a complete design and to organise a team of zellige "
            "craftsmen. The last year includes a long internship on a major site.",
        ),
        [(164, 45, 10, 1)],
    ),
]

_SEFROU = [
    programme(
        "el-menzel-agriculture",
        "cqa-el-menzel",
        "agriculture",
        "el-menzel",
        "qualification",
        title=t(
            "Ouvrier agricole qualifié — formation de 8 mois",
            "عامل فلاحي مؤهَّل — تكوين لمدة 8 أشهر",
            "Skilled farm worker — 8-month programme",
        ),
        summary=t(
            "Huit mois pour apprendre le travail des champs, des vergers et des serres, près de Sefrou.",
            "ثمانية أشهر لتعلّم العمل في الحقول والبساتين والبيوت المغطاة، قرب صفرو.",
            "Eight months to learn field, orchard and greenhouse work, near Sefrou.",
        ),
        description=t(
            "Organisée avec l'association Jiber pour des personnes migrantes en situation régulière, cette "
            "formation se passe surtout sur les parcelles du centre: préparation du sol, semis, irrigation, "
            "taille des oliviers et des cerisiers, traitements et récolte. Des cours sur la sécurité et sur les "
            "droits des ouvriers agricoles sont donnés en arabe et en français. À la fin, le centre aide à "
            "trouver un emploi saisonnier ou permanent dans les exploitations de la région.",
            "يُنظَّم هذا التكوين بشراكة مع جمعية جيبر لفائدة المهاجرين في وضعية نظامية، ويجري أساسًا في قطع "
            "أرض المركز: تهيئة التربة والبذر والسقي وتقليم أشجار الزيتون والكرز والمعالجة والجني. وتُقدَّم "
            "دروس في السلامة وفي حقوق العمال الفلاحيين باللغتين العربية والفرنسية. وفي النهاية، يساعد المركز "
            "على إيجاد عمل موسمي أو دائم في ضيعات الجهة.",
            "Run with the Jiber association for migrants in a regular situation, this programme mostly takes "
            "place on the centre's plots: preparing soil, sowing, irrigation, pruning olive and cherry trees, "
            "treatments and harvest. Classes on safety and on farm workers' rights are given in Arabic and "
            "French. At the end, the centre helps trainees find seasonal or permanent work on farms in the "
            "region.",
        ),
        certificate=t(
            "Attestation de qualification agricole",
            "شهادة التأهيل الفلاحي",
            "Agricultural qualification certificate",
        ),
        duration_weeks=35,
        hours_per_week=30,
        admission="interview",
        min_age=18,
        max_age=35,
        min_schooling=1,
        documents=("identity-photos", "medical-certificate"),
        admission_notes=t(
            "Avoir entre 18 et 35 ans, être en situation régulière et savoir un peu lire et compter. Un "
            "entretien permet de vérifier votre motivation et votre santé pour le travail en plein air. Le "
            "centre n'offre pas de logement, mais il vous indique comment venir depuis Sefrou.",
            "أن يتراوح سنّك بين 18 و35 سنة، وأن تكون في وضعية نظامية، وأن تعرف قليلًا من القراءة والحساب. "
            "وتسمح مقابلة بالتأكد من رغبتك ومن قدرتك الصحية على العمل في الهواء الطلق. ولا يوفّر المركز "
            "السكن، لكنه يدلّك على وسائل التنقل من صفرو.",
            "Be between 18 and 35, in a regular situation, and able to read and count a little. An interview "
            "checks your motivation and your health for outdoor work. The centre offers no housing, but it "
            "tells you how to get there from Sefrou.",
        ),
        sessions=[(24, 10, 25, 19), (200, 30, 25, 0)],
    ),
    programme(
        "jiber-agriculture-upgrade",
        "association-jiber",
        "agriculture",
        "sefrou",
        "short_course",
        title=t(
            "Remise à niveau en agriculture — 2 mois",
            "تكوين تأهيلي في الفلاحة — شهران",
            "Farming upgrade course — 2 months",
        ),
        summary=t(
            "Deux mois pour mettre à jour ses savoir-faire agricoles avant un emploi ou une formation longue.",
            "شهران لتحديث المهارات الفلاحية قبل الالتحاق بعمل أو بتكوين طويل.",
            "Two months to update your farming skills before a job or a longer programme.",
        ),
        description=t(
            "Ce module est pensé pour les personnes qui ont déjà travaillé la terre dans leur pays. On y "
            "apprend les cultures de la région de Sefrou, l'irrigation au goutte-à-goutte, l'usage sûr des "
            "produits de traitement et le vocabulaire agricole en darija. Les séances ont lieu le matin, ce qui "
            "laisse l'après-midi libre pour travailler.",
            "صُمّمت هذه الوحدة لمن سبق له العمل في الأرض في بلده. ويتعلّم فيها المشاركون زراعات منطقة صفرو "
            "والسقي بالتنقيط والاستعمال الآمن لمواد المعالجة والمفردات الفلاحية بالدارجة. وتُعقد الحصص في "
            "الصباح، مما يترك الفترة المسائية حرة للعمل.",
            "This module is designed for people who already worked the land in their own country. It covers the "
            "crops of the Sefrou area, drip irrigation, safe use of treatment products and farming vocabulary in "
            "Darija. Sessions are in the morning, leaving the afternoon free for work.",
        ),
        duration_weeks=8,
        hours_per_week=20,
        schedule="part_time",
        schedule_note=t(
            "Du lundi au vendredi, de 8 h 30 à 12 h 30.",
            "من الإثنين إلى الجمعة، من 8:30 إلى 12:30.",
            "Monday to Friday, 8.30 am to 12.30 pm.",
        ),
        teaching_languages=("ary", "fr", "ar"),
        residence="legal_stay",
        admission="interview",
        max_age=35,
        extra_documents=("cv",),
        admission_notes=t(
            "Avoir entre 18 et 35 ans et une première expérience du travail agricole, même sans diplôme. Un "
            "court entretien à l'association permet de connaître votre expérience. Un passeport valide ou un "
            "autre document de séjour régulier suffit.",
            "أن يتراوح سنّك بين 18 و35 سنة وأن تكون لديك تجربة أولى في العمل الفلاحي، ولو بدون شهادة. وتسمح "
            "مقابلة قصيرة في الجمعية بالتعرّف على تجربتك. ويكفي جواز سفر ساري المفعول أو أي وثيقة أخرى تُثبت "
            "الإقامة النظامية.",
            "Be between 18 and 35 and have some farm work experience, even without a diploma. A short interview "
            "at the association is a chance to talk about your experience. A valid passport or another proof of "
            "legal stay is enough.",
        ),
        sessions=[(16, 5, 20, 18), (75, 10, 20, 0), (135, 10, 20, 0)],
    ),
    programme(
        "jiber-olive-pruning",
        "association-jiber",
        "agriculture",
        "sefrou",
        "short_course",
        title=t(
            "Taille et entretien des oliviers",
            "تقليم أشجار الزيتون والعناية بها",
            "Olive tree pruning and care",
        ),
        summary=t(
            "Trois week-ends pour apprendre à tailler et à soigner les oliviers.",
            "ثلاث عطل نهاية أسبوع لتعلّم تقليم أشجار الزيتون والعناية بها.",
            "Three weekends to learn to prune and care for olive trees.",
        ),
        description=t(
            "Cet atelier pratique se déroule dans des oliveraies partenaires autour de Sefrou, avec un "
            "technicien agricole. Vous apprenez à choisir les branches à couper, à utiliser le sécateur et la "
            "scie en sécurité et à reconnaître les maladies courantes. Il est ouvert à tous, sans condition de "
            "diplôme.",
            "تجري هذه الورشة التطبيقية في حقول زيتون شريكة حول صفرو، برفقة تقني فلاحي. وتتعلّم اختيار الأغصان "
            "التي يجب قطعها واستعمال المقص والمنشار بأمان والتعرّف على الأمراض الشائعة. وهي مفتوحة للجميع دون "
            "شرط الشهادة.",
            "This hands-on workshop takes place in partner olive groves around Sefrou with a farm technician. "
            "You learn which branches to cut, how to use secateurs and saw safely and how to spot common "
            "diseases. It is open to everyone, with no diploma required.",
        ),
        duration_weeks=3,
        hours_per_week=12,
        schedule="weekends",
        schedule_note=t(
            "Samedi et dimanche, de 8 h à 14 h.",
            "يومي السبت والأحد، من 8:00 إلى 14:00.",
            "Saturday and Sunday, 8 am to 2 pm.",
        ),
        teaching_languages=("ary", "fr"),
        residence="none",
        sessions=[(5, None, 15, 6), (40, None, 15, 0)],
    ),
]

_RABAT_SALE = [
    programme(
        "rabat-electrical-qualification",
        "cfp-rabat",
        "electrical-installation",
        "rabat",
        "qualification",
        title=t(
            "Électricité du bâtiment — qualification",
            "كهرباء المباني — التأهيل",
            "Building electrician — qualification",
        ),
        summary=t(
            "Un an pour apprendre à installer l'électricité d'un logement en sécurité.",
            "سنة لتعلّم تركيب كهرباء المسكن بأمان.",
            "One year to learn to wire a home safely.",
        ),
        description=t(
            "Vous apprenez à lire un schéma électrique, à poser gaines et câbles, à installer prises, "
            "interrupteurs et tableau, puis à contrôler l'installation avec un multimètre. Les règles de "
            "sécurité et la norme marocaine des installations sont étudiées dès le premier mois. Un stage de "
            "six semaines en entreprise termine l'année.",
            "تتعلّم قراءة المخطط الكهربائي ومدّ الأنابيب والأسلاك وتركيب المآخذ والقواطع واللوحة الكهربائية، "
            "ثم فحص التركيب بجهاز القياس المتعدد. وتُدرَس قواعد السلامة والمعيار المغربي للتركيبات منذ الشهر "
            "الأول. ويُختتم العام بتدريب لمدة ستة أسابيع في مقاولة.",
            "You learn to read a wiring diagram, lay conduits and cables, install sockets, switches and a "
            "distribution board, then test the installation with a multimeter. Safety rules and the Moroccan "
            "installation standard are studied from the first month. A six-week company internship ends the "
            "year.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=35,
        teaching_languages=("fr", "ar"),
        required_languages=("fr",),
        sessions=[(20, 7, 24, 23), (130, 21, 24, 0)],
    ),
    programme(
        "rabat-pastry-qualification",
        "cfp-rabat",
        "pastry",
        "rabat",
        "qualification",
        title=t("Pâtisserie — qualification", "الحلويات — التأهيل", "Pastry — qualification"),
        summary=t(
            "Un an pour apprendre la pâtisserie moderne et marocaine.",
            "سنة لتعلّم الحلويات العصرية والمغربية.",
            "One year to learn modern and Moroccan pastry.",
        ),
        description=t(
            "La formation couvre les pâtes de base, les crèmes, la viennoiserie, les gâteaux de fête et les "
            "pâtisseries marocaines. Vous travaillez dans un laboratoire équipé comme une vraie pâtisserie, en "
            "suivant les règles d'hygiène HACCP. Un stage dans un hôtel ou une pâtisserie de Rabat est prévu au "
            "second semestre.",
            "يشمل التكوين العجائن الأساسية والكريمات والمعجنات الصباحية وحلويات الحفلات والحلويات المغربية. "
            "وتعمل في مختبر مجهّز مثل محل حلويات حقيقي، مع احترام قواعد النظافة وفق نظام HACCP. ويُبرمج تدريب "
            "في فندق أو محل حلويات بالرباط خلال الأسدس الثاني.",
            "The programme covers basic doughs, creams, viennoiserie, celebration cakes and Moroccan pastries. "
            "You work in a lab equipped like a real pastry shop, following HACCP hygiene rules. An internship in "
            "a Rabat hotel or pastry shop is planned in the second semester.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=30,
        teaching_languages=("fr", "ar"),
        sessions=[(45, 14, 20, 20), (110, 14, 20, 8)],
    ),
    programme(
        "kenitra-home-electrics-evening",
        "cfp-rabat",
        "electrical-installation",
        "kenitra",
        "short_course",
        title=t(
            "Électricité domestique — cours du soir à Kénitra",
            "الكهرباء المنزلية — دروس مسائية بالقنيطرة",
            "Home electrics — evening course in Kenitra",
        ),
        summary=t(
            "Dix semaines de cours du soir pour apprendre les bases de l'électricité domestique.",
            "عشرة أسابيع من الدروس المسائية لتعلّم أساسيات الكهرباء المنزلية.",
            "Ten weeks of evening classes to learn the basics of home electrics.",
        ),
        description=t(
            "Ce cours s'adresse aux personnes qui travaillent déjà, par exemple dans le bâtiment, et veulent "
            "apprendre à poser une prise, un point lumineux ou un petit tableau en sécurité. Il a lieu dans "
            "l'annexe du centre à Kénitra. Les frais d'inscription couvrent le matériel utilisé en cours.",
            "هذه الدروس موجّهة لمن يعمل أصلًا، في البناء مثلًا، ويرغب في تعلّم تركيب مأخذ كهربائي أو نقطة "
            "إنارة أو لوحة صغيرة بأمان. وتُعقد في ملحقة المركز بالقنيطرة. وتغطي رسوم التسجيل المعدات "
            "المستعملة خلال الحصص.",
            "This course is for people who already work, in building for example, and want to learn to fit a "
            "socket, a light point or a small board safely. It is held at the centre's annex in Kenitra. The "
            "registration fee covers the materials used in class.",
        ),
        duration_weeks=10,
        hours_per_week=9,
        schedule="evenings",
        schedule_note=t(
            "Lundi, mercredi et jeudi, de 18 h à 21 h.",
            "أيام الإثنين والأربعاء والخميس، من 18:00 إلى 21:00.",
            "Monday, Wednesday and Thursday, 6 pm to 9 pm.",
        ),
        teaching_languages=("fr", "ary"),
        cost_mad=500,
        residence="legal_stay",
        min_schooling=1,
        sessions=[(12, 3, 16, 11), (84, 7, 16, 0)],
    ),
    programme(
        "sale-tailoring-apprenticeship",
        "centre-femmes-sale",
        "tailoring",
        "sale",
        "apprenticeship",
        title=t(
            "Couture — apprentissage pour les femmes",
            "الخياطة — تكوين بالتدرج المهني للنساء",
            "Tailoring — apprenticeship for women",
        ),
        summary=t(
            "Un an de cours le matin pour apprendre la couture et les retouches, réservé aux femmes.",
            "سنة من الدروس الصباحية لتعلّم الخياطة وإصلاح الملابس، مخصّصة للنساء.",
            "One year of morning classes to learn sewing and alterations, for women only.",
        ),
        description=t(
            "Les cours ont lieu le matin, pour laisser le temps de s'occuper des enfants l'après-midi. Vous "
            "apprenez la machine à coudre, la coupe simple, les retouches et la confection de vêtements "
            "d'enfants et de linge de maison. Une garderie accueille les jeunes enfants pendant les cours, dans "
            "la limite des places.",
            "تُقدَّم الدروس في الصباح لإتاحة الوقت لرعاية الأطفال بعد الزوال. وتتعلّمين استعمال آلة الخياطة "
            "والتفصيل البسيط وإصلاح الملابس وخياطة ملابس الأطفال والمفروشات المنزلية. وتستقبل روضةٌ الأطفالَ "
            "الصغار أثناء الدروس، في حدود الأماكن المتوفرة.",
            "Classes are in the morning, leaving afternoons free for children. You learn the sewing machine, "
            "simple cutting, alterations and making children's clothes and household linen. A crèche looks after "
            "young children during classes, as long as places last.",
        ),
        duration_weeks=48,
        hours_per_week=25,
        schedule="part_time",
        schedule_note=t(
            "Du lundi au vendredi, de 8 h 30 à 13 h 30.",
            "من الإثنين إلى الجمعة، من 8:30 إلى 13:30.",
            "Monday to Friday, 8.30 am to 1.30 pm.",
        ),
        teaching_languages=("ary", "ar", "fr"),
        residence="legal_stay",
        extra_documents=("proof-of-address",),
        notes_before=WOMEN_ONLY,
        sessions=[(8, None, 20, 17), (64, 7, 20, 0)],
    ),
    programme(
        "sale-hairdressing-short",
        "centre-femmes-sale",
        "hairdressing",
        "sale",
        "short_course",
        title=t(
            "Coiffure et soins des cheveux — formation courte",
            "تصفيف الشعر والعناية به — تكوين قصير",
            "Hairdressing and hair care — short course",
        ),
        summary=t(
            "Quatre mois pour apprendre les coupes, les tresses et les soins de base.",
            "أربعة أشهر لتعلّم القصّات والضفائر والعلاجات الأساسية.",
            "Four months to learn cuts, braids and basic hair care.",
        ),
        description=t(
            "Ce cours pratique prépare à travailler dans un salon de quartier ou à domicile. Vous apprenez le "
            "lavage, les coupes simples, le brushing, les tresses africaines et marocaines et les règles "
            "d'hygiène. Les stagiaires s'exercent sur des modèles volontaires dans le salon-école du centre.",
            "تُعِدّ هذه الدروس التطبيقية للعمل في صالون الحيّ أو في المنازل. وتتعلّمين غسل الشعر والقصّات "
            "البسيطة والتجفيف بالمجفف والضفائر الإفريقية والمغربية وقواعد النظافة. وتتمرّن المتدربات على "
            "متطوعات في الصالون التعليمي للمركز.",
            "This practical course prepares you to work in a neighbourhood salon or at people's homes. You "
            "learn washing, simple cuts, blow-drying, African and Moroccan braids, and hygiene rules. Trainees "
            "practise on volunteer models in the centre's training salon.",
        ),
        duration_weeks=16,
        hours_per_week=15,
        schedule="part_time",
        teaching_languages=("ary", "fr"),
        residence="none",
        notes_before=WOMEN_ONLY,
        sessions=[(3, None, 14, 14), (33, None, 14, 5), (95, 7, 14, 0)],
    ),
    programme(
        "sale-moroccan-pastry-short",
        "centre-femmes-sale",
        "pastry",
        "sale",
        "short_course",
        title=t(
            "Pâtisserie marocaine — formation courte",
            "الحلويات المغربية — تكوين قصير",
            "Moroccan pastry — short course",
        ),
        summary=t(
            "Trois mois pour apprendre les gâteaux marocains et les vendre sur commande.",
            "ثلاثة أشهر لتعلّم الحلويات المغربية وبيعها حسب الطلب.",
            "Three months to learn Moroccan sweets and sell them to order.",
        ),
        description=t(
            "Cornes de gazelle, ghriba, briouates, chebakia: vous apprenez les recettes de base, les dosages et "
            "la cuisson. Une partie du cours porte sur l'hygiène, le calcul du prix de revient et la prise de "
            "commandes, pour pouvoir travailler depuis chez soi. Les ingrédients sont fournis par le centre.",
            "كعب الغزال والغريبة والبريوات والشباكية: تتعلّمين الوصفات الأساسية والمقادير والطهي. ويتناول جزء "
            "من الدرس النظافة وحساب ثمن التكلفة وتلقّي الطلبيات، للتمكّن من العمل من البيت. ويوفّر المركز "
            "المكونات.",
            "Gazelle horns, ghriba, briouats, chebakia: you learn the basic recipes, measuring and baking. Part "
            "of the course covers hygiene, working out the cost price and taking orders, so you can work from "
            "home. The centre provides the ingredients.",
        ),
        duration_weeks=12,
        hours_per_week=12,
        schedule="part_time",
        teaching_languages=("ary", "ar", "fr"),
        residence="none",
        notes_before=WOMEN_ONLY,
        sessions=[(19, 5, 12, 10), (105, 7, 12, 0)],
    ),
]

_TANGER = [
    programme(
        "tanger-industrial-sewing-qualification",
        "cfp-tanger",
        "tailoring",
        "tanger",
        "qualification",
        title=t(
            "Couture industrielle — qualification",
            "الخياطة الصناعية — التأهيل",
            "Industrial sewing — qualification",
        ),
        summary=t(
            "Un an pour devenir opératrice ou opérateur de confection dans l'industrie textile.",
            "سنة لتصبح عاملًا أو عاملة في خياطة الملابس بالصناعة النسيجية.",
            "One year to become a sewing machine operator in the clothing industry.",
        ),
        description=t(
            "Tanger compte de nombreuses usines de confection qui recrutent. Vous apprenez les machines "
            "industrielles (piqueuse plate, surjeteuse, recouvreuse), le travail à la chaîne, le contrôle "
            "qualité et les règles de sécurité. Des visites d'usines et un stage de quatre semaines facilitent "
            "l'embauche.",
            "تضمّ طنجة مصانع عديدة لصناعة الألبسة تبحث عن يد عاملة. وتتعلّم استعمال الآلات الصناعية (آلة "
            "الدرز المستقيم وآلة الحبكة وآلة التغطية) والعمل في سلسلة الإنتاج ومراقبة الجودة وقواعد السلامة. "
            "وتُسهّل زيارات المصانع وتدريب لمدة أربعة أسابيع الحصول على عمل.",
            "Tangier has many clothing factories that are hiring. You learn industrial machines (lockstitch, "
            "overlock, coverstitch), assembly-line work, quality control and safety rules. Factory visits and a "
            "four-week internship make it easier to get hired.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=35,
        teaching_languages=("fr", "ar", "es"),
        sessions=[(27, 7, 30, 21), (118, 14, 30, 0)],
    ),
    programme(
        "tetouan-electrical-technician",
        "cfp-tanger",
        "electrical-installation",
        "tetouan",
        "technician",
        title=t(
            "Électricité du bâtiment — technicien, à Tétouan",
            "كهرباء المباني — تقني، بتطوان",
            "Building electrician — technician, in Tetouan",
        ),
        summary=t(
            "Deux ans pour installer, mettre en service et dépanner les installations électriques.",
            "سنتان لتعلّم تركيب التجهيزات الكهربائية وتشغيلها وإصلاح أعطابها.",
            "Two years to install, commission and troubleshoot electrical installations.",
        ),
        description=t(
            "Au-delà du câblage, vous apprenez à dimensionner les circuits, à lire les plans d'un immeuble, à "
            "installer éclairage, alarmes et petites installations solaires, et à chercher les pannes. La "
            "formation a lieu à l'annexe du centre à Tétouan. Les cours sont donnés en français, avec un "
            "soutien en arabe.",
            "إلى جانب التوصيل، تتعلّم حساب أبعاد الدارات وقراءة تصاميم العمارات وتركيب الإنارة وأجهزة "
            "الإنذار والتجهيزات الشمسية الصغيرة والبحث عن الأعطاب. ويجري التكوين في ملحقة المركز بتطوان. "
            "وتُقدَّم الدروس بالفرنسية مع دعم باللغة العربية.",
            "Beyond wiring, you learn to size circuits, read building plans, install lighting, alarms and small "
            "solar systems, and find faults. The programme takes place at the centre's annex in Tetouan. Classes "
            "are in French, with support in Arabic.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=35,
        teaching_languages=("fr", "ar"),
        required_languages=("fr",),
        sessions=[(70, 21, 22, 12), (250, 30, 22, 0)],
    ),
    programme(
        "tanger-pastry-specialisation",
        "cfp-tanger",
        "pastry",
        "tanger",
        "specialisation",
        title=t("Pâtisserie — spécialisation", "الحلويات — التخصص", "Pastry — specialisation"),
        summary=t(
            "Un an en alternance entre une pâtisserie de Tanger et le centre.",
            "سنة بالتناوب بين محل للحلويات بطنجة والمركز.",
            "One year alternating between a Tangier pastry shop and the centre.",
        ),
        description=t(
            "Une pâtisserie partenaire vous accueille quatre jours par semaine, et vous venez au centre un jour "
            "pour la technologie, l'hygiène et le calcul. Vous apprenez la production de tous les jours: pâtes, "
            "crèmes, viennoiseries, gâteaux simples. Ce parcours convient à qui veut travailler vite et "
            "apprendre sur le terrain.",
            "يستقبلك محل حلويات شريك أربعة أيام في الأسبوع، وتحضر إلى المركز يومًا واحدًا لدروس التكنولوجيا "
            "والنظافة والحساب. وتتعلّم الإنتاج اليومي: العجائن والكريمات والمعجنات الصباحية والكعك البسيط. "
            "ويناسب هذا المسار من يريد العمل بسرعة والتعلّم في الميدان.",
            "A partner pastry shop takes you four days a week, and you come to the centre one day for "
            "technology, hygiene and arithmetic. You learn everyday production: doughs, creams, viennoiserie, "
            "simple cakes. This path suits people who want to work soon and learn on the job.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=40,
        teaching_languages=("fr", "ar", "es"),
        sessions=[(15, 5, 12, 6), (140, 14, 12, 0)],
    ),
]

_OUJDA = [
    programme(
        "oujda-electrical-qualification",
        "cfp-oujda",
        "electrical-installation",
        "oujda",
        "qualification",
        title=t(
            "Électricité du bâtiment — qualification",
            "كهرباء المباني — التأهيل",
            "Building electrician — qualification",
        ),
        summary=t(
            "Un an pour apprendre à câbler et à entretenir l'électricité des bâtiments.",
            "سنة لتعلّم توصيل كهرباء المباني وصيانتها.",
            "One year to learn to wire and maintain building electrics.",
        ),
        description=t(
            "La formation alterne cours en salle et pratique sur des cabines de câblage: circuits d'éclairage, "
            "prises, protections, mise à la terre. Vous apprenez aussi à établir un devis simple et à parler "
            "avec le client. Un stage de six semaines en entreprise est prévu au printemps.",
            "يتناوب التكوين بين الدروس في القسم والتطبيق على مقصورات التوصيل: دارات الإنارة والمآخذ والحماية "
            "والتأريض. كما تتعلّم إعداد عرض أسعار بسيط والتواصل مع الزبون. ويُبرمج تدريب في مقاولة لمدة ستة "
            "أسابيع في فصل الربيع.",
            "The programme alternates classroom lessons with practice on wiring booths: lighting circuits, "
            "sockets, protection devices, earthing. You also learn to draw up a simple quote and to talk with "
            "customers. A six-week company internship is planned in spring.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=35,
        teaching_languages=("fr", "ar"),
        required_languages=("fr",),
        sessions=[(38, 14, 20, 15), (160, 21, 20, 0)],
    ),
    programme(
        "oujda-joinery-qualification",
        "cfp-oujda",
        "joinery",
        "oujda",
        "qualification",
        title=t(
            "Menuiserie bois — qualification",
            "نجارة الخشب — التأهيل",
            "Woodwork joinery — qualification",
        ),
        summary=t(
            "Un an pour apprendre à fabriquer et à poser des menuiseries en bois.",
            "سنة لتعلّم صنع أعمال النجارة الخشبية وتركيبها.",
            "One year to learn to make and fit wooden joinery.",
        ),
        description=t(
            "Vous apprenez le débit du bois, les assemblages, l'usage des machines de l'atelier et la pose de "
            "portes et de placards. Le centre travaille avec des menuiseries d'Oujda qui accueillent les "
            "stagiaires et recrutent souvent à la sortie. Les consignes de sécurité sont affichées en français "
            "et en arabe.",
            "تتعلّم تقطيع الخشب والوصلات واستعمال آلات الورشة وتركيب الأبواب والخزائن. ويتعاون المركز مع "
            "ورشات نجارة في وجدة تستقبل المتدربين وكثيرًا ما توظّفهم بعد التخرج. وتُعلَّق تعليمات السلامة "
            "باللغتين الفرنسية والعربية.",
            "You learn cutting timber, joints, using the workshop machines and fitting doors and cupboards. The "
            "centre works with joinery firms in Oujda that take trainees and often hire them afterwards. Safety "
            "instructions are posted in French and Arabic.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=35,
        teaching_languages=("ar", "fr"),
        sessions=[(52, 14, 18, 18), (180, 21, 18, 0)],
    ),
    programme(
        "oujda-barbering-evening",
        "cfp-oujda",
        "hairdressing",
        "oujda",
        "short_course",
        title=t(
            "Coiffure hommes — cours du soir",
            "الحلاقة الرجالية — دروس مسائية",
            "Barbering — evening course",
        ),
        summary=t(
            "Trois mois de cours du soir pour apprendre la coupe homme et la taille de barbe.",
            "ثلاثة أشهر من الدروس المسائية لتعلّم الحلاقة الرجالية وتشذيب اللحية.",
            "Three months of evening classes to learn men's haircuts and beard trimming.",
        ),
        description=t(
            "Vous apprenez les coupes à la tondeuse et aux ciseaux, les dégradés, la taille de barbe et la "
            "désinfection des outils. Le cours prépare à travailler comme aide-coiffeur dans un salon, puis à "
            "ouvrir un petit salon. Les séances pratiques se font sur des volontaires du quartier.",
            "تتعلّم القصّ بآلة الحلاقة وبالمقص والتدرّج وتشذيب اللحية وتعقيم الأدوات. ويُعِدّ هذا الدرس "
            "للعمل كمساعد حلاق في صالون، ثم لفتح صالون صغير. وتُنجَز الحصص التطبيقية على متطوعين من الحيّ.",
            "You learn clipper and scissor cuts, fades, beard trimming and disinfecting tools. The course "
            "prepares you to work as an assistant barber in a salon, then to open a small salon. Practical "
            "sessions are done on volunteers from the neighbourhood.",
        ),
        duration_weeks=12,
        hours_per_week=15,
        schedule="evenings",
        schedule_note=t(
            "Du lundi au vendredi, de 18 h à 21 h.",
            "من الإثنين إلى الجمعة، من 18:00 إلى 21:00.",
            "Monday to Friday, 6 pm to 9 pm.",
        ),
        teaching_languages=("fr", "ary", "en"),
        residence="legal_stay",
        sessions=[(6, None, 12, 7), (90, 7, 12, 0)],
    ),
]

_MARRAKECH_SAFI = [
    programme(
        "marrakech-pastry-technician",
        "cfp-marrakech",
        "pastry",
        "marrakech",
        "technician",
        title=t(
            "Pâtisserie hôtelière — technicien",
            "حلويات الفنادق — تقني",
            "Hotel pastry — technician",
        ),
        summary=t(
            "Deux ans pour devenir pâtissier dans l'hôtellerie.",
            "سنتان لتصبح حلوانيًا في قطاع الفندقة.",
            "Two years to become a pastry cook in the hotel trade.",
        ),
        description=t(
            "Marrakech est la première ville touristique du pays et ses hôtels recherchent des pâtissiers. Vous "
            "apprenez les desserts à l'assiette, les entremets, le chocolat, les buffets et l'organisation d'une "
            "brigade. Deux stages en hôtel, de deux mois chacun, font partie du diplôme.",
            "مراكش هي أولى المدن السياحية في البلاد، وفنادقها تبحث عن حلوانيين. وتتعلّم تحضير حلويات الأطباق "
            "والكعك الراقي والشوكولاتة والبوفيهات وتنظيم فريق المطبخ. ويدخل في الدبلوم تدريبان في فنادق، مدة "
            "كل منهما شهران.",
            "Marrakesh is the country's leading tourist city and its hotels are looking for pastry cooks. You "
            "learn plated desserts, layered cakes, chocolate, buffets and how a kitchen brigade is organised. "
            "Two hotel internships of two months each are part of the diploma.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=35,
        teaching_languages=("fr", "ar", "en"),
        required_languages=("fr",),
        sessions=[(88, 21, 20, 14), (270, 30, 20, 0)],
    ),
    programme(
        "marrakech-plaster-specialisation",
        "cfp-marrakech",
        "plaster",
        "marrakech",
        "specialisation",
        title=t(
            "Plâtre sculpté — spécialisation",
            "النقش على الجبص — التخصص",
            "Carved plaster — specialisation",
        ),
        summary=t(
            "Un an auprès d'un maître gebbas de Marrakech, avec un jour par semaine au centre.",
            "سنة إلى جانب معلّم جبّاس بمراكش، مع يوم واحد في الأسبوع بالمركز.",
            "One year with a master plaster carver in Marrakesh, with one day a week at the centre.",
        ),
        description=t(
            "Les riads et les hôtels de Marrakech emploient beaucoup d'artisans du plâtre. Vous apprenez "
            "d'abord à préparer et à couler le plâtre, puis à sculpter des frises simples sous la direction d'un "
            "maître. Le centre assure les cours de dessin géométrique et de sécurité sur chantier.",
            "تشغّل رياضات مراكش وفنادقها عددًا كبيرًا من حِرفيي الجبص. وتتعلّم أولًا تحضير الجبص وصبّه، ثم "
            "نقش أفاريز بسيطة تحت إشراف معلّم. ويتكفّل المركز بدروس الرسم الهندسي والسلامة في الأوراش.",
            "Marrakesh's riads and hotels employ many plaster craftsmen. You first learn to prepare and cast "
            "plaster, then to carve simple friezes under a master's direction. The centre teaches geometric "
            "drawing and site safety.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=40,
        sessions=[(30, 7, 10, 8), (122, 14, 10, 0)],
    ),
    programme(
        "marrakech-zellige-tiling-qualification",
        "cfp-marrakech",
        "zellige",
        "marrakech",
        "qualification",
        title=t(
            "Zellige et carrelage — qualification",
            "الزليج والتبليط — التأهيل",
            "Zellige and tiling — qualification",
        ),
        summary=t(
            "Un an pour apprendre à poser le zellige et le carrelage moderne.",
            "سنة لتعلّم تركيب الزليج والبلاط العصري.",
            "One year to learn to lay zellige and modern tiles.",
        ),
        description=t(
            "Ce programme associe la tradition et le bâtiment d'aujourd'hui: taille et pose du zellige, mais "
            "aussi carrelage, faïence et joints. Les stagiaires travaillent sur des chantiers de riads en "
            "rénovation. Les entreprises de construction de la région recrutent beaucoup dans ce métier.",
            "يجمع هذا البرنامج بين التقاليد والبناء المعاصر: نقش الزليج وتركيبه، وكذلك تركيب البلاط والزليج "
            "الخزفي والفواصل. ويشتغل المتدربون في أوراش رياضات في طور التجديد. وتوظّف مقاولات البناء بالجهة "
            "كثيرًا في هذه المهنة.",
            "This programme brings together tradition and today's building work: cutting and laying zellige, but "
            "also floor tiles, wall tiles and joints. Trainees work on riad renovation sites. Building firms in "
            "the region hire many people in this trade.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=35,
        sessions=[(22, 7, 16, 15), (150, 21, 16, 0)],
    ),
    programme(
        "safi-basic-pastry-short",
        "cfp-marrakech",
        "pastry",
        "safi",
        "short_course",
        title=t(
            "Pâtisserie de base — formation courte à Safi",
            "أساسيات الحلويات — تكوين قصير بآسفي",
            "Basic pastry — short course in Safi",
        ),
        summary=t(
            "Dix semaines pour apprendre les pâtisseries de base, à Safi.",
            "عشرة أسابيع لتعلّم أساسيات الحلويات، بآسفي.",
            "Ten weeks to learn basic pastry, in Safi.",
        ),
        description=t(
            "Organisé par le centre de Marrakech dans les locaux d'une association de Safi, ce cours apprend "
            "les pâtes, les crèmes, les tartes et les cakes qui se vendent tous les jours. Les frais couvrent "
            "les ingrédients et la tenue de travail. Une attestation est remise à celles et ceux qui ont suivi "
            "au moins 80 % des séances.",
            "ينظّم مركز مراكش هذا الدرس في مقرّ جمعية بآسفي، ويتعلّم فيه المشاركون العجائن والكريمات "
            "والفطائر والكعك الأكثر مبيعًا. وتغطي الرسوم المكونات وبذلة العمل. وتُسلَّم شهادة لمن حضر 80 في "
            "المائة من الحصص على الأقل.",
            "Organised by the Marrakesh centre in the premises of an association in Safi, this course teaches "
            "doughs, creams, tarts and the cakes shops sell every day. The fee covers ingredients and work "
            "clothes. A certificate is given to those who attend at least 80% of the sessions.",
        ),
        duration_weeks=10,
        hours_per_week=15,
        schedule="part_time",
        teaching_languages=("ar", "fr"),
        cost_mad=1200,
        residence="legal_stay",
        min_schooling=1,
        sessions=[(26, 7, 14, 3), (96, 7, 14, 0)],
    ),
]

_AGADIR = [
    programme(
        "agadir-greenhouse-crops-qualification",
        "cfp-agadir",
        "agriculture",
        "agadir",
        "qualification",
        title=t(
            "Cultures sous serre — qualification",
            "الزراعة داخل البيوت المغطاة — التأهيل",
            "Greenhouse crops — qualification",
        ),
        summary=t(
            "Un an pour travailler dans les serres maraîchères du Souss.",
            "سنة للعمل في البيوت المغطاة لإنتاج الخضر بسوس.",
            "One year to work in the vegetable greenhouses of the Souss.",
        ),
        description=t(
            "La plaine du Souss produit sous serre une grande partie des tomates et des poivrons du pays. Vous "
            "apprenez à conduire les cultures: plantation, palissage, irrigation et fertilisation au "
            "goutte-à-goutte, protection des plantes et récolte. Les stages se font dans des exploitations et "
            "des stations de conditionnement de la région.",
            "يُنتج سهل سوس داخل البيوت المغطاة جزءًا كبيرًا من طماطم البلاد وفلفلها. وتتعلّم تتبّع الزراعات: "
            "الغرس والتوجيه والسقي والتسميد بالتنقيط وحماية النباتات والجني. وتُنجَز التداريب في ضيعات "
            "ومحطات التلفيف بالجهة.",
            "The Souss plain grows a large share of the country's tomatoes and peppers in greenhouses. You learn "
            "to manage crops: planting, trellising, drip irrigation and fertilisation, plant protection and "
            "harvest. Internships take place on farms and in packing stations in the region.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=35,
        teaching_languages=("ar", "fr", "ary"),
        sessions=[(17, 7, 25, 20), (108, 14, 25, 0)],
    ),
    programme(
        "agadir-electrical-specialisation",
        "cfp-agadir",
        "electrical-installation",
        "agadir",
        "specialisation",
        title=t(
            "Électricité du bâtiment — spécialisation",
            "كهرباء المباني — التخصص",
            "Building electrics — specialisation",
        ),
        summary=t(
            "Un an en alternance chez un électricien d'Agadir et au centre.",
            "سنة بالتناوب بين العمل لدى كهربائي بأكادير والمركز.",
            "One year alternating between an electrician's business in Agadir and the centre.",
        ),
        description=t(
            "Vous accompagnez un électricien sur ses chantiers quatre jours par semaine: saignées, passage des "
            "câbles, pose des appareillages. Au centre, vous apprenez les bases de l'électricité, la lecture des "
            "schémas et la sécurité. À la fin, vous pouvez travailler comme aide-électricien qualifié.",
            "ترافق كهربائيًا في أوراشه أربعة أيام في الأسبوع: حفر مجاري الأسلاك في الجدران ومدّ الأسلاك "
            "وتركيب المعدات. وفي المركز، تتعلّم أساسيات الكهرباء وقراءة المخططات والسلامة. وفي النهاية، يمكنك "
            "العمل كمساعد كهربائي مؤهَّل.",
            "You go with an electrician to sites four days a week: cutting channels, running cables, fitting "
            "devices. At the centre you learn the basics of electricity, reading diagrams and safety. At the end "
            "you can work as a skilled electrician's assistant.",
        ),
        duration_weeks=ONE_YEAR,
        hours_per_week=40,
        teaching_languages=("fr", "ar"),
        sessions=[(10, 3, 12, 12), (46, 7, 12, 4), (160, 14, 12, 0)],
    ),
    programme(
        "agadir-hotel-pastry-short",
        "cfp-agadir",
        "pastry",
        "agadir",
        "short_course",
        title=t(
            "Pâtisserie pour l'hôtellerie — formation courte",
            "حلويات الفنادق — تكوين قصير",
            "Hotel pastry — short course",
        ),
        summary=t(
            "Trois mois pour se préparer à travailler en pâtisserie dans les hôtels d'Agadir.",
            "ثلاثة أشهر للاستعداد للعمل في قسم الحلويات بفنادق أكادير.",
            "Three months to get ready to work in the pastry section of Agadir's hotels.",
        ),
        description=t(
            "Le cours prépare aux buffets du petit-déjeuner et des desserts: viennoiseries, tartes, mousses et "
            "pâtisseries marocaines. Il comprend des notions d'anglais professionnel pour la clientèle "
            "étrangère. Les frais comprennent la tenue, les ingrédients et la visite d'un hôtel partenaire.",
            "يُعِدّ هذا الدرس لبوفيهات الفطور والحلويات: المعجنات الصباحية والفطائر والموس والحلويات "
            "المغربية. ويتضمّن مبادئ في الإنجليزية المهنية للتعامل مع الزبائن الأجانب. وتشمل الرسوم بذلة "
            "العمل والمكونات وزيارة لفندق شريك.",
            "The course prepares you for breakfast and dessert buffets: viennoiserie, tarts, mousses and "
            "Moroccan pastries. It includes some work English for foreign guests. The fee includes work clothes, "
            "ingredients and a visit to a partner hotel.",
        ),
        duration_weeks=12,
        hours_per_week=20,
        schedule="part_time",
        teaching_languages=("fr", "en", "ar"),
        cost_mad=1200,
        residence="legal_stay",
        admission="interview",
        min_schooling=2,
        extra_documents=("cv",),
        admission_notes=t(
            "Avoir au moins 18 ans et avoir terminé l'école primaire. Un entretien permet de vérifier votre "
            "motivation pour le travail en hôtel, avec des horaires tôt le matin. Un passeport valide ou un "
            "autre document de séjour régulier suffit.",
            "أن يكون سنّك 18 سنة على الأقل وأن تكون قد أنهيت المرحلة الابتدائية. وتسمح مقابلة بالتأكد من "
            "رغبتك في العمل بالفنادق، بمواعيد تبدأ في الصباح الباكر. ويكفي جواز سفر ساري المفعول أو أي وثيقة "
            "أخرى تُثبت الإقامة النظامية.",
            "Be at least 18 and have finished primary school. An interview checks that you want to work in a "
            "hotel, with early-morning hours. A valid passport or another proof of legal stay is enough.",
        ),
        sessions=[(34, 10, 16, 9), (125, 14, 16, 0)],
    ),
]

_COOPERATIVES = [
    programme(
        "fes-zellige-apprenticeship",
        "cooperative-zellige-fes",
        "zellige",
        "fes",
        "apprenticeship",
        title=t(
            "Zellige de Fès — apprentissage en coopérative",
            "زليج فاس — التكوين بالتدرج المهني في تعاونية",
            "Fez zellige — cooperative apprenticeship",
        ),
        summary=t(
            "Deux ans d'apprentissage dans une coopérative de zelligeurs du quartier des potiers de Fès.",
            "سنتان من التكوين بالتدرج المهني في تعاونية لحِرفيي الزليج بحيّ الفخّارين في فاس.",
            "Two years of apprenticeship in a zellige cooperative in the potters' quarter of Fez.",
        ),
        description=t(
            "À Fès, le zellige se fabrique de bout en bout: l'argile est façonnée, cuite, émaillée, puis taillée "
            "et posée. Dans la coopérative, vous découvrez toute la chaîne avant de vous spécialiser dans la "
            "taille et la pose. Les maîtres artisans parlent surtout darija; les mots du métier sont affichés en "
            "français dans l'atelier.",
            "في فاس، يُصنع الزليج من البداية إلى النهاية: يُشكَّل الطين ويُطهى ويُزجَّج ثم يُنقش ويُركَّب. "
            "وفي التعاونية، تكتشف السلسلة كاملة قبل أن تتخصّص في النقش والتركيب. ويتحدث المعلّمون الحِرفيون "
            "غالبًا بالدارجة، وتُعلَّق في الورشة كلمات الحرفة بالفرنسية.",
            "In Fez, zellige is made from start to finish: the clay is shaped, fired, glazed, then cut and laid. "
            "In the cooperative you discover the whole chain before specialising in cutting and laying. The "
            "master craftsmen mostly speak Darija; the words of the trade are posted in French in the workshop.",
        ),
        duration_weeks=TWO_YEARS,
        hours_per_week=40,
        teaching_languages=("ary", "ar", "fr"),
        sessions=[(13, 5, 8, 6), (160, 21, 8, 0)],
    ),
    programme(
        "essaouira-thuya-apprenticeship",
        "cooperative-thuya-essaouira",
        "wood-carving",
        "essaouira",
        "apprenticeship",
        title=t(
            "Sculpture et marqueterie de thuya — apprentissage",
            "نقش خشب العرعار وترصيعه — التكوين بالتدرج المهني",
            "Thuya carving and marquetry — apprenticeship",
        ),
        summary=t(
            "Un an dans une coopérative d'Essaouira pour sculpter et incruster le bois de thuya.",
            "سنة في تعاونية بالصويرة لنقش خشب العرعار وترصيعه.",
            "One year in an Essaouira cooperative to carve and inlay thuya wood.",
        ),
        description=t(
            "Essaouira est connue pour ses objets en thuya, un bois parfumé de la région. Vous apprenez à "
            "tourner et à sculpter boîtes et plateaux, à incruster le citronnier et la nacre, puis à poncer et à "
            "cirer. La coopérative vend ses pièces aux visiteurs, ce qui permet aussi d'apprendre la relation "
            "avec les clients.",
            "تشتهر الصويرة بتحفها المصنوعة من خشب العرعار، وهو خشب عطِر من المنطقة. وتتعلّم خراطة العلب "
            "والصواني ونقشها، وترصيعها بخشب الليمون والصدف، ثم صنفرتها وتشميعها. وتبيع التعاونية القطع "
            "للزوار، مما يتيح أيضًا تعلّم التعامل مع الزبائن.",
            "Essaouira is known for objects made of thuya, a fragrant local wood. You learn to turn and carve "
            "boxes and trays, to inlay lemonwood and mother-of-pearl, then to sand and wax. The cooperative sells "
            "its pieces to visitors, so you also learn to deal with customers.",
        ),
        duration_weeks=48,
        hours_per_week=40,
        teaching_languages=("ary", "ar", "fr"),
        sessions=[(29, 7, 10, 9), (200, 21, 10, 0)],
    ),
]

PROGRAMMES = [
    *_CASABLANCA_INSTITUTE,
    *_ACADEMY,
    *_SEFROU,
    *_RABAT_SALE,
    *_TANGER,
    *_OUJDA,
    *_MARRAKECH_SAFI,
    *_AGADIR,
    *_COOPERATIVES,
]
