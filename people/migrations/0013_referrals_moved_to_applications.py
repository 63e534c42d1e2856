"""Referrals live on as applications (applications/0003 copied each one, with its public id): their table goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0012_beneficiary_contact_proofs"),
        ("applications", "0003_referrals_become_applications"),
    ]

    operations = [
        migrations.DeleteModel(
            name="Referral",
        ),
    ]
