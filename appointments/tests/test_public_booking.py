"""Booking online: hold a time, confirm it with a code (or one button when signed in to one's file), see it booked."""

from __future__ import annotations

import pytest

from accounts.models import CodePurpose, OneTimeCode
from appointments import notices
from appointments.models import Appointment, AppointmentStatus, BookedVia, SlotHold
from appointments.tests.test_public_free_times import free_values, page
from notifications.models import Message
from notifications.tests.outbox import last_code
from people.models import Beneficiary, Consent, ConsentPurpose
from people.services import CONSENT_TEXT_VERSION
from people.tests import factories as f

CONFIRM = "/fr/appointments/confirm/"
CODE = "/fr/appointments/confirm/code/"
BOOKED = "/fr/appointments/booked/"


def hold_first_time(client, desk_day, lang="fr") -> str:
    value = free_values(client.get(page(desk_day, lang)))[0]
    assert client.post(page(desk_day, lang), {"start": value}).status_code == 302
    return value


def test_the_confirmation_shows_the_held_time_and_for_how_long_it_is_held(client, desk_day):
    hold_first_time(client, desk_day)
    html = client.get(CONFIRM).content.decode()
    assert "10 minutes" in html
    assert desk_day.reason.name_fr in html
    assert 'name="destination"' in html


def test_a_new_person_books_with_a_code_and_a_light_file_is_opened_with_their_consent(client, desk_day, outbox):
    value = hold_first_time(client, desk_day)
    response = client.post(
        CONFIRM,
        {"destination": "06 99 00 00 01", "first_name": "Fatou", "consent_processing": "on", "consent_contact": "on"},
    )
    assert response.status_code == 302 and response["Location"] == CODE
    assert OneTimeCode.objects.get().purpose == CodePurpose.CONFIRM_BOOKING
    response = client.post(CODE, {"code": last_code(outbox)})
    assert response.status_code == 302 and response["Location"] == BOOKED
    appointment = Appointment.objects.get()
    assert appointment.starts_at.isoformat() == value
    assert appointment.booked_via == BookedVia.ONLINE
    person = appointment.beneficiary
    assert person.first_name == "Fatou" and person.desk == desk_day.desk
    assert str(person.phone) == "+212699000001" and person.phone_is_proven
    processing = Consent.objects.get(beneficiary=person, purpose=ConsentPurpose.PROCESSING)
    assert processing.text_version == CONSENT_TEXT_VERSION
    assert Consent.objects.filter(beneficiary=person, purpose=ConsentPurpose.CONTACT).exists()
    assert SlotHold.objects.count() == 0
    page_booked = client.get(BOOKED)
    html = page_booked.content.decode()
    assert "/fr/appointments/manage/" in html and "appointment.ics" in html
    assert "Fatou" not in html  # the page names no one
    confirmation = Message.objects.filter(template="appointments/messages/confirmed.txt").get()
    assert "/fr/appointments/manage/" in confirmation.body
    assert confirmation.recipient == "+212699000001" and confirmation.language == "fr"


def test_a_person_with_a_file_books_with_a_code_and_the_appointment_goes_to_their_file(client, desk_day, outbox):
    hold_first_time(client, desk_day)
    client.post(CONFIRM, {"destination": str(desk_day.person.phone)})
    client.post(CODE, {"code": last_code(outbox)})
    appointment = Appointment.objects.get()
    assert appointment.beneficiary == desk_day.person
    assert Beneficiary.objects.count() == 2


