"""What each level of programme usually asks and leads to, in Morocco.

The rules are those REFERENCE.md gathers: apprenticeship in crafts (law
12-00) from 15 to 30 years, entry by basic literacy (certificate), 6th year
of primary (specialisation) or 3rd year of lower secondary (qualification);
residential programmes: qualification after the 3rd year of lower secondary,
technician after the 2nd year of upper secondary and up to 30 years,
specialised technician after the baccalaureate and up to 30 years; the
Académie after the baccalaureate, for three years. A programme may depart
from its level's defaults where its provider does (the Sefrou programme is
for 18 to 35 year olds).
"""

from __future__ import annotations

from demo.data.i18n import t

# Schooling scale of catalog.models.SchoolingLevel.
NONE, LITERACY, PRIMARY, LOWER_SECONDARY, UPPER_SECONDARY, BACCALAUREATE = 0, 1, 2, 3, 4, 5

LEVEL_NAMES = {
    "short_course": t("Formation courte", "تكوين قصير", "Short course"),
    "apprenticeship": t("Apprentissage", "التدرج المهني", "Apprenticeship"),
    "specialisation": t("Spécialisation", "التخصص", "Specialisation"),
    "qualification": t("Qualification", "التأهيل", "Qualification"),
    "technician": t("Technicien", "التقني", "Technician"),
    "specialised_technician": t("Technicien spécialisé", "التقني المتخصص", "Specialised technician"),
    "academy": t("Diplôme de l'Académie", "دبلوم الأكاديمية", "Academy diploma"),
}

CRITERIA = {
    "short_course": {"min_age": 18, "max_age": None, "min_schooling": NONE, "admission": "open"},
    "apprenticeship": {"min_age": 15, "max_age": 30, "min_schooling": LITERACY, "admission": "interview"},
    "specialisation": {"min_age": 15, "max_age": 30, "min_schooling": PRIMARY, "admission": "interview"},
    "qualification": {"min_age": 15, "max_age": None, "min_schooling": LOWER_SECONDARY, "admission": "orientation"},
    "technician": {"min_age": None, "max_age": 30, "min_schooling": UPPER_SECONDARY, "admission": "exam"},
    "specialised_technician": {"min_age": None, "max_age": 30, "min_schooling": BACCALAUREATE, "admission": "exam"},
    "academy": {"min_age": None, "max_age": None, "min_schooling": BACCALAUREATE, "admission": "exam"},
}

CERTIFICATES = {
    "short_course": t("Attestation de formation", "شهادة التكوين", "Training certificate"),
    "apprenticeship": t(
        "Certificat de formation par apprentissage", "شهادة التكوين بالتدرج المهني", "Apprenticeship certificate"
    ),
    "specialisation": t(
        "Diplôme de spécialisation professionnelle", "دبلوم التخصص المهني", "Vocational specialisation diploma"
    ),
    "qualification": t(
        "Diplôme de qualification professionnelle", "دبلوم التأهيل المهني", "Vocational qualification diploma"
    ),
    "technician": t("Diplôme de technicien", "دبلوم التقني", "Technician diploma"),
    "specialised_technician": t(
        "Diplôme de technicien spécialisé", "دبلوم التقني المتخصص", "Specialised technician diploma"
    ),
    "academy": t(
        "Diplôme de l'Académie des arts traditionnels",
        "دبلوم أكاديمية الفنون التقليدية",
        "Diploma of the Academy of Traditional Arts",
    ),
}

# Documents most programmes of a level ask for, besides the residence document.
DOCUMENTS = {
    "short_course": ["identity-photos"],
    "apprenticeship": ["identity-photos", "medical-certificate"],
    "specialisation": ["identity-photos", "school-certificate", "medical-certificate"],
    "qualification": ["identity-photos", "school-certificate", "medical-certificate"],
    "technician": ["identity-photos", "school-certificate", "medical-certificate", "cv"],
    "specialised_technician": ["identity-photos", "school-certificate", "medical-certificate", "cv"],
    "academy": ["identity-photos", "school-certificate", "medical-certificate", "cv"],
}

RESIDENCE_DOCUMENT = {"residence_card": "residence-card", "legal_stay": "passport", "none": None}

