"""The demo trades and their key skills.

The nine first trades and their ESCO, ISCO-08 and RIASEC codes and essential
skills are those of REFERENCE.md (ESCO © European Union, reuse authorised
with attribution; RIASEC codes from O*NET, CC BY 4.0). ``riasec_code`` is
the first code REFERENCE.md lists. ``esco_uri`` is given only where
REFERENCE.md gives it: the others stay empty rather than invented.

The three service and building trades (hairdressing, pastry, electrical
installation) are common in the programmes open to migrants (Entraide
nationale-style centres, vocational training centres). Their ISCO-08 unit
groups are certain; the ESCO code is filled only for the electrician
(7411.1); their RIASEC codes follow O*NET's profiles of hairdressers
(39-5012), bakers (51-3011) and electricians (47-2111).

A trade's pictogram is its slug, the name of its symbol in
``static/img/trades.svg``; pastry uses the sprite's ``cooking`` symbol.
"""

from __future__ import annotations

from demo.data.i18n import t

ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"

# Skills are shared between trades when ESCO names the same skill
# ("apply wood finishes", "mix grouts"); each is listed once.
SKILLS = [
    # Jewellery
    {"slug": "create-jewellery", "name": t("Créer des bijoux", "صنع الحلي", "Create jewellery")},
    {
        "slug": "assemble-jewellery-parts",
        "name": t("Assembler les pièces d'un bijou", "تجميع أجزاء الحلي", "Assemble jewellery parts"),
    },
    {"slug": "repair-jewellery", "name": t("Réparer des bijoux", "إصلاح الحلي", "Repair jewellery")},
    {
        "slug": "mount-stones-in-jewels",
        "name": t("Sertir des pierres dans des bijoux", "ترصيع الأحجار في الحلي", "Mount stones in jewels"),
    },
    {
        "slug": "use-jewellery-equipment",
        "name": t("Utiliser l'équipement de bijouterie", "استعمال معدات صناعة الحلي", "Use jewellery equipment"),
    },
    # Art metalwork
    {
        "slug": "shape-ornamental-design",
        "name": t("Façonner un motif ornemental", "تشكيل الزخارف", "Shape ornamental design"),
    },
    {
        "slug": "cut-ornamental-design",
        "name": t("Découper un motif ornemental", "قطع الزخارف", "Cut ornamental design"),
    },
    {
        "slug": "shape-metal-over-anvils",
        "name": t("Façonner le métal sur l'enclume", "تشكيل المعدن على السندان", "Shape metal over anvils"),
    },
    {"slug": "heat-metals", "name": t("Chauffer les métaux", "تسخين المعادن", "Heat metals")},
    {
        "slug": "use-metalworking-tools",
        "name": t("Utiliser les outils du travail des métaux", "استعمال أدوات تشغيل المعادن", "Use metalworking tools"),
    },
    # Joinery
    {
        "slug": "create-wood-joints",
        "name": t("Réaliser des assemblages bois", "إنجاز الوصلات الخشبية", "Create wood joints"),
    },
    {
        "slug": "join-wood-elements",
        "name": t("Assembler des éléments en bois", "تجميع العناصر الخشبية", "Join wood elements"),
    },
    {
        "slug": "create-smooth-wood-surface",
        "name": t("Obtenir une surface de bois lisse", "تمليس سطح الخشب", "Create smooth wood surface"),
    },
    {
        "slug": "apply-wood-finishes",
        "name": t("Appliquer des finitions sur le bois", "تطبيق التشطيبات على الخشب", "Apply wood finishes"),
    },
    {
        "slug": "interpret-2d-plans",
        "name": t("Lire des plans en deux dimensions", "قراءة المخططات ثنائية الأبعاد", "Interpret 2D plans"),
    },
    # Tailoring
    {
        "slug": "measure-the-human-body-for-wearing-apparel",
        "name": t(
            "Prendre les mesures du corps pour un vêtement",
            "أخذ قياسات الجسم لصنع الملابس",
            "Measure the human body for wearing apparel",
        ),
    },
    {"slug": "cut-fabrics", "name": t("Couper des tissus", "قصّ الأقمشة", "Cut fabrics")},
    {
        "slug": "sew-pieces-of-fabric",
        "name": t("Coudre des pièces de tissu", "خياطة قطع القماش", "Sew pieces of fabric"),
    },
    {
        "slug": "make-made-to-measure-garments",
        "name": t("Confectionner des vêtements sur mesure", "خياطة ملابس حسب المقاس", "Make made-to-measure garments"),
    },
    {"slug": "alter-wearing-apparel", "name": t("Retoucher des vêtements", "تعديل الملابس", "Alter wearing apparel")},
    # Zellige
    {"slug": "cut-tiles", "name": t("Couper des carreaux", "قطع البلاط", "Cut tiles")},
    {"slug": "lay-tiles", "name": t("Poser des carreaux", "تركيب البلاط", "Lay tiles")},
    {"slug": "plan-tiling", "name": t("Préparer le plan de pose", "تخطيط التبليط", "Plan tiling")},
    {"slug": "fill-tile-joints", "name": t("Remplir les joints", "ملء فواصل البلاط", "Fill tile joints")},
    {"slug": "mix-grouts", "name": t("Préparer les mortiers de joint", "خلط ملاط الفواصل", "Mix grouts")},
    # Plaster
    {"slug": "plaster-surfaces", "name": t("Plâtrer des surfaces", "تجبيص الأسطح", "Plaster surfaces")},
    {
        "slug": "prepare-surface-for-plastering",
        "name": t("Préparer une surface à plâtrer", "تهيئة السطح للتجبيص", "Prepare surface for plastering"),
    },
    {
        "slug": "work-safely-with-chemicals",
        "name": t(
            "Travailler en sécurité avec des produits chimiques",
            "العمل بأمان مع المواد الكيميائية",
            "Work safely with chemicals",
        ),
    },
    # Cut stone
    {
        "slug": "use-stonemasons-chisel",
        "name": t("Utiliser le ciseau de tailleur de pierre", "استعمال إزميل نحت الحجر", "Use stonemason's chisel"),
    },
    {
        "slug": "mark-stone-workpieces",
        "name": t("Tracer sur les pièces de pierre", "تعليم القطع الحجرية", "Mark stone workpieces"),
    },
    {"slug": "polish-stone-by-hand", "name": t("Polir la pierre à la main", "صقل الحجر يدويًا", "Polish stone by hand")},
    {"slug": "create-cutting-plan", "name": t("Établir un plan de découpe", "إعداد مخطط القطع", "Create cutting plan")},
    # Wood carving
    {
        "slug": "use-wood-carving-knives",
        "name": t(
            "Utiliser les couteaux de sculpture sur bois", "استعمال سكاكين النقش على الخشب", "Use wood carving knives"
        ),
    },
    {"slug": "carve-materials", "name": t("Sculpter des matériaux", "نحت المواد", "Carve materials")},
    {
        "slug": "maintain-edged-hand-tools",
        "name": t(
            "Entretenir les outils à main tranchants", "صيانة الأدوات اليدوية الحادة", "Maintain edged hand tools"
        ),
    },
    {"slug": "sand-wood", "name": t("Poncer le bois", "صنفرة الخشب", "Sand wood")},
    # Agriculture
    {"slug": "harvest-crop", "name": t("Récolter les cultures", "جني المحاصيل", "Harvest crop")},
    {"slug": "grow-plants", "name": t("Cultiver des plantes", "زراعة النباتات", "Grow plants")},
    {
        "slug": "prepare-planting-area",
        "name": t("Préparer la zone de plantation", "تهيئة أرض الغرس", "Prepare planting area"),
    },
    {"slug": "execute-fertilisation", "name": t("Apporter les engrais", "القيام بالتسميد", "Execute fertilisation")},
    {"slug": "pest-control", "name": t("Lutter contre les ravageurs", "مكافحة الآفات", "Pest control")},
    # Hairdressing
    {
        "slug": "apply-hair-cutting-techniques",
        "name": t("Appliquer les techniques de coupe", "تطبيق تقنيات قصّ الشعر", "Apply hair cutting techniques"),
    },
    {"slug": "colour-hair", "name": t("Colorer les cheveux", "صبغ الشعر", "Colour hair")},
    {"slug": "style-hair", "name": t("Coiffer les cheveux", "تصفيف الشعر", "Style hair")},
    {"slug": "wash-hair", "name": t("Laver les cheveux", "غسل الشعر", "Wash hair")},
    {
        "slug": "advise-customers-on-hair-style",
        "name": t(
            "Conseiller les clients sur la coiffure",
            "إرشاد الزبائن إلى التسريحة المناسبة",
            "Advise customers on hair style",
        ),
    },
    # Pastry
    {
        "slug": "prepare-bakery-products",
        "name": t("Préparer des produits de pâtisserie", "تحضير منتجات المخبزة والحلويات", "Prepare bakery products"),
    },
    {"slug": "bake-goods", "name": t("Cuire les produits", "خَبز المنتجات", "Bake goods")},
    {
        "slug": "decorate-confectionery",
        "name": t("Décorer les pâtisseries", "تزيين الحلويات", "Decorate confectionery"),
    },
    {"slug": "apply-haccp", "name": t("Appliquer la méthode HACCP", "تطبيق نظام HACCP", "Apply HACCP")},
    {
        "slug": "ensure-sanitation",
        "name": t("Veiller à l'hygiène du poste", "السهر على نظافة مكان العمل", "Ensure sanitation"),
    },
    # Electrical installation
    {
        "slug": "install-electric-switches",
        "name": t("Installer des interrupteurs", "تركيب القواطع الكهربائية", "Install electric switches"),
    },
    {
        "slug": "install-electricity-sockets",
        "name": t("Installer des prises électriques", "تركيب المآخذ الكهربائية", "Install electricity sockets"),
    },
    {
        "slug": "inspect-electrical-supplies",
        "name": t("Contrôler le matériel électrique", "فحص اللوازم الكهربائية", "Inspect electrical supplies"),
    },
    {
        "slug": "install-electrical-and-electronic-equipment",
        "name": t(
            "Installer des équipements électriques et électroniques",
            "تركيب المعدات الكهربائية والإلكترونية",
            "Install electrical and electronic equipment",
        ),
    },
    {
        "slug": "follow-health-and-safety-procedures-in-construction",
        "name": t(
            "Respecter les règles de santé et de sécurité sur les chantiers",
            "اتباع إجراءات الصحة والسلامة في البناء",
            "Follow health and safety procedures in construction",
        ),
    },
]

