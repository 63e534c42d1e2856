"""Display helpers for catalogue templates; no logic beyond saying things."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from catalog import criteria

register = template.Library()


@register.filter
def duration(weeks: int) -> str:
    return criteria.duration_text(weeks)


@register.filter
def names(items) -> str:
    """Objects' names joined the way the page's language joins them."""
    return criteria.names_list(items)


@register.simple_tag
def pictogram(name: str, css_class: str = "pictogram") -> str:
    """An SVG symbol from the sprite; decorative, so hidden from screen readers."""
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        css_class,
        static("img/trades.svg"),
        name,
    )


@register.simple_tag
def admission_criteria(programme) -> list[criteria.CriterionText]:
    return criteria.admission_criteria(programme)
