"""The one cleaner of bidirectional controls, and the rule that every form and back-office form of ours uses it."""

from __future__ import annotations

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.http import QueryDict
from django.template import Context, Template

from core.bidi import BidiFreeForm, BidiFreeFormMixin, without_bidi_controls

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
MARKS = "\u200e\u200f\u061c"
OUR_APPS = (
    "accounts",
    "api",
    "audit",
    "catalog",
    "core",
    "demo",
    "guichet",
    "notifications",
    "orientation",
    "people",
    "search",
)


class _Form(BidiFreeForm):
    name = forms.CharField()
    note = forms.CharField(widget=forms.Textarea, required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    tags = forms.MultipleChoiceField(choices=[("ab", "ab"), ("cd", "cd")], required=False)


def test_every_embedding_override_and_isolate_control_is_removed_and_marks_from_short_text():
    assert without_bidi_controls(f"a{CONTROLS}b{MARKS}c") == "abc"
    assert without_bidi_controls(f"a{CONTROLS}b{MARKS}c", long=True) == f"ab{MARKS}c"


@pytest.mark.parametrize("data", [QueryDict(mutable=True), {}])
def test_a_form_cleans_short_and_long_fields_and_lists_but_never_a_password(data):
    values = {
        "name": f"Ali\u202egnp.exe{MARKS}",
        "note": f"Ali\u202egnp\u202c{MARKS}",
        "secret": "pass\u202eword",
        "tags": ["a\u202eb", "cd"],
    }
    for key, value in values.items():
        if isinstance(data, QueryDict):
            data.setlist(key, value if isinstance(value, list) else [value])
        else:
            data[key] = value
    form = _Form(data=data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "Alignp.exe",
        "note": f"Alignp{MARKS}",
        "secret": "pass\u202eword",
        "tags": ["ab", "cd"],
    }


def test_a_required_field_made_only_of_controls_is_empty_and_the_form_shown_again_holds_the_cleaned_text():
    assert "name" in _Form(data={"name": "\u202e\u202c"}).errors
    form = _Form(data={"name": "Ali\u202egnp", "tags": ["zz"]})
    assert not form.is_valid()
    assert 'value="Alignp"' in str(form["name"])


def test_the_bdi_filter_isolates_escapes_and_drops_controls_stored_before_the_rule():
    html = Template('{% load bidi %}<p>{{ name|bdi }} · {{ other }}</p><p dir="auto">{{ note|bidi_free }}</p>').render(
        Context({"name": "<b>Ali</b>\u202egnp", "other": "x", "note": "a\u202eb\u200f"})
    )
    assert html == '<p><bdi>&lt;b&gt;Ali&lt;/b&gt;gnp</bdi> · x</p><p dir="auto">ab\u200f</p>'


def _our_modules():
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in OUR_APPS:
            continue
        for submodule in ("forms", "views", "self_views", "questionnaire", "admin"):
            try:
                yield importlib.import_module(f"{config.name}.{submodule}")
            except ModuleNotFoundError:
                continue


def test_every_form_of_ours_removes_bidi_controls():
    found = [
        cls
        for module in _our_modules()
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    ]
    assert len(found) > 10
    assert [cls.__qualname__ for cls in found if not issubclass(cls, BidiFreeFormMixin)] == []


def test_every_back_office_form_where_text_is_typed_removes_bidi_controls():
    from django.contrib.auth import get_user_model

    unclean = []
    for model, model_admin in admin.site._registry.items():
        ours = type(model_admin).__module__.split(".")[0] in OUR_APPS or model is get_user_model()
        read_only = not model_admin.has_add_permission(_superuser_request()) and not model_admin.has_change_permission(
            _superuser_request()
        )
        if not ours or read_only:
            continue
        forms_used = [model_admin.form, *(inline.form for inline in model_admin.inlines)]
        forms_used += [model_admin.add_form] if hasattr(model_admin, "add_form") else []
        unclean += [
            f"{model.__name__}: {form.__name__}" for form in forms_used if not issubclass(form, BidiFreeFormMixin)
        ]
    assert unclean == []


def _superuser_request():
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request