# The eight artisan trades of the Casablanca pilot (REFERENCE.md), in its order.
ARTISAN_TRADES = [
    "jewellery",
    "art-metalwork",
    "joinery",
    "tailoring",
    "zellige",
    "plaster",
    "cut-stone",
    "wood-carving",
]

TRADES = [
    {
        "slug": "jewellery",
        "name": t("Bijouterie", "صناعة الحلي", "Jewellery"),
        "summary": t(
            "Fabriquer et réparer des bijoux en argent et en or, à la main.",
            "صناعة الحلي الفضية والذهبية وإصلاحها باليد.",
            "Make and repair silver and gold jewellery by hand.",
        ),
        "description": t(
            "Le bijoutier scie, soude, cisèle et polit le métal pour créer bagues, bracelets et parures, "
            "souvent selon des motifs marocains traditionnels. Il travaille dans un atelier de la médina, "
            "chez un fabricant ou à son compte. Le métier demande des mains sûres, de bons yeux et de la "
            "patience pour les petites pièces.",
            "ينشر الصائغ المعدن ويلحمه وينقشه ويصقله لصنع الخواتم والأساور والأطقم، وغالبًا وفق زخارف "
            "مغربية تقليدية. يعمل في ورشة بالمدينة العتيقة أو لدى مصنع أو لحسابه الخاص. وتتطلب هذه الحرفة "
            "يدين ثابتتين ونظرًا جيدًا وصبرًا على القطع الصغيرة.",
            "A jeweller saws, solders, chases and polishes metal to make rings, bracelets and sets, often "
            "with traditional Moroccan patterns. Jewellers work in a medina workshop, for a manufacturer or "
            "on their own account. The trade needs steady hands, good eyesight and patience with small pieces.",
        ),
        "pictogram": "jewellery",
        "sector": "crafts",
        "esco_uri": ESCO_OCCUPATION + "618a854a-4ecd-4535-84e6-350e1fe0aa0f",
        "esco_code": "7313.1",
        "isco_code": "7313",
        "riasec_code": "RAC",
        "skills": [
            "create-jewellery",
            "assemble-jewellery-parts",
            "repair-jewellery",
            "mount-stones-in-jewels",
            "use-jewellery-equipment",
        ],
        "position": 1,
    },
    {
        "slug": "art-metalwork",
        "name": t("Ferronnerie d'art", "الحدادة الفنية", "Art metalwork"),
        "summary": t(
            "Forger et décorer le fer pour faire des grilles, des lanternes et des meubles.",
            "طرق الحديد وزخرفته لصنع الشبابيك والفوانيس والأثاث.",
            "Forge and decorate iron to make grilles, lanterns and furniture.",
        ),
        "description": t(
            "Le ferronnier d'art chauffe le fer à la forge, le martèle sur l'enclume, le plie et le découpe "
            "pour réaliser grilles, rampes, portes, lanternes et meubles décorés. Il travaille en atelier et "
            "pose parfois ses ouvrages sur les chantiers. Le métier est physique et demande le sens du dessin "
            "et de la précision.",
            "يُسخّن الحداد الفني الحديد في الكور ويطرقه على السندان ويثنيه ويقطعه لصنع الشبابيك والدرابزين "
            "والأبواب والفوانيس والأثاث المزخرف. يعمل في الورشة ويركّب أعماله أحيانًا في أوراش البناء. "
            "والحرفة تتطلب جهدًا بدنيًا وحسًّا بالرسم ودقة في العمل.",
            "An art metalworker heats iron in the forge, hammers it on the anvil, bends and cuts it to make "
            "decorated grilles, railings, doors, lanterns and furniture. The work is done in a workshop, and "
            "pieces are sometimes fitted on building sites. It is physical work that needs a sense of design "
            "and precision.",
        ),
        "pictogram": "art-metalwork",
        "sector": "crafts",
        "esco_uri": "",
        "esco_code": "7223.14",
        "isco_code": "7223",
        "riasec_code": "RC",
        "skills": [
            "shape-ornamental-design",
            "cut-ornamental-design",
            "shape-metal-over-anvils",
            "heat-metals",
            "use-metalworking-tools",
        ],
        "position": 2,
    },
    {
        "slug": "joinery",
        "name": t("Menuiserie", "النجارة", "Joinery"),
        "summary": t(
            "Fabriquer des portes, des fenêtres et des meubles en bois.",
            "صنع الأبواب والنوافذ والأثاث من الخشب.",
            "Make wooden doors, windows and furniture.",
        ),
        "description": t(
            "Le menuisier lit un plan, mesure, scie et assemble le bois pour fabriquer portes, fenêtres, "
            "placards et meubles, puis les ponce et les vernit. Il travaille en atelier, dans une entreprise "
            "de menuiserie ou sur les chantiers pour la pose. Il faut aimer le travail manuel précis et savoir "
            "compter et mesurer.",
            "يقرأ النجار التصميم ويقيس وينشر الخشب ويجمّع أجزاءه لصنع الأبواب والنوافذ والخزائن والأثاث، "
            "ثم يصقلها ويطليها بالورنيش. يعمل في ورشة أو في مقاولة للنجارة أو في أوراش البناء لتركيب "
            "الأعمال. وتتطلب المهنة حبّ العمل اليدوي الدقيق وإتقان الحساب والقياس.",
            "A joiner reads a plan, measures, saws and joins wood to make doors, windows, cupboards and "
            "furniture, then sands and varnishes them. Joiners work in a workshop, in a joinery company or "
            "on building sites for fitting. You need to enjoy precise handwork and be able to count and measure.",
        ),
        "pictogram": "joinery",
        "sector": "crafts",
        "esco_uri": "",
        "esco_code": "7115.1",
        "isco_code": "7115",
        "riasec_code": "RC",
        "skills": [
            "create-wood-joints",
            "join-wood-elements",
            "create-smooth-wood-surface",
            "apply-wood-finishes",
            "interpret-2d-plans",
        ],
        "position": 3,
    },
    {
        "slug": "tailoring",
        "name": t("Couture", "الخياطة", "Tailoring"),
        "summary": t(
            "Couper et coudre des vêtements sur mesure, traditionnels ou modernes.",
            "تفصيل الملابس التقليدية والعصرية وخياطتها حسب المقاس.",
            "Cut and sew made-to-measure clothes, traditional or modern.",
        ),
        "description": t(
            "La couturière ou le couturier prend les mesures, coupe le tissu et coud à la machine et à la "
            "main caftans, djellabas et vêtements modernes; les retouches font aussi partie du travail. On "
            "travaille dans un atelier de couture, une entreprise de confection ou à la maison. Le métier "
            "demande de la minutie, du goût et de la patience.",
            "يأخذ الخياط أو الخياطة المقاسات ويفصّل القماش ويخيط القفاطين والجلابيب والملابس العصرية بالآلة "
            "وباليد، كما يتولى تعديل الملابس وإصلاحها. ويكون العمل في ورشة خياطة أو في مصنع للألبسة أو في "
            "البيت. وتتطلب المهنة دقة وذوقًا وصبرًا.",
            "A tailor or dressmaker takes measurements, cuts the fabric and sews kaftans, djellabas and modern "
            "clothes by machine and by hand; alterations are part of the job too. The work is done in a sewing "
            "workshop, a clothing factory or at home. It needs care, taste and patience.",
        ),
        "pictogram": "tailoring",
        "sector": "crafts",
        "esco_uri": ESCO_OCCUPATION + "5589e8e0-48d9-4193-8c85-86ba9f17e0e9",
        "esco_code": "7531.2",
        "isco_code": "7531",
        "riasec_code": "RA",
        "skills": [
            "measure-the-human-body-for-wearing-apparel",
            "cut-fabrics",
            "sew-pieces-of-fabric",
            "make-made-to-measure-garments",
            "alter-wearing-apparel",
        ],
        "position": 4,
    },
    {
        "slug": "zellige",
        "name": t("Zellige", "الزليج", "Zellige mosaic"),
        "summary": t(
            "Tailler et poser les petits carreaux d'argile émaillée du zellige.",
            "نقش قطع الزليج الصغيرة من الطين المزجَّج وتركيبها.",
            "Cut and lay the small glazed clay tiles of zellige mosaic.",
        ),
        "description": t(
            "Le zelligeur taille au marteau de petites pièces de terre cuite émaillée, puis les assemble en "
            "motifs géométriques pour habiller murs, sols et fontaines. Il prépare les panneaux en atelier et "
            "les pose sur les chantiers. Le métier demande de l'attention, le goût des formes et une bonne "
            "résistance physique.",
            "يقطع حِرفيّ الزليج بالمطرقة قطعًا صغيرة من الطين المطبوخ المزجَّج، ثم يجمعها في أشكال هندسية "
            "لتكسية الجدران والأرضيات والنافورات. يحضّر اللوحات في الورشة ويركّبها في أوراش البناء. وتتطلب "
            "الحرفة تركيزًا وذوقًا في الأشكال وقدرة بدنية جيدة.",
            "A zellige craftsman chips small pieces of glazed terracotta with a hammer, then assembles them "
            "into geometric patterns to cover walls, floors and fountains. Panels are prepared in the workshop "
            "and laid on site. The work needs concentration, an eye for shapes and good stamina.",
        ),
        "pictogram": "zellige",
        "sector": "crafts",
        "esco_uri": "",
        "esco_code": "7122.4",
        "isco_code": "7122",
        "riasec_code": "RC",
        "skills": ["cut-tiles", "lay-tiles", "plan-tiling", "fill-tile-joints", "mix-grouts"],
        "position": 5,
    },
    {
        "slug": "plaster",
        "name": t("Plâtre sculpté (gebs)", "النقش على الجبص", "Carved plaster (gebs)"),
        "summary": t(
            "Préparer, couler et sculpter le plâtre décoratif des plafonds et des murs.",
            "تحضير الجبص الزخرفي وصبّه ونقشه على الأسقف والجدران.",
            "Prepare, cast and carve decorative plaster for ceilings and walls.",
        ),
        "description": t(
            "Le plâtrier d'art (gebbas) prépare les murs, coule le plâtre puis y sculpte au ciseau des frises, "
            "des arcs et des coupoles à motifs floraux et géométriques. Il travaille surtout sur les chantiers "
            "de maisons, de riads, de mosquées et d'hôtels. Le métier demande une main précise, le sens du "
            "dessin et le respect des règles de sécurité.",
            "يحضّر الجبّاس الجدران ويصبّ الجبص ثم ينقش عليه بالإزميل أفاريز وأقواسًا وقِبابًا بزخارف نباتية "
            "وهندسية. ويعمل غالبًا في أوراش المنازل والرياضات والمساجد والفنادق. وتتطلب الحرفة يدًا دقيقة "
            "وحسًّا بالرسم واحترامًا لقواعد السلامة.",
            "A plaster carver (gebbas) prepares the walls, casts the plaster and carves friezes, arches and "
            "domes with floral and geometric patterns. Most of the work is on site, in houses, riads, mosques "
            "and hotels. It needs a precise hand, a feel for drawing and respect for safety rules.",
        ),
        "pictogram": "plaster",
        "sector": "crafts",
        "esco_uri": "",
        "esco_code": "7123.2",
        "isco_code": "7123",
        "riasec_code": "RC",
        "skills": ["plaster-surfaces", "prepare-surface-for-plastering", "mix-grouts", "work-safely-with-chemicals"],
        "position": 6,
    },
    {
        "slug": "cut-stone",
        "name": t("Pierre taillée", "نحت الحجر", "Cut stone"),
        "summary": t(
            "Tailler et sculpter la pierre pour les façades, les colonnes et les fontaines.",
            "قطع الحجر ونحته للواجهات والأعمدة والنافورات.",
            "Cut and carve stone for façades, columns and fountains.",
        ),
        "description": t(
            "Le tailleur de pierre trace les formes sur le bloc, le taille au ciseau et au maillet, puis le "
            "polit à la main pour réaliser encadrements, colonnes, fontaines et motifs sculptés. Il travaille "
            "en atelier ou en carrière et pose ses pièces sur les chantiers. C'est un métier physique qui "
            "demande de la précision et le sens des volumes.",
            "يرسم نحّات الحجر الأشكال على الكتلة الحجرية، ثم ينحتها بالإزميل والمطرقة الخشبية ويصقلها "
            "باليد لإنجاز الإطارات والأعمدة والنافورات والزخارف المنحوتة. يعمل في الورشة أو في المقلع ويركّب "
            "قطعه في أوراش البناء. إنها حرفة بدنية تتطلب الدقة والإحساس بالأحجام.",
            "A stone cutter marks shapes on the block, cuts it with chisel and mallet and polishes it by hand "
            "to make frames, columns, fountains and carved patterns. The work is done in a workshop or a "
            "quarry, and pieces are fitted on building sites. It is physical work that needs precision and a "
            "sense of volume.",
        ),
        "pictogram": "cut-stone",
        "sector": "crafts",
        "esco_uri": "",
        "esco_code": "7113.1",
        "isco_code": "7113",
        "riasec_code": "R",
        "skills": ["use-stonemasons-chisel", "mark-stone-workpieces", "polish-stone-by-hand", "create-cutting-plan"],
        "position": 7,
    },
    {
        "slug": "wood-carving",
        "name": t("Bois sculpté", "النقش على الخشب", "Wood carving"),
        "summary": t(
            "Sculpter le bois à la main: cèdre, thuya, noyer.",
            "نقش الخشب باليد: الأرز والعرعار والجوز.",
            "Carve wood by hand: cedar, thuya, walnut.",
        ),
        "description": t(
            "Le sculpteur sur bois dessine un motif, le creuse au couteau et à la gouge dans le cèdre ou le "
            "thuya, puis ponce et applique une finition. Il décore plafonds, portes, coffres et petits objets, "
            "en atelier ou dans une coopérative. Le métier demande de la patience, le goût du détail et un "
            "entretien soigneux des outils.",
            "يرسم النقّاش الزخرفة ثم يحفرها بالسكين والإزميل المقعّر في خشب الأرز أو العرعار، ثم يصقلها "
            "ويضع عليها طبقة التشطيب. يزيّن الأسقف والأبواب والصناديق والتحف الصغيرة، في ورشة أو في "
            "تعاونية. وتتطلب الحرفة صبرًا واهتمامًا بالتفاصيل وعناية دائمة بالأدوات.",
            "A woodcarver draws a pattern, cuts it into cedar or thuya with knives and gouges, then sands it "
            "and applies a finish. Carvers decorate ceilings, doors, chests and small objects, in a workshop "
            "or a cooperative. The work needs patience, an eye for detail and careful upkeep of tools.",
        ),
        "pictogram": "wood-carving",
        "sector": "crafts",
        "esco_uri": ESCO_OCCUPATION + "b9d03330-c71c-4827-8797-3e96249d54db",
        "esco_code": "7317.6",
        "isco_code": "7317",
        "riasec_code": "AR",
        "skills": [
            "use-wood-carving-knives",
            "carve-materials",
            "maintain-edged-hand-tools",
            "sand-wood",
            "apply-wood-finishes",
        ],
        "position": 8,
    },
    {
        "slug": "agriculture",
        "name": t("Agriculture", "الفلاحة", "Agriculture"),
        "summary": t(
            "Cultiver, soigner et récolter les plantes, dans les champs et sous serre.",
            "زراعة النباتات والعناية بها وجنيها في الحقول وداخل البيوت المغطاة.",
            "Grow, tend and harvest crops, in fields and greenhouses.",
        ),
        "description": t(
            "L'ouvrier agricole prépare le sol, plante, arrose, apporte l'engrais, protège les cultures contre "
            "les maladies et récolte fruits et légumes. Il travaille en plein air ou sous serre, dans des "
            "exploitations, des vergers et des coopératives, au rythme des saisons. Le métier demande une "
            "bonne santé, de la régularité et l'envie de comprendre le vivant.",
            "يحضّر العامل الفلاحي التربة ويغرس ويسقي ويضع الأسمدة ويحمي المزروعات من الأمراض ويجني "
            "الفواكه والخضر. يعمل في الهواء الطلق أو داخل البيوت المغطاة، في الضيعات والبساتين "
            "والتعاونيات، حسب إيقاع المواسم. وتتطلب المهنة صحة جيدة ومواظبة ورغبة في فهم عالم النبات.",
            "A crop worker prepares the soil, plants, waters, fertilises, protects crops from pests and "
            "diseases and harvests fruit and vegetables. The work is outdoors or in greenhouses, on farms, in "
            "orchards and cooperatives, following the seasons. It needs good health, steady habits and a wish "
            "to understand living things.",
        ),
        "pictogram": "agriculture",
        "sector": "agriculture",
        "esco_uri": "",
        "esco_code": "9213.1",
        "isco_code": "9213",
        "riasec_code": "RC",
        "skills": ["harvest-crop", "grow-plants", "prepare-planting-area", "execute-fertilisation", "pest-control"],
        "position": 9,
    },
    {
        "slug": "hairdressing",
        "name": t("Coiffure", "الحلاقة وتصفيف الشعر", "Hairdressing"),
        "summary": t(
            "Laver, couper, coiffer et colorer les cheveux des clients.",
            "غسل شعر الزبائن وقصّه وتصفيفه وصبغه.",
            "Wash, cut, style and colour customers' hair.",
        ),
        "description": t(
            "La coiffeuse ou le coiffeur accueille le client, conseille une coupe, puis lave, coupe, colore et "
            "coiffe les cheveux, tresses et soins compris. On travaille dans un salon, à domicile ou pour les "
            "mariages et les fêtes. Le métier demande le goût du contact, le sens de la mode et une hygiène "
            "rigoureuse.",
            "يستقبل الحلاق أو مصففة الشعر الزبون وينصحه بالتسريحة المناسبة، ثم يغسل الشعر ويقصّه ويصبغه "
            "ويصففه، بما في ذلك الضفائر والعلاجات. ويكون العمل في صالون أو في المنازل أو في الأعراس "
            "والحفلات. وتتطلب المهنة حسن التواصل مع الناس وذوقًا في الموضة ونظافة صارمة.",
            "A hairdresser welcomes customers, advises on a cut, then washes, cuts, colours and styles hair, "
            "braids and treatments included. The work is in a salon, at people's homes or for weddings and "
            "celebrations. It needs people skills, a taste for fashion and strict hygiene.",
        ),
        "pictogram": "hairdressing",
        "sector": "services",
        "esco_uri": "",
        "esco_code": "",
        "isco_code": "5141",
        "riasec_code": "RCS",
        "skills": [
            "apply-hair-cutting-techniques",
            "colour-hair",
            "style-hair",
            "wash-hair",
            "advise-customers-on-hair-style",
        ],
        "position": 10,
    },
    {
        "slug": "pastry",
        "name": t("Pâtisserie", "صناعة الحلويات", "Pastry making"),
        "summary": t(
            "Préparer et cuire des gâteaux, des viennoiseries et des pâtisseries marocaines.",
            "تحضير الكعك والمعجنات والحلويات المغربية وطهيها.",
            "Prepare and bake cakes, viennoiserie and Moroccan pastries.",
        ),
        "description": t(
            "Le pâtissier pèse les ingrédients, prépare pâtes et crèmes, cuit et décore gâteaux, viennoiseries "
            "et pâtisseries marocaines comme les cornes de gazelle ou la chebakia. Il travaille dans une "
            "pâtisserie, un hôtel, un restaurant ou chez un traiteur, souvent tôt le matin. Le métier demande "
            "de l'exactitude, le respect de l'hygiène et de la créativité.",
            "يزن الحلواني المكونات ويحضّر العجين والكريمات، ثم يطهو ويزيّن الكعك والمعجنات والحلويات "
            "المغربية مثل كعب الغزال والشباكية. يعمل في محلات الحلويات أو الفنادق أو المطاعم أو لدى "
            "الممونين، وغالبًا في الصباح الباكر. وتتطلب المهنة دقة واحترامًا لقواعد النظافة وروحًا إبداعية.",
            "A pastry cook weighs ingredients, prepares doughs and creams, then bakes and decorates cakes, "
            "viennoiserie and Moroccan pastries such as gazelle horns or chebakia. The work is in a pastry "
            "shop, hotel, restaurant or catering service, often early in the morning. It needs accuracy, "
            "strict hygiene and creativity.",
        ),
        "pictogram": "cooking",  # the sprite's symbol for the food trades
        "sector": "services",
        "esco_uri": "",
        "esco_code": "",
        "isco_code": "7512",
        "riasec_code": "RC",
        "skills": [
            "prepare-bakery-products",
            "bake-goods",
            "decorate-confectionery",
            "apply-haccp",
            "ensure-sanitation",
        ],
        "position": 11,
    },
    {
        "slug": "electrical-installation",
        "name": t("Électricité du bâtiment", "كهرباء المباني", "Electrical installation"),
        "summary": t(
            "Installer et réparer les circuits électriques des logements et des bâtiments.",
            "تركيب الدارات الكهربائية في المساكن والمباني وإصلاحها.",
            "Install and repair the electrical circuits of homes and buildings.",
        ),
        "description": t(
            "L'électricien lit le schéma, passe les câbles, installe prises, interrupteurs, tableaux et "
            "éclairages, puis vérifie que tout fonctionne en sécurité. Il travaille sur les chantiers, chez "
            "les particuliers ou dans les entreprises de maintenance. Le métier demande de la rigueur, de la "
            "logique et le respect strict des règles de sécurité.",
            "يقرأ الكهربائي المخطط ويمدّ الأسلاك ويركّب المآخذ والقواطع واللوحات الكهربائية والإنارة، ثم "
            "يتحقق من أن كل شيء يعمل بأمان. يعمل في أوراش البناء أو لدى الخواص أو في مقاولات الصيانة. "
            "وتتطلب المهنة صرامة ومنطقًا واحترامًا دقيقًا لقواعد السلامة.",
            "An electrician reads the wiring diagram, runs cables, installs sockets, switches, distribution "
            "boards and lighting, then checks that everything works safely. Electricians work on building "
            "sites, in people's homes or for maintenance companies. The trade needs rigour, logic and strict "
            "respect of safety rules.",
        ),
        "pictogram": "electrical-installation",
        "sector": "construction",
        "esco_uri": "",
        "esco_code": "7411.1",
        "isco_code": "7411",
        "riasec_code": "RIC",
        "skills": [
            "install-electric-switches",
            "install-electricity-sockets",
            "inspect-electrical-supplies",
            "install-electrical-and-electronic-equipment",
            "follow-health-and-safety-procedures-in-construction",
        ],
        "position": 12,
    },
]
