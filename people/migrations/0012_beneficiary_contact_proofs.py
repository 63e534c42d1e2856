"""Contact details open a file only once proven by the person (safety bar 18).

Existing details are unproven, except where the audit log shows the person
proved them with a code and no one changed them since: the file was opened
by the person online (sign-up, the detail they signed up with), or a
counsellor linked the account with the code the person received (the
detail named by that line). An account alone is no evidence: sign-in used
to create one for whatever number staff had typed, which is the very hole
this closes. A person whose number was only typed by staff signs in again
once the desk has them prove it ("Prove a phone number or e-mail address"
on their file).
"""

from django.db import migrations, models

CONTACTS = {"phone": "phone_proven_at", "email": "email_proven_at"}


def prove_contacts_with_evidence(apps, schema_editor):
    """Date each detail's proof from the audit log: the last sign-up or link that proved it, unless changed since."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    Beneficiary = apps.get_model("people", "Beneficiary")
    proofs: dict[int, dict[str, object]] = {}
    # Lines written before public ids name a file by its database id; later ones by its public id.
    by_public_id = dict(Beneficiary.objects.values_list("public_id", "pk"))
    events = AuditEvent.objects.filter(
        object_type="beneficiary", action__in=["file_create", "account_link", "file_update"]
    ).order_by("at", "id")
    for event in events.iterator():
        key = int(event.object_id) if event.object_id.isdigit() else by_public_id.get(event.object_id)
        if key is None:
            continue
        proof = proofs.setdefault(key, {})
        if event.action == "file_create" and event.detail.startswith("sign-up;"):
            # Sign-up writes only the detail the code proved; the other stays empty until changed.
            proof.update(dict.fromkeys(CONTACTS, event.at))
        elif event.action == "account_link" and event.detail in CONTACTS:
            proof[event.detail] = event.at
        elif event.action == "file_update":
            for name in set(event.detail.split(",")) & set(CONTACTS):
                proof[name] = None
    for beneficiary in Beneficiary.objects.filter(pk__in=list(proofs)).iterator():
        proof = proofs[beneficiary.pk]
        changed = {}
        for name, column in CONTACTS.items():
            if getattr(beneficiary, name) and proof.get(name):
                changed[column] = proof[name]
        if changed:
            Beneficiary.objects.filter(pk=beneficiary.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_alter_auditevent_action"),
        ("people", "0011_referral_withdrawal"),
    ]

    operations = [
        migrations.AddField(
            model_name="beneficiary",
            name="email_proven_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="e-mail proven on"),
        ),
        migrations.AddField(
            model_name="beneficiary",
            name="phone_proven_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="phone proven on"),
        ),
        migrations.AddConstraint(
            model_name="beneficiary",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("phone_proven_at__isnull", True), models.Q(("phone", ""), _negated=True), _connector="OR"
                ),
                name="beneficiary_phone_proven_is_given",
            ),
        ),
        migrations.AddConstraint(
            model_name="beneficiary",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("email_proven_at__isnull", True), models.Q(("email", ""), _negated=True), _connector="OR"
                ),
                name="beneficiary_email_proven_is_given",
            ),
        ),
        # After the constraints: no table change waits behind the rows written here (PostgreSQL).
        migrations.RunPython(prove_contacts_with_evidence, migrations.RunPython.noop),
    ]
