"""The versioned public JSON API (OpenAPI at /api/openapi.json, docs at /api/docs)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from api.applications import router as applications_router
from api.appointments import router as appointments_router
from api.catalog import router as catalog_router
from api.common import ApiError, language_asked, use_language
from api.open_data import router as open_data_router
from api.orientation import router as orientation_router
from api.queue import router as queue_router
from api.referrals import router as referrals_router
from api.search import router as search_router

api = NinjaAPI(
    title="Guichet API",
    version="1",
    description=(
        "Public catalogue of trainings of the Guichet network of migrant information and orientation desks. "
        "Texts come in the language asked by `?lang=fr|ar|en` or the Accept-Language header (French by default). "
        "List endpoints answer `{count, items}` and take `limit` and `offset`. "
        "Referrals are for signed-in provider staff: anonymous callers get 401, other accounts 404. "
        "Applications are for signed-in staff, scoped as the pages: provider staff see the applications to their "
        "programmes, counsellors their desk's people's; a session's seat figures are public."
    ),
    urls_namespace="api",
)
api.add_router("/v1/", catalog_router)
api.add_router("/v1/", search_router)
api.add_router("/v1/", referrals_router)
api.add_router("/v1/", orientation_router)
api.add_router("/v1/", appointments_router)
api.add_router("/v1/", queue_router)
api.add_router("/v1/", applications_router)
api.add_router("/v1/", open_data_router)


@api.exception_handler(ApiError)
def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.detail, "errors": exc.errors}, status=exc.status)


@api.exception_handler(AuthenticationError)
def sign_in_needed(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """An anonymous caller of an operation for signed-in staff: 401, in the shape and language of every error."""
    use_language(language_asked(request))
    return api.create_response(
        request, {"detail": _("Sign in with a staff account to use this operation."), "errors": {}}, status=401
    )


def _error_message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx", {})
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("This field is not known.")
    if kind == "literal_error" and "expected" in ctx:
        return _("Choose one of: %(values)s.") % {"values": ctx["expected"]}
    if kind == "iso_date":
        return _("Write the date as year-month-day, for example 2030-06-30.")
    if kind == "date_bounds":
        return _("Give a date between %(earliest)s and %(latest)s.") % ctx
    if kind == "year_bounds":
        return _("Give a year between %(earliest)s and %(latest)s.") % ctx
    return _("This value is not valid.")


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Bad query parameters: 400. A bad JSON body: 422, each error under its dotted path (``profile.city``).

    In the language the caller asked for, though the handler that would have applied it never ran.
    """
    use_language(language_asked(request))
    errors: dict[str, list[str]] = {}
    in_body = any(error.get("loc", ("",))[0] == "body" for error in exc.errors)
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ["", "?"])]
        if in_body:
            # ("body", "<parameter>", "profile", "city") -> "profile.city"
            name = ".".join(loc[2:]) or "body"
            errors.setdefault(name, []).append(_error_message(error))
        elif error.get("type") == "missing":
            errors.setdefault(loc[-1], []).append(_("This parameter is required."))
        else:
            errors.setdefault(loc[-1], []).append(_("This value is not valid."))
    if in_body:
        return api.create_response(request, {"detail": _("Some answers are not valid."), "errors": errors}, status=422)
    return api.create_response(request, {"detail": _("Some parameters are not valid."), "errors": errors}, status=400)
