"""The scope matrix: every workspace URL that shows or changes personal data × every role and scope.

For each route and each user who is not a counsellor of the file's desk
(counsellor of another desk, provider staff, administrator of another
region, national administrator, user with no role, superuser without a
role, anonymous visitor), the answer is 404 (or the sign-in page for the
anonymous), nothing is written, and no page carries the other desk's
records: no file URL, file number, name, phone, nationality, residence
document number or note. The owner's row is the control: the same request
works for the counsellor of the file's desk.

The desk's appointments (appointments/staff_urls.py) have the same matrix
below, on an appointment and a file of each desk. A new route in
people/urls.py fails ``test_every_workspace_route_is_in_the_matrix``
until it is added here (or, for routes other roles own, to
``test_scope_matrix_roles.py``: the referrals API of provider staff, the audit log).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from people import urls as people_urls
from people.models import Beneficiary, DocumentHeld, Note
from people.tests.staff import staff_sign_in
from people.tests.test_scope_matrix_roles import ROLE_ROUTES

OUTSIDERS = [
    "rabat_counsellor",
    "provider_staff",
    "rabat_admin",
    "national_admin",
    "no_role",
    "superuser",
    "anonymous",
    # The file's own counsellor, signed in with the password but not yet the app's code.
    "casablanca_counsellor_without_second_factor",
]


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    on_file: bool  # the URL names a file (pk); else it is a list, a search or a form

    def __str__(self) -> str:
        return f"{self.method} {self.name}"


ROUTES = [
    Route("today", "get", on_file=False),
    Route("beneficiary_list", "get", on_file=False),
    Route("beneficiary_list", "post", on_file=False),  # search
    Route("beneficiary_create", "get", on_file=False),
    Route("beneficiary_create", "post", on_file=False),
    Route("beneficiary_detail", "get", on_file=True),
    Route("beneficiary_edit", "get", on_file=True),
    Route("beneficiary_edit", "post", on_file=True),
    Route("account_link", "get", on_file=True),
    Route("account_link", "post", on_file=True),
    Route("account_link_code", "get", on_file=True),
    Route("account_link_code", "post", on_file=True),
    Route("note_create", "post", on_file=True),
    Route("document_seen", "post", on_file=True),
    Route("beneficiary_export", "get", on_file=True),
    Route("beneficiary_export_pdf", "get", on_file=True),
    Route("orientation_run", "get", on_file=True),
    Route("orientation_run", "post", on_file=True),
    Route("consent_withdraw", "post", on_file=True),
    Route("consent_give", "post", on_file=True),
    Route("beneficiary_erase", "get", on_file=True),
    Route("beneficiary_erase", "post", on_file=True),
]


def _request(client, network, route: Route, person: Beneficiary, document: DocumentHeld, desk):
    """The request a user would send to reach ``person`` through ``route``."""
    kwargs = {}
    if route.on_file:
        kwargs["public_id"] = person.public_id
    if route.name == "document_seen":
        kwargs["document_id"] = document.public_id
    if route.name == "consent_withdraw":
        kwargs["consent_id"] = person.consents.get().public_id
    url = reverse(f"people:{route.name}", kwargs=kwargs)
    data = {
        "beneficiary_list": {"q": person.last_name},
        "beneficiary_create": {"desk": desk.pk, "first_name": "Intruder", "consent_processing": "on"},
        "beneficiary_edit": {
            "first_name": "Changed",
            "nationality": "Changed",
            "documents": [document.document_type_id],
        },
        "note_create": {"text": "Intruder note"},
        "consent_give": {"purpose": "contact"},
        "account_link": {"destination": "+212671234567"},
        "account_link_code": {"code": "123456"},
        "orientation_run": {"interests-fine-objects": "like", "appraisal": "Intruder appraisal"},
    }.get(route.name, {})
    return client.get(url) if route.method == "get" else client.post(url, data)


def _secrets_of(person: Beneficiary, *, requested: str = "") -> list[str]:
    """What must not reach an outsider. Error pages repeat the path asked for (language links): not a leak."""
    texts = [
        person.file_number,
        person.first_name,
        person.phone.as_e164,
        person.phone.as_international,
        person.nationality,
        person.residence_document_number,
    ]
    if not requested.startswith(person.get_absolute_url()):
        texts.append(person.get_absolute_url())
    texts += [result.appraisal for result in person.orientation_results.all()]
    return texts + [note.text for note in person.notes.all()]


def _state(person: Beneficiary) -> tuple:
    person.refresh_from_db()  # raises if the file was erased
    return (
        person.consents.filter(withdrawn_at__isnull=True).count(),
        person.first_name,
        person.nationality,
        person.notes.count(),
        person.documents.filter(seen_at__isnull=False).count(),
        person.account_id,
        str(person.phone),
        Beneficiary.objects.filter(first_name="Intruder", desk=person.desk_id).count(),
        person.orientation_results.count(),
        person.applications.count(),
    )


def test_every_workspace_route_is_in_the_matrix():
    names = {pattern.name for pattern in people_urls.urlpatterns}
    assert names == {route.name for route in ROUTES} | {route.name for route in ROLE_ROUTES}


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_a_file_of_casablanca_is_out_of_reach_of_every_other_scope(client, network, route, who):
    person = network.casablanca_file
    if who == "casablanca_counsellor_without_second_factor":
        client.force_login(network.casablanca_counsellor)
    elif who != "anonymous":
        staff_sign_in(client, getattr(network, who))
    before = _state(person)
    response = _request(client, network, route, person, network.casablanca_document, network.casablanca_desk)
    body = response.content.decode()
    requested = response.request["PATH_INFO"]
    if who == "anonymous":
        assert response.status_code == 302 and reverse("accounts:sign_in") in response.url
    elif who == "casablanca_counsellor_without_second_factor":
        assert response.status_code == 302 and reverse("accounts:second_factor") in response.url
    elif who == "rabat_counsellor" and not route.on_file:
        # Their own workspace works; it just holds nothing of Casablanca.
        assert response.status_code in {200, 400}
    elif who in {"provider_staff", "rabat_admin", "national_admin"} and route.name == "today":
        # /desk/ sends provider staff and administrators to their own workspace (a higher app's, people.homes).
        assert response.status_code == 302 and "/desk/" in response.url and response.url != requested
    else:
        assert response.status_code == 404
    for secret in _secrets_of(person, requested=requested):
        assert secret not in body, secret
    assert _state(person) == before


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_each_counsellor_reaches_their_own_desk_and_not_the_other(client, network, route):
    """Both directions of counsellor A vs counsellor B, then the owner's control row."""
    pairs = (
        (network.casablanca_counsellor, network.casablanca_file, network.rabat_file),
        (network.rabat_counsellor, network.rabat_file, network.casablanca_file),
    )
    for counsellor, own, foreign in pairs:
        staff_sign_in(client, counsellor)
        before, secrets = _state(foreign), _secrets_of(foreign)
        if route.on_file:
            response = _request(client, network, route, foreign, foreign.documents.get(), own.desk)
            assert response.status_code == 404
        else:
            response = _request(client, network, route, own, own.documents.get(), own.desk)
            for secret in secrets:
                assert secret not in response.content.decode(), secret
        assert _state(foreign) == before
    for counsellor, own, _foreign in pairs:
        staff_sign_in(client, counsellor)
        response = _request(client, network, route, own, own.documents.get(), own.desk)
        assert response.status_code in {200, 302}, (counsellor, route)


