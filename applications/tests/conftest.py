"""A provider with one programme and a small session, a desk with its counsellor, people who consented.

Shared by the applications tests: ``seats`` is the world to move
applications in; ``apply`` makes one through the service, as a counsellor.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from applications import services
from applications.models import Role
from catalog.tests import factories as cf
from core.actor import Actor
from people.tests import factories as f


def person(desk, **extra):
    """A file of ``desk`` whose consent to processing stands."""
    beneficiary = f.BeneficiaryFactory(desk=desk, **extra)
    f.ConsentFactory(beneficiary=beneficiary)
    return beneficiary


@pytest.fixture
def seats(db) -> SimpleNamespace:
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


def apply(world, beneficiary, *, session=None, programme=None):
    """An application made by the desk's counsellor (the session's by default)."""
    session = session if session is not None else world.session
    return services.application_submit(
        actor=Actor(user=world.counsellor),
        beneficiary=beneficiary,
        programme=programme or session.programme,
        session=session,
        role=Role.COUNSELLOR,
    ).application


def as_provider(world, application, to, **extra):
    return services.application_move(
        actor=Actor(user=world.provider_staff), public_id=application.public_id, to=to, role=Role.PROVIDER, **extra
    )
