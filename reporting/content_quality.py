"""The content's own report, on the network's reports page: how much is translated, which pages confused readers.

Two tables from the content tools (issue 16): translation coverage per kind
of text and language (``catalog.translation_status.coverage``), and readers'
answers to "Did this page help you?" per page and language over the
report's period (``content.selectors.feedback_no_share``). Neither holds
anything about a person: no suppression is needed, and only the network's
report (a national administrator's) shows them, since the catalogue and its
pages belong to the whole network.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from catalog.translation_status import CoverageRow, coverage
from content.selectors import NoShare, feedback_no_share
from reporting.queries import ReportQuery

MOST_PAGES = 20  # the pages with the largest share of "No": the ones to read again first


@dataclass(frozen=True)
class Named:
    """A row and the name of its language, in the page's language."""

    row: CoverageRow | NoShare
    language_name: str


@dataclass(frozen=True)
class ContentQuality:
    coverage: list[Named]
    feedback: list[Named]
    feedback_pages: int  # pages with at least one answer in the period (more than are listed)


def content_quality(query: ReportQuery) -> ContentQuality | None:
    """The content's tables for the network's report; None for any narrower scope."""
    if query.scope != "network":
        return None
    names = {code: str(name) for code, name in settings.LANGUAGES}
    shares = feedback_no_share(query.first, query.last)
    return ContentQuality(
        coverage=[Named(row, names.get(row.language, row.language)) for row in coverage()],
        feedback=[Named(row, names.get(row.language, row.language)) for row in shares[:MOST_PAGES]],
        feedback_pages=len(shares),
    )
