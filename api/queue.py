"""The walk-in queue, read from outside: what a desk's now-serving screen shows (public, numbers only).

Answered fresh every time (``Cache-Control: no-cache, max-age=0``): the
screen polls it every few seconds and a cached copy would show a number
already gone. No name, phone or file: a ticket is its number and counter.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from ninja import Router, Schema
from ninja.decorators import decorate_view

from api.common import ApiError, Lang, check_params, use_language
from api.schemas import ErrorOut
from appointments import queue

router = Router(tags=["walk-in queue"])


class ServingOut(Schema):
    number: int
    counter: str
    status: Literal["called", "serving"]


class QueueOut(Schema):
    desk: str
    serving: list[ServingOut]
    waiting: int
    estimated_wait_minutes: int
    updated_at: datetime.datetime


@router.get(
    "/desks/{slug}/queue",
    response={200: QueueOut, 400: ErrorOut, 404: ErrorOut},
    summary="A desk's walk-in queue now",
    url_name="desk_queue",
)
@decorate_view(cache_control(no_cache=True, max_age=0))
def desk_queue(request: HttpRequest, slug: str, lang: Lang | None = None):
    """The tickets called or being served and at which counter, how many wait, and the estimated wait of
    someone taking a number now (today's median service time × people waiting ÷ counsellors serving)."""
    use_language(lang)
    check_params(request, {"lang"})
    try:
        desk = queue.public_desk(slug=slug)
    except Http404 as exc:
        raise ApiError(404, _("No desk has this identifier.")) from exc
    state = queue.queue_state(desk=desk)
    return {
        "desk": desk.slug,
        "serving": [{"number": t.number, "counter": t.counter, "status": t.status} for t in state.serving],
        "waiting": state.waiting,
        "estimated_wait_minutes": state.estimated_wait_minutes,
        "updated_at": state.updated_at,
    }
