"""The orientation questionnaire run by a counsellor with the person, in two languages side by side.

The steps, forms and answers are the public questionnaire's
(``orientation/questionnaire.py``); this module only puts them on one page
and gives every question, and every answer, also in the person's language,
as the EU skills profile tool does for advisers. Nothing is duplicated: the
person's words come from the same forms, instantiated in their language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from orientation import questionnaire
from orientation.profile import Profile
from people.models import Beneficiary
from people.selectors import beneficiary_profile


@dataclass
class BilingualQuestion:
    field: forms.BoundField
    picture: str
    person_label: str
    person_help: str
    options: list[tuple[object, str]]  # (bound option widget, its label in the person's language)


@dataclass
class BilingualStep:
    step: questionnaire.Step
    form: questionnaire.StepForm
    person_title: str
    person_intro: str
    questions: list[BilingualQuestion]


def person_language(*, request: HttpRequest, beneficiary: Beneficiary) -> str:
    """The language chosen on the page, else the first the person speaks that Guichet has, else the page's."""
    available = dict(settings.LANGUAGES)
    chosen = request.POST.get("language") or request.GET.get("language")
    if chosen in available:
        return chosen
    page = translation.get_language()
    spoken = [language.code for language in beneficiary.languages.all() if language.code in available]
    others = [code for code in spoken if code != page]
    return (others or spoken or [page])[0]


def step_forms(*, beneficiary: Beneficiary, data, person_language: str) -> list[BilingualStep]:
    """Every step's form (bound to ``data`` or filled from the file), with the person's words beside it."""
    profile = beneficiary_profile(beneficiary=beneficiary)
    steps = []
    for step in questionnaire.STEPS:
        if data is None:
            form = step.form_class(prefix=step.slug, initial=step.form_class.initial_from(profile))
        else:
            form = step.form_class(data=data, prefix=step.slug)
        with translation.override(person_language):
            theirs = step.form_class(prefix=step.slug)
            words = {
                name: (
                    str(field.label),
                    str(field.help_text or ""),
                    {str(value): str(label) for value, label in getattr(field, "choices", [])},
                )
                for name, field in theirs.fields.items()
            }
            title, intro = str(step.title), str(step.intro)
        questions = []
        for bound, picture in form.rows():
            label, help_text, choices = words[bound.name]
            options = []
            if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                options = [(option, choices.get(str(option.data["value"]), "")) for option in bound]
            questions.append(BilingualQuestion(bound, picture, label, help_text, options))
        steps.append(BilingualStep(step, form, title, intro, questions))
    return steps


def profile_from(steps: list[BilingualStep]) -> Profile:
    """The answers of valid step forms, as a questionnaire profile."""
    profile = Profile()
    for bilingual in steps:
        bilingual.form.save_to(profile)
    return profile
