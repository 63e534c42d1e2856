"""Everything Guichet holds about one person, as plain data (JSON).

``EXPORTED_RELATIONS`` names every table that points at a file; a test
fails when a new one appears without being exported here (or declared as
holding nothing personal in ``NOT_PERSONAL_RELATIONS``).
"""

from __future__ import annotations

from typing import Any

from people.models import Beneficiary

EXPORTED_RELATIONS = {"people.documentheld", "people.note", "people.consent"}
NOT_PERSONAL_RELATIONS: set[str] = set()
FORMAT_VERSION = 1


def _when(value) -> str | None:
    return value.isoformat() if value else None


def beneficiary_export(*, beneficiary: Beneficiary) -> dict[str, Any]:
    b = beneficiary
    return {
        "format_version": FORMAT_VERSION,
        "file": {
            "file_number": b.file_number,
            "desk": b.desk.name,
            "first_name": b.first_name,
            "last_name": b.last_name,
            "phone": b.phone.as_e164 if b.phone else "",
            "email": b.email,
            "birth_year": b.birth_year,
            "sex": b.sex,
            "nationality": b.nationality,
            "schooling": b.get_schooling_display() if b.schooling is not None else None,
            "languages": [language.code for language in b.languages.all()],
            "residence_status": b.residence_status,
            "residence_document_number": b.residence_document_number,
            "created_at": _when(b.created_at),
            "updated_at": _when(b.updated_at),
            "last_activity_at": _when(b.last_activity_at),
            "has_account": b.account_id is not None,
        },
        "documents": [
            {"document": d.document_type.slug, "name": str(d.document_type), "seen_at": _when(d.seen_at)}
            for d in b.documents.select_related("document_type")
        ],
        "notes": [
            {"written_at": _when(n.created_at), "author": n.author.get_username(), "text": n.text}
            for n in b.notes.select_related("author")
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "text_version": c.text_version,
                "channel": c.channel,
                "given_at": _when(c.given_at),
                "withdrawn_at": _when(c.withdrawn_at),
            }
            for c in b.consents.all()
        ],
    }
