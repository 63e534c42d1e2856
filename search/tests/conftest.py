"""A catalogue for search tests: the twelve demo trades with their real texts, a few programmes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from catalog.models import ScheduleKind
from catalog.tests import factories as f
from demo.data.trades import TRADES
from search.services import search_index_batched

LANGS = ("fr", "ar", "en")
_TRADE_FIELDS = ("name", "summary", "description")


@pytest.fixture
def trades(shared_copy, _trades_shared, db) -> dict:
    """The demo trades by slug, their names, summaries and descriptions in fr, ar and en (``shared_data``)."""
    return shared_copy(_trades_shared)


@pytest.fixture
def _trades_shared(shared_data) -> dict:
    return shared_data(_trades_build)


def _trades_build() -> dict:
    made = {}
    for row in TRADES:
        texts = {f"{field}_{lang}": row[field][lang] for field in _TRADE_FIELDS for lang in LANGS}
        made[row["slug"]] = f.TradeFactory(
            slug=row["slug"],
            isco_code=row["isco_code"],
            riasec_code=row["riasec_code"],
            position=row["position"],
            **texts,
        )
    return made


@pytest.fixture
def search_catalogue(shared_copy, _search_catalogue_shared, trades) -> SimpleNamespace:
    """Tailoring, joinery and jewellery programmes in Casablanca and Sefrou, on different schedules and languages.

    Built once for consecutive tests (``shared_data``), each with its own copy of the objects.
    """
    return shared_copy(_search_catalogue_shared)


@pytest.fixture
def _search_catalogue_shared(shared_data, _trades_shared) -> SimpleNamespace:
    return shared_data(lambda: _search_catalogue_build(_trades_shared))


def _search_catalogue_build(trades: dict) -> SimpleNamespace:
    with search_index_batched():  # each trade and programme indexed once, not at each of its saves
        return _search_catalogue_build_rows(trades)


def _search_catalogue_build_rows(trades: dict) -> SimpleNamespace:
    casa_region = f.RegionFactory(
        slug="casablanca-settat", name_fr="Casablanca-Settat", name_ar="الدار البيضاء-سطات", name_en="Casablanca-Settat"
    )
    fes_region = f.RegionFactory(slug="fes-meknes", name_fr="Fès-Meknès", name_ar="فاس-مكناس", name_en="Fez-Meknes")
    casablanca = f.CityFactory(
        slug="casablanca", region=casa_region, name_fr="Casablanca", name_ar="الدار البيضاء", name_en="Casablanca"
    )
    sefrou = f.CityFactory(slug="sefrou", region=fes_region, name_fr="Sefrou", name_ar="صفرو", name_en="Sefrou")
    french = f.LanguageFactory(code="fr", name_fr="Français", name_ar="الفرنسية", name_en="French")
    arabic = f.LanguageFactory(code="ar", name_fr="Arabe", name_ar="العربية", name_en="Arabic")
    institute = f.ProviderFactory(slug="institute", city=casablanca, name_fr="Institut des arts traditionnels")
    association = f.ProviderFactory(slug="association", city=sefrou, name_fr="Association Jiber")

    def programme(slug, trade, provider, schedule, languages, fr, ar, en, **extra):
        return f.ProgrammeFactory(
            slug=slug,
            trade=trades[trade],
            provider=provider,
            schedule=schedule,
            teaching_languages=languages,
            title_fr=fr,
            title_ar=ar,
            title_en=en,
            **extra,
        )

    full, evenings = ScheduleKind.FULL_TIME, ScheduleKind.EVENINGS
    programmes = SimpleNamespace(
        tailoring_casa=programme(
            "tailoring-casa",
            "tailoring",
            institute,
            full,
            [french, arabic],
            "Couture – qualification",
            "الخياطة – تأهيل",
            "Tailoring – qualification",
        ),
        tailoring_evening=programme(
            "tailoring-evening",
            "tailoring",
            institute,
            evenings,
            [arabic],
            "Couture du soir",
            "خياطة مسائية",
            "Evening tailoring",
            cost_mad=500,
        ),
        tailoring_sefrou=programme(
            "tailoring-sefrou",
            "tailoring",
            association,
            full,
            [french],
            "Couture à Sefrou",
            "الخياطة بصفرو",
            "Tailoring in Sefrou",
        ),
        joinery_casa=programme(
            "joinery-casa",
            "joinery",
            institute,
            full,
            [french, arabic],
            "Menuiserie – apprentissage",
            "النجارة – تدرج مهني",
            "Joinery – apprenticeship",
        ),
        jewellery_casa=programme(
            "jewellery-casa",
            "jewellery",
            institute,
            full,
            [arabic],
            "Bijouterie – qualification",
            "صناعة الحلي – تأهيل",
            "Jewellery – qualification",
        ),
        draft=programme(
            "draft",
            "tailoring",
            institute,
            full,
            [french],
            "Brouillon de couture",
            "مسودة",
            "Draft",
            is_published=False,
        ),
    )
    return SimpleNamespace(
        trades=trades,
        casablanca=casablanca,
        sefrou=sefrou,
        casa_region=casa_region,
        fes_region=fes_region,
        french=french,
        arabic=arabic,
        institute=institute,
        association=association,
        **vars(programmes),
    )
