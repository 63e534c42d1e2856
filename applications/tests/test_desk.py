"""The counsellor's side: applying for a person from their file, following the desk's applications, answering
for the person. Counsellors of the person's desk only; every read of an application by staff is audited."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from applications import desk_views, services
from applications.models import Application, Reason, Role, State
from applications.tests.conftest import apply, as_provider, person
from audit.models import AuditAction, AuditEvent
from catalog.models import Session
from catalog.tests import factories as cf
from core.actor import Actor
from people.tests import factories as f
from people.tests.staff import staff_sign_in


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def desk(seats, client):
    """``seats``, with its counsellor signed in, and a counsellor of another desk."""
    seats.other_counsellor = f.StaffRoleFactory(user__username="rabat-counsellor").user
    staff_sign_in(client, seats.counsellor)
    return seats


def _apply_url(beneficiary) -> str:
    return reverse("desk_applications:apply", kwargs={"public_id": beneficiary.public_id})


def _detail_url(application) -> str:
    kwargs = {"public_id": application.beneficiary.public_id, "application_id": application.public_id}
    return reverse("desk_applications:detail", kwargs=kwargs)


def _move_url(application) -> str:
    kwargs = {"public_id": application.beneficiary.public_id, "application_id": application.public_id}
    return reverse("desk_applications:move", kwargs=kwargs)


def _session_choice(session) -> dict:
    return {"choice": f"session-{session.pk}"}


def _seats_taken(session) -> int:
    return Session.objects.get(pk=session.pk).seats_taken


# Applying from the file


def test_the_file_offers_every_open_session_and_applying_makes_the_application(client, desk):
    someone = desk.people[0]
    page = client.get(someone.get_absolute_url()).content.decode()
    assert "Apply for this person" in page and f'value="session-{desk.session.pk}"' in page
    response = client.post(_apply_url(someone), _session_choice(desk.session), follow=True)
    assert response.redirect_chain[-1][0].endswith("#applications")
    application = Application.objects.get(beneficiary=someone)
    assert (application.session, application.state, application.channel) == (desk.session, State.SUBMITTED, "desk")
    event = application.events.get()
    assert (event.role, event.by) == (Role.COUNSELLOR, desk.counsellor)
    page = response.content.decode()
    assert f"The application to “{desk.programme.title}” is made; the provider is told." in page
    assert desk.programme.title in page and "Submitted" in page


def test_the_apply_page_alone_shows_the_form_without_javascript_and_is_audited_as_a_file_read(client, desk):
    response = client.get(_apply_url(desk.people[0]))
    assert response.status_code == 200
    assert f'value="session-{desk.session.pk}"' in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.FILE_READ, object_id=desk.people[0].public_id).exists()


def test_applying_twice_says_already_applied_and_keeps_one_application(client, desk):
    someone = desk.people[0]
    client.post(_apply_url(someone), _session_choice(desk.session))
    response = client.post(_apply_url(someone), _session_choice(desk.session), follow=True)
    assert "has already applied" in response.content.decode()
    assert Application.objects.filter(beneficiary=someone).count() == 1


def test_a_training_suggested_by_the_orientation_is_applied_for_at_its_next_open_session(client, desk):
    someone = desk.people[0]
    f.OrientationResultFactory(
        beneficiary=someone,
        recorded_by=desk.counsellor,
        programmes=[{"id": desk.programme.pk, "slug": desk.programme.slug, "title": "Tailoring", "score": 2.0}],
    )
    page = client.get(someone.get_absolute_url()).content.decode()
    assert "Suggested by the orientation" in page and f'value="programme-{desk.programme.pk}"' in page
    assert client.post(_apply_url(someone), {"choice": f"programme-{desk.programme.pk}"}).status_code == 302
    assert Application.objects.get(beneficiary=someone).session == desk.session


@pytest.mark.parametrize(
    "choice",
    ["programme-999999", "session-99999999999999999999", "session-", "<b>x</b>", "anything"],
)
def test_a_choice_not_offered_is_refused_with_a_message_and_nothing_is_written(client, desk, choice):
    response = client.post(_apply_url(desk.people[0]), {"choice": choice})
    assert response.status_code == 400
    assert "cannot be chosen now: choose one from the list" in response.content.decode()
    assert "<b>x</b>" not in response.content.decode()
    assert not Application.objects.exists()


def test_an_empty_choice_or_a_nul_byte_is_refused_and_nothing_is_written(client, desk):
    assert "This field is required" in client.post(_apply_url(desk.people[0]), {"choice": ""}).content.decode()
    assert client.post(_apply_url(desk.people[0]), {"choice": f"session-{desk.session.pk}\x00"}).status_code == 400
    assert client.post(_move_url(apply(desk, desk.people[1])), {"to": "withdrawn\x00"}).status_code == 400
    assert Application.objects.get().state == State.SUBMITTED


def test_a_closed_session_or_another_desks_file_cannot_be_applied_for(client, desk):
    closed = cf.SessionFactory(
        programme=desk.programme,
        start_date=desk.today + datetime.timedelta(days=5),
        end_date=desk.today + datetime.timedelta(days=50),
        application_deadline=desk.today - datetime.timedelta(days=1),
    )
    assert client.post(_apply_url(desk.people[0]), _session_choice(closed)).status_code == 400
    elsewhere = person(cf.DeskFactory())
    assert client.post(_apply_url(elsewhere), _session_choice(desk.session)).status_code == 404
    assert not Application.objects.exists()


def test_without_consent_to_processing_the_application_is_refused_with_the_reason(client, desk):
    no_consent = f.BeneficiaryFactory(desk=desk.desk)
    response = client.post(_apply_url(no_consent), _session_choice(desk.session))
    assert response.status_code == 409
    assert "has not consented to the processing of their data" in response.content.decode()
    assert not Application.objects.exists()
    page = client.get(no_consent.get_absolute_url()).content.decode()
    assert "No application can be made while the consent to processing is withdrawn." in page


# Following the file's applications


def test_the_file_shows_state_place_in_the_waiting_list_and_the_last_move_with_its_reason(client, desk):
    first, second, third = (apply(desk, p) for p in desk.people[:3])
    as_provider(desk, first, State.ACCEPTED)
    as_provider(desk, second, State.ACCEPTED)
    as_provider(desk, third, State.WAIT_LISTED)
    refused = apply(desk, desk.people[2], session=desk.overlapping)
    services.application_move(
        actor=Actor(user=desk.other_staff),
        public_id=refused.public_id,
        to=State.REFUSED,
        role=Role.PROVIDER,
        reason=Reason.DOCUMENTS_MISSING,
    )
    page = client.get(desk.people[2].get_absolute_url()).content.decode()
    assert "On the waiting list" in page and "number 1 on the waiting list" in page
    assert "Not accepted" in page and "Documents missing" in page
    assert desk.provider.name in page and desk.other_provider.name in page


def test_the_application_page_shows_the_whole_log_notes_included_and_is_audited(client, desk):
    application = apply(desk, desk.people[0])
    as_provider(desk, application, State.REFUSED, reason=Reason.DOCUMENTS_MISSING, note="No diploma copy yet.")
    response = client.get(_detail_url(application))
    page = response.content.decode()
    assert response.status_code == 200
    assert "No diploma copy yet." in page and "Documents missing" in page and "Training provider" in page
    assert AuditEvent.objects.filter(
        action=AuditAction.APPLICATION_READ, object_id=application.public_id, actor=desk.counsellor
    ).exists()


def test_an_application_is_not_shown_under_another_file_of_the_same_desk(client, desk):
    application = apply(desk, desk.people[0])
    kwargs = {"public_id": desk.people[1].public_id, "application_id": application.public_id}
    assert client.get(reverse("desk_applications:detail", kwargs=kwargs)).status_code == 404
    assert client.post(reverse("desk_applications:move", kwargs=kwargs), {"to": "withdrawn"}).status_code == 404
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


# Acting for the person


def test_the_counsellor_withdraws_at_the_persons_request_and_the_seat_goes_to_the_waiting_list(client, desk):
    first, second, third = (apply(desk, p) for p in desk.people[:3])
    as_provider(desk, first, State.ACCEPTED)
    as_provider(desk, second, State.ACCEPTED)
    as_provider(desk, third, State.WAIT_LISTED)
    response = client.post(_move_url(first), {"to": "withdrawn"}, follow=True)
    assert "is now: withdrawn" in response.content.decode()
    first.refresh_from_db()
    third.refresh_from_db()
    assert (first.state, first.reason) == (State.WITHDRAWN, Reason.BY_COUNSELLOR)
    assert third.state == State.OFFERED
    assert _seats_taken(desk.session) == 2
    assert AuditEvent.objects.filter(action=AuditAction.APPLICATION_MOVE, object_id=first.public_id).exists()


@pytest.mark.parametrize("answer", [State.ACCEPTED, State.DECLINED])
def test_the_counsellor_answers_a_seat_offered_to_the_person(client, desk, answer):
    first, second, third = (apply(desk, p) for p in desk.people[:3])
    as_provider(desk, first, State.ACCEPTED)
    as_provider(desk, second, State.ACCEPTED)
    as_provider(desk, third, State.WAIT_LISTED)
    as_provider(desk, first, State.REFUSED, reason=Reason.OTHER)  # a seat frees: offered to the third
    page = client.get(desk.people[2].get_absolute_url()).content.decode()
    assert "The person accepts the seat" in page and "the offer is open until" in page
    assert client.post(_move_url(third), {"to": answer}).status_code == 302
    third.refresh_from_db()
    assert third.state == answer
    last = third.events.last()
    assert (last.role, last.by) == (Role.COUNSELLOR, desk.counsellor)


def test_a_double_submit_or_a_stale_page_says_already_decided_and_changes_nothing(client, desk):
    application = apply(desk, desk.people[0])
    assert client.post(_move_url(application), {"to": "withdrawn"}).status_code == 302
    again = client.post(_move_url(application), {"to": "withdrawn"})
    assert again.status_code == 409
    assert "Already decided: withdrawn on" in again.content.decode()
    stale = client.post(_move_url(application), {"to": "accepted"})
    assert stale.status_code == 409 and "Nothing was changed." in stale.content.decode()
    assert application.events.count() == 2


@pytest.mark.parametrize("to", ["enrolled", "completed", "teleported", "", "<script>"])
def test_a_move_a_counsellor_cannot_make_is_refused_with_a_message(client, desk, to):
    application = apply(desk, desk.people[0])
    response = client.post(_move_url(application), {"to": to})
    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()
    application.refresh_from_db()
    assert application.state == State.SUBMITTED and application.events.count() == 1


# The desk's list and the day's decisions


def test_the_desks_list_shows_every_application_latest_decision_first_with_the_persons_file(client, desk):
    older = apply(desk, desk.people[0])
    newer = apply(desk, desk.people[1])
    as_provider(desk, older, State.ACCEPTED)  # decided last: shown first
    elsewhere = apply(desk, person(cf.DeskFactory(), first_name="Elsewhere"))
    response = client.get(reverse("desk_applications:list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index(older.public_id) < page.index(newer.public_id)
    assert desk.people[0].get_absolute_url() in page
    assert elsewhere.public_id not in page and "Elsewhere" not in page
    assert AuditEvent.objects.filter(action=AuditAction.APPLICATION_READ, actor=desk.counsellor).exists()


def test_the_desks_list_filters_by_state_and_pages(client, desk, monkeypatch):
    accepted = apply(desk, desk.people[0])
    as_provider(desk, accepted, State.ACCEPTED)
    submitted = [apply(desk, p) for p in desk.people[1:]]
    page = client.get(reverse("desk_applications:list"), {"state": "accepted"}).content.decode()
    assert accepted.public_id in page and not any(a.public_id in page for a in submitted)
    monkeypatch.setattr(desk_views, "PAGE_SIZE", 2)
    first = client.get(reverse("desk_applications:list")).content.decode()
    assert "Page 1 of 2" in first
    second = client.get(reverse("desk_applications:list"), {"page": "2"}).content.decode()
    assert sum(a.public_id in second for a in [accepted, *submitted]) == 2
    for odd in ("0", "-1", "9" * 30, "1e400", "two"):
        assert client.get(reverse("desk_applications:list"), {"page": odd}).status_code == 200


@pytest.mark.parametrize("state", ["teleported", "<b>x</b>", "accepted\x00", "9" * 50])
def test_an_unknown_state_in_the_list_is_a_400_with_a_message_and_no_rows(client, desk, state):
    apply(desk, desk.people[0])
    response = client.get(reverse("desk_applications:list"), {"state": state})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is no such state" in page and desk.people[0].first_name not in page


def test_the_desks_list_answers_in_a_bounded_number_of_queries(client, desk, django_assert_max_num_queries):
    for someone in desk.people:
        apply(desk, someone)
        apply(desk, someone, session=desk.overlapping)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("desk_applications:list")).status_code == 200


def test_the_list_isolates_names_written_right_to_left(client, desk):
    someone = desk.people[0]
    type(someone).objects.filter(pk=someone.pk).update(first_name="\u202eAmina")
    apply(desk, someone)
    page = client.get(reverse("desk_applications:list")).content.decode()
    assert "<bdi>Amina " in page and "\u202e" not in page


def test_today_shows_the_decisions_of_the_last_day_by_providers_and_guichet(client, desk, monkeypatch):
    decided = apply(desk, desk.people[0])
    as_provider(desk, decided, State.ACCEPTED)
    withdrawn_by_us = apply(desk, desk.people[1])
    client.post(_move_url(withdrawn_by_us), {"to": "withdrawn"})
    long_ago = apply(desk, desk.people[2])
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    with monkeypatch.context() as clock:
        clock.setattr(timezone, "now", lambda: two_days_ago)
        as_provider(desk, long_ago, State.WAIT_LISTED)
    page = client.get(reverse("people:today")).content.decode()
    card = page[page.index("Decisions since yesterday") :]
    card = card[: card.index("</section>")]
    assert desk.people[0].first_name in card and "Accepted" in card
    assert desk.people[1].first_name not in card and desk.people[2].first_name not in card
    assert reverse("desk_applications:list") in page  # the navigation, and the card's link


def test_today_has_no_decisions_card_when_nothing_was_decided(client, desk):
    apply(desk, desk.people[0])
    assert "Decisions since yesterday" not in client.get(reverse("people:today")).content.decode()


# Who may


def _every_url(application) -> list[tuple[str, str, dict]]:
    return [
        ("get", _apply_url(application.beneficiary), {}),
        ("post", _apply_url(application.beneficiary), {"choice": f"session-{application.session_id}"}),
        ("get", _detail_url(application), {}),
        ("post", _move_url(application), {"to": "withdrawn"}),
    ]


@pytest.mark.parametrize("who", ["other_counsellor", "provider_staff"])
def test_anyone_but_the_desks_counsellors_gets_404_on_every_page_and_nothing_changes(client, desk, who):
    application = apply(desk, desk.people[0])
    staff_sign_in(client, getattr(desk, who))
    for method, url, data in _every_url(application):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, url
        assert desk.people[0].first_name not in response.content.decode()
    listing = client.get(reverse("desk_applications:list"))
    assert listing.status_code == (200 if who == "other_counsellor" else 404)
    assert application.public_id not in listing.content.decode()
    application.refresh_from_db()
    assert application.state == State.SUBMITTED and Application.objects.count() == 1


def test_the_anonymous_are_sent_to_sign_in(client, desk):
    application = apply(desk, desk.people[0])
    client.logout()
    for method, url, data in [*_every_url(application), ("get", reverse("desk_applications:list"), {})]:
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and reverse("accounts:sign_in") in response.url, url
    assert Application.objects.count() == 1


def test_a_counsellor_asks_for_the_morning_email_and_stops_it_from_the_desks_list(client, desk):
    from applications.digest import digest_is_on

    url = reverse("desk_applications:digest")
    response = client.post(url, {"digest": "on"}, follow=True)
    assert "has no e-mail address" in response.content.decode()
    assert not digest_is_on(user=desk.counsellor)
    desk.counsellor.email = "counsellor@desk.example"
    desk.counsellor.save()
    response = client.post(url, {"digest": "on"}, follow=True)
    assert "each morning by e-mail" in response.content.decode()
    assert digest_is_on(user=desk.counsellor)
    assert "Stop the morning e-mail" in client.get(reverse("desk_applications:list")).content.decode()
    client.post(url, {"digest": "off"})
    assert not digest_is_on(user=desk.counsellor)
    assert client.get(url).status_code == 405
