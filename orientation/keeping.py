"""Where a signed-in person's results can be kept.

Orientation is anonymous and knows nothing of files or accounts; the app
that keeps people's files (``people``) registers here, at start-up, how to
tell whether a visitor has a file and how to keep their results in it.
Without one registered, the results page simply offers no saving.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from orientation.profile import Profile


@dataclass(frozen=True)
class ResultsKeeper:
    can_keep: Callable[[HttpRequest], bool]
    keep: Callable[[HttpRequest, Profile], None]


_keeper: ResultsKeeper | None = None


def results_keeper_register(keeper: ResultsKeeper) -> None:
    global _keeper
    _keeper = keeper


def results_can_keep(request: HttpRequest) -> bool:
    """True when this visitor has somewhere to keep their results (no query for anonymous visitors)."""
    return _keeper is not None and request.user.is_authenticated and _keeper.can_keep(request)


def results_keep(request: HttpRequest, profile: Profile) -> None:
    if _keeper is None:
        raise RuntimeError("No app keeps orientation results.")
    _keeper.keep(request, profile)
