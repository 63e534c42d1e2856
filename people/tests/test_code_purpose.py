"""A code serves only the journey that asked for it: a linking code read aloud at a desk signs nobody in, a
sign-in code links no file, a code for one file or desk links no other, and one browser's code works in no other.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from notifications.tests.outbox import last_code
from people.models import Beneficiary
from people.tests import factories as f
from people.tests.staff import staff_sign_in

pytestmark = pytest.mark.usefixtures("strict_templates")
NEW_PHONE = "06 71 23 45 67"
WRONG_OR_EXPIRED = "Ce code est faux ou a expiré."


@pytest.fixture
def walk_in(network):
    return f.BeneficiaryFactory(desk=network.casablanca_desk, first_name="Mariam", phone="", account=None)


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    def ask(client: Client, path: str, data: dict):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(path, data)
        assert response.status_code == 302, response.content.decode()
        return response

    return ask


def _link_paths(person: Beneficiary) -> tuple[str, str]:
    return tuple(
        reverse(name, kwargs={"public_id": person.public_id})
        for name in ("people:account_link", "people:account_link_code")
    )


def test_a_linking_code_read_aloud_at_a_desk_does_not_sign_in_to_the_persons_file(
    client, network, walk_in, outbox, ask
):
    """A counsellor asks a sign-in code for a visitor's number, then a linking code, and types the one read aloud."""
    visitor = network.rabat_file
    staff_sign_in(client, network.casablanca_counsellor)
    ask(client, reverse("me:sign_in"), {"destination": visitor.phone.as_e164})
    ask(client, _link_paths(walk_in)[0], {"destination": visitor.phone.as_e164})
    response = client.post(reverse("me:code"), {"code": last_code(outbox)})
    assert response.status_code == 400 and WRONG_OR_EXPIRED in response.content.decode()
    assert visitor.file_number not in client.get(reverse("me:home"), follow=True).content.decode()


def test_a_sign_in_code_cannot_link_a_file(client, network, walk_in, outbox, ask):
    link, link_code = _link_paths(walk_in)
    staff_sign_in(client, network.casablanca_counsellor)
    ask(client, link, {"destination": NEW_PHONE})
    ask(Client(), reverse("me:sign_in"), {"destination": NEW_PHONE})
    response = client.post(link_code, {"code": last_code(outbox)})
    assert response.status_code == 400 and WRONG_OR_EXPIRED in response.content.decode()
    walk_in.refresh_from_db()
    assert walk_in.account is None and not walk_in.phone


def test_a_linking_code_for_one_file_is_refused_for_another_even_when_the_session_says_otherwise(
    client, network, walk_in, outbox, ask
):
    other = f.BeneficiaryFactory(desk=network.casablanca_desk, phone="", account=None)
    staff_sign_in(client, network.casablanca_counsellor)
    ask(client, _link_paths(walk_in)[0], {"destination": NEW_PHONE})
    session = client.session
    session["guichet_account_link"] = {**session["guichet_account_link"], "pk": other.pk}
    session.save()
    response = client.post(_link_paths(other)[1], {"code": last_code(outbox)})
    assert response.status_code == 400 and WRONG_OR_EXPIRED in response.content.decode()
    other.refresh_from_db()
    assert other.account is None and not other.phone


def test_a_linking_code_is_refused_once_the_file_has_moved_to_another_desk(client, network, walk_in, outbox, ask):
    """A counsellor of both desks: the code named Casablanca's desk, the file is now Rabat's."""
    counsellor = network.casablanca_counsellor
    f.StaffRoleFactory(user=counsellor, desk=network.rabat_desk)
    link, link_code = _link_paths(walk_in)
    staff_sign_in(client, counsellor)
    ask(client, link, {"destination": NEW_PHONE})
    Beneficiary.objects.filter(pk=walk_in.pk).update(desk=network.rabat_desk)
    response = client.post(link_code, {"code": last_code(outbox)})
    assert response.status_code == 400 and WRONG_OR_EXPIRED in response.content.decode()
    walk_in.refresh_from_db()
    assert walk_in.account is None


def test_a_linking_code_is_refused_in_another_counsellors_session(client, network, walk_in, outbox, ask):
    colleague = f.StaffRoleFactory(user__username="casa-colleague", desk=network.casablanca_desk).user
    link, link_code = _link_paths(walk_in)
    staff_sign_in(client, network.casablanca_counsellor)
    ask(client, link, {"destination": NEW_PHONE})
    other_browser = staff_sign_in(Client(), colleague)
    session = other_browser.session
    session["guichet_account_link"] = {"pk": walk_in.pk, "destination": NEW_PHONE, "flow": "another-browser"}
    session.save()
    response = other_browser.post(link_code, {"code": last_code(outbox)})
    assert response.status_code == 400
    walk_in.refresh_from_db()
    assert walk_in.account is None


def test_a_sign_in_code_works_only_in_the_browser_that_asked_for_it(client, network, outbox, ask):
    person = network.casablanca_file
    ask(client, reverse("me:sign_in"), {"destination": person.phone.as_e164})
    code = last_code(outbox)
    other_browser = Client()
    session = other_browser.session
    session["guichet_code_destination"] = person.phone.as_e164
    session["guichet_code_flow"] = "another-browser"
    session.save()
    response = other_browser.post(reverse("me:code"), {"code": code})
    assert response.status_code == 400 and WRONG_OR_EXPIRED in response.content.decode()
    response = client.post(reverse("me:code"), {"code": code})
    assert response.status_code == 302 and response.url == reverse("me:home")


def test_a_sign_up_code_works_only_in_the_browser_that_asked_for_it(client, network, outbox, ask):
    form = {
        "destination": NEW_PHONE,
        "first_name": "Fatou",
        "last_name": "Sow",
        "desk": network.casablanca_desk.pk,
        "consent_processing": "on",
    }
    ask(client, reverse("me:sign_up"), form)
    code = last_code(outbox)
    other_browser = Client()
    session = other_browser.session
    session["guichet_sign_up"] = {**client.session["guichet_sign_up"], "flow": "another-browser"}
    session.save()
    response = other_browser.post(reverse("me:sign_up_code"), {"code": code})
    assert response.status_code == 400 and WRONG_OR_EXPIRED in response.content.decode()
    assert not Beneficiary.objects.filter(first_name="Fatou").exists()
    assert client.post(reverse("me:sign_up_code"), {"code": code}).url == reverse("me:home")


def test_a_linking_code_is_written_in_the_persons_language_and_names_their_desk(client, network, outbox, ask):
    person = f.BeneficiaryFactory(desk=network.casablanca_desk, phone="", account=None, preferred_language="ar")
    staff_sign_in(client, network.casablanca_counsellor)
    ask(client, _link_paths(person)[0], {"destination": NEW_PHONE})
    body = json.loads((outbox / "sms.jsonl").read_text().splitlines()[-1])["body"]
    assert f"لا تعطه إلا للمستشار الذي أمامك في {network.casablanca_desk.name_ar}." in body
