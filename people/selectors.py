"""Who may see which person's data: scoping lives here, once, and fails closed.

A user with no role, an inactive user or an anonymous one sees nothing; a
Django superuser without a staff role sees nothing either, and neither does
a staff session whose second factor is not checked yet. A beneficiary's
file is visible to the counsellors of its desk only. Provider staff see the
people who applied to their provider's trainings, and then only what
admission needs (``PROVIDER_VISIBLE_FIELDS``, read through ``provider_value``
by the applications app): nothing else reaches them.
Network administrators see the audit log of their region (or all of it,
national), not people's files.
"""

from __future__ import annotations

import datetime

import phonenumbers
from django.conf import settings
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, StaffRole
from accounts.selectors import User, admin_regions, can_read_notes, desks_of
from audit.models import AuditAction, AuditEvent, AuditObject
from orientation.profile import Profile
from people.models import (
    Beneficiary,
    ConsentPurpose,
    Note,
    OrientationResult,
    ResidenceStatus,
)

# What provider staff may see of a person who applied to their provider: what
# admission needs, nothing more (SECURITY.md, item 2). Their pages, API answers
# and exports are built from this list alone (``applications.selectors.admission_view``);
# every other field of the file, relations included, never reaches them.
PROVIDER_VISIBLE_FIELDS = ("first_name", "last_name", "birth_year", "schooling", "languages", "documents")


def provider_hidden_fields() -> frozenset[str]:
    """Every field and relation of a file that provider staff never receive: all but ``PROVIDER_VISIBLE_FIELDS``."""
    names = {field.name for field in Beneficiary._meta.get_fields()} - {"id"}
    return frozenset(names - set(PROVIDER_VISIBLE_FIELDS))


def is_beneficiary_account(user: User) -> bool:
    """The account of a person's own file (signed in with a one-time code), not a staff account."""
    return user.is_authenticated and Beneficiary.objects.filter(account=user).exists()


