"""The queue's pages as people use them: the kiosk, the counsellor's console, the public now-serving screen."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from appointments import queue
from appointments.models import Ticket, TicketStatus
from audit.models import AuditAction, AuditEvent
from core.actor import Actor
from people.tests import factories as f
from people.tests.staff import staff_sign_in

PHONE = "+212612345678"


@pytest.fixture
def counsellor_client(client, desk_day):
    return staff_sign_in(client, desk_day.counsellors[0])


def kiosk_form(client, desk_day) -> dict:
    """What the kiosk page's form sends, with its one-time key."""
    page = client.get(reverse("queue:kiosk")).content.decode()
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    return {"desk": desk_day.desk.slug, "key": key, "language": "fr", "phone": "", "reason": desk_day.reason.slug}


# The kiosk ------------------------------------------------------------------------------------------------------------


def test_the_kiosk_offers_a_big_button_per_reason_and_gives_a_big_number(counsellor_client, desk_day):
    page = counsellor_client.get(reverse("queue:kiosk")).content.decode()
    assert f'value="{desk_day.reason.slug}"' in page and f'value="{desk_day.other_reason.slug}"' in page
    assert desk_day.elsewhere_reason.slug not in page
    assert "<script>" not in page
    response = counsellor_client.post(reverse("queue:kiosk"), kiosk_form(counsellor_client, desk_day))
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response.url == reverse("queue:kiosk_ticket", args=[ticket.public_id])
    result = counsellor_client.get(response.url)
    body = result.content.decode()
    assert re.search(r'class="ticket-number">1<', body)
    assert "Vous êtes le prochain" in body or "prochain" in body
    assert result["Refresh"].startswith("30; url=" + reverse("queue:kiosk"))


def test_the_kiosk_texts_the_number_when_a_phone_is_given_and_does_not_show_it(counsellor_client, desk_day):
    data = kiosk_form(counsellor_client, desk_day) | {"phone": "0612345678", "language": "ar"}
    response = counsellor_client.post(reverse("queue:kiosk"), data)
    ticket = Ticket.objects.get()
    assert str(ticket.phone) == PHONE and ticket.language == "ar"
    body = counsellor_client.get(response.url).content.decode()
    assert "0612345678" not in body and "612345678" not in body
    assert "Un SMS avec votre numéro" in body


def test_a_double_tap_on_the_kiosk_gives_one_ticket(counsellor_client, desk_day):
    data = kiosk_form(counsellor_client, desk_day)
    first = counsellor_client.post(reverse("queue:kiosk"), data)
    second = counsellor_client.post(reverse("queue:kiosk"), data)
    assert Ticket.objects.count() == 1
    assert first.url == second.url


def test_something_else_gives_a_ticket_without_a_reason(counsellor_client, desk_day):
    counsellor_client.post(reverse("queue:kiosk"), kiosk_form(counsellor_client, desk_day) | {"reason": ""})
    assert Ticket.objects.get().reason is None


@pytest.mark.parametrize(
    "change",
    [
        {"reason": "no-such-reason"},
        {"reason": "rabat-only"},
        {"reason": "<script>alert(1)</script>"},
        {"reason": "x" * 5000},
        {"language": "zz"},
        {"phone": "not a phone"},
        {"phone": "9" * 500},
        {"key": "forged"},
        {"key": ""},
    ],
    ids=str,
)
def test_bad_kiosk_input_is_refused_with_a_message_and_gives_no_ticket(counsellor_client, desk_day, change):
    response = counsellor_client.post(reverse("queue:kiosk"), kiosk_form(counsellor_client, desk_day) | change)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="error-summary"' in body and "<script>alert" not in body
    assert not Ticket.objects.exists()
    # The page offers a fresh key: the next try works.
    assert re.search(r'name="key" value="[^"]+"', body)


def test_a_nul_byte_in_the_phone_is_a_400_not_a_500(counsellor_client, desk_day):
    data = kiosk_form(counsellor_client, desk_day) | {"phone": "06\x0012"}
    assert counsellor_client.post(reverse("queue:kiosk"), data).status_code == 400
    assert not Ticket.objects.exists()


def test_a_counsellor_of_several_desks_chooses_the_desk(client, desk_day):
    f.StaffRoleFactory(user=desk_day.counsellors[0], desk=desk_day.other_desk)
    staff_sign_in(client, desk_day.counsellors[0])
    choice = client.get(reverse("queue:kiosk")).content.decode()
    assert f"?desk={desk_day.desk.slug}" in choice and f"?desk={desk_day.other_desk.slug}" in choice
    page = client.get(reverse("queue:kiosk"), {"desk": desk_day.other_desk.slug}).content.decode()
    assert desk_day.elsewhere_reason.slug in page


