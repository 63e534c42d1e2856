"""Display helpers for catalogue templates; no logic beyond saying things."""

from __future__ import annotations

from functools import cache

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from catalog import criteria
from catalog.translation import shown_language
from core.bidi import without_bidi_controls

register = template.Library()


@register.filter
def duration(weeks: int) -> str:
    return criteria.duration_text(weeks)


@register.filter
def names(items) -> str:
    """Objects' names joined the way the page's language joins them."""
    return criteria.names_list(items)


@cache
def _sprite_url() -> str:
    # The fingerprinted name is fixed once static files are collected; looking it
    # up in the manifest for each of the sixty pictograms of a list page cost a
    # sixth of the page's rendering.
    return static("img/trades.svg")


@register.simple_tag
def pictogram(name: str, css_class: str = "pictogram") -> str:
    """An SVG symbol from the sprite; decorative, so hidden from screen readers."""
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        css_class,
        _sprite_url(),
        name,
    )


@register.simple_tag
def admission_criteria(programme) -> list[criteria.CriterionText]:
    return criteria.admission_criteria(programme)


def _language_attributes(obj, field: str) -> str:
    code = shown_language(obj, field)
    page = get_language()
    if code == page:
        return ""
    attributes = format_html(' lang="{}"', code)
    if get_language_info(code)["bidi"] != get_language_info(page)["bidi"]:
        attributes += format_html(' dir="{}"', "rtl" if get_language_info(code)["bidi"] else "ltr")
    return attributes


@register.simple_tag
def lang_attrs(obj, field: str) -> str:
    """` lang=… dir=…` for an element that holds only ``obj.<field>``, when that text is shown in
    another language than the page's (a translation is missing and the fallback is shown); else nothing."""
    return _language_attributes(obj, field)


@register.simple_tag
def translated(obj, field: str) -> str:
    """``obj.<field>`` isolated from the text around it (it is typed by staff: core/bidi.py): in a
    ``<span lang=… dir=…>`` when it is shown in another language than the page's, else in a ``<bdi>``."""
    attributes = _language_attributes(obj, field)
    text = without_bidi_controls(str(getattr(obj, field)), long=True)
    if not attributes:
        return format_html("<bdi>{}</bdi>", text)
    return format_html("<span{}>{}</span>", attributes, text)


@register.inclusion_tag("catalog/includes/_older_translation.html", takes_context=True)
def older_translation_note(context, outdated: frozenset[str], *fields: str) -> dict:
    """The note "This text may be older than the French version" after a text whose translation is outdated.

    ``outdated``: the fields the view found outdated in the page's language
    (``catalog.translation_status.outdated_fields``, one query); the note shows
    when one of ``fields`` is among them, with a link to the same page in French.
    """
    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    links = context.get("language_links") or []
    return {
        "show": any(field in outdated for field in fields),
        "french_url": next((link["url"] for link in links if link["code"] == source), ""),
        "source_language": source,
    }
