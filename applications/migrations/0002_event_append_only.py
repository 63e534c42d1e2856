"""An application's log is append-only: on PostgreSQL a trigger refuses DELETE, and any UPDATE but two.

The two allowed: blanking the free-text note (a file erased: the note may
name the person) and the account of the author going (SET NULL when an
account is deleted). SQLite (development and demos) has no such guard; the
application never changes a log row otherwise.
"""

from django.db import migrations

from core.database import append_only_operation

UPDATE_ALLOWED_WHEN = """NEW.application_id = OLD.application_id
       AND NEW.from_state = OLD.from_state
       AND NEW.to_state = OLD.to_state
       AND NEW.at = OLD.at
       AND NEW.role = OLD.role
       AND NEW.reason = OLD.reason
       AND (NEW.note = OLD.note OR NEW.note = '')
       AND (NEW.by_id IS NOT DISTINCT FROM OLD.by_id OR NEW.by_id IS NULL)"""


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]

    operations = [
        append_only_operation(
            table="applications_applicationevent",
            name="applications_event",
            update_allowed_when=UPDATE_ALLOWED_WHEN,
        )
    ]
