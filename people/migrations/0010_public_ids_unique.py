"""The public id of personal records: required and unique, now that every row has its own (0009)."""

from django.db import migrations, models

import people.models


class Migration(migrations.Migration):
    dependencies = [("people", "0009_public_ids")]

    operations = [
        *(
            migrations.AlterField(
                model_name=name.lower(),
                name="public_id",
                field=models.CharField(
                    default=people.models.new_public_id,
                    editable=False,
                    max_length=22,
                    unique=True,
                    verbose_name="public id",
                ),
            )
            for name in ("Beneficiary", "DocumentHeld", "Referral", "Consent")
        ),
    ]
