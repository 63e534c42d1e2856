"""Words for the synthetic catalogue that benchmarks search and recommendation on.

A synthetic programme's texts are built from its trade, level, city, region
and provider names in each language, plus wording drawn from small pools, so
that 10,000 programmes read like a real, varied catalogue rather than one
sentence repeated. Every template exists in French, Arabic and English, and
one draw picks the same template in the three languages, so the versions stay
translations of each other. Nothing here touches the database.
"""

from __future__ import annotations

import random

from demo.data.i18n import LANGS, Text, t
from demo.data.levels import LEVEL_NAMES, SCHEDULE_NAMES


def weeks_text(weeks: int) -> Text:
    """A duration in weeks, with the Arabic noun agreeing with its number."""
    rest = weeks % 100
    if weeks == 1:
        arabic = "أسبوع واحد"
    elif weeks == 2:
        arabic = "أسبوعين"
    elif 3 <= rest <= 10:
        arabic = f"{weeks} أسابيع"
    elif 11 <= rest <= 99:
        arabic = f"{weeks} أسبوعًا"
    else:  # 100, 101, 102, 200…: the noun stays singular
        arabic = f"{weeks} أسبوع"
    return t(
        "1 semaine" if weeks == 1 else f"{weeks} semaines",
        arabic,
        f"{weeks}-week",
    )


TITLES = [
    t("{trade} — {level_l}, {city}", "{trade} — {level}، {city}", "{trade} — {level_l}, {city}"),
    t("Formation en {trade_l} à {city}", "تكوين في {trade} ب{city}", "{trade} training in {city}"),
    t("{trade} pour débutants ({city})", "{trade} للمبتدئين ({city})", "{trade} for beginners ({city})"),
    t(
        "{trade} : se perfectionner à {city}",
        "{trade}: تحسين المهارات ب{city}",
        "{trade}: improve your skills in {city}",
    ),
    t("{level} en {trade_l} — {city}", "{level} في {trade} — {city}", "{level} in {trade_l} — {city}"),
    t("Atelier de {trade_l} à {city}", "ورشة لتعلّم {trade} ب{city}", "{trade} workshop in {city}"),
]

SUMMARIES = [
    t(
        "Formation de {weeks}, {schedule}, pour apprendre le métier: {trade_l}.",
        "تكوين لمدة {weeks}، {schedule}، لتعلّم حرفة {trade}.",
        "A {weeks} course, {schedule}, to learn {trade_l}.",
    ),
    t(
        "Apprenez les gestes de base du métier avec des professionnels installés à {city}.",
        "تعلّم الحركات الأساسية للحرفة مع مهنيين يعملون ب{city}.",
        "Learn the basic skills of the trade with professionals working in {city}.",
    ),
    t(
        "Un parcours pour travailler en {trade_l} à {city} et dans sa région.",
        "مسار للعمل في {trade} ب{city} ونواحيها.",
        "A path to work in {trade_l} in {city} and the surrounding region.",
    ),
    t(
        "Des cours pratiques en atelier, {schedule}, pour se lancer en {trade_l}.",
        "دروس تطبيقية في الورشة، {schedule}، للانطلاق في {trade}.",
        "Hands-on workshop classes, {schedule}, to get started in {trade_l}.",
    ),
]

WHERE = t(
    "La formation a lieu à {city}, chez {provider}.",
    "يجري التكوين ب{city}، لدى {provider}.",
    "Training takes place in {city}, at {provider}.",
)

