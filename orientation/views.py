"""Orientation: helping a person choose a trade.

This page is the guide to the trades by interest and the way to a desk; the
step-by-step questionnaire builds on the same interests (``interests.py``).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from catalog import selectors
from guichet.caching import public_page
from orientation.interests import trades_by_interest


@require_safe
@public_page
def start(request: HttpRequest) -> HttpResponse:
    groups = trades_by_interest(list(selectors.trade_list()))
    return render(request, "orientation/start.html", {"groups": groups})
