"""Views that fail as a database under load does, for core/tests/test_busy.py."""

from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.urls import path


def _raises(error: OperationalError):
    def view(request):
        raise error

    return view


def _with_cause(cause: BaseException) -> OperationalError:
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def _postgresql_error(name: str) -> BaseException:
    import psycopg.errors

    return getattr(psycopg.errors, name)("canceling statement due to lock timeout")


urlpatterns = [
    path("api/v1/busy", _raises(OperationalError("database is locked"))),
    path("lock-timeout/", _raises(_with_cause(_postgresql_error("LockNotAvailable")))),
    path("broken/", _raises(OperationalError("no such table: people_beneficiary"))),
    *i18n_patterns(path("busy/", _raises(OperationalError("database is locked")))),
]
