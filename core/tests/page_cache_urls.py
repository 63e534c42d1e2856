"""Views marked public that misbehave, for core/tests/test_page_cache.py: none of them may be kept."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.caching import public_page

calls = {"count": 0}


def _counted(body: str) -> HttpResponse:
    calls["count"] += 1
    return HttpResponse(f"{body} {calls['count']}")


@public_page
def with_token(request):
    get_token(request)  # a form with {% csrf_token %}: CsrfViewMiddleware sets its cookie on the way out
    return _counted("token")


@public_page
def with_cookie(request):
    response = _counted("cookie")
    response.set_cookie("seen", "yes")
    return response


@public_page
def varies_on_cookie(request):
    response = _counted("vary")
    patch_vary_headers(response, ("Cookie",))
    return response


@public_page
def private(request):
    response = _counted("private")
    patch_cache_control(response, private=True)
    return response


def not_marked(request):
    response = _counted("plain")
    patch_cache_control(response, public=True, max_age=60)
    return response


@public_page
def public(request):
    return _counted("public")


urlpatterns = [
    path("fr/token/", with_token),
    path("fr/cookie/", with_cookie),
    path("fr/vary/", varies_on_cookie),
    path("fr/private/", private),
    path("fr/plain/", not_marked),
    path("fr/public/", public),
]