def _phone_or_none(query: str) -> str | None:
    try:
        number = phonenumbers.parse(query, settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def search_filter(query: str) -> Q:
    """Name words, a phone number in any usual writing, or a file number."""
    query = query.strip()
    condition = Q(file_number__iexact=query)
    phone = _phone_or_none(query) if any(c.isdigit() for c in query) else None
    if phone:
        condition |= Q(phone=phone)
    words = query.split()
    if words:
        by_name = Q()
        for word in words:
            by_name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        condition |= by_name
    return condition


def beneficiary_list(*, user: User, query: str = "") -> QuerySet[Beneficiary]:
    """Files this user may see: their desks' files, never others."""
    qs = Beneficiary.objects.filter(desk__in=desks_of(user)).select_related("desk")
    return qs.filter(search_filter(query)) if query.strip() else qs


def beneficiary_today_list(*, user: User) -> QuerySet[Beneficiary]:
    """Files of the user's desks with activity today (appointments will join them)."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return beneficiary_list(user=user).filter(last_activity_at__gte=start).order_by("-last_activity_at")


def beneficiary_get(*, user: User, public_id: str) -> Beneficiary:
    """One file in the user's scope by its public id, or 404 (the same for absent, malformed and out of scope)."""
    try:
        return (
            beneficiary_list(user=user)
            .select_related("desk__city", "account")
            .prefetch_related("languages", "documents__document_type", "documents__seen_by", "consents")
            .get(public_id=str(public_id))
        )
    except Beneficiary.DoesNotExist as exc:
        raise Http404(_("No such file.")) from exc


def beneficiary_of(*, user: User) -> Beneficiary:
    """The signed-in person's own file, or 404."""
    if not user.is_authenticated or not user.is_active:
        raise Http404(_("No such file."))
    try:
        return Beneficiary.objects.select_related("desk").get(account=user)
    except Beneficiary.DoesNotExist as exc:
        raise Http404(_("No such file.")) from exc


def processing_consent_is_live(*, beneficiary: Beneficiary) -> bool:
    """Whether the person's consent to processing stands: without it, no note is added and nothing shared.

    Read from the file's consents as ``beneficiary_get`` prefetched them.
    """
    return any(c.purpose == ConsentPurpose.PROCESSING and c.is_live for c in beneficiary.consents.all())


def consent_purposes_to_give(*, beneficiary: Beneficiary) -> list[ConsentPurpose]:
    """The purposes the person has no live consent for: they may give them again."""
    live = {c.purpose for c in beneficiary.consents.all() if c.is_live}
    return [purpose for purpose in ConsentPurpose if purpose not in live]


def note_list(*, user: User, beneficiary: Beneficiary) -> QuerySet[Note]:
    """Notes of a file for the counsellors of its desk; nobody else."""
    if not can_read_notes(user) or not desks_of(user).filter(pk=beneficiary.desk_id).exists():
        return Note.objects.none()
    return beneficiary.notes.select_related("author")


def _lines_about(files: QuerySet[Beneficiary]) -> Q:
    """Audit lines about these files: by public id, or by database id for the lines written before public ids.

    Of the lines naming a database id, refusals are left out: since public
    ids, only a refused access writes one, and it names what was asked for
    (``/files/5/``), which may be no file or one that did not exist yet.
    """
    keys = files.annotate(key=Cast("pk", output_field=CharField())).values("key")
    return Q(object_type=AuditObject.BENEFICIARY) & (
        Q(object_id__in=files.values("public_id")) | (Q(object_id__in=keys) & ~Q(action=AuditAction.ACCESS_REFUSED))
    )


def file_history(*, beneficiary: Beneficiary) -> QuerySet[AuditEvent]:
    """The audit lines about one file, oldest first: what the person reads of who did what with it."""
    files = Beneficiary.objects.filter(pk=beneficiary.pk)
    return AuditEvent.objects.filter(_lines_about(files)).order_by("at", "id")


def audit_event_list_for(
    *,
    user: User,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit lines an administrator may read, filtered; none for anyone else.

    A regional administrator sees the lines about the files of their
    region's desks and the lines written by the counsellors of those desks
    (erased files included: their lines stay, their counsellors too).
    """
    national, regions = admin_regions(user)
    qs = AuditEvent.objects.select_related("actor")
    if not national:
        if not regions.exists():
            return AuditEvent.objects.none()
        files = Beneficiary.objects.filter(desk__city__region__in=regions)
        counsellors = StaffRole.objects.filter(role=Role.COUNSELLOR, desk__city__region__in=regions)
        qs = qs.filter(_lines_about(files) | Q(actor_id__in=counsellors.values("user_id")))
    if actor:
        qs = qs.filter(actor__username__iexact=actor.strip())
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id.strip())
    tz = timezone.get_current_timezone()
    if since:
        qs = qs.filter(at__gte=datetime.datetime.combine(since, datetime.time.min, tzinfo=tz))
    if until:
        qs = qs.filter(
            at__lt=datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        )
    return qs.order_by("-at", "-id")


def orientation_result_list(*, user: User, beneficiary: Beneficiary) -> QuerySet[OrientationResult]:
    """A file's saved questionnaires, newest first, for the counsellors of its desk."""
    if not desks_of(user).filter(pk=beneficiary.desk_id).exists():
        return OrientationResult.objects.none()
    return beneficiary.orientation_results.select_related("recorded_by")


# The file's residence status, said as the questionnaire's answer about the residence card.
RESIDENCE_CARD_ANSWER = {ResidenceStatus.RESIDENCE_CARD: "card", ResidenceStatus.RECEIPT: "receipt"}


def beneficiary_profile(*, beneficiary: Beneficiary) -> Profile:
    """What the file says, as a questionnaire profile: the latest saved answers, overridden by the file's facts.

    Used to check a programme's admission criteria for an application. Languages
    on the file count as spoken well unless the questionnaire said otherwise.
    """
    latest = beneficiary.orientation_results.order_by("-created_at", "-id").first()
    profile = Profile.from_dict(latest.answers if latest else None)
    if beneficiary.birth_year is not None:
        profile.birth_year = beneficiary.birth_year
    if beneficiary.schooling is not None:
        profile.schooling = beneficiary.schooling
    for language in beneficiary.languages.all():
        profile.speaks.setdefault(language.code, 2)
    held = [d.document_type.slug for d in beneficiary.documents.select_related("document_type")]
    if held:
        profile.documents = sorted(set(profile.documents or []) | set(held))
    if beneficiary.residence_status:
        profile.residence_card = RESIDENCE_CARD_ANSWER.get(beneficiary.residence_status, profile.residence_card)
    return profile


def provider_value(person: Beneficiary, name: str) -> object:
    """One visible field of a file, as provider staff read it."""
    if name == "schooling":
        return person.get_schooling_display() if person.schooling is not None else None
    if name == "languages":
        return [language.name for language in person.languages.all()]
    if name == "documents":
        return [{"name": d.document_type.name, "seen": d.seen_at is not None} for d in person.documents.all()]
    return getattr(person, name)


def proven_contact(beneficiary: Beneficiary | None) -> tuple[str, str] | None:
    """Where texts to the person go: ("sms", their proven phone), else ("email", their proven e-mail); None when
    neither is proven (a number only typed by a counsellor opens nothing and receives nothing)."""
    if beneficiary is None:
        return None
    if beneficiary.phone_is_proven:
        return "sms", str(beneficiary.phone)
    if beneficiary.email_is_proven:
        return "email", beneficiary.email
    return None
