"""One paging policy for every list of the API: a limit or offset out of range is a 400, never a 500."""

from __future__ import annotations

import pytest

from people.tests.staff import staff_sign_in

PUBLIC_LISTS = ["/api/v1/trades", "/api/v1/programmes", "/api/v1/desks", "/api/v1/providers", "/api/v1/search?q=bois"]
OUT_OF_RANGE = ["limit=0", "limit=101", "offset=-1", "offset=1000001", "offset=9223372036854775808", "offset=1e999"]


def _with(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


@pytest.mark.parametrize("query", OUT_OF_RANGE)
@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_a_public_list_answers_400_to_a_page_out_of_range(client, catalogue, url, query):
    response = client.get(_with(url, query))
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize("query", OUT_OF_RANGE)
def test_the_referral_list_answers_400_to_a_page_out_of_range(client, network, query):
    staff_sign_in(client, network.provider_staff)
    response = client.get(_with("/api/v1/referrals", query))
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_the_last_allowed_offset_answers_an_empty_page(client, catalogue, url):
    response = client.get(_with(url, "offset=1000000&limit=100"))
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_message_of_the_paging_policy_follows_the_callers_language(client, catalogue):
    response = client.get("/api/v1/programmes?offset=1000001&lang=fr")
    assert response.status_code == 400
    assert "offset" in response.json()["detail"]
