"""Every referral of ``people`` becomes an application, with the same public id and its history (issue 14).

The audit log names referrals by their public ids: each application keeps
its referral's, so old lines still name the record they were about. A
referral carried only its last status; its history becomes one or two log
rows: the referral made (``"" → submitted``, by the counsellor who made it,
when they made it), then the provider's answer at the referral's last
change (accepted, refused: reason "other") or the system's withdrawal when
consent was withdrawn (at ``withdrawn_at``).

One case the new states cannot hold: an accepted referral with no session
(an accepted application holds a seat, so has a session). It becomes
``under_review`` with a note saying so, for the desk to settle with the
provider. Seat counters are not touched: sessions' ``seats_taken`` already
count what the providers counted.

The code is copied here, not imported: a migration must not change when the
application's code does.

Reverse: nothing is done. The ``people`` migration that deletes the
referrals' table comes back empty when reversed, and the applications stay;
running this forward again finds no referral to copy, so nothing is doubled.
"""

from django.db import migrations

# people.selectors.PROVIDER_VISIBLE_FIELDS when referrals moved: what the person agreed to share by being referred.
SHARED_FIELDS = ["first_name", "last_name", "birth_year", "schooling", "languages", "documents"]
# Referral status -> (application state, reason, the role of the one who made that status, or None: no second row).
MOVES = {
    "sent": ("submitted", "", None),
    "accepted": ("accepted", "", "provider"),
    "refused": ("refused", "other", "provider"),
    "withdrawn": ("withdrawn", "consent_withdrawn", "system"),
}
ACCEPTED_WITHOUT_SESSION_NOTE = (
    "Accepted by the provider when referrals had no session: no session is set. "
    "Agree on a session with the provider, then apply for it."
)


def referrals_to_applications(apps, schema_editor) -> None:
    Referral = apps.get_model("people", "Referral")
    Application = apps.get_model("applications", "Application")
    ApplicationEvent = apps.get_model("applications", "ApplicationEvent")
    for referral in Referral.objects.order_by("pk").iterator():
        state, reason, role = MOVES[referral.status]
        moved_at = referral.withdrawn_at if referral.status == "withdrawn" else referral.updated_at
        note = ""
        if state == "accepted" and referral.session_id is None:
            state, note = "under_review", ACCEPTED_WITHOUT_SESSION_NOTE
        application = Application.objects.create(
            public_id=referral.public_id,
            beneficiary_id=referral.beneficiary_id,
            programme_id=referral.programme_id,
            session_id=referral.session_id,
            state=state,
            channel="desk",
            eligibility=referral.eligibility,
            shared_fields=SHARED_FIELDS,
            created_by_id=referral.created_by_id,
            created_at=referral.created_at,
            state_changed_at=moved_at if role else referral.created_at,
            reason=reason,
        )
        ApplicationEvent.objects.create(
            application=application,
            from_state="",
            to_state="submitted",
            at=referral.created_at,
            by_id=referral.created_by_id,
            role="counsellor",
        )
        if role:
            ApplicationEvent.objects.create(
                application=application,
                from_state="submitted",
                to_state=state,
                at=moved_at,
                role=role,
                reason=reason,
                note=note,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_event_append_only"),
        ("people", "0012_beneficiary_contact_proofs"),
    ]

    operations = [migrations.RunPython(referrals_to_applications, migrations.RunPython.noop, elidable=False)]
