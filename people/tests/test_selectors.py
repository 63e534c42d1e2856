"""Scoping: each user sees their own desk's files, and anyone else sees nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts import selectors as roles
from people import selectors
from people.tests import factories as f


def test_a_counsellor_lists_only_the_files_of_their_desk(network):
    assert list(selectors.beneficiary_list(user=network.casablanca_counsellor)) == [network.casablanca_file]
    assert list(selectors.beneficiary_list(user=network.rabat_counsellor)) == [network.rabat_file]


def test_a_counsellor_of_two_desks_lists_both(network):
    f.StaffRoleFactory(user=network.casablanca_counsellor, desk=network.rabat_desk)
    assert set(selectors.beneficiary_list(user=network.casablanca_counsellor)) == {
        network.casablanca_file,
        network.rabat_file,
    }


@pytest.mark.parametrize("who", ["provider_staff", "rabat_admin", "national_admin", "no_role", "superuser"])
def test_users_without_a_desk_see_no_file(network, who):
    user = getattr(network, who)
    assert not selectors.beneficiary_list(user=user).exists()
    with pytest.raises(Http404):
        selectors.beneficiary_get(user=user, public_id=network.casablanca_file.public_id)


def test_anonymous_and_inactive_users_see_nothing(network):
    assert not selectors.beneficiary_list(user=AnonymousUser()).exists()
    network.casablanca_counsellor.is_active = False
    assert not selectors.beneficiary_list(user=network.casablanca_counsellor).exists()


def test_a_file_of_another_desk_is_404_like_a_file_that_does_not_exist(network):
    with pytest.raises(Http404):
        selectors.beneficiary_get(user=network.rabat_counsellor, public_id=network.casablanca_file.public_id)
    with pytest.raises(Http404):
        selectors.beneficiary_get(user=network.rabat_counsellor, public_id="A" * 22)
    with pytest.raises(Http404):
        selectors.beneficiary_get(user=network.rabat_counsellor, public_id="1 OR 1=1")


@pytest.mark.parametrize(
    "query", ["aminata", "DIALLO", "Aminata Diallo", "26-", "phone-national", "phone-e164", "file-number"]
)
def test_search_finds_a_file_by_name_phone_or_file_number(network, query):
    person = network.casablanca_file
    national = "0" + str(person.phone.national_number)
    query = {
        "phone-national": national,
        "phone-e164": person.phone.as_e164,
        "file-number": person.file_number.lower(),
        "26-": person.file_number,
    }.get(query, query)
    assert list(selectors.beneficiary_list(user=network.casablanca_counsellor, query=query)) == [person]


def test_search_never_reaches_another_desk(network):
    assert not selectors.beneficiary_list(user=network.casablanca_counsellor, query="Joseph").exists()
    assert not selectors.beneficiary_list(
        user=network.casablanca_counsellor, query=network.rabat_file.file_number
    ).exists()


def test_notes_are_for_the_counsellors_of_the_files_desk_only(network):
    person = network.casablanca_file
    assert [n.text for n in selectors.note_list(user=network.casablanca_counsellor, beneficiary=person)] == [
        "Casablanca note"
    ]
    for user in (network.rabat_counsellor, network.provider_staff, network.national_admin, network.superuser):
        assert not selectors.note_list(user=user, beneficiary=person).exists()


def test_role_predicates_fail_closed(network):
    assert roles.can_use_workspace(network.casablanca_counsellor)
    assert not roles.can_use_workspace(network.provider_staff)
    assert not roles.can_use_workspace(network.superuser)
    assert not roles.can_use_workspace(AnonymousUser())
    assert roles.is_staff_member(network.rabat_admin)
    assert not roles.is_staff_member(network.no_role)
