"""Referrals become applications (migration applications/0003): every one kept, with its public id and history.

The database is taken back to just before the move (the referrals' table
back, empty), referrals are written with the models of that moment, then
every migration runs forward again. On SQLite and PostgreSQL alike
(``transaction=True``: migrations cannot run inside the test's transaction).
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from applications.models import Application, Reason, Role, State
from catalog.models import Session
from catalog.tests import factories as cf
from people.tests import factories as f

BEFORE = [("applications", "0002_event_append_only"), ("people", "0012_beneficiary_contact_proofs")]
SHARED = ["first_name", "last_name", "birth_year", "schooling", "languages", "documents"]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _referrals_on_the_old_schema() -> dict:
    desk = cf.DeskFactory()
    counsellor = f.StaffRoleFactory(desk=desk).user
    person = f.BeneficiaryFactory(desk=desk)
    session = cf.SessionFactory(capacity=10, seats_taken=3)
    programmes = [session.programme, *(cf.ProgrammeFactory(provider=session.programme.provider) for _ in range(4))]
    accepted_session = cf.SessionFactory(programme=programmes[1], capacity=4, seats_taken=4)
    executor = _migrate(BEFORE)
    Referral = executor.loader.project_state(BEFORE).apps.get_model("people", "Referral")
    made = timezone.now().replace(microsecond=0) - datetime.timedelta(days=20)
    changed = made + datetime.timedelta(days=3)
    rows = {
        "sent": {"session_id": session.pk},
        "accepted": {"session_id": accepted_session.pk},
        "accepted_without_session": {"status": "accepted"},
        "refused": {"status": "refused"},
        "withdrawn": {"status": "withdrawn", "withdrawn_at": changed, "withdrawn_reason": "consent_withdrawn"},
    }
    referrals = {}
    for (name, extra), programme in zip(rows.items(), programmes, strict=True):
        status = extra.pop("status", name)
        referral = Referral.objects.create(
            public_id=f"referral-{name}".ljust(22, "x")[:22],
            beneficiary_id=person.pk,
            programme_id=programme.pk,
            status=status,
            eligibility=[{"key": "age", "status": "met"}],
            created_by_id=counsellor.pk,
            created_at=made,
            **extra,
        )
        Referral.objects.filter(pk=referral.pk).update(updated_at=changed)
        referrals[name] = referral
    return {
        "referrals": referrals,
        "person": person,
        "counsellor": counsellor,
        "session": session,
        "accepted_session": accepted_session,
    }


@pytest.fixture
def referrals_before_the_move(database_copy):
    """Five referrals of one file, one per status (and an accepted one without a session), on the old schema.

    Built once per process on SQLite: the next test gets a copy of the database as the build left it
    (``database_copy``), instead of taking the schema back again.
    """
    yield database_copy(_referrals_on_the_old_schema)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # whatever a test did, leave the schema whole


def test_every_referral_becomes_an_application_with_its_public_id_and_history(referrals_before_the_move):
    world = referrals_before_the_move
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert Application.objects.count() == 5
    expected = {
        "sent": (State.SUBMITTED, "", None),
        "accepted": (State.ACCEPTED, "", Role.PROVIDER),
        "accepted_without_session": (State.UNDER_REVIEW, "", Role.PROVIDER),
        "refused": (State.REFUSED, Reason.OTHER, Role.PROVIDER),
        "withdrawn": (State.WITHDRAWN, Reason.CONSENT_WITHDRAWN, Role.SYSTEM),
    }
    for name, (state, reason, role) in expected.items():
        referral = world["referrals"][name]
        application = Application.objects.get(public_id=referral.public_id)
        assert (application.state, application.reason, application.channel) == (state, reason, "desk"), name
        assert application.beneficiary == world["person"]
        assert application.programme_id == referral.programme_id and application.session_id == referral.session_id
        assert application.created_by == world["counsellor"] and application.created_at == referral.created_at
        assert application.eligibility == [{"key": "age", "status": "met"}]
        assert application.shared_fields == SHARED
        events = list(application.events.order_by("at", "id"))
        first = events[0]
        assert (first.from_state, first.to_state, first.at, first.by, first.role) == (
            "",
            State.SUBMITTED,
            referral.created_at,
            world["counsellor"],
            Role.COUNSELLOR,
        )
        if role is None:
            assert len(events) == 1, name
            continue
        [second] = events[1:]
        moved_at = referral.withdrawn_at or referral.created_at + datetime.timedelta(days=3)
        assert (second.from_state, second.to_state, second.role, second.reason) == (
            State.SUBMITTED,
            state,
            role,
            reason,
        )
        assert second.at == moved_at and second.by is None
        assert application.state_changed_at == moved_at


def test_an_accepted_referral_without_a_session_says_so_in_its_log(referrals_before_the_move):
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    referral = referrals_before_the_move["referrals"]["accepted_without_session"]
    last = Application.objects.get(public_id=referral.public_id).events.order_by("-at", "-id").first()
    assert "Accepted by the provider" in last.note


def test_the_move_leaves_seats_as_they_were_and_the_referrals_table_gone(referrals_before_the_move):
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert Session.objects.get(pk=referrals_before_the_move["session"].pk).seats_taken == 3
    assert Session.objects.get(pk=referrals_before_the_move["accepted_session"].pk).seats_taken == 4
    assert "people_referral" not in connection.introspection.table_names()
