"""Readers' feedback on public pages: anonymous, never shown publicly, read and archived by editors."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

models.CharField.register_lookup(Length)  # path__length in the constraints below
models.TextField.register_lookup(Length)

# Bounds of what is kept: a path of our own site, a short comment (what a phone's thumb writes).
PATH_MAX_LENGTH = 200
COMMENT_MAX_LENGTH = 1000
VERSION_MAX_LENGTH = 40


class FeedbackQuerySet(models.QuerySet):
    def live(self) -> FeedbackQuerySet:
        return self.filter(archived_at__isnull=True)


class Feedback(models.Model):
    """One answer to "Did this page help you?". No account, no address: nothing says who wrote it."""

    path = models.CharField(
        _("page"),
        max_length=PATH_MAX_LENGTH,
        help_text=_("The page's address without its language prefix, e.g. /programmes/jewellery/."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    content_version = models.CharField(
        _("content version"),
        max_length=VERSION_MAX_LENGTH,
        blank=True,
        help_text=_("The version of the catalogue the page showed."),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    helped = models.BooleanField(_("the page helped"))
    comment = models.TextField(
        _("comment"),
        blank=True,
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Phone numbers, e-mail addresses and document numbers are masked before storage."),
    )
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback on a page")
        verbose_name_plural = _("feedback on pages")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["path", "language", "created_at"], name="content_feedback_page")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(path__startswith="/") & models.Q(path__length__lte=PATH_MAX_LENGTH),
                name="content_feedback_path_own",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="content_feedback_language_known",
            ),
            models.CheckConstraint(
                condition=models.Q(comment__length__lte=COMMENT_MAX_LENGTH),
                name="content_feedback_comment_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.path} ({self.language})"


class ImportBatch(models.Model):
    """The parsed rows of one uploaded catalogue file, kept between its preview and its confirmation.

    Never the file itself: only the rows read from it, as JSON. Deleted once
    imported; an unconfirmed one expires an hour after it was read.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    provider = models.ForeignKey(
        "catalog.Provider", on_delete=models.CASCADE, related_name="+", verbose_name=_("provider")
    )
    rows = models.JSONField(_("rows read"), default=list)
    digest = models.CharField(_("digest"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")), name="importbatch_expires_after_created"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.created_at:%Y-%m-%d %H:%M}"