@pytest.mark.parametrize("query_of", ["last_name", "file_number", "phone"])
def test_searching_for_a_file_of_another_desk_finds_nothing(client, network, query_of):
    foreign = network.casablanca_file
    staff_sign_in(client, network.rabat_counsellor)
    query = {"last_name": foreign.last_name, "file_number": foreign.file_number, "phone": foreign.phone.as_e164}
    body = client.post(reverse("people:beneficiary_list"), {"q": query[query_of]}).content.decode()
    # The search box shows back what was typed: that is not a leak.
    for secret in set(_secrets_of(foreign)) - {query[query_of]}:
        assert secret not in body, secret
    assert "Aucun dossier ne correspond" in body


def test_probing_ids_gives_the_same_404_for_foreign_and_missing_files(client, network):
    staff_sign_in(client, network.rabat_counsellor)
    foreign = client.get(reverse("people:beneficiary_detail", kwargs={"public_id": network.casablanca_file.public_id}))
    missing = client.get(reverse("people:beneficiary_detail", kwargs={"public_id": "A" * 22}))
    assert foreign.status_code == missing.status_code == 404
    foreign_path = f"/files/{network.casablanca_file.public_id}/".encode()
    missing_path = f"/files/{'A' * 22}/".encode()
    assert foreign.content.replace(foreign_path, b"/files/ID/") == missing.content.replace(missing_path, b"/files/ID/")


