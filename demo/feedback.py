"""A few readers' answers to "Did this page help you?", so editors find something to read and archive.

Demo machines only (like the demo accounts): invented answers are no reader's. Dated from the day of
loading; loading again adds nothing (each answer is found by its page, language and comment).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from catalog.models import Desk, Programme, Trade
from content.masking import mask_personal_details
from content.models import Feedback

# (days ago, language, helped, comment): comments as readers write them, masked as the form masks them.
ANSWERS = {
    "programme": [
        (1, "fr", True, "Très clair, merci. Je vais aller au guichet avec mes papiers."),
        (2, "ar", False, "لم أفهم هل يجب أن أحضر شهادة المدرسة. اتصلوا بي على 0612345678"),
        (5, "fr", False, "Il manque les horaires de la formation le samedi."),
        (9, "en", True, ""),
    ],
    "trade": [
        (3, "fr", True, ""),
        (4, "ar", True, "شرح جيد للحرفة"),
        (6, "en", False, "What does ISCO mean? My passport is AB1234567 if you need it."),
    ],
    "desk": [
        (2, "fr", False, "Le guichet était fermé mardi matin alors que la page dit ouvert."),
        (8, "fr", True, ""),
    ],
    "orientation": [(1, "ar", True, ""), (3, "en", False, "Too many questions on a small phone.")],
}


def feedback_ensure() -> int:
    """Add the demo answers not there yet; the number added."""
    programme = Programme.objects.published().order_by("slug").first()
    trade = Trade.objects.order_by("slug").first()
    desk = Desk.objects.order_by("slug").first()
    pages = {
        "programme": f"/programmes/{programme.slug}/" if programme else None,
        "trade": f"/trades/{trade.slug}/" if trade else None,
        "desk": f"/desks/{desk.slug}/" if desk else None,
        "orientation": "/orientation/",
    }
    now = timezone.now()
    added = 0
    for kind, answers in ANSWERS.items():
        path = pages[kind]
        if path is None:
            continue
        for days_ago, language, helped, comment in answers:
            _feedback, created = Feedback.objects.get_or_create(
                path=path,
                language=language,
                helped=helped,
                comment=mask_personal_details(comment),
                defaults={"created_at": now - datetime.timedelta(days=days_ago, hours=days_ago)},
            )
            added += created
    return added
