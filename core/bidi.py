"""No bidirectional control character gets in with what people type, so a name cannot be disguised.

Unicode's embedding, override and isolate controls (U+202A–U+202E,
U+2066–U+2069) change the order in which the letters after them are shown:
"Ali\u202egnp.exe" reads as "Aliexe.png", a name can be made to look like
another one, and an override left open in a name reverses the text shown
after it on the same line. They have no use in what Guichet keeps:

- they are removed from **every** text on input, long ones (notes,
  appraisals, descriptions) included: an override disguises text anywhere,
  and our pages already isolate what people wrote (``<bdi>``, ``dir="auto"``),
  which is what embeddings and isolates were typed for;
- the invisible direction marks (LRM U+200E, RLM U+200F, ALM U+061C) are
  removed too from **short** fields (names, numbers, e-mail addresses, search
  queries): there they only make two values that look the same differ (a phone
  number copied from an Arabic screen often carries them) and break
  searching and matching. Long text keeps them: they cannot reorder letters,
  only place punctuation, which Arabic writers legitimately use them for.

Passwords are never touched: what was typed is what is checked.

One cleaner (``without_bidi_controls``) is applied where text enters: forms
(``BidiFreeFormMixin``, ``BidiFreeModelForm``, for pages and the back office
alike) and the API's input schemas (``api/schemas.py``). Templates show
people's text isolated with the ``bdi`` filter (``core/templatetags/bidi.py``),
which also drops the controls from data stored before this rule.
"""

from __future__ import annotations

from django import forms
from django.utils.datastructures import MultiValueDict

# Embeddings LRE RLE, pop PDF, overrides LRO RLO; isolates LRI RLI FSI PDI.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Invisible direction marks: left-to-right, right-to-left, Arabic letter mark.
BIDI_MARKS = "\u200e\u200f\u061c"

_CONTROLS_TABLE = str.maketrans("", "", BIDI_CONTROLS)
_CONTROLS_AND_MARKS_TABLE = str.maketrans("", "", BIDI_CONTROLS + BIDI_MARKS)


def without_bidi_controls(text: str, *, long: bool = False) -> str:
    """``text`` without bidirectional controls; a short one (``long=False``) without direction marks too."""
    return text.translate(_CONTROLS_TABLE if long else _CONTROLS_AND_MARKS_TABLE)


def without_bidi_controls_in(value: object, *, long: bool = False) -> object:
    """Every string in a JSON-like value (keys of mappings included) cleaned; other values as they are."""
    if isinstance(value, str):
        return without_bidi_controls(value, long=long)
    if isinstance(value, dict):
        return {without_bidi_controls_in(k): without_bidi_controls_in(v, long=long) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(without_bidi_controls_in(item, long=long) for item in value)
    return value


def _is_long(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


def _is_secret(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.PasswordInput)


class BidiFreeFormMixin:
    """A form whose submitted text is cleaned of bidirectional controls before any field sees it.

    Cleaning the submitted data, rather than the cleaned values, lets every
    check see the text as it will be stored: a name made only of controls is
    empty (and so refused if required), lengths are counted without them, and
    the form shown again after an error holds the cleaned text.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self._without_bidi_controls(self.data)

    def _without_bidi_controls(self, data):
        long_keys, secret_keys = set(), set()
        for name, field in self.fields.items():
            keys = {self.add_prefix(name)}
            if isinstance(field, forms.MultiValueField):
                keys |= {f"{self.add_prefix(name)}_{i}" for i in range(len(field.fields))}
            if _is_secret(field):
                secret_keys |= keys
            elif _is_long(field):
                long_keys |= keys

        def clean(key: str, value: object) -> object:
            if key in secret_keys or not isinstance(value, str):
                return value
            return without_bidi_controls(value, long=key in long_keys)

        if isinstance(data, MultiValueDict):
            cleaned = data.copy()  # a QueryDict's copy is mutable
            for key, values in data.lists():
                cleaned.setlist(key, [clean(key, value) for value in values])
            return cleaned
        return {
            key: [clean(key, v) for v in value] if isinstance(value, list | tuple) else clean(key, value)
            for key, value in data.items()
        }


class BidiFreeForm(BidiFreeFormMixin, forms.Form):
    """A form of our pages: no bidirectional control gets in."""


class BidiFreeModelForm(BidiFreeFormMixin, forms.ModelForm):
    """The model form of the back office and of our pages: no bidirectional control gets in."""
