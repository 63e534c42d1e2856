"""Demo applications: a provider staff account for the pilot's host institute, and applications in every state.

Demo machines only (refused in production). Every application is made and
moved through the services, as a counsellor and the provider would, so the
log, the seats and the messages are those of real use. Aminata Diallo (who
can sign in at /fr/me/) has a seat offered to her, to answer.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Role as StaffRoleKind
from accounts.models import StaffRole
from applications import services
from applications.models import Application, Reason, Role, State
from catalog.models import Desk, Provider, Session
from core.actor import Actor
from demo.data.data import PILOT_DESK, PILOT_INSTITUTE
from people.models import Beneficiary, ConsentPurpose

PROVIDER_USERNAME = "provider"
# The files of the demo desk that apply to the host institute's next session, four seats left in it.
APPLICANTS = [
    ("Fatou", "Ndiaye"),
    ("Ibrahim", "Traoré"),
    ("Moussa", "Keita"),
    ("Jean-Pierre", "Nkurunziza"),
    ("Grace", "Okafor"),
    ("Awa", "Coulibaly"),
    ("Samuel", "Mensah"),
    ("Aïcha", "Bamba"),
    ("Esther", "Mbala"),
    ("Cheikh", "Fall"),
    ("Aminata", "Diallo"),
    ("Mariama", "Sow"),
    ("Oumar", "Diarra"),
]
# Then, in this order, who moves each application (applicants by first name): the four seats fill, five wait;
# Aïcha drops out before the start, so her seat is offered to Esther, who declines; Cheikh lets the offer
# pass; it reaches Aminata, who can sign in at /fr/me/ and answer. Ibrahim's waits for the provider.
STEPS = [
    ("Fatou", State.UNDER_REVIEW, Role.PROVIDER, ""),
    ("Moussa", State.REFUSED, Role.PROVIDER, Reason.DOCUMENTS_MISSING),
    ("Jean-Pierre", State.WITHDRAWN, Role.COUNSELLOR, ""),
    ("Grace", State.ACCEPTED, Role.PROVIDER, ""),
    ("Awa", State.ACCEPTED, Role.PROVIDER, ""),
    ("Awa", State.ENROLLED, Role.PROVIDER, ""),
    ("Samuel", State.ACCEPTED, Role.PROVIDER, ""),
    ("Samuel", State.ENROLLED, Role.PROVIDER, ""),
    ("Samuel", State.COMPLETED, Role.PROVIDER, Reason.CERTIFIED),
    ("Aïcha", State.ACCEPTED, Role.PROVIDER, ""),
    ("Esther", State.WAIT_LISTED, Role.PROVIDER, ""),
    ("Cheikh", State.WAIT_LISTED, Role.PROVIDER, ""),
    ("Aminata", State.WAIT_LISTED, Role.PROVIDER, ""),
    ("Mariama", State.WAIT_LISTED, Role.PROVIDER, ""),
    ("Oumar", State.WAIT_LISTED, Role.PROVIDER, ""),
    ("Aïcha", State.ENROLLED, Role.PROVIDER, ""),
    ("Aïcha", State.DROPPED_OUT, Role.PROVIDER, Reason.FOUND_WORK),  # before the start: the seat is offered on
    ("Esther", State.DECLINED, Role.COUNSELLOR, ""),
    ("Cheikh", State.EXPIRED, Role.SYSTEM, Reason.OFFER_UNANSWERED),
]


def provider_staff_ensure(*, password: str) -> tuple[object, bool]:
    """The pilot host institute's admissions officer: a provider staff account. (user, created now)."""
    from django.conf import settings

    if settings.PRODUCTION:
        raise RuntimeError("Demo staff accounts are refused in production.")
    provider = Provider.objects.get(slug=PILOT_INSTITUTE)
    user, created = get_user_model().objects.get_or_create(
        username=PROVIDER_USERNAME,
        defaults={"first_name": "Khadija", "last_name": "Alaoui", "email": "admissions@isat.example"},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    StaffRole.objects.get_or_create(user=user, role=StaffRoleKind.PROVIDER_STAFF, provider=provider)
    return user, created


def _session(provider: Provider) -> Session:
    """The host institute's next session still taking applications, made to have four seats left."""
    today = timezone.localdate()
    sessions = Session.objects.filter(programme__provider=provider, start_date__gt=today).order_by("start_date", "pk")
    session = next(s for s in sessions if services.session_is_open(s, today=today))
    Session.objects.filter(pk=session.pk).update(capacity=session.seats_taken + 4)
    session.refresh_from_db()
    return session


@transaction.atomic
def applications_ensure(*, password: str) -> dict[str, int]:
    """Demo machines only: the provider account and, once, the applications of the plan. Counts made now."""
    user, _created = provider_staff_ensure(password=password)
    desk = Desk.objects.get(slug=PILOT_DESK)
    if Application.objects.filter(beneficiary__desk=desk).exists():
        return {"applications": 0, "moves": 0}
    provider = Provider.objects.get(slug=PILOT_INSTITUTE)
    counsellor = StaffRole.objects.filter(role=StaffRoleKind.COUNSELLOR, desk=desk).order_by("pk").first().user
    actors = {Role.COUNSELLOR: Actor(user=counsellor), Role.PROVIDER: Actor(user=user), Role.SYSTEM: Actor()}
    session = _session(provider)
    made: dict[str, Application] = {}
    for first_name, last_name in APPLICANTS:
        person = Beneficiary.objects.filter(desk=desk, first_name=first_name, last_name=last_name).first()
        if person is None or not person.consents.live(ConsentPurpose.PROCESSING).exists():
            continue
        made[first_name] = services.application_submit(
            actor=actors[Role.COUNSELLOR],
            beneficiary=person,
            programme=session.programme,
            session=session,
            role=Role.COUNSELLOR,
        ).application
    moves = 0
    for first_name, state, role, reason in STEPS:
        if first_name not in made:
            continue
        services.application_move(
            actor=actors[role], public_id=made[first_name].public_id, to=state, role=role, reason=reason
        )
        moves += 1
    return {"applications": len(made), "moves": moves}
