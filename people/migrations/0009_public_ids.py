"""Personal records get an opaque public id (issue 12): added empty, then filled in batches with distinct values.

Adding the field with its callable default in one step would give every
existing row the same value. The next migration makes it unique and
required, in its own transaction (PostgreSQL refuses to alter a table with
updates pending in the same one).
"""

import secrets

from django.db import migrations, models

MODELS = ("Beneficiary", "DocumentHeld", "Referral", "Consent")
BATCH = 500


def fill_public_ids(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("people", name)
        while True:
            batch = list(model.objects.filter(public_id__isnull=True).order_by("pk")[:BATCH])
            if not batch:
                break
            for row in batch:
                row.public_id = secrets.token_urlsafe(16)  # people.models.new_public_id, as of this migration
            model.objects.bulk_update(batch, ["public_id"])


class Migration(migrations.Migration):
    dependencies = [("people", "0008_beneficiary_preferred_language")]

    operations = [
        *(
            migrations.AddField(
                model_name=name.lower(),
                name="public_id",
                field=models.CharField(editable=False, max_length=22, null=True, verbose_name="public id"),
            )
            for name in MODELS
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
    ]
