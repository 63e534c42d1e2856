"""Providers' imports of their programmes and sessions from a CSV or XLSX file.

One table (the CSV, or the first sheet of the workbook), one row per record:
``record`` says ``programme`` or ``session``; ``reference`` is the provider's
own code of the record (a session's is unique within its programme, named by
``programme_reference``). Only the columns the file carries are written: a
language column left out of the file stays as it is (empty for a new
programme, so the text enters the translation queue as missing).

``read_upload`` checks the bytes (size, a real workbook or UTF-8 CSV with our
header); ``preview`` validates every row and says what would be created,
changed or left unchanged; ``apply`` writes it all in one transaction, by
reference, so the same file imported twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import (
    Admission,
    City,
    DocumentType,
    Language,
    Level,
    Programme,
    Provider,
    ResidenceRequirement,
    ScheduleKind,
    SchoolingLevel,
    Session,
    Trade,
)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
MAX_ROWS = 2000
LANGUAGES = ("fr", "ar", "en")
TEXT_FIELDS = {"title": 200, "summary": 300, "description": 5000}
PROGRAMME = "programme"
SESSION = "session"

# Every column, in the template's order, with what it holds (said in each language by the template).
COLUMNS: dict[str, object] = {
    "record": gettext_lazy("“programme” or “session”."),
    "reference": gettext_lazy("Your own code for this programme or session (at most 60 characters); never change it."),
    "programme_reference": gettext_lazy("Sessions only: the reference of their programme."),
    "trade": gettext_lazy("Programmes: the trade's code (sheet “trades”)."),
    "city": gettext_lazy("Programmes: the code of the city where the training takes place (sheet “cities”)."),
    "level": gettext_lazy("Programmes: the level's code (sheet “levels”)."),
    "schedule": gettext_lazy("Programmes: the schedule's code (sheet “schedules”)."),
    "duration_weeks": gettext_lazy("Programmes: the duration in weeks, a whole number of at least 1."),
    "hours_per_week": gettext_lazy("Programmes: hours per week, a whole number (may be empty)."),
    "cost_mad": gettext_lazy("Programmes: the cost in dirhams, 0 when free."),
    "teaching_languages": gettext_lazy(
        "Programmes: codes of the teaching languages, separated by spaces (sheet “languages”)."
    ),
    "admission": gettext_lazy("Programmes: how people are chosen (sheet “admission”)."),
    "min_age": gettext_lazy("Programmes: the minimum age (may be empty)."),
    "max_age": gettext_lazy("Programmes: the maximum age (may be empty), not below the minimum."),
    "min_schooling": gettext_lazy("Programmes: the minimum school level, a number from 0 to 6 (sheet “schooling”)."),
    "residence": gettext_lazy("Programmes: the residence document required (sheet “residence”)."),
    "required_languages": gettext_lazy(
        "Programmes: codes of the languages required, separated by spaces (may be empty)."
    ),
    "required_documents": gettext_lazy(
        "Programmes: codes of the documents to bring, separated by spaces (sheet “documents”)."
    ),
    **{
        f"{name}_{lang}": gettext_lazy("Programmes: the %(field)s in %(language)s.")
        for name in TEXT_FIELDS
        for lang in LANGUAGES
    },
    "start_date": gettext_lazy("Sessions: the first day, as YYYY-MM-DD."),
    "end_date": gettext_lazy("Sessions: the last day, as YYYY-MM-DD, not before the first."),
    "application_deadline": gettext_lazy(
        "Sessions: the last day to apply, as YYYY-MM-DD, before the first day (may be empty)."
    ),
    "capacity": gettext_lazy("Sessions: the number of seats, at least 1."),
}
FIELD_NAMES = {
    "title": gettext_lazy("title"),
    "summary": gettext_lazy("summary"),
    "description": gettext_lazy("description"),
}
LANGUAGE_NAMES = {"fr": gettext_lazy("French"), "ar": gettext_lazy("Arabic"), "en": gettext_lazy("English")}
REQUIRED_HEADER = ("record", "reference")


def column_help(column: str) -> str:
    """What a column holds, in the active language."""
    text = str(COLUMNS[column])
    for name in TEXT_FIELDS:
        for lang in LANGUAGES:
            if column == f"{name}_{lang}":
                return text % {"field": FIELD_NAMES[name], "language": LANGUAGE_NAMES[lang]}
    return text


class UploadRefused(Exception):
    """The file cannot be read at all: the message says why, in the user's language."""


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class Line:
    row: int
    record: str
    reference: str
    programme_reference: str
    status: str  # created, changed, unchanged
    changed: list[str] = field(default_factory=list)


