"""Moving applications through their states: the table decides, the log remembers, seats follow."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404
from django.utils import timezone, translation

from applications import services
from applications.models import Application, ApplicationEvent, Reason, Role, State
from applications.tests.conftest import apply, as_provider
from catalog.models import Session
from catalog.tests import factories as cf
from core.actor import Actor, system
from notifications.models import Message
from people.services import NoConsentToProcessing
from people.tests import factories as f


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def seats_taken(session) -> int:
    return Session.objects.get(pk=session.pk).seats_taken


def test_applying_twice_to_one_session_gives_one_application(seats):
    first = services.application_submit(
        actor=Actor(user=seats.counsellor),
        beneficiary=seats.people[0],
        programme=seats.programme,
        session=seats.session,
        role=Role.COUNSELLOR,
    )
    again = services.application_submit(
        actor=Actor(user=seats.counsellor),
        beneficiary=seats.people[0],
        programme=seats.programme,
        session=seats.session,
        role=Role.COUNSELLOR,
    )
    assert first.created and not again.created
    assert again.application.pk == first.application.pk
    assert Application.objects.count() == 1
    event = ApplicationEvent.objects.get()
    assert (event.from_state, event.to_state, event.role, event.by) == ("", "submitted", "counsellor", seats.counsellor)


def test_the_provider_is_told_of_a_new_application_by_reference_only(seats):
    application = apply(seats, seats.people[0])
    message = Message.objects.get(recipient="admissions@institute.example")
    assert application.public_id in message.body
    assert seats.people[0].first_name not in message.body


def test_a_session_of_another_programme_or_a_closed_one_is_refused_and_nothing_is_written(seats):
    with pytest.raises(services.ApplicationRefused, match="not one of this training"):
        apply(seats, seats.people[0], session=seats.overlapping, programme=seats.programme)
    closed = cf.SessionFactory(
        programme=seats.programme,
        start_date=seats.today + datetime.timedelta(days=3),
        end_date=seats.today + datetime.timedelta(days=90),
        application_deadline=seats.today - datetime.timedelta(days=1),
    )
    with pytest.raises(services.ApplicationRefused, match="closed"):
        apply(seats, seats.people[0], session=closed)
    assert not Application.objects.exists()


def test_without_consent_to_processing_nothing_is_applied_for(seats):
    no_consent = f.BeneficiaryFactory(desk=seats.desk)
    with pytest.raises(NoConsentToProcessing):
        apply(seats, no_consent)
    assert not Application.objects.exists()


def test_accepting_takes_a_seat_and_logs_who_when_and_as_what(seats):
    application = apply(seats, seats.people[0])
    as_provider(seats, application, State.ACCEPTED)
    application.refresh_from_db()
    assert application.state == State.ACCEPTED
    assert seats_taken(seats.session) == 1
    last = application.events.last()
    assert (last.from_state, last.to_state, last.role, last.by) == (
        "submitted",
        "accepted",
        "provider",
        seats.provider_staff,
    )
    assert Message.objects.filter(recipient=str(seats.people[0].phone), template__endswith="accepted.txt").exists()


def test_a_second_accept_says_already_decided_and_changes_nothing(seats):
    application = apply(seats, seats.people[0])
    as_provider(seats, application, State.ACCEPTED)
    with pytest.raises(services.MoveRefused, match=r"Already decided: accepted on .* by training provider"):
        as_provider(seats, application, State.ACCEPTED)
    with pytest.raises(services.MoveRefused, match="Already decided"):
        as_provider(seats, application, State.WAIT_LISTED)
    assert seats_taken(seats.session) == 1
    assert application.events.count() == 2


def test_accepting_with_no_seat_left_is_refused_and_the_provider_can_wait_list_instead(seats):
    first, second, third = (apply(seats, p) for p in seats.people[:3])
    as_provider(seats, first, State.ACCEPTED)
    as_provider(seats, second, State.ACCEPTED)
    with pytest.raises(services.NoSeatLeft, match="No seat left"):
        as_provider(seats, third, State.ACCEPTED)
    third.refresh_from_db()
    assert third.state == State.SUBMITTED and third.events.count() == 1
    as_provider(seats, third, State.WAIT_LISTED)
    third.refresh_from_db()
    assert third.state == State.WAIT_LISTED and third.wait_listed_at is not None
    assert seats_taken(seats.session) == 2


def test_a_refusal_needs_a_reason_from_the_list_and_keeps_its_note(seats):
    application = apply(seats, seats.people[0])
    with pytest.raises(services.BadReason):
        as_provider(seats, application, State.REFUSED)
    with pytest.raises(services.BadReason):
        as_provider(seats, application, State.REFUSED, reason="found_work")
    with pytest.raises(services.BadReason):
        as_provider(seats, application, State.REFUSED, reason="made-up")
    as_provider(seats, application, State.REFUSED, reason=Reason.DOCUMENTS_MISSING, note="No diploma copy yet.")
    event = application.events.last()
    assert (event.reason, event.note) == ("documents_missing", "No diploma copy yet.")


def test_an_unknown_state_is_a_bad_request(seats):
    application = apply(seats, seats.people[0])
    with pytest.raises(services.BadReason):
        as_provider(seats, application, "teleported")


def test_a_freed_seat_is_offered_to_the_first_on_the_waiting_list_in_the_same_move(seats):
    accepted = [apply(seats, p) for p in seats.people[:2]]
    for application in accepted:
        as_provider(seats, application, State.ACCEPTED)
    waiting = [apply(seats, p) for p in seats.people[2:4]]
    for application in waiting:
        as_provider(seats, application, State.WAIT_LISTED)
    services.application_move(
        actor=Actor(user=seats.counsellor), public_id=accepted[0].public_id, to=State.WITHDRAWN, role=Role.COUNSELLOR
    )
    first, second = (Application.objects.get(pk=a.pk) for a in waiting)
    assert first.state == State.OFFERED and second.state == State.WAIT_LISTED
    assert first.offer_expires_at - timezone.now() > datetime.timedelta(hours=71)
    assert seats_taken(seats.session) == 2  # the withdrawn seat went to the offer
    assert Message.objects.filter(recipient=str(seats.people[2].phone), template__endswith="offered.txt").exists()
    assert Application.objects.get(pk=accepted[0].pk).reason == Reason.BY_COUNSELLOR


def test_an_offer_not_answered_in_time_expires_and_passes_to_the_next_even_run_twice(seats):
    accepted = apply(seats, seats.people[0])
    as_provider(seats, accepted, State.ACCEPTED)
    as_provider(seats, apply(seats, seats.people[1]), State.ACCEPTED)
    waiting = [apply(seats, p) for p in seats.people[2:4]]
    for application in waiting:
        as_provider(seats, application, State.WAIT_LISTED)
    as_provider(seats, accepted, State.REFUSED, reason=Reason.UNREACHABLE)
    later = timezone.now() + datetime.timedelta(hours=73)
    assert services.applications_expire(now=later) == 1
    assert services.applications_expire(now=later) == 0
    first, second = (Application.objects.get(pk=a.pk) for a in waiting)
    assert (first.state, first.reason) == (State.EXPIRED, Reason.OFFER_UNANSWERED)
    assert second.state == State.OFFERED
    assert seats_taken(seats.session) == 2


def test_the_person_is_reminded_once_a_day_before_the_offer_ends(seats):
    for p in seats.people[:2]:
        as_provider(seats, apply(seats, p), State.ACCEPTED)
    waiting = apply(seats, seats.people[2])
    as_provider(seats, waiting, State.WAIT_LISTED)
    services.application_move(
        actor=system,
        public_id=Application.objects.filter(state=State.ACCEPTED).first().public_id,
        to=State.WITHDRAWN,
        role=Role.SYSTEM,
        reason=Reason.CONSENT_WITHDRAWN,
    )
    in_50_hours = timezone.now() + datetime.timedelta(hours=50)
    services.applications_expire(now=in_50_hours)
    services.applications_expire(now=in_50_hours + datetime.timedelta(hours=1))
    reminders = Message.objects.filter(template__endswith="offer_reminder.txt")
    assert reminders.count() == 1


def test_undecided_applications_expire_after_the_configured_days(seats, settings):
    settings.GUICHET_APPLICATION_DECISION_DAYS = 30
    application = apply(seats, seats.people[0])
    assert services.applications_expire(now=timezone.now() + datetime.timedelta(days=29)) == 0
    assert services.applications_expire(now=timezone.now() + datetime.timedelta(days=31)) == 1
    application.refresh_from_db()
    assert (application.state, application.reason) == (State.EXPIRED, Reason.NO_DECISION)


def test_accepting_withdraws_the_persons_other_pending_applications_at_the_same_time(seats):
    here = apply(seats, seats.people[0])
    elsewhere = apply(seats, seats.people[0], session=seats.overlapping)
    later = cf.SessionFactory(
        programme=seats.other_programme,
        start_date=seats.today + datetime.timedelta(days=200),
        end_date=seats.today + datetime.timedelta(days=300),
    )
    not_overlapping = apply(seats, seats.people[0], session=later)
    Message.objects.all().delete()
    as_provider(seats, here, State.ACCEPTED)
    elsewhere.refresh_from_db()
    not_overlapping.refresh_from_db()
    assert (elsewhere.state, elsewhere.reason) == (State.WITHDRAWN, Reason.ACCEPTED_ELSEWHERE)
    assert elsewhere.events.last().role == Role.SYSTEM
    assert not_overlapping.state == State.SUBMITTED
    told = Message.objects.get(recipient="other@institute.example")
    assert elsewhere.public_id in told.body


def test_provider_staff_of_another_provider_cannot_see_nor_move_it(seats):
    application = apply(seats, seats.people[0])
    with pytest.raises(Http404):
        services.application_move(
            actor=Actor(user=seats.other_staff),
            public_id=application.public_id,
            to=State.ACCEPTED,
            role=Role.PROVIDER,
        )
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_a_counsellor_cannot_decide_for_the_provider(seats):
    application = apply(seats, seats.people[0])
    with pytest.raises(services.MoveRefused):
        services.application_move(
            actor=Actor(user=seats.counsellor),
            public_id=application.public_id,
            to=State.ACCEPTED,
            role=Role.COUNSELLOR,
        )


def test_capacity_cannot_go_below_the_seats_taken_and_raising_it_offers_seats(seats):
    for p in seats.people[:2]:
        as_provider(seats, apply(seats, p), State.ACCEPTED)
    waiting = apply(seats, seats.people[2])
    as_provider(seats, waiting, State.WAIT_LISTED)
    staff = Actor(user=seats.provider_staff)
    with pytest.raises(services.CapacityRefused, match="2 seats are already taken"):
        services.session_capacity_set(actor=staff, session_id=seats.session.pk, capacity=1)
    for bad in (0, -3, 10**9, "7", True):
        with pytest.raises(services.CapacityRefused):
            services.session_capacity_set(actor=staff, session_id=seats.session.pk, capacity=bad)
    session = services.session_capacity_set(actor=staff, session_id=seats.session.pk, capacity=3)
    assert (session.capacity, session.seats_taken) == (3, 3)
    assert Application.objects.get(pk=waiting.pk).state == State.OFFERED
    with pytest.raises(Http404):
        services.session_capacity_set(actor=Actor(user=seats.other_staff), session_id=seats.session.pk, capacity=9)


def test_a_drop_out_before_the_start_frees_the_seat_and_after_the_start_does_not(seats):
    application = apply(seats, seats.people[0])
    as_provider(seats, application, State.ACCEPTED)
    as_provider(seats, application, State.ENROLLED)
    as_provider(seats, application, State.DROPPED_OUT, reason=Reason.FOUND_WORK)
    assert seats_taken(seats.session) == 0
    started = cf.SessionFactory(
        programme=seats.programme,
        start_date=seats.today + datetime.timedelta(days=1),
        end_date=seats.today + datetime.timedelta(days=90),
        application_deadline=seats.today,
        capacity=5,
        seats_taken=0,
    )
    other = apply(seats, seats.people[1], session=started)
    as_provider(seats, other, State.ACCEPTED)
    as_provider(seats, other, State.ENROLLED)
    Session.objects.filter(pk=started.pk).update(start_date=seats.today, application_deadline=seats.today)
    as_provider(seats, other, State.DROPPED_OUT, reason=Reason.HEALTH)
    assert seats_taken(started) == 1


def test_completion_records_whether_the_certificate_was_obtained(seats):
    application = apply(seats, seats.people[0])
    as_provider(seats, application, State.ACCEPTED)
    as_provider(seats, application, State.ENROLLED)
    as_provider(seats, application, State.COMPLETED, reason=Reason.CERTIFIED)
    application.refresh_from_db()
    assert (application.state, application.reason) == (State.COMPLETED, Reason.CERTIFIED)
    assert seats_taken(seats.session) == 1  # the seat was used, not freed for the waiting list
    with pytest.raises(services.MoveRefused):
        services.application_move(
            actor=Actor(user=seats.counsellor),
            public_id=application.public_id,
            to=State.WITHDRAWN,
            role=Role.COUNSELLOR,
        )
