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


@pytest.mark.usefixtures("catalogue")
def test_the_catalogue_api_is_kept_too_and_answers_again_without_a_query(client, django_assert_num_queries):
    first = client.get("/api/v1/programmes?trade=jewellery&lang=en")
    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = client.get("/api/v1/programmes?trade=jewellery&lang=en")
    assert second.json() == first.json()


@pytest.mark.usefixtures("catalogue")
def test_the_api_kept_in_one_language_is_not_served_to_a_caller_asking_another(client):
    arabic = client.get("/api/v1/programmes/jewellery-qualification", HTTP_ACCEPT_LANGUAGE="ar").json()
    english = client.get("/api/v1/programmes/jewellery-qualification", HTTP_ACCEPT_LANGUAGE="en").json()
    assert arabic["trade"]["name"] == "صياغة الحلي"
    assert english["trade"]["name"] == "Jewellery"


@pytest.mark.usefixtures("catalogue")
def test_refused_api_calls_are_not_kept(client):
    assert client.get("/api/v1/programmes?trade=nothing").status_code == 400
    assert "public" not in client.get("/api/v1/programmes?trade=nothing").get("Cache-Control", "")