# Admission rules in plain words, for people who read little.
ADMISSION_NOTES = {
    "short_course": t(
        "Aucun diplôme n'est demandé. Inscrivez-vous au guichet ou directement au centre; les places sont "
        "attribuées dans l'ordre d'arrivée.",
        "لا تُشترط أي شهادة. سجّل نفسك في الشباك أو مباشرة في المركز، وتُمنح المقاعد حسب ترتيب الوصول.",
        "No diploma is needed. Sign up at the desk or directly at the centre; places go to those who come first.",
    ),
    "apprenticeship": t(
        "Avoir entre 15 et 30 ans et savoir lire, écrire et compter. La formation se passe surtout dans "
        "l'atelier d'un maître artisan (au moins 80 % du temps), avec quelques jours au centre. Un entretien "
        "permet de vous présenter à l'artisan.",
        "أن يتراوح سنّك بين 15 و30 سنة وأن تعرف القراءة والكتابة والحساب. يجري التكوين أساسًا في ورشة "
        "معلّم حِرفي (80 في المائة من الوقت على الأقل)، مع بضعة أيام في المركز. وتسمح مقابلة بتقديمك إلى "
        "الحِرفي.",
        "Be between 15 and 30 and able to read, write and count. Most of the training is in a master "
        "craftsman's workshop (at least 80% of the time), with a few days at the centre. An interview "
        "introduces you to the craftsman.",
    ),
    "specialisation": t(
        "Avoir entre 15 et 30 ans et avoir terminé la 6e année du primaire. La formation alterne le travail "
        "chez un professionnel et les cours au centre. Un entretien permet de vérifier que le métier vous "
        "convient.",
        "أن يتراوح سنّك بين 15 و30 سنة وأن تكون قد أنهيت السنة السادسة من التعليم الابتدائي. يتناوب "
        "التكوين بين العمل لدى مهني والدروس في المركز. وتسمح مقابلة بالتأكد من أن المهنة تناسبك.",
        "Be between 15 and 30 and have finished the 6th year of primary school. Training alternates between "
        "work with a professional and classes at the centre. An interview checks that the trade suits you.",
    ),
    "qualification": t(
        "Avoir au moins 15 ans et avoir terminé la 3e année du collège, ou avoir un diplôme de spécialisation. "
        "L'entrée se fait après un entretien d'orientation. Les certificats obtenus à l'étranger sont "
        "acceptés: le guichet vous aide à faire reconnaître votre niveau.",
        "أن يكون سنّك 15 سنة على الأقل وأن تكون قد أنهيت السنة الثالثة من التعليم الإعدادي، أو أن تتوفر "
        "على دبلوم التخصص. يتم الولوج بعد مقابلة توجيهية. وتُقبل الشهادات المحصَّل عليها في الخارج، ويساعدك "
        "الشباك على الاعتراف بمستواك الدراسي.",
        "Be at least 15 and have finished the 3rd year of lower secondary school, or hold a specialisation "
        "diploma. Entry follows an orientation interview. Certificates from abroad are accepted: the desk "
        "helps you get your level recognised.",
    ),
    "technician": t(
        "Avoir 30 ans au plus et avoir terminé la 2e année du lycée, ou avoir un diplôme de qualification. "
        "L'entrée se fait sur concours ou sur orientation. Une partie des cours théoriques est donnée en "
        "français.",
        "ألا يتجاوز سنّك 30 سنة وأن تكون قد أنهيت السنة الثانية من التعليم الثانوي التأهيلي، أو أن تتوفر "
        "على دبلوم التأهيل. يتم الولوج عبر مباراة أو عن طريق التوجيه. ويُقدَّم جزء من الدروس النظرية "
        "باللغة الفرنسية.",
        "Be 30 or younger and have finished the 2nd year of upper secondary school, or hold a qualification "
        "diploma. Entry is by competitive exam or by orientation. Part of the theory is taught in French.",
    ),
    "specialised_technician": t(
        "Avoir 30 ans au plus et le baccalauréat. L'entrée se fait sur concours: une épreuve écrite, puis un "
        "entretien. Les cours théoriques sont donnés en français.",
        "ألا يتجاوز سنّك 30 سنة وأن تكون حاصلًا على البكالوريا. يتم الولوج عبر مباراة: اختبار كتابي ثم "
        "مقابلة. وتُقدَّم الدروس النظرية باللغة الفرنسية.",
        "Be 30 or younger and hold the baccalaureate. Entry is by competitive exam: a written test, then an "
        "interview. Theory is taught in French.",
    ),
    "academy": t(
        "Avoir le baccalauréat ou un diplôme de technicien spécialisé. L'entrée se fait sur concours: épreuve "
        "de dessin, entretien et, si vous en avez, présentation de vos travaux. La formation dure trois ans à "
        "temps plein.",
        "أن تكون حاصلًا على البكالوريا أو على دبلوم التقني المتخصص. يتم الولوج عبر مباراة: اختبار في الرسم "
        "ومقابلة، وعرض أعمالك إن وُجدت. ويدوم التكوين ثلاث سنوات بدوام كامل.",
        "Hold the baccalaureate or a specialised technician diploma. Entry is by competitive exam: a drawing "
        "test, an interview and, if you have some, a look at your work. The programme lasts three years, "
        "full time.",
    ),
}

RESIDENCE_NOTES = {
    "residence_card": t(
        "Il faut une carte d'immatriculation valide, ou le récépissé de votre demande.",
        "يجب الإدلاء ببطاقة إقامة سارية المفعول، أو بوصل إيداع طلبها.",
        "You need a valid residence card, or the receipt of your application for one.",
    ),
    "legal_stay": t(
        "Un passeport valide ou un autre document de séjour régulier suffit.",
        "يكفي جواز سفر ساري المفعول أو أي وثيقة أخرى تُثبت الإقامة النظامية.",
        "A valid passport or another proof of legal stay is enough.",
    ),
    "none": t(
        "Aucun titre de séjour n'est demandé.",
        "لا تُطلب أي وثيقة إقامة.",
        "No residence document is asked for.",
    ),
}

SCHEDULE_NAMES = {
    "full_time": t("à temps plein", "بدوام كامل", "full time"),
    "part_time": t("à temps partiel", "بدوام جزئي", "part time"),
    "evenings": t("en soirée", "في المساء", "in the evenings"),
    "weekends": t("le week-end", "في عطلة نهاية الأسبوع", "at weekends"),
}
