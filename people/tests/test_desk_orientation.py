"""The questionnaire run at the desk: two languages side by side, saved to the file with the appraisal."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from audit.models import AuditAction, AuditEvent
from catalog.tests import factories as cf
from orientation.questionnaire import SESSION_KEY
from people.models import OrientationResult, OrientationSource
from people.tests import factories as f
from people.tests.staff import staff_sign_in


@pytest.fixture
def desk(catalogue):
    """The catalogue's trades and programmes; a file at its Casablanca desk; a counsellor there and outsiders."""
    other_desk = cf.DeskFactory(slug="sefrou-desk", city=catalogue.sefrou)
    return SimpleNamespace(
        **vars(catalogue),
        casablanca_file=f.BeneficiaryFactory(desk=catalogue.desk, first_name="Aminata"),
        casablanca_counsellor=f.StaffRoleFactory(user__username="casa-counsellor", desk=catalogue.desk).user,
        rabat_counsellor=f.StaffRoleFactory(user__username="other-counsellor", desk=other_desk).user,
        provider_staff=f.StaffRoleFactory(user__username="provider-staff", provider_staff=True).user,
        national_admin=f.StaffRoleFactory(user__username="national-admin", national_admin=True).user,
    )


def _url(person) -> str:
    return reverse("people:orientation_run", kwargs={"public_id": person.public_id})


def test_each_question_shows_in_the_counsellors_and_the_persons_language(client, desk, strict_templates):
    staff_sign_in(client, desk.casablanca_counsellor)
    response = client.get(_url(desk.casablanca_file), {"language": "ar"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fabriquer de petits objets fins" in html  # the counsellor's page language, French
    assert "صنع أشياء صغيرة ودقيقة" in html  # the same question, in the person's Arabic
    assert '<span class="theirs" lang="ar" dir="rtl">' in html
    assert escape("J'aime") in html and "أحب ذلك" in html  # the answers too


def test_the_persons_language_defaults_to_one_they_speak(client, desk):
    desk.casablanca_file.languages.set([desk.arabic])
    staff_sign_in(client, desk.casablanca_counsellor)
    html = client.get(_url(desk.casablanca_file)).content.decode()
    assert 'lang="ar" dir="rtl"' in html


def test_saving_the_questionnaire_keeps_answers_suggestions_appraisal_and_next_steps(client, desk):
    person = desk.casablanca_file
    staff_sign_in(client, desk.casablanca_counsellor)
    response = client.post(
        _url(person),
        {
            "language": "ar",
            "interests-fine-objects": "like",
            "about-birth_year": "1998",
            "appraisal": "Very precise hands.",
            "next_steps": "Visit the workshop on Monday.",
        },
    )
    assert response.status_code == 302
    result = person.orientation_results.filter(source=OrientationSource.DESK).latest("created_at")
    assert result.answers["interests"] == {"fine-objects": "like"}
    assert result.answers["birth_year"] == 1998
    assert result.trades[0]["slug"] == "jewellery"
    assert result.appraisal == "Very precise hands." and result.next_steps == "Visit the workshop on Monday."
    assert result.person_language == "ar" and result.recorded_by == desk.casablanca_counsellor
    assert AuditEvent.objects.filter(action=AuditAction.ORIENTATION_SAVE, object_id=person.public_id).exists()
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Very precise hands." in page and "Bijouterie" in page  # the results history on the file


def test_a_wrong_answer_saves_nothing_and_says_what_to_fix(client, desk):
    person = desk.casablanca_file
    before = OrientationResult.objects.count()
    staff_sign_in(client, desk.casablanca_counsellor)
    response = client.post(_url(person), {"about-birth_year": "3000", "appraisal": "x"})
    assert response.status_code == 400
    assert escape("Écrivez l'année de votre naissance") in response.content.decode()
    assert OrientationResult.objects.count() == before


@pytest.mark.parametrize("who", ["rabat_counsellor", "provider_staff", "national_admin"])
def test_another_scope_cannot_run_or_save_the_questionnaire(client, desk, who):
    staff_sign_in(client, getattr(desk, who))
    before = OrientationResult.objects.count()
    assert client.get(_url(desk.casablanca_file)).status_code == 404
    assert client.post(_url(desk.casablanca_file), {"appraisal": "Intruder"}).status_code == 404
    assert OrientationResult.objects.count() == before


# A signed-in person keeps the results of the public questionnaire in their file.


@pytest.fixture
def signed_in_person(desk, client):
    person = desk.casablanca_file
    person.account = f.UserFactory(username="aminata-account")
    person.save(update_fields=["account"])
    client.force_login(person.account)
    return person


def _answer(client: Client) -> None:
    client.post(reverse("orientation:step", kwargs={"slug": "interests"}), {"fine-objects": "like", "action": "next"})


def test_a_signed_in_person_saves_their_online_results_to_their_file(client, signed_in_person):
    _answer(client)
    results = client.get(reverse("orientation:results")).content.decode()
    assert reverse("orientation:results_save") in results
    response = client.post(reverse("orientation:results_save"))
    assert response.status_code == 302 and response.url == reverse("me:home")
    saved = signed_in_person.orientation_results.get(source=OrientationSource.ONLINE)
    assert saved.answers["interests"] == {"fine-objects": "like"}
    assert saved.trades[0]["slug"] == "jewellery"
    assert saved.recorded_by is None and saved.appraisal == ""
    assert "Bijouterie" in client.get(reverse("me:home")).content.decode()  # shown in their own space


def test_the_save_button_is_not_offered_to_anonymous_visitors(client, desk):
    _answer(client)
    assert reverse("orientation:results_save") not in client.get(reverse("orientation:results")).content.decode()
    response = client.post(reverse("orientation:results_save"))
    assert response.status_code == 302 and reverse("me:sign_in") in response.url
    assert not OrientationResult.objects.filter(source=OrientationSource.ONLINE).exists()


def test_saving_with_no_answer_saves_nothing(client, signed_in_person):
    client.session.pop(SESSION_KEY, None)
    response = client.post(reverse("orientation:results_save"))
    assert response.status_code == 302
    assert not signed_in_person.orientation_results.filter(source=OrientationSource.ONLINE).exists()


def test_a_staff_user_without_a_file_cannot_save_results(client, desk):
    staff_sign_in(client, desk.casablanca_counsellor)
    _answer(client)
    client.post(reverse("orientation:results_save"))
    assert not OrientationResult.objects.filter(source=OrientationSource.ONLINE).exists()


def test_the_results_page_in_arabic_offers_saving_in_arabic(client, signed_in_person):
    _answer(client)
    with translation.override("ar"):
        html = client.get(reverse("orientation:results")).content.decode()
    assert "حفظ هذه النتائج في ملفي" in html


def test_a_card_date_out_of_plausible_bounds_saves_nothing_and_says_what_to_fix(client, desk):
    person = desk.casablanca_file
    before = OrientationResult.objects.count()
    staff_sign_in(client, desk.casablanca_counsellor)
    data = {"documents-residence_card": "card", "documents-residence_card_expires": "9999-12-31", "appraisal": "x"}
    response = client.post(_url(person), data)
    assert response.status_code == 400
    assert escape("Écrivez la date inscrite sur votre carte") in response.content.decode()
    assert OrientationResult.objects.count() == before