EXTRAS = [
    t(
        "Les groupes sont petits pour que chacun pratique.",
        "المجموعات صغيرة ليتمكن كل مشارك من التطبيق.",
        "Groups are small so that everyone gets hands-on practice.",
    ),
    t(
        "Un stage en entreprise complète la formation.",
        "يُكمل التكوينَ تدريبٌ في مقاولة.",
        "A company internship completes the training.",
    ),
    t(
        "Le matériel et la tenue de travail sont fournis.",
        "تُوفَّر المعدات وملابس العمل.",
        "Tools and work clothes are provided.",
    ),
    t(
        "Une aide à la recherche d'emploi est proposée à la fin du parcours.",
        "تُقترح مساعدة في البحث عن عمل في نهاية المسار.",
        "Help with finding a job is offered at the end.",
    ),
    t("Les débutants sont les bienvenus.", "المبتدئون مرحَّب بهم.", "Beginners are welcome."),
    t(
        "Les horaires permettent de garder un emploi à côté.",
        "تسمح المواعيد بالاحتفاظ بعمل موازٍ.",
        "The timetable lets you keep a job alongside.",
    ),
    t(
        "La sécurité au travail est enseignée dès le premier jour.",
        "تُدرَّس السلامة في العمل منذ اليوم الأول.",
        "Safety at work is taught from the first day.",
    ),
    t(
        "Les formateurs sont des artisans et des professionnels en activité.",
        "المكوّنون حِرفيون ومهنيون يزاولون عملهم.",
        "Trainers are working craftspeople and professionals.",
    ),
]

REGION = t("Région : {region}.", "الجهة: {region}.", "Region: {region}.")

PROVIDER_NAMES = {
    "centre": t(
        "Centre de formation professionnelle n° {n}, {city}",
        "مركز التكوين المهني رقم {n}، {city}",
        "Vocational Training Centre No. {n}, {city}",
    ),
    "association": t(
        "Association Avenir des métiers n° {n}, {city}",
        "جمعية مستقبل المهن رقم {n}، {city}",
        "Future Trades Association No. {n}, {city}",
    ),
    "cooperative": t(
        "Coopérative artisanale n° {n}, {city}",
        "التعاونية الحرفية رقم {n}، {city}",
        "Craft Cooperative No. {n}, {city}",
    ),
    "institute": t(
        "Institut des métiers n° {n}, {city}",
        "معهد المهن رقم {n}، {city}",
        "Institute of Trades No. {n}, {city}",
    ),
}

PROVIDER_DESCRIPTION = t(
    "Organisme de formation situé à {city} (catalogue de démonstration pour les tests de performance).",
    "هيئة تكوين ب{city} (دليل تجريبي لاختبارات الأداء).",
    "A training organisation in {city} (demonstration catalogue for performance tests).",
)


def _fill(template: Text, values: dict[str, Text]) -> Text:
    result = {}
    for lang in LANGS:
        words = {name: value[lang] for name, value in values.items()}
        words.update({f"{name}_l": value[lang].lower() for name, value in values.items() if lang != "ar"})
        result[lang] = template[lang].format(**words)
    return result


def provider_texts(*, kind: str, city: Text, n: int) -> dict[str, Text]:
    """Name and description of the ``n``-th synthetic provider."""
    number = t(str(n), str(n), str(n))
    return {
        "name": _fill(PROVIDER_NAMES[kind], {"city": city, "n": number}),
        "description": _fill(PROVIDER_DESCRIPTION, {"city": city}),
    }


def programme_texts(
    rng: random.Random,
    *,
    trade: Text,
    trade_summary: Text,
    level: str,
    schedule: str,
    weeks: int,
    city: Text,
    region: Text,
    provider: Text,
) -> dict[str, Text]:
    """Title, summary and description of one synthetic programme, in every language."""
    values = {
        "trade": trade,
        "level": LEVEL_NAMES[level],
        "schedule": SCHEDULE_NAMES[schedule],
        "weeks": weeks_text(weeks),
        "city": city,
        "region": region,
        "provider": provider,
    }
    sentences = [trade_summary, _fill(WHERE, values), *rng.sample(EXTRAS, rng.randint(1, 2)), _fill(REGION, values)]
    return {
        "title": _fill(rng.choice(TITLES), values),
        "summary": _fill(rng.choice(SUMMARIES), values),
        "description": {lang: " ".join(sentence[lang] for sentence in sentences) for lang in LANGS},
    }
