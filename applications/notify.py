"""Who is told of an application's moves, through the outbox, in their language, in the move's transaction.

- The person (their proven phone, else their proven e-mail): a decision, an
  offer with its deadline, a reminder before the offer ends, an offer that
  ended unanswered.
- The provider (the e-mail address in the catalogue): a new application, and
  one withdrawn, declined or ended, by reference and programme only; never
  the reason nor anything about the person.
- The counsellor reads decisions on the workspace (``wiring.decisions_panel``)
  and, if they ask for it, in a daily digest (``digest.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from applications.models import Application, Role, State
from notifications.models import Channel
from notifications.services import message_queue
from people.selectors import proven_contact

PERSON_TEMPLATES = {
    State.ACCEPTED: "applications/messages/accepted.txt",
    State.WAIT_LISTED: "applications/messages/wait_listed.txt",
    State.REFUSED: "applications/messages/refused.txt",
    State.OFFERED: "applications/messages/offered.txt",
    State.EXPIRED: "applications/messages/expired.txt",
}
# What the provider is told when an application leaves its hands.
PROVIDER_TOLD = (State.WITHDRAWN, State.DECLINED)


def _to_person(application: Application, template: str) -> None:
    recipient = proven_contact(application.beneficiary)
    if recipient is None:
        return
    channel, to = recipient
    language = application.beneficiary.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "programme": application.programme.title,
            "provider": application.programme.provider.name,
            "start": date_format(application.session.start_date, "SHORT_DATE_FORMAT") if application.session else "",
            "until": (
                date_format(timezone.localtime(application.offer_expires_at), "SHORT_DATETIME_FORMAT")
                if application.offer_expires_at
                else ""
            ),
        }
        sender = application.beneficiary.desk.name if application.beneficiary.desk_id else settings.GUICHET_SMS_SENDER
    message_queue(
        to=to,
        channel=channel,
        template=template,
        language=language,
        sender=sender,
        context=context,
        subject=gettext_lazy("Your application to a training"),
    )


def _to_provider(application: Application, template: str, subject) -> bool:
    provider = application.programme.provider
    if not provider.email:
        return False
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        programme = application.programme.title
    message_queue(
        to=provider.email,
        channel=Channel.EMAIL,
        template=template,
        language=language,
        sender=settings.GUICHET_SMS_SENDER,
        context={"reference": application.public_id, "programme": programme},
        subject=subject,
    )
    return True


def provider_new(*, application: Application) -> bool:
    return _to_provider(application, "applications/messages/provider_new.txt", gettext_lazy("A new application"))


def moved(*, application: Application, source: str, role: Role) -> None:
    """After a move: the person hears of decisions about them; the provider of applications leaving them."""
    template = PERSON_TEMPLATES.get(application.state)
    # An acceptance the person made themself (answering an offer) needs no text back.
    if template and not (application.state == State.ACCEPTED and role in (Role.PERSON, Role.COUNSELLOR)):
        _to_person(application, template)
    if application.state in PROVIDER_TOLD or (application.state == State.EXPIRED and source == State.OFFERED):
        _to_provider(
            application, "applications/messages/provider_withdrawn.txt", gettext_lazy("An application is withdrawn")
        )


def offer_reminder(*, application: Application) -> None:
    _to_person(application, "applications/messages/offer_reminder.txt")
