"""Comments keep what a reader thinks, never how to reach them or their papers."""

from __future__ import annotations

import pytest

from content.masking import mask_personal_details

PHONES = [
    "06 12 34 56 78",
    "0612345678",
    "07-61-23-45-67",
    "06.12.34.56.78",
    "+212 6 12 34 56 78",
    "+212612345678",
    "00212 612 345 678",
    "+212 (0)6 12 34 56 78",
    "+33 6 12 34 56 78",
    "+1 (555) 123-4567",
    "+225 07 07 12 34 56",
    "٠٦١٢٣٤٥٦٧٨",  # Arabic-Indic digits
]
EMAILS = ["amina.diallo@gmail.com", "j.mensah+guichet@example.co.uk", "user_01@mail.ma"]
DOCUMENTS = ["AB1234567", "BE 123456", "BK654321", "E12345678", "A01B23456", "123456789", "X-98765"]


@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_in_moroccan_and_international_formats_are_masked(phone):
    masked = mask_personal_details(f"Appelez-moi au {phone} après 18h, merci")
    assert masked == "Appelez-moi au [phone] après 18h, merci"


@pytest.mark.parametrize("email", EMAILS)
def test_email_addresses_are_masked(email):
    assert mask_personal_details(f"écrivez à {email} svp") == "écrivez à [e-mail] svp"


@pytest.mark.parametrize("number", DOCUMENTS)
def test_passport_residence_card_and_identity_numbers_are_masked(number):
    masked = mask_personal_details(f"my card {number} expires soon")
    assert number not in masked
    assert masked.startswith("my card [") and masked.endswith("] expires soon")


def test_numbers_inside_arabic_text_are_masked_too():
    masked = mask_personal_details("رقمي 0612345678 وجواز السفر AB1234567")
    assert masked == "رقمي [phone] وجواز السفر [document]"


def test_what_a_reader_thinks_is_kept_word_for_word():
    text = "La formation CAP 2024 commence le 12/05/2026 à 9h, 3 places, code ISCO 7313. Très bien !"
    assert mask_personal_details(text) == text
