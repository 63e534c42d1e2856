"""The person's side: apply from a programme's page or the orientation results, follow, answer, withdraw in /me/."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from applications.models import Application, ApplicationEvent, Reason, Role, State
from applications.tests.conftest import apply, as_provider
from audit.models import AuditAction, AuditEvent
from catalog.models import Session
from catalog.selectors import CATALOGUE_VERSION_KEY, catalogue_version
from catalog.tests import factories as cf
from people.file_accounts import beneficiary_account_for
from people.models import Consent
from people.selectors import PROVIDER_VISIBLE_FIELDS
from people.tests.staff import staff_sign_in


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def signed_in(client, beneficiary):
    """The person signed in on their own account (the account a right code opens)."""
    client.force_login(beneficiary_account_for(destination=str(beneficiary.phone)))
    return client


def apply_url(session) -> str:
    return f"{reverse('me_applications:apply')}?session={session.pk}"


def answer(client, application, choice):
    return client.post(reverse("me_applications:answer", args=[application.public_id]), {"answer": choice})


def page(client, url="/en/me/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def state(application) -> str:
    return Application.objects.get(pk=application.pk).state


def seats_taken(session) -> int:
    return Session.objects.get(pk=session.pk).seats_taken


# Applying ----------------------------------------------------------------------------------------------------------


def test_the_confirm_page_names_what_the_provider_will_see_and_asks_consent(client, seats):
    person = seats.people[0]
    html = page(signed_in(client, person), apply_url(seats.session))
    assert seats.programme.title in html and seats.provider.name in html
    for label in ("Your first name", "Your last name", "Your year of birth", "Your schooling level"):
        assert label in html
    assert person.first_name in html and str(person.birth_year) in html
    assert "The languages you speak" in html and "The documents the desk has seen" in html
    assert "Residence: <strong>met</strong>" in html  # the admission criteria, by their outcome only
    assert f"I agree to share this with <bdi>{seats.provider.name}</bdi>" in html
    assert person.nationality not in html and person.residence_document_number not in html


def test_every_field_shared_with_providers_has_words_for_the_person():
    from applications.own import SHARED_LABELS

    assert set(SHARED_LABELS) == set(PROVIDER_VISIBLE_FIELDS)


def test_without_the_consent_box_nothing_is_sent_and_the_person_is_told_why(client, seats):
    response = signed_in(client, seats.people[0]).post(apply_url(seats.session), {})
    assert response.status_code == 400
    assert "Tick the box to agree, or do not apply." in response.content.decode()
    assert not Application.objects.exists()


def test_with_the_consent_box_the_application_is_sent_and_what_is_shared_recorded(client, seats):
    person = seats.people[0]
    response = signed_in(client, person).post(apply_url(seats.session), {"consent": "on"})
    assert response.status_code == 302 and response.url == "/en/me/"
    application = Application.objects.get()
    assert (application.beneficiary, application.session, application.channel) == (person, seats.session, "online")
    assert application.shared_fields == list(PROVIDER_VISIBLE_FIELDS)
    event = ApplicationEvent.objects.get()
    person.refresh_from_db()
    assert (event.to_state, event.role, event.by) == (State.SUBMITTED, Role.PERSON, person.account)
    audit = AuditEvent.objects.get(action=AuditAction.APPLICATION_CREATE)
    assert "shared first_name,last_name,birth_year" in audit.detail
    html = page(client)
    assert f"Your application is sent to {seats.provider.name}." in html
    assert "Sent. The training centre has not answered yet." in html


def test_applying_twice_to_one_session_gives_one_application(client, seats):
    signed_in(client, seats.people[0])
    assert client.post(apply_url(seats.session), {"consent": "on"}).status_code == 302
    assert client.post(apply_url(seats.session), {"consent": "on"}).status_code == 302
    assert Application.objects.count() == 1
    assert "You already applied to this session." in page(client)


@pytest.mark.parametrize("asked", ["", "abc", "999999", "9" * 40, "%00", "1%000", "-1", "٣"])
def test_an_unknown_session_is_a_clear_404_and_nothing_is_written(client, seats, asked):
    signed_in(client, seats.people[0])
    for response in (
        client.get(f"/en/me/applications/new/?session={asked}"),
        client.post(f"/en/me/applications/new/?session={asked}", {"consent": "on"}),
    ):
        assert response.status_code == 404
        assert "This session does not exist or is no longer offered." in response.content.decode()
    assert not Application.objects.exists()


def test_a_closed_session_is_a_clear_400_and_nothing_is_written(client, seats):
    closed = cf.SessionFactory(
        programme=seats.programme,
        start_date=seats.today + datetime.timedelta(days=3),
        end_date=seats.today + datetime.timedelta(days=90),
        application_deadline=seats.today - datetime.timedelta(days=1),
    )
    response = signed_in(client, seats.people[0]).post(apply_url(closed), {"consent": "on"})
    assert response.status_code == 400
    assert "Applications for this session are closed." in response.content.decode()
    assert not Application.objects.exists()


def test_a_session_of_an_unpublished_programme_is_not_offered(client, seats):
    seats.programme.is_published = False
    seats.programme.save()
    assert signed_in(client, seats.people[0]).get(apply_url(seats.session)).status_code == 404


def test_without_consent_to_processing_the_person_is_told_and_nothing_is_written(client, seats):
    person = seats.people[0]
    Consent.objects.filter(beneficiary=person).update(withdrawn_at=timezone.now())
    signed_in(client, person)
    for response in (client.get(apply_url(seats.session)), client.post(apply_url(seats.session), {"consent": "on"})):
        assert response.status_code == 403
        assert "ask your desk to record your consent again" in response.content.decode()
    assert not Application.objects.exists()


def test_a_signed_out_visitor_is_sent_to_sign_in_and_comes_back_to_apply(
    client, seats, outbox, django_capture_on_commit_callbacks
):
    person = seats.people[0]
    response = client.get(apply_url(seats.session))
    assert response.status_code == 302 and response.url.startswith("/en/me/sign-in/?next=")
    assert f'name="next" value="{apply_url(seats.session)}"' in page(client, response.url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/me/sign-in/", {"destination": str(person.phone), "next": apply_url(seats.session)})
    body = json.loads((outbox / "sms.jsonl").read_text().splitlines()[-1])["body"]
    signed = client.post("/en/me/sign-in/code/", {"code": re.search(r"\d{6}", body).group()})
    assert signed.status_code == 302 and signed.url == apply_url(seats.session)


def test_sign_in_never_sends_the_person_to_another_site(client, seats, outbox, django_capture_on_commit_callbacks):
    person = seats.people[0]
    assert 'name="next"' not in page(client, "/en/me/sign-in/?next=https://evil.example/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/me/sign-in/", {"destination": str(person.phone), "next": "//evil.example/"})
    body = json.loads((outbox / "sms.jsonl").read_text().splitlines()[-1])["body"]
    signed = client.post("/en/me/sign-in/code/", {"code": re.search(r"\d{6}", body).group()})
    assert signed.url == "/en/me/"


# Where "Apply" is offered ------------------------------------------------------------------------------------------


def test_the_programme_page_offers_apply_to_the_signed_in_person(client, seats):
    html = page(signed_in(client, seats.people[0]), seats.programme.get_absolute_url())
    assert f'href="{apply_url(seats.session)}"' in html
    assert "Sign in to your space to apply" not in html


def test_the_programme_page_says_where_an_application_is_already_made(client, seats):
    apply(seats, seats.people[0])
    html = page(signed_in(client, seats.people[0]), seats.programme.get_absolute_url())
    assert "You applied. See your application in your file." in html
    assert f'href="{apply_url(seats.session)}"' not in html


def test_the_anonymous_programme_page_is_the_same_for_everyone_and_sets_no_cookie(client, seats):
    url = seats.programme.get_absolute_url()
    cache.clear()
    first = client.get(url)
    assert first.status_code == 200 and "public" in first["Cache-Control"] and not first.cookies
    html = first.content.decode()
    assert "Sign in to your space to apply, or ask your desk." in html
    assert f"/en/me/sign-in/?next={url.replace('/', '%2F')}" in html
    assert "/me/applications/new/" not in html
    version = catalogue_version()
    cache.clear()  # the page is made again for the other visitor, under the same catalogue version
    cache.set(CATALOGUE_VERSION_KEY, version, timeout=None)
    other = Client()
    other.cookies["seen-the-tour"] = "yes"  # a cookie, not a session: still nobody signed in
    again = other.get(url)
    assert again.content == first.content and not again.cookies


def test_a_signed_in_person_sees_their_own_panel_on_a_page_kept_for_anonymous_visitors(client, seats):
    url = seats.programme.get_absolute_url()
    anonymous = [Client().get(url) for _ in range(2)]
    assert anonymous[1]["X-Page-Cache"] == "hit"
    apply(seats, seats.people[0])
    html = page(signed_in(client, seats.people[0]), url)
    assert "You applied. See your application in your file." in html and "Sign in to apply" not in html
    # Someone else signed in sees their own, never the first person's.
    other = page(signed_in(Client(), seats.people[1]), url)
    assert f'href="{apply_url(seats.session)}"' in other and "You applied" not in other
    # And the first person's page was never kept for anyone: the next visitor is asked to sign in.
    later = Client().get(url)
    assert "Sign in to apply" in later.content.decode() and "You applied" not in later.content.decode()


def test_a_staff_account_on_the_programme_page_is_asked_to_sign_in_as_a_person(client, seats):
    staff_sign_in(client, seats.counsellor)
    html = page(client, seats.programme.get_absolute_url())
    assert "Sign in to your space to apply" in html and "/me/applications/new/" not in html


def test_the_orientation_results_offer_apply_to_the_signed_in_person_and_sign_in_to_others(client, seats):
    assert "Sign in to your space to apply" in page(client, reverse("orientation:results"))
    html = page(signed_in(client, seats.people[0]), reverse("orientation:results"))
    assert f'href="{apply_url(seats.session)}"' in html


# In /me/ -----------------------------------------------------------------------------------------------------------


def test_my_space_shows_each_state_in_plain_words_and_my_place_on_the_waiting_list(client, seats):
    applications = [apply(seats, person) for person in seats.people[:4]]
    for application in applications[:2]:
        as_provider(seats, application, State.ACCEPTED)
    for application in applications[2:]:
        as_provider(seats, application, State.WAIT_LISTED)
    assert "Accepted. You have a seat." in page(signed_in(Client(), seats.people[0]))
    html = page(signed_in(client, seats.people[3]))
    assert "On the waiting list." in html and "You are number 2 on the waiting list." in html
    assert seats.programme.title in html and seats.provider.name in html


def test_my_space_says_why_it_was_refused_but_never_the_providers_note(client, seats):
    application = apply(seats, seats.people[0])
    as_provider(seats, application, State.REFUSED, reason=Reason.PREREQUISITES, note="Weak level, between us")
    html = page(signed_in(client, seats.people[0]))
    assert "Not accepted." in html and "Why: Admission criteria not met" in html
    assert "Weak level" not in html


def _offer_to(seats, waiting):
    """Both seats taken, ``waiting`` wait-listed in order; one accepted withdraws: the first waiting is offered."""
    holders = [apply(seats, person) for person in seats.people[:2]]
    for application in holders:
        as_provider(seats, application, State.ACCEPTED)
    queued = [apply(seats, person) for person in waiting]
    for application in queued:
        as_provider(seats, application, State.WAIT_LISTED)
    withdrawn = signed_in(Client(), seats.people[0]).post(
        reverse("me_applications:withdraw", args=[holders[0].public_id])
    )
    assert withdrawn.status_code == 302
    return queued


def test_an_offer_shows_its_deadline_and_accepting_keeps_the_seat(client, seats):
    (offered,) = _offer_to(seats, seats.people[2:3])
    assert state(offered) == State.OFFERED
    html = page(signed_in(client, seats.people[2]))
    deadline = timezone.localtime(Application.objects.get(pk=offered.pk).offer_expires_at)
    assert "A seat is free for you. Answer quickly." in html
    assert f"Answer before {deadline:%A} {deadline.day} {deadline:%B}, {deadline:%H:%M}." in html
    assert "Accept the seat" in html and "Decline" in html
    response = answer(client, offered, "accept")
    assert response.status_code == 302 and response.url == "/en/me/"
    assert state(offered) == State.ACCEPTED and seats_taken(seats.session) == 2
    assert "You accepted the seat." in page(client)


def test_declining_an_offer_gives_the_seat_to_the_next_on_the_waiting_list(client, seats):
    offered, next_one = _offer_to(seats, seats.people[2:4])
    signed_in(client, seats.people[2])
    assert "If you decline, the seat goes to the next person" in page(
        client, reverse("me_applications:answer", args=[offered.public_id])
    )
    assert answer(client, offered, "decline").status_code == 302
    assert state(offered) == State.DECLINED and state(next_one) == State.OFFERED
    assert seats_taken(seats.session) == 2


def test_a_second_answer_says_what_happened_and_changes_nothing(client, seats):
    (offered,) = _offer_to(seats, seats.people[2:3])
    signed_in(client, seats.people[2])
    assert answer(client, offered, "accept").status_code == 302
    again = answer(client, offered, "decline")
    assert again.status_code == 409 and "Already decided: accepted" in again.content.decode()
    assert state(offered) == State.ACCEPTED and seats_taken(seats.session) == 2


def test_an_answer_that_is_neither_accept_nor_decline_is_a_400(client, seats):
    (offered,) = _offer_to(seats, seats.people[2:3])
    assert answer(signed_in(client, seats.people[2]), offered, "maybe").status_code == 400
    assert state(offered) == State.OFFERED


def test_withdrawing_asks_to_confirm_then_withdraws_and_says_so(client, seats):
    application = apply(seats, seats.people[0])
    signed_in(client, seats.people[0])
    url = reverse("me_applications:withdraw", args=[application.public_id])
    assert f'href="{url}"' in page(client)
    assert "Withdraw your application?" in page(client, url)
    assert state(application) == State.SUBMITTED
    assert client.post(url).status_code == 302
    assert state(application) == State.WITHDRAWN
    html = page(client)
    assert "Your application is withdrawn." in html and "Why: You withdrew it." in html
    assert client.post(url).status_code == 409  # a second tap: already withdrawn, nothing changes


def test_another_persons_application_is_404_and_stays_as_it_is(client, seats):
    theirs = apply(seats, seats.people[1])
    signed_in(client, seats.people[0])
    for url in (
        reverse("me_applications:withdraw", args=[theirs.public_id]),
        reverse("me_applications:answer", args=[theirs.public_id]),
        reverse("me_applications:withdraw", args=["not-an-id"]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"answer": "decline"}).status_code == 404
    assert state(theirs) == State.SUBMITTED


def test_a_staff_account_gets_the_same_refusal_as_on_the_other_pages_of_my_space(client, seats):
    application = apply(seats, seats.people[0])
    staff_sign_in(client, seats.counsellor)
    refusal = client.get("/en/me/").status_code
    assert refusal == 404
    assert client.get(apply_url(seats.session)).status_code == refusal
    assert client.post(apply_url(seats.session), {"consent": "on"}).status_code == refusal
    assert client.post(reverse("me_applications:withdraw", args=[application.public_id])).status_code == refusal
    assert Application.objects.count() == 1 and state(application) == State.SUBMITTED


def test_my_space_in_arabic_is_right_to_left_and_in_arabic(client, seats):
    apply(seats, seats.people[0])
    html = page(signed_in(client, seats.people[0]), "/ar/me/")
    assert '<html lang="ar" dir="rtl">' in html
    assert "أُرسل الطلب. لم يُجب مركز التكوين بعد." in html and "سحب طلبي" in html
    assert '<html lang="ar" dir="rtl">' in page(client, f"/ar/me/applications/new/?session={seats.session.pk}")
