"""Saving a reader's feedback: masked, bounded, anonymous, and at most 10 an hour from one address."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from content.masking import mask_personal_details
from content.models import COMMENT_MAX_LENGTH, Feedback

RATE_LIMIT = 10  # answers an hour from one address: a family sharing a phone, a desk's network
RATE_WINDOW_SECONDS = 3600


class TooMuchFeedback(Exception):
    """The address gave RATE_LIMIT answers within the hour: nothing is saved."""


def _rate_key(address: str) -> str:
    # The cache holds a keyed digest, never the address itself.
    digest = hmac.new(f"content.feedback:{settings.SECRET_KEY}".encode(), address.encode(), hashlib.sha256)
    return f"content:feedback-rate:{digest.hexdigest()[:32]}"


def feedback_rate_take(address: str | None) -> None:
    """Count one answer from ``address``; raises TooMuchFeedback past the limit.

    The window starts with the first answer and lasts an hour. With the cache down, nothing is counted
    (the cache fails soft, core/cache_backend.py): feedback is not worth refusing readers for.
    """
    if not address:
        return
    key = _rate_key(address)
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        return
    if count > RATE_LIMIT:
        raise TooMuchFeedback


def feedback_submit(
    *, page: str, language: str, helped: bool, comment: str, content_version: str, client_address: str | None
) -> Feedback:
    """Save one answer. ``page`` and ``language`` come from ``content.pages.feedback_page``.

    ``client_address`` serves the rate limit only and is never stored. Raises TooMuchFeedback.
    """
    feedback_rate_take(client_address)
    masked = mask_personal_details(comment.strip())[:COMMENT_MAX_LENGTH]
    return Feedback.objects.create(
        path=page, language=language, helped=helped, comment=masked, content_version=content_version
    )
