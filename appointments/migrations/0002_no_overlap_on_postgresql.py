"""PostgreSQL: the database itself refuses overlapping times of one counsellor.

Two exclusion constraints (btree_gist for the equality on the counsellor,
``tstzrange`` with ``[)`` bounds, so a meeting ending at 10:00 and one
starting at 10:00 do not overlap):

- ``appointment_no_overlap``: two live (``booked``) appointments of one counsellor;
- ``slothold_no_overlap``: two holds of one counsellor (expired holds are
  deleted before a new one is written, appointments/services.py).

SQLite has no such constraint: its booking transactions are immediate,
one at a time, and the check inside them decides (appointments/services.py).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE appointments_appointment ADD CONSTRAINT appointment_no_overlap EXCLUDE USING gist "
    "(counsellor_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status = 'booked')",
    "ALTER TABLE appointments_slothold ADD CONSTRAINT slothold_no_overlap EXCLUDE USING gist "
    "(counsellor_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)",
]
BACKWARD = [
    "ALTER TABLE appointments_slothold DROP CONSTRAINT IF EXISTS slothold_no_overlap",
    "ALTER TABLE appointments_appointment DROP CONSTRAINT IF EXISTS appointment_no_overlap",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
