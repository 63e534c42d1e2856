"""All the demo data in one place, as plain lists of dicts.

Translated values are dicts ``{"fr": …, "ar": …, "en": …}`` (see
``demo.data.i18n``); references between rows are slugs (a programme's
``provider``, ``trade`` and ``city``; a desk's ``host``). ``demo_load`` in
``catalog.services`` turns them into rows, idempotently.
"""

from __future__ import annotations

from demo.data.network import DESKS, PROVIDERS
from demo.data.programmes import PROGRAMMES
from demo.data.reference import CITIES, DOCUMENT_TYPES, LANGUAGES, REGIONS
from demo.data.trades import ARTISAN_TRADES, SKILLS, TRADES

__all__ = [
    "ARTISAN_TRADES",
    "CITIES",
    "DESKS",
    "DOCUMENT_TYPES",
    "LANGUAGES",
    "PILOT_DESK",
    "PILOT_INSTITUTE",
    "PROGRAMMES",
    "PROVIDERS",
    "REGIONS",
    "SKILLS",
    "TRADES",
]

# The real pilot of REFERENCE.md: the desk and the institute hosting it.
PILOT_DESK = "guichet-casablanca"
PILOT_INSTITUTE = "isat-moulay-rachid"
