"""Counting completed questionnaires without keeping anything of the person (``orientation.CompletionCount``).

A questionnaire counts once per session from the first time its results are
shown with at least one answer: reloading the results page counts nothing
more; starting again (``restart``) counts the next completion.
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from catalog.models import City
from orientation.models import CompletionCount
from orientation.profile import Profile

COUNTED_KEY = "orientation_counted"


def completion_count(session: SessionBase, profile: Profile, *, language: str) -> bool:
    """Add this session's completed questionnaire to the day's count, once. Returns whether it was counted now."""
    if profile.is_empty or session.get(COUNTED_KEY):
        return False
    region_id = None
    if profile.city:
        region_id = City.objects.filter(slug=profile.city).values_list("region_id", flat=True).first()
    with transaction.atomic():
        row, _created = CompletionCount.objects.get_or_create(
            day=timezone.localdate(), language=language, region_id=region_id
        )
        CompletionCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
    session[COUNTED_KEY] = True
    return True


def completion_forget(session: SessionBase) -> None:
    """A new questionnaire begins: its completion will count."""
    session.pop(COUNTED_KEY, None)
