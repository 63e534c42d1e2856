"""The accounts tables, moved from people: taken over as they are, then renamed."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("people", "0007_identity_and_audit_move_out"),
        ("catalog", "0002_programme_next_session_start"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OneTimeCode",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "destination_digest",
                            models.CharField(db_index=True, max_length=64, verbose_name="destination digest"),
                        ),
                        ("code_digest", models.CharField(max_length=64, verbose_name="code digest")),
                        (
                            "ip_address",
                            models.GenericIPAddressField(blank=True, null=True, verbose_name="requested from"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                db_index=True, default=django.utils.timezone.now, verbose_name="created at"
                            ),
                        ),
                        ("expires_at", models.DateTimeField(verbose_name="expires at")),
                        ("used_at", models.DateTimeField(blank=True, null=True, verbose_name="used at")),
                        ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="wrong answers")),
                    ],
                    options={
                        "db_table": "people_onetimecode",
                        "verbose_name": "one-time code",
                        "verbose_name_plural": "one-time codes",
                        "ordering": ["-created_at", "-id"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("expires_at__gt", models.F("created_at"))),
                                name="onetimecode_expires_later",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="StaffRole",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("counsellor", "Counsellor"),
                                    ("provider_staff", "Provider staff"),
                                    ("network_admin", "Network administrator"),
                                ],
                                max_length=20,
                                verbose_name="role",
                            ),
                        ),
                        (
                            "desk",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="catalog.desk",
                                verbose_name="desk",
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="catalog.provider",
                                verbose_name="provider",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                blank=True,
                                help_text="Empty for a national administrator.",
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="catalog.region",
                                verbose_name="region",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="staff_roles",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "people_staffrole",
                        "verbose_name": "staff role",
                        "verbose_name_plural": "staff roles",
                        "ordering": ["user", "role", "id"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        ("desk__isnull", False),
                                        ("provider__isnull", True),
                                        ("region__isnull", True),
                                        ("role", "counsellor"),
                                    ),
                                    models.Q(
                                        ("desk__isnull", True),
                                        ("provider__isnull", False),
                                        ("region__isnull", True),
                                        ("role", "provider_staff"),
                                    ),
                                    models.Q(
                                        ("desk__isnull", True), ("provider__isnull", True), ("role", "network_admin")
                                    ),
                                    _connector="OR",
                                ),
                                name="staffrole_scope_matches_role",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("role", "counsellor")),
                                fields=("user", "desk"),
                                name="staffrole_unique_desk",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("role", "provider_staff")),
                                fields=("user", "provider"),
                                name="staffrole_unique_provider",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("region__isnull", False), ("role", "network_admin")),
                                fields=("user", "region"),
                                name="staffrole_unique_region",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("region__isnull", True), ("role", "network_admin")),
                                fields=("user",),
                                name="staffrole_unique_national",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="onetimecode", table=None),
        migrations.AlterModelTable(name="staffrole", table=None),
    ]
