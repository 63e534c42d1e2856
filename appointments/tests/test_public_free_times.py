"""The free times page: a week a page, grouped by day in the desk's time zone, each time a button that holds it."""

from __future__ import annotations

import re

import pytest

from appointments import selectors
from appointments.models import SlotHold

START = re.compile(r'name="start" value="([^"]+)"')


def page(desk_day, lang="fr", reason=None) -> str:
    reason = reason or desk_day.reason
    return f"/{lang}/desks/{desk_day.desk.slug}/appointments/{reason.slug}/"


def free_values(response) -> list[str]:
    return START.findall(response.content.decode())


def test_the_page_shows_the_reason_its_duration_the_desk_and_buttons_for_free_times(client, desk_day):
    desk_day.desk.address = "12 rue de la Liberté"
    desk_day.desk.save()
    response = client.get(page(desk_day))
    assert response.status_code == 200
    html = response.content.decode()
    assert desk_day.reason.name_fr in html
    assert "30 minutes" in html
    assert "12 rue de la Liberté" in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert len(free_values(response)) >= 12  # at least one whole weekday of half hours


def test_times_are_shown_in_the_desks_time_zone(client, desk_day):
    response = client.get(page(desk_day))
    value = free_values(response)[0]
    import datetime

    local = selectors.local(datetime.datetime.fromisoformat(value))
    assert f">{local:%H:%M}</time>" in response.content.decode()


def test_the_page_is_in_arabic_right_to_left(client, desk_day):
    html = client.get(page(desk_day, "ar")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert desk_day.reason.name_ar in html


def test_the_page_is_never_stored_by_a_shared_cache(client, desk_day):
    response = client.get(page(desk_day))
    assert "public" not in response["Cache-Control"]


@pytest.mark.parametrize("week", ["1", "8"])
def test_later_weeks_are_pages_of_their_own(client, desk_day, week):
    response = client.get(page(desk_day) + f"?week={week}")
    assert response.status_code == 200


@pytest.mark.parametrize("week", ["99999", "-1", "abc", "9" * 5000, "1\x00", "9"])
def test_a_week_out_of_range_or_malformed_is_refused_with_a_message_never_a_500(client, desk_day, week):
    response = client.get(page(desk_day), {"week": week})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_an_unknown_desk_or_a_reason_the_desk_does_not_offer_is_404(client, desk_day):
    assert client.get("/fr/desks/no-such-desk/appointments/orientation-interview/").status_code == 404
    assert client.get(page(desk_day, reason=desk_day.elsewhere_reason)).status_code == 404
    assert client.get(f"/fr/desks/{desk_day.desk.slug}/appointments/nothing/").status_code == 404


def test_pressing_a_time_holds_it_for_this_visitor_and_leads_to_the_confirmation(client, desk_day):
    value = free_values(client.get(page(desk_day)))[0]
    response = client.post(page(desk_day), {"start": value})
    assert response.status_code == 302
    assert response["Location"] == "/fr/appointments/confirm/"
    hold = SlotHold.objects.get()
    assert hold.starts_at.isoformat() == value
    assert value not in free_values(client.get(page(desk_day))) or hold.counsellor_id  # another counsellor may be free


def test_picking_another_time_lets_the_first_one_go(client, desk_day):
    first, second = free_values(client.get(page(desk_day)))[:2]
    client.post(page(desk_day), {"start": first})
    client.post(page(desk_day), {"start": second})
    assert [hold.starts_at.isoformat() for hold in SlotHold.objects.all()] == [second]


@pytest.mark.parametrize(
    "start",
    ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "2026-12-08T10:00:00", "tomorrow", "", "\x00", "<b>"],
)
def test_a_time_that_does_not_exist_is_refused_and_nothing_is_held(client, desk_day, start):
    response = client.post(page(desk_day), {"start": start})
    assert response.status_code == 400
    assert SlotHold.objects.count() == 0


def test_a_time_outside_the_opening_hours_is_taken_as_taken(client, desk_day):
    value = free_values(client.get(page(desk_day)))[0]
    import datetime

    odd = (datetime.datetime.fromisoformat(value) + datetime.timedelta(minutes=7)).isoformat()
    response = client.post(page(desk_day), {"start": odd})
    assert response.status_code == 409
    assert "Choisissez-en un autre" in response.content.decode() or "just taken" in response.content.decode()
    assert SlotHold.objects.count() == 0


def test_the_desk_page_links_to_the_free_times(client, desk_day):
    html = client.get(f"/fr/desks/{desk_day.desk.slug}/").content.decode()
    assert page(desk_day) in html