@dataclass
class Preview:
    lines: list[Line]
    problems: list[Problem]
    rows: list[dict]

    @property
    def counts(self) -> dict[str, int]:
        counts = {"created": 0, "changed": 0, "unchanged": 0}
        for line in self.lines:
            counts[line.status] += 1
        return counts

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.rows, sort_keys=True).encode()).hexdigest()


# Reading the bytes --------------------------------------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_upload(data: bytes) -> list[dict[str, str]]:
    """The rows of the file as {column: text}, each with its row number in the file under ``_row``."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused(_("The file is larger than 2 MB: split it into smaller files."))
    if not data:
        raise UploadRefused(_("The file is empty."))
    table = _read_workbook(data) if data.startswith(b"PK\x03\x04") else _read_csv(data)
    if not table:
        raise UploadRefused(_("The file has no header row."))
    header = [_cell(name).lower() for name in table[0]]
    if not all(name in header for name in REQUIRED_HEADER):
        raise UploadRefused(
            _("The first row must name the columns, starting with “record” and “reference”: use the template.")
        )
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        raise UploadRefused(
            _("Unknown columns: %(columns)s. Use the template’s column names.") % {"columns": ", ".join(unknown[:10])}
        )
    if len(table) - 1 > MAX_ROWS:
        raise UploadRefused(_("The file has more than %(max)d rows: split it into smaller files.") % {"max": MAX_ROWS})
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = [_cell(v) for v in values]
        if not any(cells):
            continue
        row = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name}
        row["_row"] = number
        rows.append(row)
    return rows


def _read_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data:
        raise UploadRefused(_("The file is neither an Excel workbook (.xlsx) nor a CSV text file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused(_("The CSV file is not in UTF-8: save it again choosing “CSV UTF-8”.")) from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise UploadRefused(_("The CSV file cannot be read: check its quotes.")) from None


def _read_workbook(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise UploadRefused(_("The file is neither an Excel workbook (.xlsx) nor a CSV text file."))
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise UploadRefused(_("The workbook is too large once opened: split it into smaller files."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        table = [list(row) for _i, row in zip(range(MAX_ROWS + 2), sheet.iter_rows(values_only=True), strict=False)]
        workbook.close()
        return table
    except UploadRefused:
        raise
    except Exception:  # a damaged archive or workbook: openpyxl raises many kinds
        raise UploadRefused(_("The workbook cannot be read: save it again as .xlsx.")) from None


# Validating the rows ------------------------------------------------------------------------------------------------


class _Row:
    """One row being validated: collects its problems under their column."""

    def __init__(self, raw: dict, problems: list[Problem]) -> None:
        self.raw, self.problems, self.number = raw, problems, raw["_row"]

    def has(self, column: str) -> bool:
        return column in self.raw

    def text(self, column: str) -> str:
        return self.raw.get(column, "")

    def fail(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.number, column, message))

    def choice(self, column: str, choices, *, default=None, required=True):
        value = self.text(column)
        if not value:
            if default is None and required:
                self.fail(column, _("This column is required."))
            return default
        valid = {str(v) for v in choices.values}
        if value not in valid:
            self.fail(
                column,
                _("“%(value)s” is not in the list: %(valid)s.")
                % {"value": value[:40], "valid": ", ".join(sorted(valid))},
            )
            return None
        return value

    def integer(self, column: str, *, low: int, high: int, required: bool = False) -> int | None:
        value = self.text(column)
        if not value:
            if required:
                self.fail(column, _("This column is required."))
            return None
        try:
            number = int(value)
        except ValueError:
            self.fail(column, _("“%(value)s” is not a whole number.") % {"value": value[:40]})
            return None
        if not low <= number <= high:
            self.fail(column, _("Give a number from %(low)d to %(high)d.") % {"low": low, "high": high})
            return None
        return number

    def date(self, column: str, *, required: bool) -> str | None:
        value = self.text(column)
        if not value:
            if required:
                self.fail(column, _("This column is required."))
            return None
        try:
            day = datetime.date.fromisoformat(value[:10]) if len(value) in (10, 19) else None
        except ValueError:
            day = None
        if day is None:
            self.fail(column, _("“%(value)s” is not a date written YYYY-MM-DD.") % {"value": value[:40]})
            return None
        today = timezone.localdate()
        if not today.year - 5 <= day.year <= today.year + 5:
            self.fail(column, _("The date %(date)s is too far from today: check the year.") % {"date": day.isoformat()})
            return None
        return day.isoformat()

    def codes(self, column: str, known: set[str], *, required: bool) -> list[str] | None:
        values = sorted(set(self.text(column).replace(",", " ").split()))
        if not values and required:
            self.fail(column, _("This column is required."))
            return None
        unknown = [v for v in values if v not in known]
        if unknown:
            self.fail(column, _("Unknown codes: %(codes)s.") % {"codes": ", ".join(u[:20] for u in unknown[:5])})
            return None
        return values


def _programme_row(row: _Row, lists: dict) -> dict:
    out: dict = {}
    for column, key in (("trade", "trades"), ("city", "cities")):
        value = row.text(column)
        if not value:
            row.fail(column, _("This column is required."))
        elif value not in lists[key]:
            row.fail(column, _("Unknown code “%(value)s”.") % {"value": value[:40]})
        else:
            out[column] = value
    out["level"] = row.choice("level", Level)
    out["schedule"] = row.choice("schedule", ScheduleKind)
    out["duration_weeks"] = row.integer("duration_weeks", low=1, high=520, required=True)
    if row.has("hours_per_week"):
        out["hours_per_week"] = row.integer("hours_per_week", low=1, high=80)
    if row.has("cost_mad"):
        value = row.text("cost_mad").replace(",", ".") or "0"
        try:
            cost = Decimal(value)
            if not cost.is_finite() or cost < 0 or cost >= Decimal("10000000"):
                raise InvalidOperation
            out["cost_mad"] = str(cost.quantize(Decimal("0.01")))
        except InvalidOperation:
            row.fail("cost_mad", _("Give the cost as a number of dirhams, 0 or more."))
    out["teaching_languages"] = row.codes("teaching_languages", lists["languages"], required=True)
    if row.has("admission"):
        out["admission"] = row.choice("admission", Admission, default=Admission.OPEN.value)
    for column in ("min_age", "max_age"):
        if row.has(column):
            out[column] = row.integer(column, low=0, high=120)
    if out.get("min_age") is not None and out.get("max_age") is not None and out["min_age"] > out["max_age"]:
        row.fail("max_age", _("The maximum age is below the minimum age."))
    if row.has("min_schooling"):
        value = row.integer("min_schooling", low=0, high=6)
        out["min_schooling"] = value if value is not None else SchoolingLevel.NONE.value
    if row.has("residence"):
        out["residence"] = row.choice(
            "residence", ResidenceRequirement, default=ResidenceRequirement.RESIDENCE_CARD.value
        )
    if row.has("required_languages"):
        out["required_languages"] = row.codes("required_languages", lists["languages"], required=False)
    if row.has("required_documents"):
        out["required_documents"] = row.codes("required_documents", lists["documents"], required=False)
    for name, limit in TEXT_FIELDS.items():
        for lang in LANGUAGES:
            column = f"{name}_{lang}"
            if row.has(column):
                value = row.text(column)
                if len(value) > limit:
                    row.fail(column, _("At most %(max)d characters.") % {"max": limit})
                out[column] = value[:limit]
    if not row.text("title_fr"):
        row.fail("title_fr", _("Every programme needs its title in French."))
    return out


def _session_row(row: _Row) -> dict:
    out = {
        "start_date": row.date("start_date", required=True),
        "end_date": row.date("end_date", required=True),
        "application_deadline": row.date("application_deadline", required=False),
        "capacity": row.integer("capacity", low=1, high=10000, required=True),
    }
    if out["start_date"] and out["end_date"] and out["end_date"] < out["start_date"]:
        row.fail("end_date", _("The last day is before the first day."))
    if out["start_date"] and out["application_deadline"] and out["application_deadline"] > out["start_date"]:
        row.fail("application_deadline", _("The deadline to apply is after the first day."))
    return out


def _lists() -> dict[str, set[str]]:
    return {
        "trades": set(Trade.objects.values_list("slug", flat=True)),
        "cities": set(City.objects.values_list("slug", flat=True)),
        "languages": set(Language.objects.values_list("code", flat=True)),
        "documents": set(DocumentType.objects.values_list("slug", flat=True)),
    }


def _programme_now(programme: Programme) -> dict:
    now = {
        "trade": programme.trade.slug,
        "city": programme.city.slug,
        "level": programme.level,
        "schedule": programme.schedule,
        "duration_weeks": programme.duration_weeks,
        "hours_per_week": programme.hours_per_week,
        "cost_mad": str(programme.cost_mad.quantize(Decimal("0.01"))),
        "teaching_languages": sorted(lang.code for lang in programme.teaching_languages.all()),
        "admission": programme.admission,
        "min_age": programme.min_age,
        "max_age": programme.max_age,
        "min_schooling": programme.min_schooling,
        "residence": programme.residence,
        "required_languages": sorted(lang.code for lang in programme.required_languages.all()),
        "required_documents": sorted(doc.slug for doc in programme.required_documents.all()),
    }
    for name in TEXT_FIELDS:
        for lang in LANGUAGES:
            now[f"{name}_{lang}"] = getattr(programme, f"{name}_{lang}") or ""
    return now


def _session_now(session: Session) -> dict:
    return {
        "start_date": session.start_date.isoformat(),
        "end_date": session.end_date.isoformat(),
        "application_deadline": session.application_deadline.isoformat() if session.application_deadline else None,
        "capacity": session.capacity,
    }


def _changes(values: dict, now: dict) -> list[str]:
    return [key for key, value in values.items() if now.get(key) != value]


def preview(provider: Provider, raw_rows: list[dict]) -> Preview:
    """Every row checked and compared with what the provider has now; nothing written."""
    problems: list[Problem] = []
    lines: list[Line] = []
    rows: list[dict] = []
    lists = _lists()
    programmes = {
        p.provider_reference: p
        for p in Programme.objects.filter(provider=provider)
        .exclude(provider_reference="")
        .select_related("trade", "city")
        .prefetch_related("teaching_languages", "required_languages", "required_documents")
    }
    sessions = {
        (s.programme.provider_reference, s.provider_reference): s
        for s in Session.objects.filter(programme__provider=provider)
        .exclude(provider_reference="")
        .select_related("programme")
    }
    seen: set[tuple[str, str, str]] = set()
    file_programmes: set[str] = set()
    starts: dict[tuple[str, str], int] = {}
    for raw in raw_rows:
        row = _Row(raw, problems)
        before = len(problems)
        record = row.text("record").lower()
        reference = row.text("reference")
        if record not in (PROGRAMME, SESSION):
            row.fail("record", _("Write “programme” or “session”."))
            continue
        if not reference:
            row.fail("reference", _("Every row needs its reference."))
        elif len(reference) > 60:
            row.fail("reference", _("At most %(max)d characters.") % {"max": 60})
        parent = row.text("programme_reference") if record == SESSION else ""
        key = (record, parent, reference)
        if reference and key in seen:
            row.fail("reference", _("This reference is already used by an earlier row of the file."))
        seen.add(key)
        if record == PROGRAMME:
            values = _programme_row(row, lists)
            file_programmes.add(reference)
            existing = programmes.get(reference)
            now = _programme_now(existing) if existing else None
        else:
            values = _session_row(row)
            if not parent:
                row.fail("programme_reference", _("Say which programme this session belongs to."))
            elif parent not in file_programmes and parent not in programmes:
                row.fail(
                    "programme_reference",
                    _("No programme of yours has the reference “%(value)s”.") % {"value": parent[:60]},
                )
            existing = sessions.get((parent, reference))
            now = _session_now(existing) if existing else None
            if existing and values["capacity"] is not None and values["capacity"] < existing.seats_taken:
                row.fail(
                    "capacity",
                    _("%(taken)d seats are already taken: the capacity cannot be lower.")
                    % {"taken": existing.seats_taken},
                )
            if values["start_date"]:
                start_key = (parent, values["start_date"])
                if start_key in starts:
                    row.fail(
                        "start_date",
                        _("Another session of this programme starts the same day (row %(row)d).")
                        % {"row": starts[start_key]},
                    )
                starts[start_key] = row.number
        if len(problems) > before:
            continue
        if existing is None:
            status, changed = "created", []
        else:
            changed = _changes(values, now)
            status = "changed" if changed else "unchanged"
        lines.append(Line(row.number, record, reference, parent, status, changed))
        rows.append({"record": record, "reference": reference, "programme_reference": parent, "values": values})
    return Preview(lines=lines, problems=problems, rows=rows)


# Writing ------------------------------------------------------------------------------------------------------------


def _new_slug(provider: Provider, reference: str) -> str:
    base = slugify(f"{provider.slug}-{reference}")[:110] or provider.slug[:110]
    slug, n = base, 1
    while Programme.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


M2M = {
    "teaching_languages": (Language, "code"),
    "required_languages": (Language, "code"),
    "required_documents": (DocumentType, "slug"),
}
FOREIGN = {"trade": Trade, "city": City}


@transaction.atomic
def apply(provider: Provider, rows: list[dict]) -> dict[str, int]:
    """Write the previewed rows, all or nothing; rows already as they are write nothing."""
    fresh = preview(provider, [_as_raw(r, n) for n, r in enumerate(rows, start=2)])
    if fresh.problems:
        raise UploadRefused(_("The catalogue changed since the preview: upload the file again."))
    counts = fresh.counts
    programmes = {
        p.provider_reference: p for p in Programme.objects.filter(provider=provider).exclude(provider_reference="")
    }
    for line, row in zip(fresh.lines, fresh.rows, strict=True):
        if line.status == "unchanged":
            continue
        values = dict(row["values"])
        if row["record"] == PROGRAMME:
            programme = programmes.get(row["reference"]) or Programme(
                provider=provider, provider_reference=row["reference"], slug=_new_slug(provider, row["reference"])
            )
            m2m = {name: values.pop(name) for name in list(values) if name in M2M}
            for name, model in FOREIGN.items():
                if name in values:
                    values[name] = model.objects.get(slug=values[name])
            for name, value in values.items():
                setattr(programme, name, Decimal(value) if name == "cost_mad" else value)
            programme.save()
            for name, codes in m2m.items():
                model, key = M2M[name]
                getattr(programme, name).set(model.objects.filter(**{f"{key}__in": codes or []}))
            programmes[row["reference"]] = programme
        else:
            programme = programmes[row["programme_reference"]]
            session = Session.objects.filter(
                programme=programme, provider_reference=row["reference"]
            ).first() or Session(programme=programme, provider_reference=row["reference"])
            for name, value in values.items():
                if name.endswith("date") or name == "application_deadline":
                    value = datetime.date.fromisoformat(value) if value else None
                setattr(session, name, value)
            session.save()
    return counts


def _as_raw(row: dict, number: int) -> dict:
    """A stored row back as the text columns ``preview`` reads (to check it again before writing)."""
    raw = {
        "_row": number,
        "record": row["record"],
        "reference": row["reference"],
        "programme_reference": row["programme_reference"],
    }
    for name, value in row["values"].items():
        if isinstance(value, list):
            raw[name] = " ".join(value)
        else:
            raw[name] = "" if value is None else str(value)
    return raw