def test_refused_reads_are_audited(client, network):
    staff_sign_in(client, network.provider_staff)
    client.get(reverse("people:beneficiary_detail", kwargs={"public_id": network.casablanca_file.public_id}))
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, actor=network.provider_staff).exists()


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_provider_staff_never_receive_nationality_document_numbers_or_notes(client, network, route):
    staff_sign_in(client, network.provider_staff)
    for person, document in (
        (network.casablanca_file, network.casablanca_document),
        (network.rabat_file, network.rabat_document),
    ):
        body = _request(client, network, route, person, document, person.desk).content.decode()
        for value in (
            person.nationality,
            person.residence_document_number,
            *Note.objects.values_list("text", flat=True),
        ):
            assert value not in body


# The desk's appointments (appointments/staff_urls.py): the same matrix, on an appointment and a file.


@dataclass(frozen=True)
class DeskRoute:
    name: str
    method: str
    on_record: bool  # the URL names an appointment or a file; else it is the day, a walk-in or one's own availability

    def __str__(self) -> str:
        return f"{self.method} {self.name}"


DESK_ROUTES = [
    DeskRoute("day", "get", on_record=False),
    DeskRoute("walk_in", "post", on_record=False),
    DeskRoute("detail", "get", on_record=True),
    DeskRoute("move", "get", on_record=True),
    DeskRoute("move", "post", on_record=True),
    DeskRoute("cancel", "post", on_record=True),
    DeskRoute("outcome", "post", on_record=True),
    DeskRoute("file_book", "get", on_record=True),
    DeskRoute("file_book", "post", on_record=True),
    DeskRoute("availability", "get", on_record=False),
    DeskRoute("availability", "post", on_record=False),
]


@pytest.fixture
def desk_days(shared_copy, _desk_days_shared, network):
    """Both desks open every day, all day, their counsellors free, a reason each, an appointment each.

    Built once for consecutive tests on the network's (``shared_data``), each with its own copy of the objects.
    """
    return shared_copy(_desk_days_shared)


@pytest.fixture
def _desk_days_shared(shared_data, _network_shared):
    return shared_data(lambda: _desk_days_build(copy.deepcopy(_network_shared)))


def _desk_days_build(network):
    import datetime

    from django.utils import timezone

    from appointments.models import Appointment, BookedVia
    from appointments.tests import factories as af
    from catalog.tests import factories as cf

    appointments = {}
    for desk, counsellor, person in (
        (network.casablanca_desk, network.casablanca_counsellor, network.casablanca_file),
        (network.rabat_desk, network.rabat_counsellor, network.rabat_file),
    ):
        for weekday in range(7):
            cf.OpeningHoursFactory(desk=desk, weekday=weekday, opens=datetime.time(0), closes=datetime.time(23, 59))
            af.AvailabilityFactory(
                counsellor=counsellor, desk=desk, weekday=weekday, starts=datetime.time(0), ends=datetime.time(23, 59)
            )
        reason = af.MeetingReasonFactory(slug=f"interview-{desk.slug}", desks=[desk])
        af.MeetingReasonFactory(slug=f"check-{desk.slug}", desks=[desk])
        start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
        appointments[desk.pk] = Appointment.objects.create(
            desk=desk,
            reason=reason,
            counsellor=counsellor,
            beneficiary=person,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=30),
            booked_via=BookedVia.DESK,
        )
    return appointments


