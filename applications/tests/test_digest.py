"""The counsellor's daily digest: only when asked for, only the desk's decisions, by reference, never twice."""

from __future__ import annotations

import datetime

from django.utils import timezone

from applications import digest
from applications.models import State
from applications.tests.conftest import apply, as_provider
from notifications.models import Message
from people.tests import factories as f


def _digests(seats):
    return Message.objects.filter(recipient=seats.counsellor.email, template__endswith="digest.txt")


def test_a_counsellor_who_asked_gets_the_days_decisions_by_reference_without_names(seats):
    seats.counsellor.email = "counsellor@desk.example"
    seats.counsellor.save()
    digest.digest_subscribe(user=seats.counsellor, on=True)
    accepted = apply(seats, seats.people[0])
    as_provider(seats, accepted, State.ACCEPTED)
    assert digest.digests_send(now=timezone.now() + datetime.timedelta(minutes=1)) == 1
    body = _digests(seats).get().body
    assert accepted.public_id in body
    assert seats.people[0].first_name not in body and seats.people[0].last_name not in body
    # Nothing new since: no second e-mail.
    assert digest.digests_send(now=timezone.now() + datetime.timedelta(minutes=2)) == 0
    assert _digests(seats).count() == 1


def test_no_digest_without_asking_nor_for_another_desks_decisions(seats):
    seats.counsellor.email = "counsellor@desk.example"
    seats.counsellor.save()
    as_provider(seats, apply(seats, seats.people[0]), State.ACCEPTED)
    assert digest.digests_send() == 0
    elsewhere = f.StaffRoleFactory(user__username="elsewhere", user__email="elsewhere@desk.example").user
    digest.digest_subscribe(user=elsewhere, on=True)
    assert digest.digests_send(now=timezone.now() + datetime.timedelta(minutes=1)) == 0
    assert not Message.objects.filter(recipient="elsewhere@desk.example").exists()


def test_stopping_the_digest_stops_it(seats):
    seats.counsellor.email = "counsellor@desk.example"
    seats.counsellor.save()
    digest.digest_subscribe(user=seats.counsellor, on=True)
    assert digest.digest_is_on(user=seats.counsellor)
    digest.digest_subscribe(user=seats.counsellor, on=False)
    as_provider(seats, apply(seats, seats.people[0]), State.ACCEPTED)
    assert digest.digests_send(now=timezone.now() + datetime.timedelta(minutes=1)) == 0
