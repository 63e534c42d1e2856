"""Reading readers' feedback, for editors and the reports page. Never shown publicly."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from content.models import Feedback


@dataclass(frozen=True)
class NoShare:
    """The answers about one page in one language over a period."""

    path: str
    language: str
    yes: int
    no: int

    @property
    def total(self) -> int:
        return self.yes + self.no

    @property
    def share_no(self) -> float:
        """The share of "No" among the answers, from 0 to 1."""
        return self.no / self.total if self.total else 0.0


def feedback_no_share(first: datetime.date, last: datetime.date) -> list[NoShare]:
    """Per page and language, the "Yes" and "No" of the days from ``first`` to ``last`` (both included, in the
    site's time zone), archived answers included; the pages with the largest share of "No" first."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    rows = (
        Feedback.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("path", "language")
        .annotate(yes=Count("pk", filter=Q(helped=True)), no=Count("pk", filter=Q(helped=False)))
        .order_by("path", "language")
    )
    shares = [NoShare(path=r["path"], language=r["language"], yes=r["yes"], no=r["no"]) for r in rows]
    return sorted(shares, key=lambda s: (-s.share_no, -s.total, s.path, s.language))