def _desk_request(client, route: DeskRoute, person: Beneficiary, appointment):
    import datetime

    from appointments import selectors

    kwargs = {}
    if route.name in {"detail", "move", "cancel", "outcome"}:
        kwargs["public_id"] = appointment.public_id
    if route.name == "file_book":
        kwargs["public_id"] = person.public_id
    url = reverse(f"desk_appointments:{route.name}", kwargs=kwargs)
    reasons = selectors.reasons_of(desk=person.desk)
    check = reasons.get(slug__startswith="check-")
    free = selectors.next_free_times(desk=person.desk, reason=check, after=appointment.ends_at, count=1)[0]
    away = appointment.starts_at.date() + datetime.timedelta(days=30)
    if route.method == "get":
        query = {"day": {"desk": person.desk.slug}, "file_book": {"reason": check.slug}}.get(route.name, {})
        return client.get(url, query)
    data = {
        "walk_in": {"desk": person.desk.slug, "reason": check.slug, "file_number": person.file_number},
        "move": {"start": free.start.isoformat()},
        "cancel": {"by": "desk"},
        "outcome": {"status": "cancelled_by_desk"},
        "file_book": {"reason": check.slug, "start": free.start.isoformat()},
        "availability": {"action": "absence", "kind": "leave", "first": away.isoformat(), "last": away.isoformat()},
    }[route.name]
    return client.post(url, data)


def _desk_state(person: Beneficiary, appointment) -> tuple:
    from appointments.models import Absence, Appointment

    appointment.refresh_from_db()
    return (
        appointment.status,
        appointment.starts_at,
        appointment.sequence,
        Appointment.objects.filter(beneficiary=person).count(),
        Appointment.objects.filter(desk=person.desk).count(),
        Absence.objects.count(),
    )


def test_every_desk_appointment_route_is_in_the_matrix():
    from appointments import staff_urls

    assert {pattern.name for pattern in staff_urls.urlpatterns} == {route.name for route in DESK_ROUTES}


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("route", DESK_ROUTES, ids=str)
def test_an_appointment_of_casablanca_is_out_of_reach_of_every_other_scope(client, network, desk_days, route, who):
    person, appointment = network.casablanca_file, desk_days[network.casablanca_desk.pk]
    if who == "casablanca_counsellor_without_second_factor":
        client.force_login(network.casablanca_counsellor)
    elif who != "anonymous":
        staff_sign_in(client, getattr(network, who))
    before = _desk_state(person, appointment)
    response = _desk_request(client, route, person, appointment)
    body = response.content.decode()
    if who == "anonymous":
        assert response.status_code == 302 and reverse("accounts:sign_in") in response.url
    elif who == "casablanca_counsellor_without_second_factor":
        assert response.status_code == 302 and reverse("accounts:second_factor") in response.url
    elif who == "rabat_counsellor" and not route.on_record:
        # Their own day and availability work (their own absence may be added); nothing of Casablanca.
        assert response.status_code in {200, 302, 400}
    else:
        assert response.status_code == 404
    for secret in _secrets_of(person, requested=response.request["PATH_INFO"]):
        assert secret not in body, secret
    state = _desk_state(person, appointment)
    if who == "rabat_counsellor" and route.name == "availability":
        state = state[:-1] + before[-1:]  # their own absence
    assert state == before


@pytest.mark.parametrize("route", DESK_ROUTES, ids=str)
def test_each_counsellor_reaches_their_own_appointments_and_not_the_others(client, network, desk_days, route):
    pairs = (
        (network.casablanca_counsellor, network.casablanca_file, network.rabat_file),
        (network.rabat_counsellor, network.rabat_file, network.casablanca_file),
    )
    for counsellor, own, foreign in pairs:
        staff_sign_in(client, counsellor)
        foreign_appointment = desk_days[foreign.desk_id]
        before = _desk_state(foreign, foreign_appointment)
        if route.on_record:
            assert _desk_request(client, route, foreign, foreign_appointment).status_code == 404
        else:
            body = _desk_request(client, route, own, desk_days[own.desk_id]).content.decode()
            for secret in _secrets_of(foreign):
                assert secret not in body, secret
        assert _desk_state(foreign, foreign_appointment)[:5] == before[:5]
    for counsellor, own, _foreign in pairs:
        staff_sign_in(client, counsellor)
        response = _desk_request(client, route, own, desk_days[own.desk_id])
        assert response.status_code in {200, 302}, (counsellor, route, response.content.decode()[-3000:])
