"""Staff roles and one-time codes now belong to accounts, the audit log to audit (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_merge_second_factor_and_referrals"),
    ]

    # The audit log moved to the audit app, staff roles and one-time codes to the
    # accounts app: their tables stay, renamed by those apps' first migrations.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="auditevent",
                    name="actor",
                ),
                migrations.DeleteModel(
                    name="OneTimeCode",
                ),
                migrations.RemoveField(
                    model_name="staffrole",
                    name="desk",
                ),
                migrations.RemoveField(
                    model_name="staffrole",
                    name="provider",
                ),
                migrations.RemoveField(
                    model_name="staffrole",
                    name="region",
                ),
                migrations.RemoveField(
                    model_name="staffrole",
                    name="user",
                ),
                migrations.DeleteModel(
                    name="AuditEvent",
                ),
                migrations.DeleteModel(
                    name="StaffRole",
                ),
            ],
            database_operations=[],
        )
    ]
