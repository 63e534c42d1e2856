"""The open data page, the calendar of sessions, sitemap.xml, robots.txt and absolute hreflang alternates."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from icalendar import Calendar

from catalog.models import Programme, Region, Session, Trade
from guichet.sitemaps import PagesSitemap

PUBLIC = "http://127.0.0.1:8000"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize(
    ("lang", "title"), [("fr", "Données ouvertes"), ("ar", "البيانات المفتوحة"), ("en", "Open data")]
)
def test_the_open_data_page_links_the_feeds_and_states_the_licence(client, db, lang, title, settings):
    settings.GUICHET_OPEN_DATA_LICENCE = "Licence of the network"
    html = client.get(f"/{lang}/open-data/").content.decode()
    assert f'lang="{lang}"' in html and title in html
    assert (
        f'href="{PUBLIC}/api/v1/open/services"' in html and f'href="{PUBLIC}/api/v1/open/structures?format=csv"' in html
    )
    assert "Licence of the network" in html
    assert f'href="{PUBLIC}/{lang}/calendar/sessions.ics"' in html


def test_the_calendar_lists_upcoming_sessions_and_deadlines_of_a_trade(client, demo_network):
    trade = Trade.objects.filter(programmes__sessions__isnull=False).order_by("slug").first()
    answer = client.get("/en/calendar/sessions.ics", {"trade": trade.slug})
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(answer.content).walk("VEVENT")
    upcoming = Session.objects.upcoming(timezone.localdate()).filter(
        programme__trade=trade, programme__is_published=True
    )
    with_deadline = upcoming.exclude(application_deadline=None).count()
    assert len(events) == upcoming.count() + with_deadline > 0
    assert all(str(e["summary"]).startswith(("Training starts: ", "Last day to apply: ")) for e in events)
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_the_calendar_of_a_region_keeps_its_sessions_only(client, demo_network):
    region = Region.objects.filter(cities__programmes__isnull=False).order_by("slug").first()
    events = Calendar.from_ical(client.get("/fr/calendar/sessions.ics", {"region": region.slug}).content).walk("VEVENT")
    titles = set(Programme.objects.filter(city__region=region).values_list("title", flat=True))
    assert events and all(any(title in str(e["summary"]) for title in titles) for e in events)


@pytest.mark.parametrize(
    "params", [{"trade": "no-such-trade"}, {"region": "atlantis"}, {"what": "1"}, {"trade": "\x00"}]
)
def test_an_unknown_trade_region_or_parameter_is_a_400(client, db, params):
    assert client.get("/fr/calendar/sessions.ics", params).status_code == 400


def test_the_sitemap_lists_every_public_page_in_three_languages_with_alternates(client, demo_network):
    answer = client.get("/sitemap.xml")
    assert answer.status_code == 200
    root = ET.fromstring(answer.content)
    locations = [url.find(f"{SITEMAP}loc").text for url in root.iter(f"{SITEMAP}url")]
    programme = Programme.objects.published().order_by("slug").first()
    for lang in ("fr", "ar", "en"):
        assert f"{PUBLIC}/{lang}/programmes/{programme.slug}/" in locations
        assert f"{PUBLIC}/{lang}/open-data/" in locations
        assert f"{PUBLIC}/{lang}/regions/{Region.objects.order_by('slug').first().slug}/" in locations
    assert not [loc for loc in locations if "/desk/" in loc or "/me/" in loc]
    first = next(root.iter(f"{SITEMAP}url"))
    alternates = {link.get("hreflang"): link.get("href") for link in first.iter(f"{XHTML}link")}
    assert {"fr", "ar", "en", "x-default"} <= set(alternates) and all(h.startswith(PUBLIC) for h in alternates.values())
    pages = len(PagesSitemap().items()) + Programme.objects.published().count() + Trade.objects.count()
    assert len(locations) == 3 * (pages + _desks_and_providers())


def _desks_and_providers() -> int:
    from catalog.models import Desk, Provider

    return Desk.objects.count() + Provider.objects.count() + Region.objects.count()


def test_robots_keeps_the_staff_area_and_personal_space_out_and_names_the_sitemap(client, db):
    text = client.get("/robots.txt").content.decode()
    for lang in ("fr", "ar", "en"):
        assert f"Disallow: /{lang}/desk/" in text and f"Disallow: /{lang}/me/" in text
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in text
    assert "Disallow: /fr/programmes" not in text


def test_pages_name_their_other_languages_by_absolute_address(client, db):
    html = client.get("/ar/trades/").content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html))
    assert links == {lang: f"{PUBLIC}/{lang}/trades/" for lang in ("fr", "ar", "en")}


def test_a_programme_page_carries_its_course_as_json_ld_allowed_by_its_hash_alone(client, catalogue):
    import base64
    import hashlib
    import json

    answer = client.get("/en/programmes/jewellery-qualification/")
    html = answer.content.decode()
    text = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    course = json.loads(text)
    assert course["@type"] == "Course" and course["url"] == f"{PUBLIC}/en/programmes/jewellery-qualification/"
    assert course["provider"]["@type"] == "EducationalOrganization"
    assert all(i["@type"] == "CourseInstance" and i["startDate"] for i in course["hasCourseInstance"])
    policy = answer["Content-Security-Policy"]
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert f"'sha256-{digest}'" in script_src and "unsafe-inline" not in script_src


def test_markup_in_a_programme_title_cannot_close_the_json_ld_script(client, catalogue):
    from catalog.models import Programme

    markup = "</script><script>alert(1)</script>"
    Programme.objects.filter(slug="jewellery-qualification").update(title_fr=markup, title_ar=markup, title_en=markup)
    html = client.get("/fr/programmes/jewellery-qualification/").content.decode()
    assert "<script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html
