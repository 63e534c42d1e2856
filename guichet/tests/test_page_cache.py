"""Public pages are kept on the server for visitors without cookies, and never served stale."""

from __future__ import annotations

import pytest

from catalog.models import Programme


@pytest.mark.usefixtures("catalogue")
def test_a_second_visit_without_cookies_costs_no_query(client, django_assert_num_queries):
    first = client.get("/fr/programmes/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get("/fr/programmes/")
    assert second.content == first.content


@pytest.mark.usefixtures("catalogue")
def test_a_catalogue_change_is_seen_at_once():
    from django.test import Client

    client = Client()
    assert "Bijouterie – qualification" in client.get("/fr/programmes/").content.decode()
    programme = Programme.objects.get(slug="jewellery-qualification")
    programme.title_fr = "Bijouterie fine"
    programme.save()
    html = client.get("/fr/programmes/").content.decode()
    assert "Bijouterie fine" in html


@pytest.mark.usefixtures("catalogue")
def test_each_language_and_query_has_its_own_page(client):
    assert '<html lang="ar"' in client.get("/ar/programmes/").content.decode()
    assert '<html lang="en"' in client.get("/en/programmes/").content.decode()
    assert "Evening tailoring" not in client.get("/en/programmes/?free=1").content.decode()


@pytest.mark.usefixtures("catalogue")
def test_visitors_with_cookies_get_pages_made_for_them(client, django_assert_max_num_queries):
    client.get("/fr/programmes/")
    client.cookies["sessionid"] = "not-a-real-session"
    with django_assert_max_num_queries(20) as queries:
        assert client.get("/fr/programmes/").status_code == 200
    assert len(queries) > 0
