"""Public pages of the catalogue: thin views over the selectors."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalog import selectors, translation_status
from catalog.forms import ProgrammeFilterForm
from catalog.structured_data import json_ld, programme_course
from core.caching import public_page


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/home.html", {"trades": selectors.trade_list()})


@require_safe
@public_page
def trade_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/trade_list.html", {"trades": selectors.trade_list()})


@require_safe
@public_page
def trade_detail(request: HttpRequest, slug: str) -> HttpResponse:
    trade = selectors.trade_get(slug=slug)
    # The soonest few; the filtered list pages through the rest (a trade can have thousands).
    programmes = selectors.programme_card_list(filters=selectors.ProgrammeFilters(trade=trade.slug))
    # One more than shown says whether there are more, without a query of its own.
    shown = list(programmes[: settings.GUICHET_PAGE_SIZE + 1])
    more = len(shown) > settings.GUICHET_PAGE_SIZE
    context = {
        "trade": trade,
        "programmes": shown[: settings.GUICHET_PAGE_SIZE],
        "more": more,
        "outdated": translation_status.outdated_fields(trade),
    }
    return render(request, "catalog/trade_detail.html", context)


def _page(request: HttpRequest, items) -> Page:
    """The page of ``items`` asked for by ``?page=``, or 404."""
    try:
        return Paginator(items, settings.GUICHET_PAGE_SIZE).page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(_("This page of results does not exist.")) from exc


@require_safe
@public_page
def programme_list(request: HttpRequest) -> HttpResponse:
    form = ProgrammeFilterForm(data=request.GET)
    if not form.is_valid():
        context = {"form": form, "page": None, "query": ""}
        return render(request, "catalog/programme_list.html", context, status=400)
    page = _page(request, selectors.programme_card_list(filters=form.to_filters()))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "filters": form.to_filters()}
    return render(request, "catalog/programme_list.html", context)


@require_safe
@public_page
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_get(slug=slug)
    course, source = json_ld(programme_course(programme))
    context = {"programme": programme, "json_ld": course, "outdated": translation_status.outdated_fields(programme)}
    response = render(request, "catalog/programme_detail.html", context)
    # The structured data's script, allowed by its hash alone (django-csp merges this into the page's policy).
    response._csp_update = {"script-src": [source]}
    return response


@require_safe
@public_page
def desk_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/desk_list.html", {"desks": selectors.desk_list()})


@require_safe
@public_page
def desk_detail(request: HttpRequest, slug: str) -> HttpResponse:
    desk = selectors.desk_get(slug=slug)
    context = {"desk": desk, "outdated": translation_status.outdated_fields(desk)}
    return render(request, "catalog/desk_detail.html", context)


@require_safe
@public_page
def provider_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/provider_list.html", {"providers": selectors.provider_list()})


@require_safe
@public_page
def provider_detail(request: HttpRequest, slug: str) -> HttpResponse:
    provider = selectors.provider_get(slug=slug)
    # A training centre can run dozens of programmes: a page of them at a time.
    page = _page(request, selectors.programme_card_list().filter(provider=provider))
    context = {
        "provider": provider,
        "page": page,
        "query": "",
        "outdated": translation_status.outdated_fields(provider),
    }
    return render(request, "catalog/provider_detail.html", context)


@require_safe
@public_page
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A region's desks and trainings on one page: what a person saves to read offline."""
    region = selectors.region_get(slug=slug)
    context = {
        "region": region,
        "desks": selectors.desk_list(region=region.slug),
        "programmes": selectors.region_programme_list(region=region),
    }
    return render(request, "catalog/region_detail.html", context)
