"""Demo questionnaires: the orientation questionnaire saved to thirteen of the pilot desk's files, so a file shows
what was suggested and the reports' funnel counts "Questionnaire saved" between the files opened and the
applications.

Most people who applied took it with a counsellor first; a few took it and have not applied yet; three applied
without it (one was refused for missing documents, one withdrew, one's offer lapsed). Aminata Diallo saved hers
online, from her own space. Each is saved through the services a counsellor or the person uses, so the
suggestions are the recommender's of the day and the save is audited; a file keeps its questionnaire, which is
saved on the day of loading, the day the demo's files are opened. Thirteen because the funnel hides a step less
than the threshold (5) away from the one before: 21 files opened, 13 questionnaires, 13 applicants all read.

Demo machines only (refused in production); safe to run again: a file that has a questionnaire gets no other.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from catalog.models import Desk, SchoolingLevel
from core.actor import Actor
from demo.accounts import DEMO_COUNSELLOR_USERNAME
from demo.data.data import PILOT_DESK
from orientation.profile import Profile
from people.models import Beneficiary, ConsentPurpose
from people.services import orientation_result_save, orientation_result_save_own

# Who took the questionnaire, by first name: what they like, their schooling, the languages they speak well (2)
# or a little (1), and when they could start. Birth years come from their files.
QUESTIONNAIRES = {
    "Fatou": ({"sew": "like", "draw": "like", "sell": "unsure"}, SchoolingLevel.LOWER_SECONDARY, {"fr": 2}, "now"),
    "Ibrahim": ({"forge": "like", "repair": "like", "draw": "dislike"}, SchoolingLevel.PRIMARY, {"fr": 1}, "now"),
    "Grace": ({"fine-objects": "like", "draw": "like"}, SchoolingLevel.LOWER_SECONDARY, {"en": 2, "fr": 1}, "now"),
    "Awa": ({"tiles": "like", "draw": "like", "measure": "unsure"}, SchoolingLevel.PRIMARY, {"fr": 2}, "now"),
    "Samuel": ({"shape-wood": "like", "carve": "like"}, SchoolingLevel.LOWER_SECONDARY, {"en": 2, "fr": 1}, "now"),
    "Aïcha": ({"sew": "like", "customers": "like"}, SchoolingLevel.PRIMARY, {"fr": 2}, "soon"),
    "Esther": ({"walls": "unsure", "sew": "like"}, SchoolingLevel.LOWER_SECONDARY, {"fr": 2}, "soon"),
    "Aminata": ({"fine-objects": "like", "sew": "unsure"}, SchoolingLevel.PRIMARY, {"fr": 2}, "now"),
    "Mariama": ({"tiles": "like", "stone": "unsure"}, SchoolingLevel.LITERACY, {"fr": 1}, "now"),
    "Oumar": ({"forge": "like", "how-it-works": "like"}, SchoolingLevel.PRIMARY, {"fr": 1, "ar": 1}, "soon"),
    "Joseph": ({"repair": "like", "how-it-works": "like"}, SchoolingLevel.LOWER_SECONDARY, {"en": 2}, "later"),
    "Nadia": ({"bake": "like", "help": "like"}, SchoolingLevel.LOWER_SECONDARY, {"ar": 2, "fr": 1}, "soon"),
    "Hawa": ({"sew": "like", "bake": "unsure"}, SchoolingLevel.NONE, {"fr": 1}, "later"),
}
ONLINE = {"Aminata"}  # saved by the person from her own space (she has an account); the others at the desk


@transaction.atomic
def orientation_results_ensure() -> int:
    """Demo machines only: the questionnaires of the plan, saved to the files that have none yet. Count saved now."""
    if settings.PRODUCTION:
        raise RuntimeError("Demo questionnaires are refused in production.")
    desk = Desk.objects.get(slug=PILOT_DESK)
    counsellor = Actor(user=get_user_model().objects.get(username=DEMO_COUNSELLOR_USERNAME))
    files = Beneficiary.objects.filter(desk=desk, first_name__in=QUESTIONNAIRES, orientation_results=None)
    saved = 0
    for person in files.select_related("account").order_by("pk"):
        if not person.consents.live(ConsentPurpose.PROCESSING).exists():
            continue
        interests, schooling, speaks, start = QUESTIONNAIRES[person.first_name]
        profile = Profile(
            interests=interests,
            schooling=int(schooling),
            speaks=speaks,
            birth_year=person.birth_year,
            start=start,
            city="casablanca",
        )
        if person.first_name in ONLINE and person.account is not None:
            with translation.override("fr"):
                orientation_result_save_own(actor=Actor(user=person.account), profile=profile)
        else:
            orientation_result_save(actor=counsellor, beneficiary=person, profile=profile, person_language="fr")
        saved += 1
    return saved
