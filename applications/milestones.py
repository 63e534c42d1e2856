"""The milestones the reports read, rebuilt from the applications' logs: for the migration that adds them and
for records written without the models' ``save`` (``bench/reporting.py`` writes with COPY).

Day to day they are written by the move that reaches them (``Application.save`` and ``ApplicationEvent.save``);
rebuilding gives the same values (``applications/tests/test_milestones.py`` checks it). The models are passed
in, so a migration can give its historical ones. Set-based ``UPDATE … FROM`` (PostgreSQL, and SQLite since
3.33): a statement per milestone, whatever the number of rows (300,000 applications in seconds).
"""

from __future__ import annotations

from django.db import connection

DECISION_STATES = ("accepted", "wait_listed", "refused")
MILESTONE_STATES = {"accepted": "accepted_at", "enrolled": "enrolled_at", "completed": "completed_at"}


def milestones_rebuild(*, application_model, event_model, beneficiary_model) -> None:
    """Set every application's first decision and every person's milestones from the logs."""
    applications = connection.ops.quote_name(application_model._meta.db_table)
    events = connection.ops.quote_name(event_model._meta.db_table)
    people = connection.ops.quote_name(beneficiary_model._meta.db_table)
    decisions = ", ".join(["%s"] * len(DECISION_STATES))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {applications} SET first_decision = '', first_decided_at = NULL")
        # The first decision of each application: its earliest decision move (the lowest id among equal instants).
        cursor.execute(
            f"""
            UPDATE {applications} SET first_decision = f.to_state, first_decided_at = f.at
            FROM (
                SELECT application_id, at, to_state FROM (
                    SELECT application_id, at, to_state,
                           ROW_NUMBER() OVER (PARTITION BY application_id ORDER BY at, id) AS n
                    FROM {events} WHERE to_state IN ({decisions})
                ) ranked WHERE n = 1
            ) f
            WHERE f.application_id = {applications}.id
            """,
            DECISION_STATES,
        )
        cursor.execute(
            f"UPDATE {people} SET applied_at = NULL, accepted_at = NULL, enrolled_at = NULL, completed_at = NULL"
        )
        cursor.execute(
            f"""
            UPDATE {people} SET applied_at = m.at
            FROM (SELECT beneficiary_id, MIN(created_at) AS at FROM {applications}
                  WHERE beneficiary_id IS NOT NULL GROUP BY beneficiary_id) m
            WHERE m.beneficiary_id = {people}.id
            """
        )
        for state, field in MILESTONE_STATES.items():
            cursor.execute(
                f"""
                UPDATE {people} SET {field} = m.at
                FROM (SELECT a.beneficiary_id, MIN(e.at) AS at
                      FROM {events} e JOIN {applications} a ON a.id = e.application_id
                      WHERE e.to_state = %s AND a.beneficiary_id IS NOT NULL GROUP BY a.beneficiary_id) m
                WHERE m.beneficiary_id = {people}.id
                """,
                [state],
            )
