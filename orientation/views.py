"""Orientation pages: the guide, the questionnaire, the results and the sheet.

Thin views: the questionnaire's steps (``questionnaire.py``) hold the forms,
``recommend.py`` the ranking, ``sheet.py`` the PDF. Answers stay in the
session; nobody needs an account.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from catalog import selectors
from core.caching import public_page
from orientation import counting, keeping, questionnaire
from orientation.interests import trades_by_interest
from orientation.recommend import recommend
from orientation.selectors import desk_nearest

NAV = {"nav": "orientation"}


@require_safe
@public_page
def start(request: HttpRequest) -> HttpResponse:
    groups = trades_by_interest(list(selectors.trade_list()))
    first = questionnaire.STEPS[0].slug
    return render(request, "orientation/start.html", {"groups": groups, "first_step": first, **NAV})


def _neighbour(index: int, action: str) -> str | None:
    """The step to show after ``action`` on step ``index``; None means the results."""
    target = index - 1 if action == "back" else index + 1
    if target < 0:
        return questionnaire.STEPS[0].slug
    if target >= len(questionnaire.STEPS):
        return None
    return questionnaire.STEPS[target].slug


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    current = questionnaire.STEP_BY_SLUG.get(slug)
    if current is None:
        raise Http404(slug)
    index = questionnaire.STEPS.index(current)
    profile = questionnaire.load(request.session)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "next")
        form = current.form_class(data=request.POST)
        # Skip saves nothing; back saves what is valid and never holds the person on this step.
        if action in {"skip", "back"} or form.is_valid():
            if action != "skip" and form.is_valid():
                form.save_to(profile)
                questionnaire.store(request.session, profile)
            target = _neighbour(index, "back" if action == "back" else "next")
            if target is None:
                return redirect("orientation:results")
            return redirect("orientation:step", slug=target)
        status = 400
    else:
        form = current.form_class(initial=current.form_class.initial_from(profile))
    context = {
        "step": current,
        "number": index + 1,
        "steps": questionnaire.STEPS,
        "form": form,
        "previous": questionnaire.STEPS[index - 1] if index else None,
        **NAV,
    }
    return render(request, "orientation/step.html", context, status=status)


@require_POST
def restart(request: HttpRequest) -> HttpResponse:
    questionnaire.clear(request.session)
    counting.completion_forget(request.session)
    return redirect("orientation:step", slug=questionnaire.STEPS[0].slug)


def _results_context(request: HttpRequest) -> dict:
    profile = questionnaire.load(request.session)
    today = timezone.localdate()
    recommendations = recommend(profile=profile, today=today)
    return {
        "profile": profile,
        "answered": not profile.is_empty,
        "trades": recommendations.trades[:5],
        "programmes": recommendations.programmes,
        "desk": desk_nearest(city=profile.city),
        "today": today,
        "first_step": questionnaire.STEPS[0].slug,
        **NAV,
    }


@never_cache
@require_safe
def results(request: HttpRequest) -> HttpResponse:
    context = _results_context(request)
    if request.method == "GET":
        counting.completion_count(request.session, context["profile"], language=get_language())
    context["can_save"] = context["answered"] and keeping.results_can_keep(request)
    return render(request, "orientation/results.html", context)


@require_POST
def results_save(request: HttpRequest) -> HttpResponse:
    """A signed-in person keeps the answers of this session, and what they gave, in their own file."""
    if not keeping.results_can_keep(request):
        return redirect("me:sign_in")
    profile = questionnaire.load(request.session)
    if profile.is_empty:
        messages.info(request, _("Answer at least one question before saving."))
        return redirect("orientation:results")
    keeping.results_keep(request, profile)
    messages.success(request, _("Your results are saved to your file."))
    return redirect("me:home")


@never_cache
@require_safe
def sheet(request: HttpRequest) -> HttpResponse:
    # WeasyPrint is slow to import: only the sheet pays for it.
    from orientation.sheet import sheet_pdf

    context = _results_context(request)
    pdf = sheet_pdf(context=context, results_url=request.build_absolute_uri(reverse("orientation:results")))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="orientation.pdf"'
    return response
