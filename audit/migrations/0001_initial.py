"""The audit tables, moved from people: taken over as they are, then renamed."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


from core.database import append_only_sql


# The append-only trigger (people 0002) follows its table; give it and its function the table's new name.
def _renamed(table: str) -> str:
    """Drop both names' trigger and function on ``table``, then create them under the table's own name."""
    drops = "".join(append_only_sql(table=table, name=name)[1] for name in ("people_auditevent", "audit_auditevent"))
    return drops + append_only_sql(table=table, name=table)[0]


def trigger_rename(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_renamed("audit_auditevent"), params=None)


def trigger_rename_back(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_renamed("people_auditevent"), params=None)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("people", "0007_identity_and_audit_move_out"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="when"),
                        ),
                        (
                            "action",
                            models.CharField(
                                choices=[
                                    ("file_read", "File read"),
                                    ("file_create", "File created"),
                                    ("file_update", "File changed"),
                                    ("note_create", "Note written"),
                                    ("document_seen", "Document marked seen"),
                                    ("consent_record", "Consent recorded"),
                                    ("consent_withdraw", "Consent withdrawn"),
                                    ("file_erase", "File erased"),
                                    ("search", "Files searched"),
                                    ("export", "Data exported"),
                                    ("sign_in", "Signed in"),
                                    ("sign_in_failed", "Sign-in failed"),
                                    ("sign_out", "Signed out"),
                                    ("access_refused", "Access refused"),
                                    ("second_factor_enrol", "Authenticator app set up"),
                                    ("second_factor_passed", "Second factor checked"),
                                    ("second_factor_failed", "Second factor refused"),
                                    ("account_link", "Account linked to a file"),
                                    ("orientation_save", "Orientation saved"),
                                    ("referral_create", "Referral sent"),
                                    ("referral_read", "Referral read"),
                                    ("audit_read", "Audit log read"),
                                ],
                                max_length=20,
                                verbose_name="action",
                            ),
                        ),
                        ("object_type", models.CharField(blank=True, max_length=40, verbose_name="object type")),
                        ("object_id", models.CharField(blank=True, max_length=40, verbose_name="object id")),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True, verbose_name="from where")),
                        (
                            "detail",
                            models.CharField(
                                blank=True,
                                help_text="Names of fields, never their values.",
                                max_length=200,
                                verbose_name="detail",
                            ),
                        ),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="who",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "people_auditevent",
                        "verbose_name": "audit event",
                        "verbose_name_plural": "audit events",
                        "ordering": ["-at", "-id"],
                        "indexes": [
                            models.Index(fields=["object_type", "object_id"], name="people_audi_object__0bf09c_idx")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="auditevent", table=None),
        migrations.RunPython(trigger_rename, trigger_rename_back),
    ]
