"""Text written by people is shown isolated from the page around it: ``{{ person.full_name|bdi }}``.

``<bdi>`` keeps a right-to-left name from reordering the words around it on a
left-to-right line (and the other way round), and takes its own direction
from its first letter. The controls a value may still hold (stored before
they were removed on input, see ``core/bidi.py``) are dropped, so an
override cannot reorder the name itself either. For a block of text (a note,
an appraisal), put ``dir="auto"`` on the element that holds it and pass the
text through ``bidi_free``.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

from core.bidi import without_bidi_controls

register = template.Library()


@register.filter
def bdi(value: object) -> SafeString:
    """``value``, escaped, without bidirectional controls, in a ``<bdi>``."""
    text = without_bidi_controls(str(value), long=True)
    return format_html("<bdi>{}</bdi>", mark_safe(text) if isinstance(value, SafeData) else text)


@register.filter(is_safe=True)
def bidi_free(value: object) -> str:
    """``value`` without bidirectional controls (for long text, shown in a ``dir="auto"`` block)."""
    return without_bidi_controls(str(value), long=True)
