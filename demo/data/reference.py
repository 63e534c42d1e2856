"""Reference data of the demo: Morocco's regions and cities, languages, documents.

Regions and their capitals are the twelve of the 2015 division, in the order
of REFERENCE.md (``position`` 1 to 12). Cities are the capitals plus the
towns where the demo network has a desk, a provider or a training place.
"""

from __future__ import annotations

from demo.data.i18n import t

REGIONS = [
    {
        "slug": "tanger-tetouan-al-hoceima",
        "name": t("Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة", "Tangier-Tetouan-Al Hoceima"),
        "capital": t("Tanger", "طنجة", "Tangier"),
        "capital_slug": "tanger",
        "position": 1,
    },
    {
        "slug": "oriental",
        "name": t("L'Oriental", "الشرق", "Oriental"),
        "capital": t("Oujda", "وجدة", "Oujda"),
        "capital_slug": "oujda",
        "position": 2,
    },
    {
        "slug": "fes-meknes",
        "name": t("Fès-Meknès", "فاس مكناس", "Fez-Meknes"),
        "capital": t("Fès", "فاس", "Fez"),
        "capital_slug": "fes",
        "position": 3,
    },
    {
        "slug": "rabat-sale-kenitra",
        "name": t("Rabat-Salé-Kénitra", "الرباط سلا القنيطرة", "Rabat-Sale-Kenitra"),
        "capital": t("Rabat", "الرباط", "Rabat"),
        "capital_slug": "rabat",
        "position": 4,
    },
    {
        "slug": "beni-mellal-khenifra",
        "name": t("Béni Mellal-Khénifra", "بني ملال خنيفرة", "Beni Mellal-Khenifra"),
        "capital": t("Béni Mellal", "بني ملال", "Beni Mellal"),
        "capital_slug": "beni-mellal",
        "position": 5,
    },
    {
        "slug": "casablanca-settat",
        "name": t("Casablanca-Settat", "الدار البيضاء سطات", "Casablanca-Settat"),
        "capital": t("Casablanca", "الدار البيضاء", "Casablanca"),
        "capital_slug": "casablanca",
        "position": 6,
    },
    {
        "slug": "marrakech-safi",
        "name": t("Marrakech-Safi", "مراكش آسفي", "Marrakesh-Safi"),
        "capital": t("Marrakech", "مراكش", "Marrakesh"),
        "capital_slug": "marrakech",
        "position": 7,
    },
    {
        "slug": "draa-tafilalet",
        "name": t("Drâa-Tafilalet", "درعة تافيلالت", "Draa-Tafilalet"),
        "capital": t("Errachidia", "الرشيدية", "Errachidia"),
        "capital_slug": "errachidia",
        "position": 8,
    },
    {
        "slug": "souss-massa",
        "name": t("Souss-Massa", "سوس ماسة", "Souss-Massa"),
        "capital": t("Agadir", "أكادير", "Agadir"),
        "capital_slug": "agadir",
        "position": 9,
    },
    {
        "slug": "guelmim-oued-noun",
        "name": t("Guelmim-Oued Noun", "كلميم واد نون", "Guelmim-Oued Noun"),
        "capital": t("Guelmim", "كلميم", "Guelmim"),
        "capital_slug": "guelmim",
        "position": 10,
    },
    {
        "slug": "laayoune-sakia-el-hamra",
        "name": t("Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء", "Laayoune-Sakia El Hamra"),
        "capital": t("Laâyoune", "العيون", "Laayoune"),
        "capital_slug": "laayoune",
        "position": 11,
    },
    {
        "slug": "dakhla-oued-ed-dahab",
        "name": t("Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab"),
        "capital": t("Dakhla", "الداخلة", "Dakhla"),
        "capital_slug": "dakhla",
        "position": 12,
    },
]

# The capitals take their names from REGIONS; the other towns are listed here.
_OTHER_CITIES = [
    {"slug": "tetouan", "region": "tanger-tetouan-al-hoceima", "name": t("Tétouan", "تطوان", "Tetouan")},
    {"slug": "meknes", "region": "fes-meknes", "name": t("Meknès", "مكناس", "Meknes")},
    {"slug": "sefrou", "region": "fes-meknes", "name": t("Sefrou", "صفرو", "Sefrou")},
    {"slug": "el-menzel", "region": "fes-meknes", "name": t("El Menzel", "المنزل", "El Menzel")},
    {"slug": "sale", "region": "rabat-sale-kenitra", "name": t("Salé", "سلا", "Sale")},
    {"slug": "kenitra", "region": "rabat-sale-kenitra", "name": t("Kénitra", "القنيطرة", "Kenitra")},
    {"slug": "mohammedia", "region": "casablanca-settat", "name": t("Mohammedia", "المحمدية", "Mohammedia")},
    {"slug": "el-jadida", "region": "casablanca-settat", "name": t("El Jadida", "الجديدة", "El Jadida")},
    {"slug": "safi", "region": "marrakech-safi", "name": t("Safi", "آسفي", "Safi")},
    {"slug": "essaouira", "region": "marrakech-safi", "name": t("Essaouira", "الصويرة", "Essaouira")},
]

CITIES = [
    {"slug": region["capital_slug"], "region": region["slug"], "name": region["capital"]} for region in REGIONS
] + _OTHER_CITIES

