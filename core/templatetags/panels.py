"""``{% panels "place" name=value %}``: what higher apps put at a named place of a page (core/panels.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from core.panels import panels_render

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: template.Context, place: str, **values) -> SafeString:
    return panels_render(place, request=context.get("request"), **values)
