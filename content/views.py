"""The feedback form's answer: POST /<lang>/feedback/, then a thank-you page in the page's language.

The form sits at the end of every public page, and those pages are kept whole
by the shared page cache (core/caching.py): they hold no CSRF token and set no
cookie, so this view cannot ask for Django's token and is exempt from it.
What the token would prevent, another site making a visitor's browser post
here, is refused instead by the browser's own word on where the form comes
from: ``Sec-Fetch-Site`` (every current browser), else ``Origin``, else
``Referer`` must name this site. A client that sends none of them is not a
browser tricked by another site; it gets what anyone gets: the rate limit
(10 an hour per address) and a form that changes nothing but this table.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from content.forms import FeedbackForm
from content.pages import feedback_page
from content.services import TooMuchFeedback, feedback_submit
from core.http import client_ip


def _from_this_site(request: HttpRequest) -> bool:
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site:
        return fetch_site in {"same-origin", "none"}
    here = f"{request.scheme}://{request.get_host()}"
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin == here or origin in settings.CSRF_TRUSTED_ORIGINS
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
        return origin == here or origin in settings.CSRF_TRUSTED_ORIGINS
    return True


def _result(request: HttpRequest, *, status: int, title: str, lines: list[str], back: str | None) -> HttpResponse:
    context = {"title": title, "lines": lines, "back": back, "failed": status >= 400}
    return render(request, "content/feedback_result.html", context, status=status)


def _back(raw: str) -> str | None:
    """The page to go back to: one of ours that takes feedback, else None (never another site)."""
    found = feedback_page(raw)
    return f"/{found[1]}{found[0]}" if found else None


@csrf_exempt  # see the module's docstring: checked by _from_this_site
@never_cache
@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    back = _back(request.POST.get("page", ""))
    if not _from_this_site(request):
        lines = [_("This form was sent from another site. Nothing was saved.")]
        return _result(request, status=403, title=_("Your answer was not saved"), lines=lines, back=back)
    form = FeedbackForm(data=request.POST)
    if not form.is_valid():
        lines = [error for errors in form.errors.values() for error in errors]
        return _result(request, status=400, title=_("Your answer was not saved"), lines=lines, back=back)
    page, language = form.cleaned_data["page"]
    try:
        feedback_submit(
            page=page,
            language=language,
            helped=form.cleaned_data["rating"] == "yes",
            comment=form.cleaned_data["comment"],
            content_version=form.cleaned_data["version"],
            client_address=client_ip(request),
        )
    except TooMuchFeedback:
        lines = [_("Many answers were sent from your connection in the last hour. Please try again later.")]
        return _result(request, status=429, title=_("Your answer was not saved"), lines=lines, back=back)
    response = HttpResponseRedirect(f"{reverse('content:thanks')}?{urlencode({'page': f'/{language}{page}'})}")
    response.status_code = 303  # See Other: reloading the thank-you page sends nothing twice
    return response


@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    lines = [_("Thank you. Your answer helps us improve this page. Nobody will reply to it.")]
    back = _back(request.GET.get("page", ""))
    return _result(request, status=200, title=_("Thank you"), lines=lines, back=back)
