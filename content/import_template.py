"""The template providers fill for an import: the catalogue sheet, each column explained in fr/ar/en, the lists."""

from __future__ import annotations

import io

from django.utils import translation
from openpyxl import Workbook

from catalog.models import (
    Admission,
    City,
    DocumentType,
    Language,
    Level,
    ResidenceRequirement,
    ScheduleKind,
    SchoolingLevel,
    Trade,
)
from content.imports import COLUMNS, LANGUAGES, column_help


def template_workbook() -> bytes:
    """The template: an empty catalogue sheet, the columns explained in fr/ar/en, and the fixed lists."""
    book = Workbook()
    sheet = book.active
    sheet.title = "catalogue"
    sheet.append(list(COLUMNS))
    help_sheet = book.create_sheet("columns")
    help_sheet.append(["column", "fr", "ar", "en"])
    for column in COLUMNS:
        texts = []
        for lang in LANGUAGES:
            with translation.override(lang):
                texts.append(column_help(column))
        help_sheet.append([column, *texts])
    lists = {
        "trades": [(t.slug, t.name_fr, t.name_ar, t.name_en) for t in Trade.objects.all()],
        "cities": [(c.slug, c.name_fr, c.name_ar, c.name_en) for c in City.objects.all()],
        "languages": [(x.code, x.name_fr, x.name_ar, x.name_en) for x in Language.objects.all()],
        "documents": [(d.slug, d.name_fr, d.name_ar, d.name_en) for d in DocumentType.objects.all()],
    }
    for name, choices in (
        ("levels", Level),
        ("schedules", ScheduleKind),
        ("admission", Admission),
        ("residence", ResidenceRequirement),
        ("schooling", SchoolingLevel),
    ):
        entries = []
        for value, label in choices.choices:
            names = []
            for lang in LANGUAGES:
                with translation.override(lang):
                    names.append(str(label))
            entries.append((value, *names))
        lists[name] = entries
    for name, entries in lists.items():
        list_sheet = book.create_sheet(name)
        list_sheet.append(["code", "fr", "ar", "en"])
        for entry in entries:
            list_sheet.append([e or "" for e in entry])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
