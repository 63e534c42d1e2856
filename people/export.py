"""Everything Guichet holds about one person, as plain data (JSON) and as a readable PDF.

``EXPORTED_RELATIONS`` maps every table holding personal data (a foreign
key to a file, or a model declaring ``holds_personal_data = True``) to its
section of the export; a test fails when a new one appears without being
exported here (or declared as holding nothing personal in
``NOT_PERSONAL_RELATIONS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from people.models import CONTACT_PROOFS, PROFILE_FIELDS, Beneficiary
from people.selectors import file_history

# Model label -> key of its section in the export.
EXPORTED_RELATIONS = {
    "people.documentheld": "documents",
    "people.note": "notes",
    "people.consent": "consents",
    "people.orientationresult": "orientation_results",
    "audit.auditevent": "file_history",
}
NOT_PERSONAL_RELATIONS: set[str] = set()
# 3: referrals became applications, a section of the applications app (applications/wiring.py).
FORMAT_VERSION = 3

# Sections that apps above this one add (appointments…), each registered in its AppConfig.ready:
# section key -> the function that lists the file's rows of it.
_registered_sections: dict[str, Callable[[Beneficiary], list[dict[str, Any]]]] = {}


def export_section_register(*, model, section: str, rows: Callable[[Beneficiary], list[dict[str, Any]]]) -> None:
    """Export ``model``'s rows of a file (a table of a higher app) as ``section``, listed by ``rows(file)``."""
    EXPORTED_RELATIONS[model._meta.label_lower] = section
    _registered_sections[section] = rows


def _when(value) -> str | None:
    return value.isoformat() if value else None


def beneficiary_export(*, beneficiary: Beneficiary) -> dict[str, Any]:
    b = beneficiary
    return {
        "format_version": FORMAT_VERSION,
        "file": {
            "public_id": b.public_id,
            "file_number": b.file_number,
            "desk": b.desk.name,
            "first_name": b.first_name,
            "last_name": b.last_name,
            "phone": b.phone.as_e164 if b.phone else "",
            "email": b.email,
            # A detail opens the file (sign-in, codes) only once the person proved it: when they did, or None.
            "phone_proven_at": _when(b.phone_proven_at),
            "email_proven_at": _when(b.email_proven_at),
            "birth_year": b.birth_year,
            "sex": b.sex,
            "nationality": b.nationality,
            "schooling": b.get_schooling_display() if b.schooling is not None else None,
            "languages": [language.code for language in b.languages.all()],
            "preferred_language": b.preferred_language,
            "residence_status": b.residence_status,
            "residence_document_number": b.residence_document_number,
            "created_at": _when(b.created_at),
            "updated_at": _when(b.updated_at),
            "last_activity_at": _when(b.last_activity_at),
            # How far the person went, as the reports count it (their applications' first moves).
            "applied_at": _when(b.applied_at),
            "accepted_at": _when(b.accepted_at),
            "enrolled_at": _when(b.enrolled_at),
            "completed_at": _when(b.completed_at),
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
        "orientation_results": [
            {
                "saved_at": _when(r.created_at),
                "source": r.source,
                "answers": r.answers,
                "trades": r.trades,
                "programmes": r.programmes,
                "appraisal": r.appraisal,
                "next_steps": r.next_steps,
                "recorded_by": r.recorded_by.get_username() if r.recorded_by else None,
            }
            for r in b.orientation_results.select_related("recorded_by")
        ],
        # Who did what with the file, and when: the audit lines about it (they hold no values).
        "file_history": [
            {"at": _when(e.at), "action": e.action, "by_staff": e.actor_id is not None and e.actor_id != b.account_id}
            for e in file_history(beneficiary=b)
        ],
        **{section: rows(b) for section, rows in _registered_sections.items()},
    }


def profile_rows(beneficiary: Beneficiary) -> list[tuple[str, object, bool | None]]:
    """The file's fields with their translated names and displayed values (the JSON download has them raw).

    The third item says, for a phone or e-mail given, whether the person proved it with a code (None for
    the other fields).
    """
    rows = []
    for name in ("file_number", *PROFILE_FIELDS):
        field = Beneficiary._meta.get_field(name)
        value = getattr(beneficiary, f"get_{name}_display")() if field.choices else getattr(beneficiary, name)
        proven = getattr(beneficiary, f"{name}_is_proven") if name in CONTACT_PROOFS and value else None
        rows.append((field.verbose_name, value, proven))
    languages = ", ".join(str(language) for language in beneficiary.languages.all())
    rows.append((Beneficiary._meta.get_field("languages").verbose_name, languages, None))
    return rows
