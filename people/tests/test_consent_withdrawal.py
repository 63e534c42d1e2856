"""Withdrawing consent to processing stops sharing: live applications to trainings are withdrawn, the provider is
told without reasons, provider staff see them no more, and the file is read-only for notes and applications until
consent is given again."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from applications import selectors as application_selectors
from applications.models import Application, Reason, Role, State
from audit.models import AuditAction, AuditEvent
from catalog.tests import factories as cf
from core.actor import Actor
from notifications.models import Message
from people import rights, services
from people.models import ConsentPurpose, Note
from people.tests import factories as f
from people.tests.staff import staff_sign_in

pytestmark = pytest.mark.usefixtures("strict_templates")

PROVIDER_ADDRESS = "admissions@provider.example.org"
WITHDRAWN_TEMPLATE = "applications/messages/provider_withdrawn.txt"


@pytest.fixture
def referred(network):
    """Aminata (Casablanca) applied to three trainings of one provider: submitted, accepted, and refused."""
    network.provider.email = PROVIDER_ADDRESS
    network.provider.save(update_fields=["email"])
    accepted_programme = cf.ProgrammeFactory(provider=network.provider)
    accepted = f.ApplicationFactory(
        beneficiary=network.casablanca_file,
        programme=accepted_programme,
        session=cf.SessionFactory(programme=accepted_programme, capacity=5, seats_taken=1),
        created_by=network.casablanca_counsellor,
        state=State.ACCEPTED,
    )
    refused = f.ApplicationFactory(
        beneficiary=network.casablanca_file,
        programme=cf.ProgrammeFactory(provider=network.provider),
        created_by=network.casablanca_counsellor,
        state=State.REFUSED,
        reason=Reason.PREREQUISITES,
    )
    network.live = [network.casablanca_application, accepted]
    network.refused = refused
    return network


def _withdraw_url(network, consent=None):
    consent = consent or network.casablanca_consent
    return reverse(
        "people:consent_withdraw",
        kwargs={"public_id": network.casablanca_file.public_id, "consent_id": consent.public_id},
    )


def _withdraw(client, network, consent=None):
    staff_sign_in(client, network.casablanca_counsellor)
    return client.post(_withdraw_url(network, consent))


def _suggest(network, programme):
    """A saved questionnaire suggesting ``programme``: the apply form offers it."""
    f.OrientationResultFactory(
        beneficiary=network.casablanca_file,
        recorded_by=network.casablanca_counsellor,
        programmes=[{"id": programme.pk, "slug": programme.slug, "title": programme.title, "score": 3.0}],
    )


# Withdrawal: live applications are withdrawn, each logged and told to the provider


def test_withdrawing_consent_to_processing_withdraws_every_live_application_as_the_system(client, referred):
    assert _withdraw(client, referred).status_code == 302
    for application in referred.live:
        application.refresh_from_db()
        assert application.state == State.WITHDRAWN
        assert application.reason == Reason.CONSENT_WITHDRAWN
        last = application.events.order_by("-at", "-id").first()
        assert (last.to_state, last.role, last.reason) == (State.WITHDRAWN, Role.SYSTEM, Reason.CONSENT_WITHDRAWN)
    referred.refused.refresh_from_db()
    assert referred.refused.state == State.REFUSED and referred.refused.reason == Reason.PREREQUISITES


def test_a_seat_held_by_a_withdrawn_application_is_freed(client, referred):
    accepted = referred.live[1]
    _withdraw(client, referred)
    accepted.session.refresh_from_db()
    assert accepted.session.seats_taken == 0


def test_each_withdrawn_application_has_its_audit_line_on_the_file(client, referred):
    _withdraw(client, referred)
    lines = AuditEvent.objects.filter(action=AuditAction.APPLICATION_MOVE)
    assert lines.count() == 2
    assert {line.object_id for line in lines} == {referred.casablanca_file.public_id}
    assert {line.detail for line in lines} == {
        f"application {a.public_id} withdrawn consent_withdrawn" for a in referred.live
    }
    assert all(line.actor == referred.casablanca_counsellor for line in lines)


def test_the_provider_is_told_of_each_withdrawal_by_programme_and_reference_without_reason_or_person(client, referred):
    _withdraw(client, referred)
    messages = list(Message.objects.filter(template=WITHDRAWN_TEMPLATE))
    assert len(messages) == 2
    assert {m.recipient for m in messages} == {PROVIDER_ADDRESS}
    assert {m.language for m in messages} == {"fr"}  # the network's language
    bodies = {m.body for m in messages}
    for application in referred.live:
        assert any(application.programme.title in body and application.public_id in body for body in bodies)
    person = referred.casablanca_file
    for body in bodies:
        for secret in (person.first_name, person.last_name, person.file_number, "consent", person.nationality):
            assert secret not in body, secret


def test_withdrawing_the_consent_to_be_contacted_leaves_applications_live(client, referred):
    contact = f.ConsentFactory(beneficiary=referred.casablanca_file, purpose=ConsentPurpose.CONTACT)
    _withdraw(client, referred, consent=contact)
    assert not Application.objects.filter(state=State.WITHDRAWN).exists()
    assert not Message.objects.exists()


def test_a_double_submit_of_the_withdrawal_withdraws_and_tells_once(client, referred):
    assert _withdraw(client, referred).status_code == 302
    assert client.post(_withdraw_url(referred)).status_code == 302
    assert Message.objects.filter(template=WITHDRAWN_TEMPLATE).count() == 2  # one per application
    assert AuditEvent.objects.filter(action=AuditAction.APPLICATION_MOVE).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.CONSENT_WITHDRAW).count() == 1


def test_the_counsellor_is_told_how_many_applications_went_and_that_providers_are_told(client, referred):
    response = _withdraw(client, referred)
    page = client.get(response.url).content.decode()
    assert "2 candidatures à des formations sont retirées" in page


def test_the_person_withdrawing_online_withdraws_their_applications_too(referred):
    person = referred.casablanca_file
    account = f.UserFactory(username="aminata-account")
    person.account = account
    person.save(update_fields=["account"])
    rights.consent_withdraw_own(actor=Actor(user=account), consent_id=referred.casablanca_consent.public_id)
    assert set(Application.objects.filter(state=State.WITHDRAWN)) == set(referred.live)
    assert Message.objects.filter(template=WITHDRAWN_TEMPLATE).count() == 2


def test_the_person_is_told_in_their_space_what_withdrawing_consent_does_and_how_to_give_it_again(client, referred):
    account = f.UserFactory(username="aminata-account")
    referred.casablanca_file.account = account
    referred.casablanca_file.save(update_fields=["account"])
    client.force_login(account)
    client.post(reverse("me:consent_withdraw", kwargs={"consent_id": referred.casablanca_consent.public_id}))
    page = client.get(reverse("me:home")).content.decode()
    assert "Vos candidatures à des formations sont retirées" in page  # what just happened
    assert "adressez-vous à votre guichet" in page  # how to give it again


def test_a_provider_without_an_e_mail_address_is_not_written_to_and_the_counsellor_is_told(client, referred):
    referred.provider.email = ""
    referred.provider.save(update_fields=["email"])
    response = _withdraw(client, referred)
    assert not Message.objects.exists()
    assert all(a.state == State.WITHDRAWN for a in Application.objects.filter(pk__in=[x.pk for x in referred.live]))
    page = client.get(response.url).content.decode()
    assert referred.provider.name in page and "n’a pas d’adresse e-mail" in page
    assert referred.casablanca_application.public_id in page  # the reference to give on the phone


def test_withdrawal_is_all_or_nothing_when_the_message_cannot_be_queued(referred, monkeypatch):
    def broken_queue(**kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr("applications.notify.message_queue", broken_queue)
    with pytest.raises(RuntimeError):
        rights.consent_withdraw(
            actor=Actor(user=referred.casablanca_counsellor),
            beneficiary=referred.casablanca_file,
            consent_id=referred.casablanca_consent.public_id,
        )
    referred.casablanca_consent.refresh_from_db()
    assert referred.casablanca_consent.withdrawn_at is None
    assert not Application.objects.filter(state=State.WITHDRAWN).exists()
    assert not AuditEvent.objects.filter(action__in=[AuditAction.APPLICATION_MOVE, AuditAction.CONSENT_WITHDRAW])


# Provider staff no longer see the person's applications


def test_provider_staff_no_longer_list_or_open_the_persons_applications(client, referred):
    _withdraw(client, referred)
    staff = referred.provider_staff
    assert not application_selectors.applications_for_provider(user=staff).exists()
    for application in (referred.casablanca_application, referred.refused):
        with pytest.raises(Http404):
            application_selectors.application_get_as(role=Role.PROVIDER, user=staff, public_id=application.public_id)


def test_once_consent_is_given_again_provider_staff_see_the_applications_but_withdrawn_ones_stay_withdrawn(
    client, referred
):
    _withdraw(client, referred)
    client.post(
        reverse("people:consent_give", kwargs={"public_id": referred.casablanca_file.public_id}),
        {"purpose": "processing"},
    )
    staff_sign_in(client, referred.provider_staff)
    listing = client.get("/api/v1/referrals").json()
    states = {item["id"]: item["status"] for item in listing["items"]}
    assert states == {
        referred.refused.public_id: State.REFUSED,
        **{application.public_id: State.WITHDRAWN for application in referred.live},
    }


def test_the_referral_api_no_longer_answers_a_withdrawn_application(client, referred):
    staff_sign_in(client, referred.provider_staff)
    url = f"/api/v1/referrals/{referred.casablanca_application.public_id}"
    assert client.get(url).status_code == 200  # the control
    _withdraw(client, referred)
    staff_sign_in(client, referred.provider_staff)
    listing = client.get("/api/v1/referrals")
    assert listing.status_code == 200
    assert listing.json() == {"count": 0, "items": []}  # the refused one too: nothing of the person is processed
    detail = client.get(url)
    assert detail.status_code == 404 and "Aminata" not in detail.content.decode()


# While consent is withdrawn: the file reads, but takes no note and shares nothing


def test_the_file_still_opens_for_the_persons_rights_without_note_or_apply_forms(client, referred):
    _suggest(referred, referred.other_programme)
    _withdraw(client, referred)
    person = referred.casablanca_file
    response = client.get(person.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200 and "Aminata" in page and "Casablanca note" in page
    assert reverse("people:note_create", kwargs={"public_id": person.public_id}) not in page
    assert f'action="{reverse("desk_applications:apply", kwargs={"public_id": person.public_id})}"' not in page
    assert "a retiré son consentement" in page
    assert client.get(reverse("people:beneficiary_export", kwargs={"public_id": person.public_id})).status_code == 200
    assert reverse("people:beneficiary_erase", kwargs={"public_id": person.public_id}) in page


def test_a_note_posted_while_consent_is_withdrawn_is_refused_and_nothing_is_written(client, referred):
    _withdraw(client, referred)
    person = referred.casablanca_file
    response = client.post(
        reverse("people:note_create", kwargs={"public_id": person.public_id}), {"text": "After withdrawal"}
    )
    assert response.status_code == 409
    assert "a retiré son consentement" in response.content.decode()
    assert not Note.objects.filter(text="After withdrawal").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.NOTE_CREATE).exists()


def test_the_note_service_itself_refuses_without_consent_to_processing(referred):
    referred.casablanca_consent.withdrawn_at = timezone.now()
    referred.casablanca_consent.save(update_fields=["withdrawn_at"])
    with pytest.raises(services.NoConsentToProcessing):
        services.note_create(
            actor=Actor(user=referred.casablanca_counsellor), beneficiary=referred.casablanca_file, text="Sneaked in"
        )
    assert not Note.objects.filter(text="Sneaked in").exists()


def test_an_application_posted_while_consent_is_withdrawn_is_refused_in_the_users_language(client, referred):
    _suggest(referred, referred.other_programme)
    _withdraw(client, referred)
    person = referred.casablanca_file
    response = client.post(
        reverse("desk_applications:apply", kwargs={"public_id": person.public_id}),
        {"choice": f"programme-{referred.other_programme.pk}"},
    )
    assert response.status_code == 409
    with translation.override("fr"):
        refusal = gettext("The person has not consented to the processing of their data: nothing is shared.")
    assert refusal in response.content.decode()
    assert not Application.objects.filter(beneficiary=person, programme=referred.other_programme).exists()


# Giving consent again


def _give_again(client, network, purpose=ConsentPurpose.PROCESSING):
    url = reverse("people:consent_give", kwargs={"public_id": network.casablanca_file.public_id})
    return client.post(url, {"purpose": purpose})


def test_giving_consent_again_re_enables_notes_and_applying_but_withdrawn_applications_stay_withdrawn(client, referred):
    _suggest(referred, referred.other_programme)
    _withdraw(client, referred)
    person = referred.casablanca_file
    assert _give_again(client, referred).status_code == 302
    page = client.get(person.get_absolute_url()).content.decode()
    assert reverse("people:note_create", kwargs={"public_id": person.public_id}) in page
    assert (
        client.post(reverse("people:note_create", kwargs={"public_id": person.public_id}), {"text": "Back"}).status_code
        == 302
    )
    response = client.post(
        reverse("desk_applications:apply", kwargs={"public_id": person.public_id}),
        {"choice": f"programme-{referred.other_programme.pk}"},
    )
    assert response.status_code == 302
    assert Application.objects.get(beneficiary=person, programme=referred.other_programme).state == State.SUBMITTED
    for application in referred.live:
        application.refresh_from_db()
        assert application.state == State.WITHDRAWN
    assert AuditEvent.objects.filter(action=AuditAction.CONSENT_RECORD, object_id=person.public_id).count() == 1


def test_giving_consent_again_twice_records_one_live_consent(client, referred):
    _withdraw(client, referred)
    assert _give_again(client, referred).status_code == 302
    assert _give_again(client, referred).status_code == 302
    live = referred.casablanca_file.consents.filter(purpose=ConsentPurpose.PROCESSING, withdrawn_at__isnull=True)
    assert live.count() == 1
    assert live.get().recorded_by == referred.casablanca_counsellor


def test_giving_an_unknown_purpose_is_refused_with_a_message(client, referred):
    _withdraw(client, referred)
    response = _give_again(client, referred, purpose="everything")
    assert response.status_code == 400
    assert not referred.casablanca_file.consents.filter(withdrawn_at__isnull=True).exists()
