"""A database too busy to answer in time is a "try again" page (503), never a 500.

PostgreSQL gives up on a statement or a lock wait after the timeouts set in
settings (``DATABASE_STATEMENT_TIMEOUT_MS``, ``DATABASE_LOCK_TIMEOUT_MS``), and
picks a victim among transactions that deadlock or fail to serialise; SQLite
gives up on its write lock after the busy timeout. In each case the
transaction was rolled back whole: nothing is half-written, and the same
request a moment later will most likely succeed. The person is told so, in
their language, with ``Retry-After``; other database errors stay 500s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
# PostgreSQL's codes for "gave up waiting, try again": lock_not_available, query_canceled
# (statement timeout), serialization_failure, deadlock_detected.
BUSY_SQLSTATES = frozenset({"55P03", "57014", "40001", "40P01"})
# SQLite's messages when the busy timeout ran out.
BUSY_SQLITE_MESSAGES = ("database is locked", "database table is locked")


def database_busy(exception: BaseException) -> bool:
    """True when ``exception`` says the database gave up waiting, not that something is wrong."""
    if not isinstance(exception, OperationalError):
        return False
    if getattr(exception.__cause__, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    return str(exception).strip().lower() in BUSY_SQLITE_MESSAGES


def busy_response(request: HttpRequest) -> HttpResponse:
    message = _("Many people are using Guichet at this moment. Nothing was saved: please try again in a moment.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        # Like the 500 page: no database and no context processors, it must render under load.
        response = HttpResponse(loader.get_template("503.html").render({"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Answers 503 "try again" to a view whose database wait timed out (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_busy(exception):
            return None
        # The kind of wait only: a statement's text may hold personal values.
        logger.warning(
            "Database busy, answered 503: %s %s",
            getattr(exception.__cause__, "sqlstate", None) or "sqlite",
            request.resolver_match.view_name if request.resolver_match else "",
        )
        return busy_response(request)