def test_the_code_step_answers_the_same_for_a_known_and_an_unknown_number(client, desk_day, outbox):
    hold_first_time(client, desk_day)
    known = client.post(CONFIRM, {"destination": str(desk_day.person.phone)})
    client.get(page(desk_day))
    unknown_client = client.__class__()
    hold_first_time(unknown_client, desk_day)
    unknown = unknown_client.post(CONFIRM, {"destination": "06 99 00 00 02"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert client.get(CODE).content.decode().count("<form") == unknown_client.get(CODE).content.decode().count("<form")


def test_an_unknown_number_without_a_first_name_is_asked_for_it_and_consent_after_the_code(client, desk_day, outbox):
    hold_first_time(client, desk_day)
    client.post(CONFIRM, {"destination": "06 99 00 00 03"})
    response = client.post(CODE, {"code": last_code(outbox)})
    assert response.status_code == 302 and response["Location"] == CONFIRM
    html = client.get(CONFIRM).content.decode()
    assert 'name="first_name"' in html and 'name="destination"' not in html
    refused = client.post(CONFIRM, {"first_name": "Awa"})
    assert refused.status_code == 400
    assert Appointment.objects.count() == 0 and Beneficiary.objects.count() == 2
    booked = client.post(CONFIRM, {"first_name": "Awa", "consent_processing": "on"})
    assert booked["Location"] == BOOKED
    assert Appointment.objects.get().beneficiary.first_name == "Awa"


def test_markup_in_a_first_name_is_kept_as_text_never_as_markup(client, desk_day, outbox):
    hold_first_time(client, desk_day)
    client.post(
        CONFIRM, {"destination": "06 99 00 00 04", "first_name": "<script>x</script>", "consent_processing": "on"}
    )
    client.post(CODE, {"code": last_code(outbox)})
    assert Appointment.objects.get().beneficiary.first_name == "<script>x</script>"
    assert "<script>x" not in client.get(BOOKED).content.decode()


def test_a_wrong_code_books_nothing_and_says_so(client, desk_day, outbox):
    hold_first_time(client, desk_day)
    client.post(CONFIRM, {"destination": "06 99 00 00 05", "first_name": "Ali", "consent_processing": "on"})
    response = client.post(CODE, {"code": "000000" if last_code(outbox) != "000000" else "111111"})
    assert response.status_code == 400
    assert Appointment.objects.count() == 0 and Beneficiary.objects.count() == 2


@pytest.mark.parametrize("destination", ["not a phone", "\x00", "06" * 60])
def test_a_bad_phone_or_address_is_refused_on_the_page(client, desk_day, outbox, destination):
    hold_first_time(client, desk_day)
    response = client.post(CONFIRM, {"destination": destination})
    assert response.status_code == 400
    assert OneTimeCode.objects.count() == 0


def test_several_files_on_one_number_open_none_and_name_none(client, desk_day, outbox):
    f.BeneficiaryFactory(desk=desk_day.desk, first_name="Sister", phone=desk_day.person.phone, proven=True)
    hold_first_time(client, desk_day)
    client.post(CONFIRM, {"destination": str(desk_day.person.phone)})
    response = client.post(CODE, {"code": last_code(outbox)})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Aminata" not in html and "Sister" not in html
    assert Appointment.objects.count() == 0


def test_a_signed_in_person_confirms_with_one_button_and_no_code(client, desk_day, outbox):
    from people.file_accounts import beneficiary_account_for

    account = beneficiary_account_for(destination=str(desk_day.person.phone))
    client.force_login(account)
    hold_first_time(client, desk_day)
    html = client.get(CONFIRM).content.decode()
    assert 'name="destination"' not in html
    response = client.post(CONFIRM)
    assert response["Location"] == BOOKED
    assert Appointment.objects.get().beneficiary == desk_day.person
    assert OneTimeCode.objects.count() == 0


def test_a_double_tap_makes_one_appointment(client, desk_day, outbox):
    from people.file_accounts import beneficiary_account_for

    client.force_login(beneficiary_account_for(destination=str(desk_day.person.phone)))
    hold_first_time(client, desk_day)
    session = client.session
    state = dict(session["guichet_booking"])
    client.post(CONFIRM)
    session = client.session
    session["guichet_booking"] = state  # the second tap left before the first one's answer came back
    session.save()
    assert client.post(CONFIRM)["Location"] == BOOKED
    assert Appointment.objects.count() == 1
    assert client.post(CONFIRM)["Location"] == BOOKED  # and a third, after: straight to what was booked
    assert Appointment.objects.count() == 1


def test_an_expired_hold_is_taken_again_when_the_time_is_still_free(client, desk_day, outbox):
    from django.utils import timezone

    value = hold_first_time(client, desk_day)
    SlotHold.objects.update(expires_at=timezone.now())
    assert "run out" in client.get("/en/appointments/confirm/").content.decode()
    client.post(CONFIRM, {"destination": str(desk_day.person.phone)})
    client.post(CODE, {"code": last_code(outbox)})
    assert Appointment.objects.get().starts_at.isoformat() == value


def test_a_time_taken_meanwhile_says_so_and_offers_the_next_free_times(client, desk_day, outbox):
    from django.utils import timezone

    from appointments import services
    from core.actor import system

    value = hold_first_time(client, desk_day)
    SlotHold.objects.update(expires_at=timezone.now())
    import datetime

    start = datetime.datetime.fromisoformat(value)
    for person in (desk_day.other_person, f.BeneficiaryFactory(desk=desk_day.desk)):
        services.appointment_book(
            actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=person
        )
    client.post(CONFIRM, {"destination": str(desk_day.person.phone)})
    response = client.post(CODE, {"code": last_code(outbox)})
    assert response.status_code == 409
    assert len(free_values(response)) == 3
    assert Appointment.objects.filter(beneficiary=desk_day.person).count() == 0
    # The proof stands: pressing a next free time leads to a one-button confirmation, no new code.
    client.post(page(desk_day), {"start": free_values(response)[0]})
    assert 'name="destination"' not in client.get(CONFIRM).content.decode()
    assert client.post(CONFIRM)["Location"] == BOOKED
    assert Appointment.objects.filter(beneficiary=desk_day.person).count() == 1


def test_a_person_already_booked_for_this_reason_gets_the_link_to_their_appointment(client, desk_day, outbox):
    from appointments import services
    from core.actor import system

    value = hold_first_time(client, desk_day)
    other = free_values(client.get(page(desk_day) + "?week=1"))[0]
    import datetime

    existing, _ = services.appointment_book(
        actor=system,
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=datetime.datetime.fromisoformat(other),
        beneficiary=desk_day.person,
    )
    client.post(CONFIRM, {"destination": str(desk_day.person.phone)})
    response = client.post(CODE, {"code": last_code(outbox)})
    assert response.status_code == 409
    assert notices.manage_token(existing) in response.content.decode()
    assert Appointment.objects.count() == 1
    assert value


def test_without_a_booking_in_progress_the_steps_send_back_to_the_desks(client, desk_day):
    assert client.get(CONFIRM)["Location"] == "/fr/desks/"
    assert client.get(CODE)["Location"] == "/fr/desks/"
    assert client.get(BOOKED)["Location"] == "/fr/desks/"


def test_the_steps_are_in_arabic_right_to_left(client, desk_day, outbox):
    hold_first_time(client, desk_day, lang="ar")
    html = client.get("/ar/appointments/confirm/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_a_cancelled_appointment_can_be_booked_again(client, desk_day, outbox):
    from appointments import services
    from core.actor import system

    hold_first_time(client, desk_day)
    client.post(CONFIRM, {"destination": str(desk_day.person.phone)})
    client.post(CODE, {"code": last_code(outbox)})
    services.appointment_cancel(actor=system, appointment=Appointment.objects.get(), by_person=True)
    hold_first_time(client, desk_day)
    client.post(CONFIRM, {"destination": str(desk_day.person.phone)})
    client.post(CODE, {"code": last_code(outbox)})
    assert Appointment.objects.filter(status=AppointmentStatus.BOOKED).count() == 1


def test_a_second_tap_on_the_code_after_the_first_one_booked_shows_the_booking_not_an_error(client, desk_day, outbox):
    hold_first_time(client, desk_day)
    client.post(CONFIRM, {"destination": str(desk_day.person.phone)})
    code = last_code(outbox)
    state = dict(client.session["guichet_booking"])
    assert client.post(CODE, {"code": code})["Location"] == BOOKED
    # The second tap's request carried the session as it was before the first one's answer.
    import unittest.mock

    with unittest.mock.patch("appointments.views._booking", return_value=state):
        again = client.post(CODE, {"code": code})
    assert again.status_code == 302 and again["Location"] == BOOKED
    assert Appointment.objects.count() == 1


def test_a_proof_that_ran_out_asks_for_a_new_code(client, desk_day, outbox):
    hold_first_time(client, desk_day)
    client.post(CONFIRM, {"destination": "06 99 00 00 06"})
    client.post(CODE, {"code": last_code(outbox)})  # no file yet: asked for a first name
    session = client.session
    session["guichet_booking"]["proven_at"] = "2020-01-01T00:00:00+00:00"
    session.save()
    html = client.get(CONFIRM).content.decode()
    assert 'name="destination"' in html
    response = client.post(CONFIRM, {"first_name": "Awa", "consent_processing": "on"})
    assert response.status_code == 400  # the page's form is the phone or e-mail again
    assert Appointment.objects.count() == 0
