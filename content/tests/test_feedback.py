"""Feedback at the end of every public page: posted without an account, stored masked and anonymous."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone, translation

from content.models import Feedback
from content.selectors import feedback_no_share
from content.services import RATE_LIMIT
from core.caching import STATUS_HEADER, content_version

PAGE = "/fr/trades/jewellery/"


def t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


def _post(client: Client, **fields) -> object:
    data = {"page": PAGE, "rating": "no", "comment": "", "version": content_version()}
    data.update(fields)
    return client.post("/fr/feedback/", data, REMOTE_ADDR=fields.pop("address", "203.0.113.7"))


@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/",
        "/{lang}/programmes/",
        "/{lang}/programmes/jewellery-qualification/",
        "/{lang}/trades/jewellery/",
        "/{lang}/desks/casablanca-desk/",
        "/{lang}/providers/institute/",
        "/{lang}/regions/casablanca-settat/",
        "/{lang}/search/?q=bijouterie",
        "/{lang}/orientation/",
        "/{lang}/orientation/questions/interests/",
        "/{lang}/statistics/",
        "/{lang}/open-data/",
    ],
)
@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_every_public_page_ends_with_the_question_in_its_language(client, catalogue, path, lang):
    html = client.get(path.format(lang=lang)).content.decode()
    form = html[html.index('class="page-feedback"') :]
    assert f'action="/{lang}/feedback/"' in html
    assert f"<legend>{t(lang, 'Did this page help you?')}</legend>" in form
    assert f"<span>{t(lang, 'Yes')}</span>" in form and f"<span>{t(lang, 'No')}</span>" in form
    assert f'<label for="feedback-comment">{t(lang, "Your comment")}</label>' in form
    assert f'name="page" value="{path.format(lang=lang).split("?")[0]}"' in form
    # The form closes the page's main content, after everything the page says.
    assert html.index('class="page-feedback"') > html.index("<h1")
    assert html.index("</form>", html.index('class="page-feedback"')) < html.index("</main>")


@pytest.mark.parametrize("path", ["/fr/programmes/no-such-training/", "/fr/desk/sign-in/", "/fr/me/sign-in/"])
def test_staff_pages_a_persons_space_and_error_pages_ask_nothing(client, catalogue, path):
    assert 'class="page-feedback"' not in client.get(path).content.decode()


def test_the_back_office_asks_nothing(admin_client, catalogue):
    assert 'class="page-feedback"' not in admin_client.get("/fr/admin/").content.decode()


def test_the_page_with_its_form_is_still_served_from_the_cache_and_sets_no_cookie(client, catalogue):
    first, second = client.get(PAGE), client.get(PAGE)
    assert (first[STATUS_HEADER], second[STATUS_HEADER]) == ("miss", "hit")
    assert not first.cookies and not second.cookies
    html = second.content.decode()
    assert 'class="page-feedback"' in html and "csrfmiddlewaretoken" not in html
    assert f'name="version" value="{content_version()}"' in html


def test_the_form_shows_the_content_version_the_page_was_cached_under(client, catalogue):
    from catalog.models import Trade

    before = re.search(r'name="version" value="([^"]*)"', client.get(PAGE).content.decode()).group(1)
    trade = Trade.objects.get(slug="jewellery")
    trade.name_fr = "Bijouterie fine"
    trade.save()
    after = re.search(r'name="version" value="([^"]*)"', client.get(PAGE).content.decode()).group(1)
    assert before != after == content_version()


def test_an_answer_is_stored_with_its_page_language_version_and_date_and_nothing_about_who_sent_it(client, catalogue):
    response = _post(client, rating="yes", comment="  Très clair, merci !  ")
    assert response.status_code == 303
    feedback = Feedback.objects.get()
    assert (feedback.path, feedback.language, feedback.helped) == ("/trades/jewellery/", "fr", True)
    assert feedback.comment == "Très clair, merci !"
    assert feedback.content_version == content_version()
    assert timezone.now() - feedback.created_at < datetime.timedelta(minutes=1)
    assert feedback.archived_at is None
    stored = " ".join(str(value) for value in Feedback.objects.values().get().values())
    assert "203.0.113.7" not in stored
    assert not [f for f in Feedback._meta.get_fields() if "ip" in f.name or "user" in f.name or "account" in f.name]
    assert not response.cookies


def test_a_comment_is_masked_before_it_is_stored(client, catalogue):
    comment = "Rappelez-moi au +212 6 12 34 56 78 ou amina@example.com, passeport AB1234567"
    _post(client, comment=comment)
    assert Feedback.objects.get().comment == "Rappelez-moi au [phone] ou [e-mail], passeport [document]"


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_after_answering_a_thank_you_in_the_pages_language_leads_back_to_the_page(client, catalogue, lang):
    page = f"/{lang}/programmes/jewellery-qualification/?trade=jewellery"
    response = client.post(f"/{lang}/feedback/", {"page": page, "rating": "no"})
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    assert thanks.status_code == 200
    assert t(lang, "Thank you. Your answer helps us improve this page. Nobody will reply to it.") in html
    assert f'href="/{lang}/programmes/jewellery-qualification/">{t(lang, "Back to the page")}</a>' in html
    assert 'class="page-feedback"' not in html
    assert Feedback.objects.get().path == "/programmes/jewellery-qualification/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/fr/", "/\\evil.example", "javascript:alert(1)", "/fr/desk/"]
)
def test_the_thank_you_page_never_leads_to_another_site_or_page(client, catalogue, target):
    html = client.get("/fr/feedback/thanks/", {"page": target}).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "evil.example" not in main and "/fr/desk/" not in main and "javascript" not in main
    assert f'href="/fr/">{t("fr", "Home page")}</a>' in main


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rating": "maybe"}, "Choose Yes or No."),
        ({"rating": ""}, "Choose Yes or No."),
        (
            {"comment": "x" * 1001},
            "The comment is too long: %(limit_value)d characters at most (it has %(show_value)d).",
        ),
        ({"page": "https://evil.example/fr/trades/"}, "This form can only give an opinion on a page of this site."),
        ({"page": "//evil.example/fr/trades/"}, "This form can only give an opinion on a page of this site."),
        ({"page": "/fr/desk/"}, "This form can only give an opinion on a page of this site."),
        ({"page": "/fr/admin/"}, "This form can only give an opinion on a page of this site."),
        ({"page": "/fr/no/such/page/"}, "This form can only give an opinion on a page of this site."),
        ({"page": "/fr/" + "a" * 300}, "This form can only give an opinion on a page of this site."),
        ({"version": "1; DROP TABLE"}, "Enter a valid value."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(client, catalogue, fields, message):
    response = _post(client, **fields)
    assert response.status_code == 400
    assert t("fr", message) % {"limit_value": 1000, "show_value": 1001} in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_nul_character_is_refused_and_nothing_is_stored(client, catalogue):
    assert _post(client, comment="bien\x00").status_code == 400
    assert not Feedback.objects.exists()


def test_a_form_posted_from_another_site_is_refused_and_nothing_is_stored(client, catalogue):
    response = client.post(
        "/en/feedback/", {"page": "/en/trades/jewellery/", "rating": "no"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert "This form was sent from another site. Nothing was saved." in response.content.decode()
    cross = client.post(
        "/en/feedback/", {"page": "/en/trades/jewellery/", "rating": "no"}, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert cross.status_code == 403
    assert not Feedback.objects.exists()
    same = client.post(
        "/en/feedback/",
        {"page": "/en/trades/jewellery/", "rating": "no"},
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_ORIGIN="http://testserver",
    )
    assert same.status_code == 303


def test_the_eleventh_answer_within_the_hour_from_one_address_is_refused(client, catalogue):
    for _n in range(RATE_LIMIT):
        assert _post(client).status_code == 303
    refused = _post(client)
    assert refused.status_code == 429
    with translation.override("fr"):
        assert t("fr", "Many answers were sent from your connection in the last hour. Please try again later.") in (
            refused.content.decode()
        )
    assert Feedback.objects.count() == RATE_LIMIT
    # Another address is not held back, and the limit is counted in the cache under no address in clear.
    assert _post(client, address="198.51.100.9").status_code == 303
    from django.core.cache import cache

    keys = [key for key in cache._cache if "feedback-rate" in key]  # LocMemCache, as the tests run
    assert len(keys) == 2 and not any("203.0.113.7" in key or "198.51.100.9" in key for key in keys)


def test_the_limit_lifts_after_an_hour(client, catalogue, monkeypatch):
    from django.core.cache import cache

    for _n in range(RATE_LIMIT + 1):
        _post(client)
    cache.clear()  # what the hour's expiry does
    assert _post(client).status_code == 303


def test_share_of_no_per_page_and_language_over_a_period(db):
    now = timezone.now()
    for path, language, helped, days_ago in [
        ("/trades/jewellery/", "fr", False, 1),
        ("/trades/jewellery/", "fr", False, 2),
        ("/trades/jewellery/", "fr", True, 2),
        ("/trades/jewellery/", "ar", True, 1),
        ("/desks/casablanca-desk/", "fr", False, 40),  # before the period
    ]:
        Feedback.objects.create(
            path=path, language=language, helped=helped, created_at=now - datetime.timedelta(days=days_ago)
        )
    today = timezone.localdate()
    rows = feedback_no_share(today - datetime.timedelta(days=7), today)
    assert [(r.path, r.language, r.yes, r.no, round(r.share_no, 2)) for r in rows] == [
        ("/trades/jewellery/", "fr", 1, 2, 0.67),
        ("/trades/jewellery/", "ar", 1, 0, 0.0),
    ]


def test_the_database_refuses_a_foreign_page_an_unknown_language_and_a_huge_comment(db):
    from django.db import DataError, IntegrityError, transaction

    for fields in (
        {"path": "https://evil.example/"},
        {"language": "de"},
        {"comment": "x" * 1001},
        {"path": "/" + "a" * 250},
    ):
        values = {"path": "/trades/", "language": "fr", "helped": True, **fields}
        with pytest.raises((IntegrityError, DataError)), transaction.atomic():  # PostgreSQL: varchar(200) itself
            Feedback.objects.create(**values)
