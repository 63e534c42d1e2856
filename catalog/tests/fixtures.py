"""A small network that page, filter and API tests share."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from catalog.models import Programme, ScheduleKind
from catalog.tests import factories as f
from search.services import search_index_batched


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def catalogue(shared_copy, _catalogue_shared, db) -> SimpleNamespace:
    """Two regions, two trades, four programmes with sessions of every kind.

    Built once for consecutive tests (``shared_data``), each with its own copy of the objects.
    """
    return shared_copy(_catalogue_shared)


@pytest.fixture
def _catalogue_shared(shared_data, today) -> SimpleNamespace:
    return shared_data(lambda: _catalogue_build(today), today)


def _catalogue_build(today: datetime.date) -> SimpleNamespace:
    with search_index_batched():  # each trade and programme indexed once, not at each of its saves
        return _catalogue_build_rows(today)


def _catalogue_build_rows(today: datetime.date) -> SimpleNamespace:
    casablanca_region = f.RegionFactory(
        slug="casablanca-settat", name_fr="Casablanca-Settat", name_ar="الدار البيضاء-سطات", name_en="Casablanca-Settat"
    )
    fes_region = f.RegionFactory(slug="fes-meknes", name_fr="Fès-Meknès", name_ar="فاس-مكناس", name_en="Fez-Meknes")
    casablanca = f.CityFactory(
        slug="casablanca", region=casablanca_region, name_fr="Casablanca", name_ar="الدار البيضاء", name_en="Casablanca"
    )
    sefrou = f.CityFactory(slug="sefrou", region=fes_region, name_fr="Sefrou", name_ar="صفرو", name_en="Sefrou")
    french = f.LanguageFactory(code="fr", name_fr="Français", name_ar="الفرنسية", name_en="French")
    arabic = f.LanguageFactory(code="ar", name_fr="Arabe", name_ar="العربية", name_en="Arabic")
    jewellery = f.TradeFactory(
        slug="jewellery",
        name_fr="Bijouterie",
        name_ar="صياغة الحلي",
        name_en="Jewellery",
        riasec_code="RAC",
        isco_code="7313",
        pictogram="jewellery",
    )
    tailoring = f.TradeFactory(
        slug="tailoring",
        name_fr="Couture",
        name_ar="الخياطة",
        name_en="Tailoring",
        riasec_code="RA",
        isco_code="7531",
        pictogram="tailoring",
    )
    institute = f.ProviderFactory(
        slug="institute",
        city=casablanca,
        name_fr="Institut des arts traditionnels",
        name_ar="معهد الفنون التقليدية",
        name_en="Institute of traditional arts",
    )
    association = f.ProviderFactory(
        slug="association",
        city=sefrou,
        kind="association",
        name_fr="Association Jiber",
        name_ar="جمعية جيبر",
        name_en="Jiber association",
    )
    jewellery_course = f.ProgrammeFactory(
        slug="jewellery-qualification",
        provider=institute,
        trade=jewellery,
        teaching_languages=[french, arabic],
        title_fr="Bijouterie – qualification",
        title_ar="صياغة الحلي – تأهيل",
        title_en="Jewellery – qualification",
        min_age=15,
        max_age=30,
        min_schooling=3,
    )
    tailoring_evening = f.ProgrammeFactory(
        slug="tailoring-evening",
        provider=institute,
        trade=tailoring,
        schedule=ScheduleKind.EVENINGS,
        teaching_languages=[arabic],
        cost_mad=500,
        title_fr="Couture du soir",
        title_ar="خياطة مسائية",
        title_en="Evening tailoring",
    )
    tailoring_sefrou = f.ProgrammeFactory(
        slug="tailoring-sefrou",
        provider=association,
        trade=tailoring,
        teaching_languages=[french],
        title_fr="Couture à Sefrou",
        title_ar="الخياطة بصفرو",
        title_en="Tailoring in Sefrou",
    )
    hidden = f.ProgrammeFactory(
        slug="unpublished",
        provider=institute,
        trade=jewellery,
        is_published=False,
        title_fr="Brouillon",
        title_ar="مسودة",
        title_en="Draft",
    )
    day = datetime.timedelta(days=1)
    f.SessionFactory(
        programme=jewellery_course,
        start_date=today + 14 * day,
        application_deadline=today + 7 * day,
        capacity=12,
        seats_taken=10,
    )
    f.SessionFactory(
        programme=jewellery_course, start_date=today + 120 * day, application_deadline=None, capacity=12, seats_taken=0
    )
    f.SessionFactory(programme=tailoring_evening, start_date=today + 200 * day, capacity=10, seats_taken=10)
    f.SessionFactory(programme=tailoring_sefrou, start_date=today - 30 * day, application_deadline=today - 40 * day)
    f.SessionFactory(programme=hidden, start_date=today + 10 * day)
    desk = f.DeskFactory(
        slug="casablanca-desk",
        city=casablanca,
        host=institute,
        name_fr="Guichet de Casablanca",
        name_ar="شباك الدار البيضاء",
        name_en="Casablanca desk",
        phone="+212 5 22 00 00 00",
        email="guichet@example.org",
    )
    f.OpeningHoursFactory(desk=desk, weekday=0)
    f.OpeningHoursFactory(desk=desk, weekday=2)
    return SimpleNamespace(**locals())


@pytest.fixture
def french_only(catalogue) -> Programme:
    """A programme written in French only (title and summary), at a provider whose name is translated."""
    programme = f.ProgrammeFactory(
        slug="french-only",
        provider=catalogue.institute,
        trade=catalogue.jewellery,
        title_fr="Reliure d'art",
        title_ar="",
        title_en="",
        summary_fr="Relier des livres à la main.",
        summary_ar="",
        summary_en="",
    )
    f.SessionFactory(programme=programme)
    return programme
