"""The search page: one box, the programme filters, facets with counts, never a dead end."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from catalog import selectors as catalog
from catalog.forms import ProgrammeFilterForm
from core.caching import public_page
from search import selectors
from search.forms import SearchForm

FACET_TITLES = {
    "trade": gettext_lazy("Trade"),
    "region": gettext_lazy("Region"),
    "city": gettext_lazy("City"),
    "schedule": gettext_lazy("Schedule"),
    "language": gettext_lazy("Teaching language"),
}


def _with(params: QueryDict, **changes: str) -> str:
    """The query string of this search with some parameters set (or removed when empty), page reset."""
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        if value:
            query[name] = value
        else:
            query.pop(name, None)
    return query.urlencode()


def _facet_links(params: QueryDict, facets: dict[str, list[selectors.FacetValue]]) -> list[dict]:
    """Each facet value as a link that selects it, or unselects it when it is selected."""
    return [
        {
            "name": name,
            "title": FACET_TITLES[name],
            "values": [{"value": v, "query": _with(params, **{name: "" if v.selected else v.value})} for v in values],
        }
        for name, values in facets.items()
        if values
    ]


@require_safe
@public_page
def results(request: HttpRequest) -> HttpResponse:
    search_form = SearchForm(data=request.GET)
    filter_form = ProgrammeFilterForm(data=request.GET)
    context = {"search_form": search_form, "form": filter_form, "result": None, "page": None, "programmes": []}
    context |= {"orientation_trades": catalog.trade_list()}
    if not (search_form.is_valid() and filter_form.is_valid()):
        return render(request, "search/results.html", context, status=400)
    query = search_form.cleaned_data["q"]
    if not query:
        return render(request, "search/results.html", context)
    result = selectors.search_run(query=query, filters=filter_form.to_filters())
    paginator = Paginator(result.programme_ids, settings.GUICHET_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(_("This page of results does not exist.")) from exc
    did_you_mean = result.query.did_you_mean
    context |= {
        "result": result,
        "page": page,
        "programmes": selectors.search_programmes(ids=list(page.object_list), cards=True),
        "query": _with(request.GET),
        "facets": _facet_links(request.GET, result.facets),
        "did_you_mean": did_you_mean,
        "did_you_mean_query": _with(request.GET, q=did_you_mean) if did_you_mean else "",
    }
    return render(request, "search/results.html", context)
