"""Re-encrypt every encrypted field with the newest key of GUICHET_FIELD_ENCRYPTION_KEYS.

Rotation: put the new key first in the variable (keep the old one after it),
run this command, then remove the old key.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from people.models import Beneficiary

ENCRYPTED_FIELDS = ["residence_status", "residence_document_number"]
BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Re-encrypt people's sensitive fields with the newest key."

    def handle(self, *args, **options) -> None:
        count = 0
        batch: list[Beneficiary] = []
        # Values are decrypted on load with any known key and encrypted on save with the first.
        for beneficiary in Beneficiary.objects.only("pk", *ENCRYPTED_FIELDS).iterator(chunk_size=BATCH_SIZE):
            batch.append(beneficiary)
            if len(batch) == BATCH_SIZE:
                count += Beneficiary.objects.bulk_update(batch, ENCRYPTED_FIELDS)
                batch = []
        if batch:
            count += Beneficiary.objects.bulk_update(batch, ENCRYPTED_FIELDS)
        self.stdout.write(f"Files re-encrypted with the newest key: {count}.")