LANGUAGES = [
    {"code": "fr", "name": t("Français", "الفرنسية", "French"), "position": 1},
    {"code": "ar", "name": t("Arabe", "العربية", "Arabic"), "position": 2},
    {"code": "en", "name": t("Anglais", "الإنجليزية", "English"), "position": 3},
    {
        "code": "ary",
        "name": t("Darija (arabe marocain)", "الدارجة المغربية", "Darija (Moroccan Arabic)"),
        "position": 4,
    },
    {"code": "zgh", "name": t("Tamazight", "الأمازيغية", "Tamazight"), "position": 5},
    {"code": "es", "name": t("Espagnol", "الإسبانية", "Spanish"), "position": 6},
]

DOCUMENT_TYPES = [
    {
        "slug": "residence-card",
        "name": t(
            "Carte d'immatriculation (carte de séjour)",
            "بطاقة التسجيل (بطاقة الإقامة)",
            "Residence card (carte d'immatriculation)",
        ),
        "description": t(
            "La carte de séjour des étrangers au Maroc (loi 02-03), en cours de validité. "
            "Apportez l'original et une photocopie.",
            "بطاقة الإقامة التي تُسلَّم للأجانب بالمغرب (القانون 02-03)، سارية المفعول. أحضِر الأصل ونسخة منها.",
            "The residence card of foreigners in Morocco (law 02-03), still valid. Bring the original and a photocopy.",
        ),
        "position": 1,
    },
    {
        "slug": "passport",
        "name": t("Passeport", "جواز السفر", "Passport"),
        "description": t(
            "Un passeport valide. Apportez l'original et une photocopie de la page avec votre photo.",
            "جواز سفر ساري المفعول. أحضِر الأصل ونسخة من الصفحة التي تحمل صورتك.",
            "A valid passport. Bring the original and a photocopy of the page with your photo.",
        ),
        "position": 2,
    },
    {
        "slug": "residence-card-receipt",
        "name": t(
            "Récépissé de demande de carte d'immatriculation",
            "وصل إيداع طلب بطاقة التسجيل",
            "Receipt of residence card application",
        ),
        "description": t(
            "Le papier remis par l'administration quand vous déposez votre demande de carte de séjour. "
            "Il remplace la carte en attendant qu'elle soit prête.",
            "الوصل الذي تسلّمه الإدارة عند إيداع طلب بطاقة الإقامة. ويقوم مقام البطاقة في انتظار صدورها.",
            "The paper the authorities give you when you apply for a residence card. "
            "It stands in for the card while you wait for it.",
        ),
        "position": 3,
    },
    {
        "slug": "identity-photos",
        "name": t("Deux photos d'identité", "صورتان شمسيتان", "Two identity photos"),
        "description": t(
            "Deux photos récentes sur fond clair. Écrivez votre nom au dos.",
            "صورتان حديثتان بخلفية فاتحة. اكتب اسمك على ظهرهما.",
            "Two recent photos on a light background. Write your name on the back.",
        ),
        "position": 4,
    },
    {
        "slug": "school-certificate",
        "name": t("Certificat de scolarité ou diplôme", "شهادة مدرسية أو دبلوم", "School certificate or diploma"),
        "description": t(
            "Un papier qui montre votre dernier niveau d'études: certificat de scolarité, relevé de notes ou diplôme. "
            "Les documents obtenus à l'étranger sont acceptés; le guichet vous aide à faire reconnaître votre niveau.",
            "وثيقة تُثبت آخر مستوى دراسي بلغته: شهادة مدرسية أو كشف نقط أو دبلوم. "
            "تُقبل الوثائق المحصَّل عليها في الخارج، ويساعدك الشباك على الاعتراف بمستواك.",
            "A paper showing the last level you reached at school: school certificate, transcript or diploma. "
            "Documents from abroad are accepted; the desk helps you get your level recognised.",
        ),
        "position": 5,
    },
    {
        "slug": "cv",
        "name": t("CV", "السيرة الذاتية", "CV (résumé)"),
        "description": t(
            "Une page avec vos expériences de travail, même sans contrat, et les langues que vous parlez. "
            "Le guichet peut vous aider à l'écrire.",
            "صفحة واحدة تذكر فيها تجاربك في العمل، ولو بدون عقد، واللغات التي تتحدثها. "
            "ويمكن للشباك مساعدتك على كتابتها.",
            "One page with your work experience, even without a contract, and the languages you speak. "
            "The desk can help you write it.",
        ),
        "position": 6,
    },
    {
        "slug": "medical-certificate",
        "name": t("Certificat médical d'aptitude", "شهادة طبية تُثبت القدرة البدنية", "Medical certificate of fitness"),
        "description": t(
            "Un certificat d'un médecin (centre de santé ou cabinet) qui dit que vous pouvez suivre "
            "une formation pratique en atelier.",
            "شهادة يسلّمها طبيب (في مركز صحي أو عيادة) تُثبت قدرتك على متابعة تكوين تطبيقي في الورشة.",
            "A certificate from a doctor (health centre or practice) saying that you can follow "
            "practical training in a workshop.",
        ),
        "position": 7,
    },
    {
        "slug": "proof-of-address",
        "name": t("Justificatif de domicile", "شهادة السكنى", "Proof of address"),
        "description": t(
            "Une quittance de loyer, une facture d'eau ou d'électricité, ou une attestation d'hébergement.",
            "وصل كراء أو فاتورة ماء أو كهرباء أو شهادة إيواء.",
            "A rent receipt, a water or electricity bill, or a letter from the person who houses you.",
        ),
        "position": 8,
    },
]
