"""The audit log is append-only: on PostgreSQL a trigger refuses UPDATE and DELETE.

SQLite (development and demos) has no such guard; the application never
updates or deletes audit events anyway.
"""

from django.db import migrations

from core.database import append_only_operation


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [append_only_operation(table="people_auditevent", name="people_auditevent")]
