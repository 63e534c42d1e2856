"""Cached reads of the catalogue follow its changes."""

from __future__ import annotations

import pytest
from django.utils import translation

from catalog import selectors
from catalog.tests import factories as f

pytestmark = pytest.mark.django_db


def test_filter_choices_are_cached_until_the_catalogue_changes(catalogue, django_assert_num_queries):
    with translation.override("en"):
        first = selectors.filter_choices()
        with django_assert_num_queries(0):
            assert selectors.filter_choices() == first
        f.ProgrammeFactory(slug="new-in-rabat", city=f.CityFactory(slug="rabat", name_en="Rabat"))
        assert ("rabat", "Rabat") in selectors.filter_choices()["city"]


def test_filter_choices_come_in_the_active_language(catalogue):
    with translation.override("ar"):
        assert ("jewellery", "صياغة الحلي") in selectors.filter_choices()["trade"]
    with translation.override("en"):
        assert ("jewellery", "Jewellery") in selectors.filter_choices()["trade"]
