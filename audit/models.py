"""The append-only audit log: who did what to which record, when and from where.

The ground layer: any app writes to it through ``audit.services.audit_record``;
it imports no domain app. Lines name records by type and id, never hold the
sensitive values themselves.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    FILE_READ = "file_read", _("File read")
    FILE_CREATE = "file_create", _("File created")
    FILE_UPDATE = "file_update", _("File changed")
    NOTE_CREATE = "note_create", _("Note written")
    DOCUMENT_SEEN = "document_seen", _("Document marked seen")
    CONSENT_RECORD = "consent_record", _("Consent recorded")
    CONSENT_WITHDRAW = "consent_withdraw", _("Consent withdrawn")
    FILE_ERASE = "file_erase", _("File erased")
    SEARCH = "search", _("Files searched")
    EXPORT = "export", _("Data exported")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_OUT = "sign_out", _("Signed out")
    ACCESS_REFUSED = "access_refused", _("Access refused")
    SECOND_FACTOR_ENROL = "second_factor_enrol", _("Authenticator app set up")
    SECOND_FACTOR_PASSED = "second_factor_passed", _("Second factor checked")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("Second factor refused")
    ACCOUNT_LINK = "account_link", _("Account linked to a file")
    ORIENTATION_SAVE = "orientation_save", _("Orientation saved")
    REFERRAL_CREATE = "referral_create", _("Referral sent")
    REFERRAL_READ = "referral_read", _("Referral read")
    REFERRAL_WITHDRAW = "referral_withdraw", _("Referral withdrawn")
    AUDIT_READ = "audit_read", _("Audit log read")
    APPOINTMENT_BOOK = "appointment_book", _("Appointment booked")
    APPOINTMENT_READ = "appointment_read", _("Appointment read")
    APPOINTMENT_MOVE = "appointment_move", _("Appointment moved")
    APPOINTMENT_CANCEL = "appointment_cancel", _("Appointment cancelled")
    APPOINTMENT_OUTCOME = "appointment_outcome", _("Appointment outcome recorded")
    TICKET_CALL = "ticket_call", _("Ticket called")
    TICKET_ATTACH = "ticket_attach", _("Ticket attached to a file")
    TICKET_READ = "ticket_read", _("Ticket read")
    APPLICATION_CREATE = "application_create", _("Application made")
    APPLICATION_READ = "application_read", _("Application read")
    APPLICATION_MOVE = "application_move", _("Application moved to another state")
    SESSION_CAPACITY = "session_capacity", _("Session capacity changed")
    REPORT_EXPORT = "report_export", _("Report exported")
    TRANSLATION_CHECK = "translation_check", _("Translation checked as still right")
    CATALOGUE_IMPORT = "catalogue_import", _("Catalogue imported from a file")


class AuditObject(models.TextChoices):
    """The kinds of record a line is about. The stored values are those written since the log began."""

    BENEFICIARY = "beneficiary", _("File")
    REFERRAL = "referral", _("Referral")
    USER = "user", _("Account")
    WORKSPACE = "workspace", _("Workspace")
    AUDIT = "audit", _("Audit log")
    APPOINTMENT = "appointment", _("Appointment")
    TICKET = "ticket", _("Walk-in ticket")
    APPLICATION = "application", _("Application")
    SESSION = "session", _("Training session")
    REPORT = "report", _("Report")
    TRANSLATION = "translation", _("Translation")
    PROVIDER = "provider", _("Provider")


class AuditEvent(models.Model):
    """One line of the append-only audit log. Never holds the sensitive values themselves.

    On PostgreSQL a trigger (audit/migrations/0002) refuses UPDATE and DELETE. The
    actor is a plain reference without a database constraint, so removing a
    user never rewrites the log.
    """

    # Lines about a file name it by its public id: the person's export lists them (people/export.py).
    holds_personal_data = True

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=40, blank=True, choices=AuditObject.choices)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    ip_address = models.GenericIPAddressField(_("from where"), null=True, blank=True)
    detail = models.CharField(
        _("detail"), max_length=200, blank=True, help_text=_("Names of fields, never their values.")
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"], name="people_audi_object__0bf09c_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
