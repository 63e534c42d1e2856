"""Editors read, filter and archive readers' feedback in the back office, in three languages; nobody edits it."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone, translation

from content.models import Feedback


@pytest.fixture
def answers(db):
    now = timezone.now()
    made = {}
    for key, path, language, helped, days_ago, comment in [
        ("fr_no", "/trades/jewellery/", "fr", False, 0, "Il manque les horaires du samedi"),
        ("ar_yes", "/trades/jewellery/", "ar", True, 0, "شرح جيد للحرفة"),
        ("en_no_old", "/desks/casablanca-desk/", "en", False, 60, "Closed on Tuesday"),
    ]:
        made[key] = Feedback.objects.create(
            path=path,
            language=language,
            helped=helped,
            comment=comment,
            created_at=now - datetime.timedelta(days=days_ago),
        )
    return made


def _listed(admin_client, query: str = "") -> str:
    response = admin_client.get(f"/en/admin/content/feedback/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_editors_filter_feedback_by_page_language_rating_and_period(admin_client, answers):
    everything = _listed(admin_client)
    assert all(a.comment in everything for a in answers.values())
    by_page = _listed(admin_client, "?path=%2Ftrades%2Fjewellery%2F")
    assert "Il manque les horaires" in by_page and "شرح جيد" in by_page and "Closed on Tuesday" not in by_page
    by_language = _listed(admin_client, "?language__exact=ar")
    assert "شرح جيد" in by_language and "Il manque" not in by_language
    by_rating = _listed(admin_client, "?helped__exact=0")
    assert "Il manque" in by_rating and "Closed on Tuesday" in by_rating and "شرح جيد" not in by_rating
    since = timezone.localtime() - datetime.timedelta(days=7)
    last_week = _listed(admin_client, "?" + urlencode({"created_at__gte": since.isoformat(" ", "seconds")}))
    assert "Il manque" in last_week and "Closed on Tuesday" not in last_week


def test_archiving_takes_feedback_out_of_the_list_without_deleting_it(admin_client, answers):
    response = admin_client.post(
        "/en/admin/content/feedback/",
        {"action": "archive", "_selected_action": [answers["fr_no"].pk, answers["en_no_old"].pk]},
        follow=True,
    )
    assert "2 answers archived." in response.content.decode()
    live = _listed(admin_client)
    assert "Il manque" not in live and "Closed on Tuesday" not in live and "شرح جيد" in live
    archived = _listed(admin_client, "?archived=yes")
    assert "Il manque" in archived and "Closed on Tuesday" in archived
    assert Feedback.objects.count() == 3 and Feedback.objects.live().count() == 1


def test_feedback_is_read_only_and_cannot_be_added_or_deleted(admin_client, answers):
    feedback = answers["fr_no"]
    page = admin_client.get(f"/en/admin/content/feedback/{feedback.pk}/change/").content.decode()
    assert "Il manque les horaires du samedi" in page
    assert 'name="comment"' not in page and 'name="path"' not in page
    admin_client.post(f"/en/admin/content/feedback/{feedback.pk}/change/", {"comment": "changed", "helped": "on"})
    feedback.refresh_from_db()
    assert feedback.comment == "Il manque les horaires du samedi"
    assert admin_client.get("/en/admin/content/feedback/add/").status_code == 403
    assert admin_client.get(f"/en/admin/content/feedback/{feedback.pk}/delete/").status_code == 403


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_back_office_speaks_the_editors_language(admin_client, answers, lang):
    html = admin_client.get(f"/{lang}/admin/content/feedback/").content.decode()
    with translation.override(lang):
        for text in ("feedback on pages", "Archive the selected feedback", "the page helped"):
            assert str(translation.gettext(text)) in html or str(translation.gettext(text)).capitalize() in html


def test_the_feedback_list_is_not_open_to_visitors(client, answers):
    response = client.get("/en/admin/content/feedback/")
    assert response.status_code == 302
    assert "Il manque" not in response.content.decode()
