"""The desk's day on a demo machine: reasons for a meeting, two counsellors' weeks at the pilot desk, synthetic
files and a few appointments to come, so booking and the workspace can be tried at once.

Reasons are network settings (no personal data): loaded with the network. The
counsellors, their availability, the synthetic files and the appointments are
demo staff data: demo machines only, refused in production, like the demo accounts.
Everything is dated from the day of loading and safe to load again.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, StaffRole
from appointments import queue, selectors, services
from appointments.holidays import FIRST_YEAR, LAST_YEAR, holidays_load
from appointments.models import (
    Absence,
    AbsenceKind,
    Appointment,
    Availability,
    BookedVia,
    MeetingChannel,
    MeetingReason,
)
from catalog.models import Desk
from core.actor import Actor
from demo.data.data import PILOT_DESK
from demo.data.i18n import t
from people.models import Beneficiary
from people.services import beneficiary_create

# Reasons for a meeting, offered by every desk of the network (slug, texts, minutes, channel, notice hours).
REASONS = [
    (
        "first-information",
        t("Première information", "معلومات أولى", "First information"),
        t(
            "Découvrir ce que le guichet propose et les formations gratuites.",
            "التعرف على ما يقدمه الشباك وعلى التكوينات المجانية.",
            "Find out what the desk offers and which trainings are free.",
        ),
        20,
        MeetingChannel.IN_PERSON,
    ),
    (
        "orientation-interview",
        t("Entretien d'orientation", "مقابلة توجيه", "Orientation interview"),
        t(
            "Choisir un métier avec un conseiller, à partir de vos goûts et de votre expérience.",
            "اختيار مهنة مع مستشار انطلاقا من اهتماماتك وتجربتك.",
            "Choose a trade with a counsellor, from what you like and what you have done.",
        ),
        45,
        MeetingChannel.IN_PERSON,
    ),
    (
        "application-help",
        t("Aide à la candidature", "مساعدة في الترشح", "Help with an application"),
        t(
            "Préparer le dossier d'inscription à une formation.",
            "تحضير ملف التسجيل في تكوين.",
            "Prepare the file to apply for a training.",
        ),
        30,
        MeetingChannel.IN_PERSON,
    ),
    (
        "document-check",
        t("Vérification des documents", "التحقق من الوثائق", "Document check"),
        t(
            "Vérifier que vos papiers sont complets avant une inscription.",
            "التأكد من اكتمال وثائقك قبل التسجيل.",
            "Check your papers are complete before you apply.",
        ),
        15,
        MeetingChannel.IN_PERSON,
    ),
    (
        "phone-follow-up",
        t("Suivi par téléphone", "متابعة عبر الهاتف", "Follow-up by phone"),
        t(
            "Faire le point par téléphone sur votre formation ou votre candidature.",
            "مراجعة تكوينك أو ترشحك عبر الهاتف.",
            "Talk about your training or application on the phone.",
        ),
        15,
        MeetingChannel.PHONE,
    ),
]

SECOND_COUNSELLOR_USERNAME = "counsellor2"
# Synthetic people (made-up names): enough files for the workspace, the queue and booking to be tried.
SYNTHETIC_FILES = [
    ("Fatou", "Ndiaye", 1995, "+212612000011"),
    ("Ibrahim", "Traoré", 1999, "+212612000012"),
    ("Grace", "Okafor", 1993, ""),
    ("Moussa", "Keita", 2002, "+212612000014"),
    ("Awa", "Coulibaly", 1998, ""),
    ("Samuel", "Mensah", 1988, "+212612000016"),
    ("Aïcha", "Bamba", 2000, ""),
    ("Jean-Pierre", "Nkurunziza", 1991, "+212612000018"),
    ("Mariama", "Sow", 1996, ""),
    ("Oumar", "Diarra", 2003, "+212612000020"),
    ("Esther", "Mbala", 1994, ""),
    ("Cheikh", "Fall", 1989, "+212612000022"),
    ("Nadia", "Khoury", 1997, ""),
    ("Patrick", "Ilunga", 1992, "+212612000024"),
    ("Hawa", "Camara", 2001, ""),
    ("Daniel", "Asante", 1990, "+212612000026"),
    ("Kadiatou", "Barry", 1999, ""),
    ("Yao", "Kouassi", 1987, "+212612000028"),
]
APPOINTMENTS_BOOKED = 8  # synthetic files with a meeting to come


def reasons_ensure() -> int:
    """The reasons for a meeting, offered by every desk, and the public holidays of this year and the next
    (every desk closed). Returns how many reasons there are."""
    this_year = selectors.local(timezone.now()).year
    for year in (this_year, this_year + 1):
        if FIRST_YEAR <= year <= LAST_YEAR:
            holidays_load(year)
    desks = list(Desk.objects.all())
    for order, (slug, name, description, minutes, channel) in enumerate(REASONS):
        reason, _created = MeetingReason.objects.update_or_create(
            slug=slug,
            defaults={
                "order": order,
                "duration_minutes": minutes,
                "channel": channel,
                **{f"name_{lang}": text for lang, text in name.items()},
                **{f"description_{lang}": text for lang, text in description.items()},
            },
        )
        reason.desks.add(*desks)
    return len(REASONS)


def _counsellors(desk: Desk, password: str) -> list:
    from demo.accounts import DEMO_COUNSELLOR_USERNAME

    users = get_user_model()
    second, created = users.objects.get_or_create(
        username=SECOND_COUNSELLOR_USERNAME, defaults={"first_name": "Youssef", "last_name": "Amrani"}
    )
    if created:
        second.set_password(password)
        second.save(update_fields=["password"])
    StaffRole.objects.get_or_create(user=second, role=Role.COUNSELLOR, desk=desk)
    return [users.objects.get(username=DEMO_COUNSELLOR_USERNAME), second]


def _availability_ensure(desk: Desk, counsellors: list, today: datetime.date) -> None:
    """Each counsellor receives during the desk's opening hours on weekdays; the second one is on leave one day."""
    opening = list(desk.opening_hours.values_list("weekday", "opens", "closes"))
    for counsellor in counsellors:
        if Availability.objects.filter(counsellor=counsellor, desk=desk).exists():
            continue
        Availability.objects.bulk_create(
            Availability(
                counsellor=counsellor,
                desk=desk,
                weekday=weekday,
                starts=opens,
                ends=closes,
                valid_from=today - datetime.timedelta(days=7),
            )
            for weekday, opens, closes in opening
        )
    second = counsellors[1]
    if not Absence.objects.filter(counsellor=second).exists():
        leave = today + datetime.timedelta(days=(7 - today.weekday()) + 2)  # Wednesday of next week
        zone = selectors.desk_zone()
        Absence.objects.create(
            counsellor=second,
            kind=AbsenceKind.TRAINING,
            starts_at=datetime.datetime.combine(leave, datetime.time.min, tzinfo=zone),
            ends_at=datetime.datetime.combine(leave + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone),
        )


