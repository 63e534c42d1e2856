"""An application's log is append-only: on PostgreSQL a trigger refuses DELETE, and any UPDATE but two.

The two allowed: blanking the free-text note (a file erased: the note may
name the person) and the account of the author going (SET NULL when an
account is deleted). SQLite (development and demos) has no such guard; the
application never changes a log row otherwise.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION applications_event_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.application_id = OLD.application_id
       AND NEW.from_state = OLD.from_state
       AND NEW.to_state = OLD.to_state
       AND NEW.at = OLD.at
       AND NEW.role = OLD.role
       AND NEW.reason = OLD.reason
       AND (NEW.note = OLD.note OR NEW.note = '')
       AND (NEW.by_id IS NOT DISTINCT FROM OLD.by_id OR NEW.by_id IS NULL) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'applications_applicationevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER applications_event_append_only
    BEFORE UPDATE OR DELETE ON applications_applicationevent
    FOR EACH ROW EXECUTE FUNCTION applications_event_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS applications_event_append_only ON applications_applicationevent;
DROP FUNCTION IF EXISTS applications_event_refuse_change();
"""


def create_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
