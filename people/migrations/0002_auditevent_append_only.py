"""The audit log is append-only: on PostgreSQL a trigger refuses UPDATE and DELETE.

SQLite (development and demos) has no such guard; the application never
updates or deletes audit events anyway.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION people_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'people_auditevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER people_auditevent_append_only
    BEFORE UPDATE OR DELETE ON people_auditevent
    FOR EACH ROW EXECUTE FUNCTION people_auditevent_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS people_auditevent_append_only ON people_auditevent;
DROP FUNCTION IF EXISTS people_auditevent_refuse_change();
"""


def create_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