def test_the_kiosk_of_a_desk_is_not_found_for_a_counsellor_of_another_desk(client, desk_day):
    outsider = f.StaffRoleFactory(user__username="rabat-one", desk=desk_day.other_desk).user
    staff_sign_in(client, outsider)
    assert client.get(reverse("queue:kiosk"), {"desk": desk_day.desk.slug}).status_code == 404
    form = {"desk": desk_day.desk.slug, "key": queue.kiosk_form_key(), "language": "fr", "reason": ""}
    assert client.post(reverse("queue:kiosk"), form).status_code == 404
    ticket = queue.ticket_issue(desk=desk_day.desk, reason=None, language="fr")[0]
    assert client.get(reverse("queue:kiosk_ticket", args=[ticket.public_id])).status_code == 404
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize("url_name", ["queue:kiosk", "queue:console"])
def test_signed_out_visitors_are_sent_to_sign_in(client, desk_day, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and reverse("accounts:sign_in") in response.url


@pytest.mark.parametrize("url_name", ["queue:kiosk", "queue:console"])
def test_accounts_without_the_counsellor_role_get_404_and_the_refusal_is_audited(client, desk_day, url_name):
    other = f.UserFactory(username="nobody")
    staff_sign_in(client, other)
    assert client.get(reverse(url_name)).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, actor=other).exists()


# The console ---------------------------------------------------------------------------------------------------------


def test_the_console_lists_numbers_and_reasons_never_phones(counsellor_client, desk_day):
    queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr", phone=PHONE)
    queue.ticket_issue(desk=desk_day.desk, reason=None, language="fr")
    body = counsellor_client.get(reverse("queue:console")).content.decode()
    assert "2 personnes attendent" in body
    assert desk_day.reason.name_fr in body and "Autre chose" in body
    assert PHONE not in body and "612345678" not in body


def test_a_counsellor_calls_serves_and_closes_from_the_console(counsellor_client, desk_day):
    ticket = queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr", phone=PHONE)[0]
    response = counsellor_client.post(reverse("queue:call_next"), {"desk": desk_day.desk.slug, "counter": "Bureau 2"})
    assert response.status_code == 302
    page = counsellor_client.get(response.url).content.decode()
    assert "Le numéro 1 est appelé." in page and "Bureau 2" in page
    counsellor_client.post(reverse("queue:serve", args=[ticket.public_id]))
    counsellor_client.post(reverse("queue:done", args=[ticket.public_id]))
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE and not ticket.phone
    # The counter typed once is remembered for the next call.
    assert 'value="Bureau 2"' in counsellor_client.get(reverse("queue:console")).content.decode()


def test_calling_twice_in_a_row_calls_one_person(counsellor_client, desk_day):
    for _ in range(2):
        queue.ticket_issue(desk=desk_day.desk, reason=None, language="fr")
    for _ in range(2):
        counsellor_client.post(reverse("queue:call_next"), {"desk": desk_day.desk.slug, "counter": "2"})
    assert Ticket.objects.filter(status=TicketStatus.CALLED).count() == 1


@pytest.mark.parametrize("counter", ["", "   ", "x" * 500])
def test_calling_without_a_sensible_counter_is_refused(counsellor_client, desk_day, counter):
    queue.ticket_issue(desk=desk_day.desk, reason=None, language="fr")
    response = counsellor_client.post(reverse("queue:call_next"), {"desk": desk_day.desk.slug, "counter": counter})
    assert response.status_code == 302
    assert not Ticket.objects.filter(status=TicketStatus.CALLED).exists()


def test_a_counsellor_attaches_the_ticket_to_a_file_by_its_number(counsellor_client, desk_day):
    queue.ticket_issue(desk=desk_day.desk, reason=None, language="fr")
    ticket = queue.ticket_call_next(actor=Actor(user=desk_day.counsellors[0]), desk=desk_day.desk, counter="2")
    response = counsellor_client.post(
        reverse("queue:attach", args=[ticket.public_id]), {"file": desk_day.person.file_number}
    )
    page = counsellor_client.get(response.url).content.decode()
    ticket.refresh_from_db()
    assert ticket.beneficiary == desk_day.person
    assert desk_day.person.get_absolute_url() in page
    assert AuditEvent.objects.filter(action=AuditAction.TICKET_ATTACH, object_id=ticket.public_id).exists()