def _files_ensure(desk: Desk, actor: Actor) -> list[Beneficiary]:
    files = []
    for first_name, last_name, birth_year, phone in SYNTHETIC_FILES:
        person = Beneficiary.objects.filter(desk=desk, first_name=first_name, last_name=last_name).first()
        if person is None:
            profile = {"first_name": first_name, "last_name": last_name, "birth_year": birth_year, "phone": phone}
            person = beneficiary_create(actor=actor, desk=desk, profile=profile, consent_contact=bool(phone))
        files.append(person)
    return files


def _appointments_ensure(desk: Desk, files: list[Beneficiary], actor: Actor) -> int:
    """A meeting to come for the first synthetic files, at the next free times of the coming days."""
    now = timezone.now()
    if Appointment.objects.filter(desk=desk, starts_at__gt=now).count() >= APPOINTMENTS_BOOKED:
        return 0
    reason = MeetingReason.objects.get(slug="orientation-interview")
    start = selectors.local(now).date()
    free = selectors.free_times(
        desk=desk, reason=reason, first=start, last=start + datetime.timedelta(days=14), now=now
    )
    booked = 0
    # Every third free time, so the page of free times still shows plenty.
    for person, time in zip(files[:APPOINTMENTS_BOOKED], free[::3], strict=False):
        try:
            services.appointment_book(
                actor=actor,
                desk=desk,
                reason=reason,
                starts_at=time.start,
                beneficiary=person,
                booked_via=BookedVia.DESK,
                now=now,
            )
            booked += 1
        except (services.SlotTaken, services.AlreadyBooked, services.BookingRefused):
            continue
    return booked


WALK_INS_WAITING = 4  # tickets taken at the kiosk this morning, for the console and the now-serving screen


def _walk_ins_ensure(desk: Desk) -> int:
    """A few people waiting in today's line (no phone: no text leaves a demo machine for them)."""
    day = queue.today()
    if queue.line(desk=desk, day=day).exists():
        return 0
    reasons = list(MeetingReason.objects.filter(desks=desk).order_by("order")[:3])
    for n in range(WALK_INS_WAITING):
        queue.ticket_issue(desk=desk, reason=reasons[n % len(reasons)], language=("fr", "ar")[n % 2])
    return WALK_INS_WAITING


@transaction.atomic
def desk_day_ensure(*, password: str) -> dict[str, int]:
    """Demo machines only: the second counsellor, availability, synthetic files and appointments to come."""
    from django.conf import settings

    if settings.PRODUCTION:
        raise RuntimeError("Demo staff data is refused in production.")
    desk = Desk.objects.get(slug=PILOT_DESK)
    counsellors = _counsellors(desk, password)
    today = selectors.local(timezone.now()).date()
    _availability_ensure(desk, counsellors, today)
    actor = Actor(user=counsellors[0])
    files = _files_ensure(desk, actor)
    booked = _appointments_ensure(desk, files, actor)
    walk_ins = _walk_ins_ensure(desk)
    return {
        "counsellors": len(counsellors),
        "synthetic_files": len(files),
        "appointments_booked": booked,
        "walk_ins_waiting": walk_ins,
    }
