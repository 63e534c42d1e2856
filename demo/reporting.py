"""Demo reports: the administrator reads the whole network and may export it; the pilot desk's files tell their sex
and nationality (statistics only), nationality groups are defined, and the site counted a few anonymous
questionnaires this month. Enough for ``/<lang>/desk/reports/`` to show some counts and hide others (under 5).

Demo machines only (refused in production); safe to run again.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.models import Role, StaffRole
from catalog.models import Desk, Region
from demo.accounts import DEMO_ADMIN_USERNAME
from demo.data.data import PILOT_DESK
from orientation.models import CompletionCount
from people.models import Beneficiary, Sex
from reporting.models import NationalityGroup

GROUPS = [
    (
        "west-africa",
        {"fr": "Afrique de l’Ouest", "ar": "غرب أفريقيا", "en": "West Africa"},
        "sénégalaise\nsénégalais\nsenegal\nmalienne\nmalien\nmali\nguinéenne\nguinéen\nguinée\nivoirienne\nivoirien\n"
        "côte d’ivoire\nburkinabè\nghanéenne\nghana\nnigériane\nnigeria\nسنغالية\nمالية",
    ),
    (
        "central-africa",
        {"fr": "Afrique centrale", "ar": "وسط أفريقيا", "en": "Central Africa"},
        "congolaise\ncongolais\ncongo\ncamerounaise\ncamerounais\ncameroun\nburundaise\nburundi\ntchadienne",
    ),
    (
        "middle-east",
        {"fr": "Moyen-Orient", "ar": "الشرق الأوسط", "en": "Middle East"},
        "syrienne\nsyrien\nsyria\nyéménite\nyemen\nسورية\nسوري\nيمنية",
    ),
]
# The synthetic files' nationality and sex, by first name (made-up people, for the breakdowns only).
PROFILES = {
    "Aminata": ("guinéenne", Sex.FEMALE),
    "Joseph": ("ghanéenne", Sex.MALE),
    "Mariam": ("syrienne", Sex.FEMALE),
    "Fatou": ("sénégalaise", Sex.FEMALE),
    "Ibrahim": ("malienne", Sex.MALE),
    "Grace": ("nigériane", Sex.FEMALE),
    "Moussa": ("malienne", Sex.MALE),
    "Awa": ("ivoirienne", Sex.FEMALE),
    "Samuel": ("ghanéenne", Sex.MALE),
    "Aïcha": ("ivoirienne", Sex.FEMALE),
    "Jean-Pierre": ("burundaise", Sex.MALE),
    "Mariama": ("guinéenne", Sex.FEMALE),
    "Oumar": ("malienne", Sex.MALE),
    "Esther": ("camerounaise", Sex.FEMALE),
    "Cheikh": ("sénégalaise", Sex.MALE),
    "Nadia": ("syrienne", Sex.FEMALE),
    "Patrick": ("congolaise", Sex.MALE),
    "Hawa": ("guinéenne", Sex.FEMALE),
    "Daniel": ("ghanéenne", Sex.MALE),
    "Kadiatou": ("guinéenne", Sex.FEMALE),
    "Yao": ("ivoirienne", Sex.MALE),
}
# Anonymous questionnaires completed on the site this month: (language, count) for the pilot's region.
COMPLETIONS = [("fr", 9), ("ar", 6), ("en", 2)]


def reporting_ensure() -> dict[str, int]:
    if settings.PRODUCTION:
        raise RuntimeError("Demo reports data is refused in production.")
    admin = get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).first()
    if admin is not None:
        StaffRole.objects.get_or_create(user=admin, role=Role.NETWORK_ADMIN, region=None)
        admin.user_permissions.add(
            Permission.objects.get(codename="export_reports", content_type__app_label="reporting")
        )
    for position, (slug, names, spellings) in enumerate(GROUPS):
        NationalityGroup.objects.update_or_create(
            slug=slug,
            defaults={
                "name_fr": names["fr"],
                "name_ar": names["ar"],
                "name_en": names["en"],
                "spellings": spellings,
                "position": position,
            },
        )
    desk = Desk.objects.get(slug=PILOT_DESK)
    told = 0
    for first_name, (nationality, sex) in PROFILES.items():
        # Statistics fields only, and only where the file says nothing yet.
        told += Beneficiary.objects.filter(desk=desk, first_name=first_name, nationality="", sex="").update(
            nationality=nationality, sex=sex
        )
    region = Region.objects.get(cities__desks=desk)
    day = timezone.localdate().replace(day=1)
    for language, count in COMPLETIONS:
        CompletionCount.objects.get_or_create(day=day, language=language, region=region, defaults={"count": count})
    return {"files_told": told}
