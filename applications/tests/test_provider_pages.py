"""Provider staff's workspace: sessions and seats, the applications to their trainings, and the moves they make."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from applications.models import Application, ApplicationEvent, Reason, Role, State
from applications.tests.conftest import apply, as_provider, person
from audit.models import AuditAction, AuditEvent
from catalog.models import Session
from catalog.tests import factories as cf
from people.models import DocumentHeld
from people.tests import factories as f
from people.tests.staff import staff_sign_in

# What a provider must never read of a person: a value of each, distinctive enough to be found in a page.
NATIONALITY = "Xylandaise"
DOCUMENT_NUMBER = "ZQ7788123"
PHONE = "+212611223344"
EMAIL = "aminata.private@example.org"
DESK_NOTE = "Desk-only remark about her situation"
COUNSELLOR_MOVE_NOTE = "Counsellor's note on the application"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(seats):
    """Two people applied to provider A's session, one to provider B's; the first with values to keep hidden."""
    aminata = seats.people[0]
    aminata.nationality = NATIONALITY
    aminata.residence_document_number = DOCUMENT_NUMBER
    aminata.phone = PHONE
    aminata.email = EMAIL
    aminata.schooling = 3
    aminata.save()
    aminata.languages.add(cf.LanguageFactory(code="bm", name_en="Bambara", name_fr="Bambara", name_ar="البمبارية"))
    DocumentHeld.objects.create(
        beneficiary=aminata,
        document_type=cf.DocumentTypeFactory(name_en="School certificate"),
        seen_at=timezone.now(),
        seen_by=seats.counsellor,
    )
    f.NoteFactory(beneficiary=aminata, text=DESK_NOTE)
    seats.application = apply(seats, aminata)
    ApplicationEvent.objects.create(
        application=seats.application,
        from_state="",
        to_state=State.SUBMITTED,
        role=Role.COUNSELLOR,
        note=COUNSELLOR_MOVE_NOTE,
    )
    seats.second = apply(seats, seats.people[1])
    seats.elsewhere = apply(seats, seats.people[2], session=seats.overlapping)
    return seats


@pytest.fixture
def provider_client(client, world):
    return staff_sign_in(client, world.provider_staff)


def detail_url(application) -> str:
    return reverse("provider_applications:detail", args=[application.public_id])


def move_url(application) -> str:
    return reverse("provider_applications:move", args=[application.public_id])


def move(client, application, to, *, shown=None, **extra):
    data = {"to": to, "from": shown or Application.objects.get(pk=application.pk).state, **extra}
    return client.post(move_url(application), data)


def state_of(application) -> str:
    return Application.objects.get(pk=application.pk).state


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# The workspace's home ----------------------------------------------------------------------------------------------


def test_provider_staff_see_each_session_with_its_seats_waiting_list_and_applications_per_state(provider_client, world):
    as_provider(world, world.second, State.WAIT_LISTED)
    page = text(provider_client.get(reverse("provider_applications:home")))
    assert world.programme.title in page
    assert world.other_programme.title not in page
    assert "Capacity</dt><dd>2</dd>" in page.replace("> <", "><")
    assert "Waiting list</dt><dd>1</dd>" in page.replace("> <", "><")
    list_url = reverse("provider_applications:list")
    assert f'{list_url}?session={world.session.pk}&amp;state=submitted">Submitted: <strong>1</strong>' in page
    assert (
        f'{list_url}?session={world.session.pk}&amp;state=wait_listed">On the waiting list: <strong>1</strong>' in page
    )
    assert "2 applications in all" in page


def test_ended_sessions_are_shown_apart_folded_away_without_the_capacity_form(provider_client, world):
    ended = cf.SessionFactory(
        programme=world.programme,
        start_date=world.today - datetime.timedelta(days=200),
        end_date=world.today - datetime.timedelta(days=20),
        application_deadline=world.today - datetime.timedelta(days=210),
        capacity=12,
        seats_taken=0,
    )
    page = provider_client.get(reverse("provider_applications:home")).content.decode()
    folded = page[page.index('<details class="past">') :]
    assert f'id="session-{ended.pk}"' in folded
    assert reverse("provider_applications:capacity", args=[ended.pk]) not in page
    assert reverse("provider_applications:capacity", args=[world.session.pk]) in page


def test_staff_of_two_providers_see_both(client, world):
    f.StaffRoleFactory(user=world.provider_staff, provider_staff=True, provider=world.other_provider)
    page = staff_sign_in(client, world.provider_staff).get(reverse("provider_applications:home")).content.decode()
    assert world.programme.title in page and world.other_programme.title in page
    listed = client.get(reverse("provider_applications:list")).content.decode()
    assert world.elsewhere.public_id in listed and world.application.public_id in listed


def test_provider_staff_landing_on_the_desk_are_sent_to_their_workspace(provider_client):
    response = provider_client.get(reverse("people:today"))
    assert response.status_code == 302
    assert response.url == reverse("provider_applications:home")


def test_the_workspace_navigation_leads_to_the_applications_not_to_the_counsellors_pages(provider_client):
    page = provider_client.get(reverse("provider_applications:home")).content.decode()
    nav = page[
        page.index('<nav class="workspace-nav"') : page.index("</nav>", page.index('<nav class="workspace-nav"'))
    ]
    assert ">Applications</a>" in nav
    assert reverse("people:beneficiary_list") not in nav


def test_counsellors_still_land_on_their_day(client, world):
    response = staff_sign_in(client, world.counsellor).get(reverse("people:today"))
    assert response.status_code == 200


# The list ------------------------------------------------------------------------------------------------------------


def test_the_list_shows_what_admission_needs_the_state_and_the_waiting_list_place(provider_client, world):
    as_provider(world, world.application, State.WAIT_LISTED)
    as_provider(world, world.second, State.WAIT_LISTED)
    page = text(provider_client.get(reverse("provider_applications:list")))
    assert world.people[0].first_name in page and world.people[1].first_name in page
    assert "Bambara" in page and "1998" in page
    assert "School certificate</bdi>: seen by the desk" in page
    assert "number 1 on the waiting list" in page and "number 2 on the waiting list" in page
    assert world.elsewhere.public_id not in page


def test_the_list_filters_by_state_session_and_training(provider_client, world):
    as_provider(world, world.second, State.UNDER_REVIEW)
    url = reverse("provider_applications:list")
    by_state = provider_client.get(url, {"state": "under_review"}).content.decode()
    assert world.second.public_id in by_state and world.application.public_id not in by_state
    by_session = provider_client.get(url, {"session": world.session.pk}).content.decode()
    assert world.second.public_id in by_session and world.application.public_id in by_session
    by_programme = provider_client.get(url, {"programme": world.programme.slug, "state": "submitted"})
    assert world.application.public_id in by_programme.content.decode()
    assert world.second.public_id not in by_programme.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"state": "approved"},
        {"state": "<script>"},
        {"session": "abc"},
        {"session": "9" * 40},
        {"session": "-1"},
        {"session": "1\x00"},
        {"programme": "tailoring\x00"},
        {"programme": "<b>x</b>"},
    ],
)
def test_a_filter_that_cannot_be_read_is_a_400_with_a_message_and_no_application(provider_client, world, query):
    response = provider_client.get(reverse("provider_applications:list"), query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Some answers need to be corrected" in page
    assert world.application.public_id not in page


def test_another_providers_session_or_training_in_the_filters_is_a_404_like_a_missing_one(provider_client, world):
    url = reverse("provider_applications:list")
    assert provider_client.get(url, {"session": world.overlapping.pk}).status_code == 404
    assert provider_client.get(url, {"session": 99_999_999}).status_code == 404
    assert provider_client.get(url, {"programme": world.other_programme.slug}).status_code == 404
    assert provider_client.get(url, {"programme": "no-such-training"}).status_code == 404


def test_the_list_is_paginated_in_a_fixed_number_of_queries(provider_client, world, django_assert_max_num_queries):
    for n in range(30):
        beneficiary = person(world.desk, first_name=f"Many{n}")
        beneficiary.languages.add(cf.LanguageFactory())
        apply(world, beneficiary)
    with django_assert_max_num_queries(16):
        first = provider_client.get(reverse("provider_applications:list"))
    assert "Page 1 of 2" in first.content.decode()
    second = provider_client.get(reverse("provider_applications:list"), {"page": 2, "state": "submitted"})
    assert "Page 2 of 2" in second.content.decode()
    assert "state=submitted&amp;page=1" in second.content.decode()


def test_the_home_page_is_built_in_a_fixed_number_of_queries(provider_client, world, django_assert_max_num_queries):
    for n in range(5):
        cf.SessionFactory(
            programme=world.programme,
            start_date=world.today + datetime.timedelta(days=200 + n),
            end_date=world.today + datetime.timedelta(days=300 + n),
            capacity=5,
        )
    with django_assert_max_num_queries(12):
        assert provider_client.get(reverse("provider_applications:home")).status_code == 200


# What a provider never reads -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["home", "list", "detail"])
def test_no_page_carries_nationality_document_number_contact_details_or_desk_notes(provider_client, world, page):
    url = detail_url(world.application) if page == "detail" else reverse(f"provider_applications:{page}")
    body = provider_client.get(url).content.decode()
    for secret in (NATIONALITY, DOCUMENT_NUMBER, PHONE, PHONE[4:], EMAIL, DESK_NOTE, COUNSELLOR_MOVE_NOTE):
        assert secret not in body, secret


def test_the_providers_own_note_on_a_move_is_shown_back_to_it(provider_client, world):
    move(provider_client, world.application, "under_review", note="Interview booked on Monday")
    assert "Interview booked on Monday" in provider_client.get(detail_url(world.application)).content.decode()


# The application's page and its moves --------------------------------------------------------------------------------


def test_opening_an_application_is_audited_and_offers_the_moves_of_its_state(provider_client, world):
    page = text(provider_client.get(detail_url(world.application)))
    assert AuditEvent.objects.filter(
        action=AuditAction.APPLICATION_READ, object_id=world.application.public_id
    ).exists()
    for button in ("Start the review", "Accept", "Put on the waiting list", "Refuse"):
        assert f'">{button}</button>' in page
    assert "Record the enrolment" not in page
    assert "Reason for refusing" in page and "(optional)" in page
    assert 'name="from" value="submitted"' in page


def test_accepting_takes_a_seat_and_says_so(provider_client, world):
    response = move(provider_client, world.application, "accepted")
    assert response.status_code == 302 and response.url == detail_url(world.application)
    assert state_of(world.application) == State.ACCEPTED
    assert Session.objects.get(pk=world.session.pk).seats_taken == 1
    assert "Accepted." in provider_client.get(response.url).content.decode()


def test_a_second_accept_of_the_same_page_is_told_already_decided_and_changes_nothing(provider_client, world):
    first = move(provider_client, world.application, "accepted", shown="submitted")
    second = move(provider_client, world.application, "accepted", shown="submitted")
    assert first.status_code == 302
    assert second.status_code == 409
    assert "Already decided: accepted on" in text(second)
    assert Session.objects.get(pk=world.session.pk).seats_taken == 1
    assert ApplicationEvent.objects.filter(application=world.application, to_state="accepted").count() == 1


def test_a_stale_page_is_refused_even_when_the_move_is_allowed_from_the_new_state(provider_client, world):
    as_provider(world, world.application, State.UNDER_REVIEW)
    response = move(provider_client, world.application, "accepted", shown="submitted")
    assert response.status_code == 409
    assert "Already decided: under review on" in text(response)
    assert state_of(world.application) == State.UNDER_REVIEW


def test_a_move_the_machine_does_not_allow_is_a_409(provider_client, world):
    response = move(provider_client, world.application, "completed", reason="certified")
    assert response.status_code == 409
    assert "Nothing was changed" in text(response)
    assert state_of(world.application) == State.SUBMITTED


def test_accepting_with_no_seat_left_offers_the_waiting_list_in_one_click(provider_client, world):
    Session.objects.filter(pk=world.session.pk).update(capacity=1)
    move(provider_client, world.second, "accepted")
    response = move(provider_client, world.application, "accepted")
    assert response.status_code == 409
    page = text(response)
    assert "No seat left in this session" in page
    assert "Put on the waiting list instead</button>" in page
    assert state_of(world.application) == State.SUBMITTED
    form = page[page.index('class="card wait-list-instead"') :]
    assert 'name="to" value="wait_listed"' in form and 'name="from" value="submitted"' in form
    instead = move(provider_client, world.application, "wait_listed", shown="submitted")
    assert instead.status_code == 302
    assert state_of(world.application) == State.WAIT_LISTED
    assert "number 1 on the waiting list" in text(provider_client.get(instead.url))


def test_refusing_needs_a_reason_from_the_list(provider_client, world):
    without = move(provider_client, world.application, "refused")
    assert without.status_code == 400
    assert "This field is required" in text(without) or "Choose a reason" in text(without)
    unknown = move(provider_client, world.application, "refused", reason="looks_wrong")
    assert unknown.status_code == 400
    assert "This reason does not fit this step" in text(unknown)
    other_move = move(provider_client, world.application, "refused", reason="found_work")
    assert other_move.status_code == 400
    assert state_of(world.application) == State.SUBMITTED
    refused = move(provider_client, world.application, "refused", reason="documents_missing", note="Bring the diploma")
    assert refused.status_code == 302
    application = Application.objects.get(pk=world.application.pk)
    assert (application.state, application.reason) == (State.REFUSED, Reason.DOCUMENTS_MISSING)


@pytest.mark.parametrize("note", ["x" * 1001, "a\x00b"])
def test_a_note_too_long_or_with_a_nul_is_a_400_and_nothing_moves(provider_client, world, note):
    response = move(provider_client, world.application, "under_review", note=note)
    assert response.status_code == 400
    assert state_of(world.application) == State.SUBMITTED


@pytest.mark.parametrize("to", ["", "approved", "<script>"])
def test_an_unknown_step_is_a_400(provider_client, world, to):
    response = provider_client.post(move_url(world.application), {"to": to, "from": "submitted"})
    assert response.status_code == 400
    assert "This step is not one of the list" in text(response)
    assert state_of(world.application) == State.SUBMITTED


def test_a_nul_in_a_move_is_a_400_before_anything_is_read(provider_client, world):
    response = provider_client.post(move_url(world.application), {"to": "accepted\x00", "from": "submitted"})
    assert response.status_code == 400
    assert state_of(world.application) == State.SUBMITTED


def test_enrolment_completion_and_drop_out_are_recorded_with_their_reasons(provider_client, world):
    move(provider_client, world.application, "accepted")
    move(provider_client, world.second, "accepted")
    assert move(provider_client, world.application, "enrolled").status_code == 302
    assert move(provider_client, world.second, "enrolled").status_code == 302
    page = text(provider_client.get(detail_url(world.application)))
    assert "Record the completion" in page and "Record the drop-out" in page
    assert "Certificate obtained" in page and "Found work" in page
    assert move(provider_client, world.application, "completed", reason="certified").status_code == 302
    assert move(provider_client, world.second, "dropped_out").status_code == 400
    assert move(provider_client, world.second, "dropped_out", reason="certified").status_code == 400
    assert move(provider_client, world.second, "dropped_out", reason="moved_away").status_code == 302
    assert state_of(world.application) == State.COMPLETED
    second = Application.objects.get(pk=world.second.pk)
    assert (second.state, second.reason) == (State.DROPPED_OUT, Reason.MOVED_AWAY)


# Capacity ------------------------------------------------------------------------------------------------------------


def capacity(client, session, value):
    return client.post(reverse("provider_applications:capacity", args=[session.pk]), {"capacity": value})


def test_raising_the_capacity_offers_the_freed_seat_to_the_waiting_list(provider_client, world):
    Session.objects.filter(pk=world.session.pk).update(capacity=1)
    move(provider_client, world.application, "accepted")
    move(provider_client, world.second, "wait_listed")
    response = capacity(provider_client, world.session, "2")
    assert response.status_code == 302
    assert Session.objects.get(pk=world.session.pk).capacity == 2
    assert state_of(world.second) == State.OFFERED
    assert "now has 2 seats" in text(provider_client.get(response.url))


def test_lowering_the_capacity_below_the_seats_taken_is_a_409_with_the_reason(provider_client, world):
    move(provider_client, world.application, "accepted")
    move(provider_client, world.second, "accepted")
    response = capacity(provider_client, world.session, "1")
    assert response.status_code == 409
    assert "2 seats are already taken" in text(response)
    assert Session.objects.get(pk=world.session.pk).capacity == 2


@pytest.mark.parametrize("value", ["", "two", "0", "-3", "10001", "9" * 5000, "3\x00", "<b>4</b>"])
def test_a_capacity_that_is_not_a_whole_number_in_range_is_a_400(provider_client, world, value):
    response = capacity(provider_client, world.session, value)
    assert response.status_code == 400
    assert Session.objects.get(pk=world.session.pk).capacity == 2


def test_another_providers_session_capacity_is_a_404_and_unchanged(provider_client, world):
    assert capacity(provider_client, world.overlapping, "50").status_code == 404
    assert Session.objects.get(pk=world.overlapping.pk).capacity == 10
    assert provider_client.post("/en/desk/applications/sessions/99999999999999999999/capacity/").status_code == 404


# Languages -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "direction", "title"),
    [("fr", "ltr", "Candidatures"), ("ar", "rtl", "الطلبات"), ("en", "ltr", "Applications")],
)
def test_the_pages_render_in_each_language(provider_client, world, language, direction, title):
    with translation.override(language):
        urls = [
            reverse("provider_applications:home"),
            reverse("provider_applications:list"),
            detail_url(world.application),
        ]
        for url in urls:
            response = provider_client.get(url)
            assert response.status_code == 200, url
            page = response.content.decode()
            assert f'lang="{language}" dir="{direction}"' in page
        assert title in provider_client.get(urls[0]).content.decode()


def test_an_application_decided_meanwhile_is_told_in_the_users_language(provider_client, world):
    as_provider(world, world.application, State.ACCEPTED)
    with translation.override("fr"):
        response = move(provider_client, world.application, "accepted", shown="submitted")
    assert response.status_code == 409
    assert "Déjà décidé" in text(response)
