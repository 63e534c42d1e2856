"""The versioned public JSON API (OpenAPI at /api/openapi.json, docs at /api/docs)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from api.catalog import ApiError
from api.catalog import router as catalog_router
from api.referrals import router as referrals_router
from api.search import router as search_router

api = NinjaAPI(
    title="Guichet API",
    version="1",
    description=(
        "Public catalogue of trainings of the Guichet network of migrant information and orientation desks. "
        "Texts come in the language asked by `?lang=fr|ar|en` or the Accept-Language header (French by default). "
        "List endpoints answer `{count, items}` and take `limit` and `offset`."
    ),
    urls_namespace="api",
)
api.add_router("/v1/", catalog_router)
api.add_router("/v1/", search_router)
api.add_router("/v1/", referrals_router)


@api.exception_handler(ApiError)
def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.detail, "errors": exc.errors}, status=exc.status)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        name = str(error.get("loc", ["", "?"])[-1])
        errors.setdefault(name, []).append(_("This value is not valid."))
    return api.create_response(request, {"detail": _("Some parameters are not valid."), "errors": errors}, status=400)