def test_a_file_of_another_desk_is_not_attached(counsellor_client, desk_day):
    foreign = f.BeneficiaryFactory(desk=desk_day.other_desk)
    ticket = queue.ticket_issue(desk=desk_day.desk, reason=None, language="fr")[0]
    response = counsellor_client.post(reverse("queue:attach", args=[ticket.public_id]), {"file": foreign.file_number})
    page = counsellor_client.get(response.url).content.decode()
    assert "Aucun dossier de ce guichet" in page
    ticket.refresh_from_db()
    assert ticket.beneficiary is None


def test_actions_on_a_ticket_of_another_desk_are_not_found(client, desk_day):
    outsider = f.StaffRoleFactory(user__username="rabat-two", desk=desk_day.other_desk).user
    staff_sign_in(client, outsider)
    queue.ticket_issue(desk=desk_day.desk, reason=None, language="fr")
    ticket = queue.ticket_call_next(actor=Actor(user=desk_day.counsellors[0]), desk=desk_day.desk, counter="2")
    for name in ("recall", "no_answer", "serve", "done", "attach"):
        assert client.post(reverse(f"queue:{name}", args=[ticket.public_id]), {"file": "x"}).status_code == 404
    assert client.post(reverse("queue:call_next"), {"desk": desk_day.desk.slug, "counter": "9"}).status_code == 404
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED and ticket.calls == 1


def test_the_workspace_today_page_lists_the_days_walk_ins_with_the_file_one_click_away(counsellor_client, desk_day):
    queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr")
    ticket = queue.ticket_call_next(actor=Actor(user=desk_day.counsellors[0]), desk=desk_day.desk, counter="2")
    queue.ticket_attach(actor=Actor(user=desk_day.counsellors[0]), ticket=ticket, beneficiary=desk_day.person)
    body = counsellor_client.get(reverse("people:today")).content.decode()
    assert "Personnes sans rendez-vous" in body or 'id="walk-ins-title"' in body
    assert desk_day.person.get_absolute_url() in body
    assert reverse("queue:console") in body and reverse("queue:kiosk") in body


# The public screen ---------------------------------------------------------------------------------------------------


def _screen(client, desk_day, language="fr", **params):
    with translation.override(language):
        url = reverse("queue:now_serving", args=[desk_day.desk.slug])
    return client.get(url, params)


def test_the_screen_shows_numbers_and_counters_and_nothing_personal(client, desk_day):
    for _ in range(3):
        queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr", phone=PHONE)
    ticket = queue.ticket_call_next(actor=Actor(user=desk_day.counsellors[0]), desk=desk_day.desk, counter="Bureau 7")
    queue.ticket_attach(actor=Actor(user=desk_day.counsellors[0]), ticket=ticket, beneficiary=desk_day.person)
    response = _screen(client, desk_day)
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'class="screen-number">1<', body) and "Bureau 7" in body
    assert re.search(r'id="waiting" class="screen-figure">2<', body)
    person = desk_day.person
    for secret in (PHONE, "612345678", person.first_name, person.last_name, person.file_number, ticket.public_id):
        assert secret not in body, secret
    assert desk_day.counsellors[0].username not in body


@pytest.mark.parametrize("language,direction", [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_the_screen_speaks_french_and_arabic_whatever_the_language_of_the_url(client, desk_day, language, direction):
    body = _screen(client, desk_day, language).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in body
    assert '<span lang="fr" dir="ltr">Au guichet maintenant</span>' in body
    assert re.search(r'<span lang="ar" dir="rtl">[^<]*[\u0600-\u06ff]', body)


def test_the_screen_works_without_javascript_and_runs_no_inline_script(client, desk_day):
    response = _screen(client, desk_day)
    body = response.content.decode()
    assert "<script>" not in body and "<script " in body and "now-serving" in body
    assert "Refresh" not in response  # scripts poll the API instead of reloading
    assert "<noscript>" in body and "?refresh=1" in body
    plain = _screen(client, desk_day, refresh="1")
    assert plain["Refresh"] == "30"
    assert "no-cache" in response["Cache-Control"]


def test_the_screen_of_an_unknown_desk_is_not_found(client, db):
    assert client.get(reverse("queue:now_serving", args=["no-such-desk"])).status_code == 404
