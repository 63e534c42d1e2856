"""Named places on a page that apps of a higher layer fill, without the page's app importing them.

A lower app's page (a desk's page in the catalogue, a person's file, the
orientation results) names a place with ``{% panels "desk_detail" desk=desk %}``;
an app above it (appointments, later applications) registers, in its
``AppConfig.ready``, a function that returns the HTML to put there, or ""
for nothing. The page's app knows only the name of the place: the layering
(README, ``lint-imports``) holds, and a page renders the same when no app
fills the place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

# A panel: (the request, the page's named values) -> HTML, already escaped (a rendered template).
Panel = Callable[..., str]

_panels: dict[str, list[tuple[int, Panel]]] = {}


def panel_register(place: str, panel: Panel, *, order: int = 100) -> None:
    """Fill ``place`` with ``panel``; panels of one place render by ``order``, then by registration."""
    entries = _panels.setdefault(place, [])
    if any(existing is panel for _order, existing in entries):
        return
    entries.append((order, panel))
    entries.sort(key=lambda entry: entry[0])


def panels_render(place: str, *, request: HttpRequest | None, **values: Any) -> SafeString:
    """Every panel of ``place``, in order, joined: what the template tag puts on the page."""
    parts = [panel(request, **values) for _order, panel in _panels.get(place, [])]
    return mark_safe("".join(part for part in parts if part))  # panels return rendered templates
