"""The applications' world, built once for consecutive tests (``shared_data``): a plugin of the root conftest.

``_seats_shared`` is found by every test that asks for ``seats``, wherever
that fixture is imported (the reports' tests import it).
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from catalog.tests import factories as cf
from people.tests import factories as f


def person(desk, **extra):
    """A file of ``desk`` whose consent to processing stands."""
    beneficiary = f.BeneficiaryFactory(desk=desk, **extra)
    f.ConsentFactory(beneficiary=beneficiary)
    return beneficiary


@pytest.fixture
def _seats_shared(shared_data) -> SimpleNamespace:
    return shared_data(_seats_build)


def _seats_build() -> SimpleNamespace:
    today = timezone.localdate()
    desk = cf.DeskFactory(slug="casablanca-pilot")
    provider = cf.ProviderFactory(slug="casa-institute", email="admissions@institute.example")
    other_provider = cf.ProviderFactory(slug="other-institute", email="other@institute.example")
    programme = cf.ProgrammeFactory(slug="tailoring", provider=provider)
    session = cf.SessionFactory(
        programme=programme,
        start_date=today + datetime.timedelta(days=40),
        end_date=today + datetime.timedelta(days=160),
        application_deadline=today + datetime.timedelta(days=30),
        capacity=2,
        seats_taken=0,
    )
    other_programme = cf.ProgrammeFactory(slug="joinery", provider=other_provider)
    overlapping = cf.SessionFactory(
        programme=other_programme,
        start_date=today + datetime.timedelta(days=50),
        end_date=today + datetime.timedelta(days=120),
        application_deadline=today + datetime.timedelta(days=45),
        capacity=10,
        seats_taken=0,
    )
    counsellor = f.StaffRoleFactory(user__username="casa-counsellor", desk=desk).user
    provider_staff = f.StaffRoleFactory(user__username="casa-provider", provider_staff=True, provider=provider).user
    other_staff = f.StaffRoleFactory(user__username="other-provider", provider_staff=True, provider=other_provider).user
    people = [person(desk, first_name=f"Person{n}", proven=True, preferred_language="fr") for n in range(4)]
    return SimpleNamespace(
        today=today,
        desk=desk,
        provider=provider,
        other_provider=other_provider,
        programme=programme,
        session=session,
        other_programme=other_programme,
        overlapping=overlapping,
        counsellor=counsellor,
        provider_staff=provider_staff,
        other_staff=other_staff,
        people=people,
    )
