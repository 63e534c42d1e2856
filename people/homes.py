"""Where ``/desk/`` sends a staff member whose work is not the counsellor's workspace.

``/desk/`` (``people:today``) is where staff land after signing in. An app
above people that gives another role its own workspace (provider staff's
applications) registers it here at start-up, with the predicate of the
role: people never names those apps' pages.
"""

from __future__ import annotations

from django.urls import reverse

from accounts.selectors import Predicate, User

_homes: list[tuple[Predicate, str]] = []


def staff_home_register(*, predicate: Predicate, url_name: str) -> None:
    """Send users for whom ``predicate`` holds (and who are not counsellors) from /desk/ to ``url_name``."""
    if (predicate, url_name) not in _homes:
        _homes.append((predicate, url_name))


def staff_home_for(user: User) -> str | None:
    """The URL of the first registered workspace of ``user``'s roles, or None."""
    for predicate, url_name in _homes:
        if predicate(user):
            return reverse(url_name)
    return None
