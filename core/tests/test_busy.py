"""A database that gave up waiting answers 503 "try again" in the person's language; other faults stay 500."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from accounts import codes
from accounts.models import CodePurpose, OneTimeCode
from people import self_views


@pytest.fixture
def visitor() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.urls("core.tests.busy_urls")
@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("fr", "Rien n’a été enregistré"),
        ("ar", "لم يُحفظ أي شيء"),
        ("en", "Nothing was saved"),
    ],
)
def test_sqlite_busy_timeout_is_a_try_again_page_in_the_persons_language(visitor, lang, says):
    response = visitor.get(f"/{lang}/busy/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert says in page
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in page


@pytest.mark.urls("core.tests.busy_urls")
def test_a_postgresql_lock_timeout_is_a_try_again_answer(visitor):
    assert visitor.get("/lock-timeout/").status_code == 503


@pytest.mark.urls("core.tests.busy_urls")
def test_the_api_says_try_again_in_its_own_shape(visitor):
    response = visitor.get("/api/v1/busy")
    assert response.status_code == 503
    assert list(response.json()) == ["detail"]
    assert "Rien n’a été enregistré" in response.json()["detail"]


@pytest.mark.urls("core.tests.busy_urls")
def test_other_database_faults_stay_server_errors(visitor):
    assert visitor.get("/broken/").status_code == 500


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lock timeout")
def test_a_code_answer_waiting_too_long_for_a_locked_code_is_told_to_try_again_and_counts_nothing(visitor):
    phone, flow = "+212612345678", codes.flow_new()
    codes.code_request(destination=phone, ip_address="10.0.0.1", purpose=CodePurpose.SIGN_IN, flow=flow)
    session = visitor.session
    session[self_views.DESTINATION_KEY] = phone
    session[self_views.SIGN_IN_FLOW_KEY] = flow
    session.save()
    locked, release = threading.Event(), threading.Event()

    def hold_the_code() -> None:  # another request, answering at the same moment, slow to finish
        try:
            with transaction.atomic():
                OneTimeCode.objects.select_for_update().get()
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_code)
    holder.start()
    try:
        assert locked.wait(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
        response = visitor.post(reverse("me:code"), {"code": "000000"})
    finally:
        release.set()
        holder.join(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert response.status_code == 503
    assert "Rien n’a été enregistré" in response.content.decode()
    assert OneTimeCode.objects.get().attempts == 0
