"""On PostgreSQL, a withdrawal of consent racing a second one, or a new application, leaves nothing shared.

Threads with their own database connections start together; SQLite
serialises every write, so these races exist only on PostgreSQL
(``DATABASE_URL=postgres://…``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

import pytest
from django.db import connection

from applications.models import LIVE_STATES, Application, Role, State
from applications.services import application_submit
from core.actor import Actor
from notifications.models import Message
from people import rights, services

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the race is PostgreSQL's")


def _together(*work: Callable[[], object]) -> list[BaseException]:
    """Run each callable in its own thread, all released at once; the exceptions they raised."""
    start = threading.Barrier(len(work))
    errors: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        try:
            start.wait()
            job()
        except BaseException as exc:  # reported to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_withdrawals_at_once_withdraw_and_tell_each_application_once(network):
    network.provider.email = "admissions@provider.example.org"
    network.provider.save(update_fields=["email"])
    actor = Actor(user=network.casablanca_counsellor)

    def withdraw() -> None:
        rights.consent_withdraw(
            actor=actor, beneficiary=network.casablanca_file, consent_id=network.casablanca_consent.public_id
        )

    assert _together(withdraw, withdraw, withdraw) == []
    assert Message.objects.count() == 1
    assert Application.objects.get(pk=network.casablanca_application.pk).state == State.WITHDRAWN


@pytest.mark.django_db(transaction=True)
def test_an_application_made_while_consent_is_withdrawn_is_either_refused_or_withdrawn(network):
    actor = Actor(user=network.casablanca_counsellor)

    def withdraw() -> None:
        rights.consent_withdraw(
            actor=actor, beneficiary=network.casablanca_file, consent_id=network.casablanca_consent.public_id
        )

    def refer() -> None:
        with contextlib.suppress(services.NoConsentToProcessing):  # refused: what the race may rightly give
            application_submit(
                actor=actor,
                beneficiary=network.casablanca_file,
                programme=network.other_programme,
                session=None,
                role=Role.COUNSELLOR,
            )

    assert _together(refer, withdraw) == []
    assert not Application.objects.filter(beneficiary=network.casablanca_file, state__in=LIVE_STATES).exists()
