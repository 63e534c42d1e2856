"""A provider with one programme and a small session, a desk with its counsellor, people who consented.

Shared by the applications tests: ``seats`` is the world to move
applications in; ``apply`` makes one through the service, as a counsellor.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from applications import services
from applications.models import Role
from applications.tests.fixtures import person  # noqa: F401  (tests import it from here)
from core.actor import Actor


@pytest.fixture
def seats(shared_copy, _seats_shared, db) -> SimpleNamespace:
    """The world to move applications in: built once for consecutive tests, each with its own copy of the objects."""
    return shared_copy(_seats_shared)


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
