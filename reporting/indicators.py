"""The staff reports: what a desk, a region, a provider or the whole network did over a period, suppressed.

``reporting.queries.report_query`` reads and checks what is asked (the
period, the scope within the user's, the breakdown); ``report_build``
counts with the database (one grouped query per table) and suppresses
every table (``reporting/suppression.py``) before returning: the page, the
XLSX and the PDF lay out the same ``Report``
(``reporting/report.py``). Counts are of records as they are today: an
erased file's appointments, tickets and applications stay as anonymous counts
("not told" in every breakdown).

Where each count sits:

- the desks' side (network, region, desk scopes): files opened (new) and
  people seen again (returning), contacts by channel, questionnaires
  completed (anonymous counts kept by ``orientation.CompletionCount``, saved
  online by the person, at the desk), appointments, walk-in tickets and their
  waiting times; placed by the desk's region;
- the applications' side (every scope): applications by state, acceptance,
  times to apply and to a decision, enrolments, completions, certificates and
  drop-outs with their reasons; placed by the training's region (desk scope:
  the applications of the desk's people).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import replace

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext

from applications.machine import DROP_OUT_REASONS
from applications.models import Application, ApplicationEvent, Reason, State
from appointments.models import Appointment, AppointmentStatus, Ticket, TicketStatus
from orientation.models import CompletionCount
from people.models import Beneficiary, OrientationResult, OrientationSource
from reporting.dimensions import DIMENSIONS, Dimension, Part, month_key
from reporting.percentiles import percentiles
from reporting.queries import SCOPE_MODELS, ReportQuery, period_label, scope_label
from reporting.report import CountTable, Duration, FunnelStep, Rate, Report
from reporting.suppression import Cell, Hidden, suppress


class Context:
    """One report's period and scope, as filters on each kind of record."""

    def __init__(self, query: ReportQuery) -> None:
        self.query = query
        tz = timezone.get_current_timezone()
        self.start = datetime.datetime.combine(query.first, datetime.time(), tzinfo=tz)
        self.end = datetime.datetime.combine(query.last + datetime.timedelta(days=1), datetime.time(), tzinfo=tz)
        self.threshold = settings.GUICHET_REPORT_THRESHOLD
        self.breakdown = DIMENSIONS[query.breakdown](query) if query.breakdown else None
        self.crossing = DIMENSIONS[query.crossing](query) if query.crossing else None
        self.scope_object = SCOPE_MODELS[query.scope].objects.get(slug=query.scope_slug) if query.scope_slug else None

    def during(self, at: str, *, dates: bool = False) -> Q:
        if dates:
            return Q(**{f"{at}__gte": self.query.first, f"{at}__lte": self.query.last})
        return Q(**{f"{at}__gte": self.start, f"{at}__lt": self.end})

    def desk_side(self, desk: str) -> Q:
        """Records of the desks in scope (``desk``: the path to the record's desk)."""
        if self.query.scope == "region":
            return Q(**{f"{desk}__city__region": self.scope_object})
        if self.query.scope == "desk":
            return Q(**{desk: self.scope_object})
        return Q()

    def applications_side(self, application: str) -> Q:
        """Applications in scope (``application``: the path to the application, "" for one)."""
        p = application
        if self.query.scope == "region":
            return Q(**{f"{p}programme__city__region": self.scope_object})
        if self.query.scope == "desk":
            return Q(**{f"{p}beneficiary__desk": self.scope_object})
        if self.query.scope == "provider":
            return Q(**{f"{p}programme__provider": self.scope_object})
        if self.query.scope == "trade":
            return Q(**{f"{p}programme__trade": self.scope_object})
        return Q()

    def grid(self, parts: Sequence[Part], rows: Dimension | None, columns: list[tuple[object, str]] | Dimension):
        """Counts of ``parts`` as a grid: rows by ``rows`` (one row when None), columns by the parts' ``column``
        or by a dimension; one grouped query per part."""
        row_keys = [key for key, _label in rows.values] if rows else [None]
        column_dimension = columns if isinstance(columns, Dimension) else None
        column_values = column_dimension.values if column_dimension else columns
        column_keys = [key for key, _label in column_values]
        counts = [[0] * len(column_keys) for _ in row_keys]
        row_index = {key: n for n, key in enumerate(row_keys)}
        column_index = {key: n for n, key in enumerate(column_keys)}
        for part in parts:
            row_expression = rows.expression(part) if rows else Value(0)
            column_expression = column_dimension.expression(part) if column_dimension else part.column
            if row_expression is None or column_expression is None:
                continue
            if not hasattr(column_expression, "resolve_expression"):
                column_expression = Value(column_expression)
            counted = (
                part.rows.annotate(_row=row_expression, _column=column_expression)
                .values("_row", "_column")
                .annotate(_n=part.count if part.count is not None else Count("pk"))
                .order_by()
            )
            for group in counted:
                row = row_index.get(group["_row"], 0 if rows is None else None)
                column = column_index.get(month_key(group["_column"]))
                if row is not None and column is not None and group["_n"]:
                    counts[row][column] += group["_n"]
        return counts, [label for _key, label in rows.values] if rows else None, [label for _k, label in column_values]

    def tables(self, key: str, title: str, definition: str, parts: Sequence[Part], columns) -> list[CountTable]:
        """The table of ``parts`` by the breakdown (rows) and ``columns``; with a crossing, a second table of
        the breakdown by the crossing (the columns' sum)."""
        main, main_rows = self._table(key, title, definition, parts, columns)
        if self.crossing is None or not all(self.crossing.expression(p) is not None for p in parts):
            return [main]
        crossed, crossed_rows = self._table(
            f"{key}_by_{self.crossing.key}",
            gettext("%(title)s, by %(crossing)s") % {"title": title, "crossing": self.crossing.header().lower()},
            definition,
            parts,
            self.crossing,
        )
        if main_rows != crossed_rows:
            return [main, crossed]  # not the same records (some fell outside the crossing): no margin shared
        return list(_margins_shared(main, crossed))

    def _table(self, key, title, definition, parts, columns) -> tuple[CountTable, tuple[int, ...]]:
        """The suppressed table, and its rows' raw sums (for the checks between tables; never published)."""
        counts, row_labels, column_labels = self.grid(parts, self.breakdown, columns)
        if isinstance(columns, Dimension) and columns.key in ("trade", "region"):
            # Trades nobody applied to, and "region not known" when every record has one, take no column.
            keys = [key for key, _label in columns.values]
            kept = [
                j
                for j in range(len(column_labels))
                if any(row[j] for row in counts) or (columns.key == "region" and keys[j] != -1)
            ] or [0]
            counts = [[row[j] for j in kept] for row in counts]
            column_labels = [column_labels[j] for j in kept]
        return CountTable(
            key=key,
            title=title,
            definition=definition,
            row_header=self.breakdown.header() if self.breakdown else gettext("People"),
            rows=tuple(row_labels) if row_labels else (gettext("All"),),
            columns=tuple(column_labels),
            table=suppress(counts, threshold=self.threshold),
        ), tuple(sum(row) for row in counts)

    def single(self, value: int) -> Cell:
        """One count published alone: hidden when small."""
        return Cell(None, Hidden.SMALL) if 0 < value < self.threshold else Cell(value)


def _margins_shared(main: CountTable, crossed: CountTable) -> tuple[CountTable, CountTable]:
    """Two tables of the same rows (a measure, and the same measure crossed) publish the same row totals and
    grand total: one hidden in either is hidden in both, else the other table would give it away. Hiding more
    only widens what a reader cannot tell, so each table stays protected."""
    hidden_rows = [
        not a.shown or not b.shown for a, b in zip(main.table.row_totals, crossed.table.row_totals, strict=True)
    ]
    hidden_total = not main.table.total.shown or not crossed.table.total.shown

    def shared(t: CountTable) -> CountTable:
        grid = t.table
        rows = tuple(
            Cell(None, c.hidden or Hidden.COMPLEMENT) if hide else c
            for c, hide in zip(grid.row_totals, hidden_rows, strict=True)
        )
        total = Cell(None, grid.total.hidden or Hidden.COMPLEMENT) if hidden_total else grid.total
        return replace(t, table=replace(grid, row_totals=rows, total=total))

    return shared(main), shared(crossed)


# Durations: median and 90th percentile, by the database where it can ------------------------------------------------


DAY, MINUTE = 86400.0, 60.0


def _duration(ctx: Context, key: str, label: str, definition: str, rows, expression, *, unit: str) -> Duration:
    n, median, p90 = percentiles(rows, expression, unit_seconds=DAY if unit == "days" else MINUTE)
    measured = ctx.single(n)
    if not measured.shown or not n:
        median = p90 = None
    return Duration(
        key=key,
        label=label,
        definition=definition,
        measured=measured,
        median=None if median is None else round(median, 1),
        p90=None if p90 is None else round(p90, 1),
        unit=unit,
    )


# The report ---------------------------------------------------------------------------------------------------------


def _desk_side(ctx: Context) -> tuple[list[CountTable], list[Duration]]:
    tables: list[CountTable] = []
    in_desks = ctx.desk_side("desk")
    # Seen again in the period: the files of appointments kept and walk-ins served then (sets the database hashes).
    seen = Appointment.objects.filter(
        status=AppointmentStatus.SEEN, starts_at__gte=ctx.start, starts_at__lt=ctx.end, beneficiary__isnull=False
    ).values("beneficiary_id")
    served = Ticket.objects.filter(
        status=TicketStatus.DONE, day__gte=ctx.query.first, day__lte=ctx.query.last, beneficiary__isnull=False
    ).values("beneficiary_id")
    received = Beneficiary.objects.filter(in_desks).filter(
        ctx.during("created_at") | (Q(created_at__lt=ctx.start) & (Q(pk__in=seen) | Q(pk__in=served)))
    )
    region = "desk__city__region_id"
    tables += ctx.tables(
        "received",
        gettext("People received"),
        gettext(
            "New: files opened in the period. Returning: files opened before, whose person was seen in the period "
            "(an appointment kept or a walk-in served)."
        ),
        [
            Part(
                received,
                "created_at",
                "",
                region,
                None,
                Case(When(created_at__gte=ctx.start, then=Value("new")), default=Value("returning")),
            )
        ],
        [("new", gettext("New files")), ("returning", gettext("Returning"))],
    )
    tickets = Ticket.objects.filter(ctx.desk_side("desk"), ctx.during("day", dates=True))
    appointments_seen = Appointment.objects.filter(
        ctx.desk_side("desk"), ctx.during("starts_at"), status=AppointmentStatus.SEEN
    )
    online = Application.objects.filter(ctx.desk_side("beneficiary__desk"), ctx.during("created_at"), channel="online")
    tables += ctx.tables(
        "channels",
        gettext("Contacts by channel"),
        gettext(
            "Walk-in: tickets taken in the queue. Appointment: appointments kept. Online: applications the person "
            "made themselves on the site."
        ),
        [
            Part(tickets, "day", "beneficiary__", region, None, "walk_in", language="language"),
            Part(appointments_seen, "starts_at", "beneficiary__", region, None, "appointment"),
            Part(online, "created_at", "beneficiary__", "beneficiary__desk__city__region_id", None, "online"),
        ],
        [("walk_in", gettext("Walk-in")), ("appointment", gettext("Appointment")), ("online", gettext("Online"))],
    )
    anonymous = CompletionCount.objects.filter(ctx.during("day", dates=True))
    if ctx.query.scope == "region":
        anonymous = anonymous.filter(region=ctx.scope_object)
    elif ctx.query.scope == "desk":
        anonymous = anonymous.none()  # anonymous answers belong to no desk
    results = OrientationResult.objects.filter(ctx.desk_side("beneficiary__desk"), ctx.during("created_at"))
    tables += ctx.tables(
        "questionnaires",
        gettext("Questionnaires completed"),
        gettext(
            "Anonymous: the orientation questionnaire completed on the site without a file (counted per day, "
            "language and region, nothing else kept; not counted for a desk). Saved online: kept by the person in "
            "their file. At the desk: saved by a counsellor."
        ),
        [
            Part(anonymous, "day", None, "region_id", None, "anonymous", count=Sum("count"), language="language"),
            Part(
                results,
                "created_at",
                "beneficiary__",
                "beneficiary__desk__city__region_id",
                None,
                Case(When(source=OrientationSource.DESK, then=Value("desk")), default=Value("online")),
            ),
        ],
        [("anonymous", gettext("Anonymous")), ("online", gettext("Saved online")), ("desk", gettext("At the desk"))],
    )
    booked = Appointment.objects.filter(ctx.desk_side("desk"), ctx.during("created_at"))
    held = Appointment.objects.filter(
        ctx.desk_side("desk"), ctx.during("starts_at"), status__in=(AppointmentStatus.SEEN, AppointmentStatus.NO_SHOW)
    )
    tables += ctx.tables(
        "appointments",
        gettext("Appointments"),
        gettext(
            "Booked: appointments made in the period (for any date). Seen and did not come: appointments of the "
            "period with that outcome."
        ),
        [
            Part(booked, "created_at", "beneficiary__", region, None, "booked"),
            Part(held, "starts_at", "beneficiary__", region, None, F("status")),
        ],
        [
            ("booked", gettext("Booked")),
            (AppointmentStatus.SEEN.value, gettext("Seen")),
            (AppointmentStatus.NO_SHOW.value, gettext("Did not come")),
        ],
    )
    tables += ctx.tables(
        "tickets",
        gettext("Walk-in tickets"),
        gettext("Tickets taken in the period, by how they ended (or still in the queue)."),
        [
            Part(
                tickets,
                "day",
                "beneficiary__",
                region,
                None,
                Case(
                    When(status=TicketStatus.DONE, then=Value("served")),
                    When(status=TicketStatus.LEFT, then=Value("left")),
                    default=Value("open"),
                ),
                language="language",
            )
        ],
        [
            ("served", pgettext("walk-in queue", "Served")),
            ("left", gettext("Left the queue")),
            ("open", gettext("Still open")),
        ],
    )
    durations = [
        _duration(
            ctx,
            "waiting",
            gettext("Waiting time of walk-ins"),
            gettext("From taking the ticket to the first call to a counter, in minutes, for tickets called."),
            tickets.filter(called_at__isnull=False),
            F("called_at") - F("created_at"),
            unit="minutes",
        )
    ]
    return tables, durations


def _applications_side(ctx: Context) -> tuple[list[CountTable], list[Duration], list[Rate]]:
    tables: list[CountTable] = []
    in_scope = ctx.applications_side("")
    made = Application.objects.filter(in_scope, ctx.during("created_at"))
    region, trade = "programme__city__region_id", "programme__trade_id"
    tables += ctx.tables(
        "applications",
        gettext("Applications by state"),
        gettext("Applications made in the period, by their state today."),
        [Part(made, "created_at", "beneficiary__", region, trade, F("state"))],
        [(value, str(label)) for value, label in State.choices],
    )
    events = ApplicationEvent.objects.filter(ctx.applications_side("application__"), ctx.during("at"))
    outcomes = events.filter(to_state__in=(State.ENROLLED, State.COMPLETED, State.DROPPED_OUT))
    person, e_region, e_trade = "application__beneficiary__", f"application__{region}", f"application__{trade}"
    tables += ctx.tables(
        "outcomes",
        gettext("Enrolments and outcomes"),
        gettext(
            "Moves recorded in the period: people enrolled, trainings completed (with or without the certificate), "
            "drop-outs."
        ),
        [
            Part(
                outcomes,
                "at",
                person,
                e_region,
                e_trade,
                Case(
                    When(to_state=State.COMPLETED, reason=Reason.CERTIFIED, then=Value("certified")),
                    default=F("to_state"),
                    output_field=CharField(),
                ),
            )
        ],
        [
            (State.ENROLLED.value, gettext("Enrolled")),
            (State.COMPLETED.value, gettext("Completed without the certificate")),
            ("certified", gettext("Completed with the certificate")),
            (State.DROPPED_OUT.value, gettext("Dropped out")),
        ],
    )
    drop_outs = events.filter(to_state=State.DROPPED_OUT)
    tables += ctx.tables(
        "drop_outs",
        gettext("Drop-outs by reason"),
        gettext("People who left a training in the period, by the reason recorded."),
        [
            Part(
                drop_outs,
                "at",
                person,
                e_region,
                e_trade,
                Case(When(reason="", then=Value(Reason.OTHER.value)), default=F("reason")),
            )
        ],
        [(reason.value, str(reason.label)) for reason in DROP_OUT_REASONS],
    )
    # Acceptance: of the applications with a first decision in the period, how many were accepted. The first
    # decision is kept on the application by the move that made it (applications.models.ApplicationEvent.save).
    decisions = Application.objects.filter(in_scope, ctx.during("first_decided_at"))
    counted = decisions.aggregate(
        accepted=Count("pk", filter=Q(first_decision=State.ACCEPTED)),
        other=Count("pk", filter=~Q(first_decision=State.ACCEPTED)),
    )
    table = suppress([[counted["accepted"], counted["other"]]], threshold=ctx.threshold)
    accepted, decided = table.cells[0][0], table.row_totals[0]
    rates = [
        Rate(
            key="acceptance",
            label=gettext("Acceptance rate"),
            definition=gettext(
                "Of the applications with a first decision in the period (accepted, wait-listed or not accepted), "
                "the share accepted at once."
            ),
            numerator=accepted,
            denominator=decided,
            value=round(100 * accepted.value / decided.value, 1)
            if accepted.shown and decided.shown and decided.value
            else None,
        )
    ]
    durations = [
        _duration(
            ctx,
            "first_visit_to_application",
            gettext("From first visit to application"),
            gettext("Days from the opening of the file to the application, for applications made in the period."),
            made.filter(beneficiary__isnull=False),
            F("created_at") - F("beneficiary__created_at"),
            unit="days",
        ),
        _duration(
            ctx,
            "application_to_decision",
            gettext("From application to decision"),
            gettext("Days from the application to its first decision, for first decisions made in the period."),
            decisions,
            F("first_decided_at") - F("created_at"),
            unit="days",
        ),
    ]
    return tables, durations, rates


def _funnel(ctx: Context, *, first_hidden: bool = False) -> list[FunnelStep]:
    """From first visit to completion, for the files opened in the period (desks' scopes), or from application
    to completion, for the applications made in the period (a provider's, a trade's)."""
    if ctx.query.applications_only:
        made = Application.objects.filter(ctx.applications_side(""), ctx.during("created_at"))
        # The applications made in the period that moved on to each step since: one grouped join over their log.
        counts = ApplicationEvent.objects.filter(
            application__in=made, to_state__in=(State.ACCEPTED, State.ENROLLED, State.COMPLETED)
        ).aggregate(
            **{
                state: Count("application_id", distinct=True, filter=Q(to_state=state))
                for state in ("accepted", "enrolled", "completed")
            }
        )
        counts["applied"] = made.count()
        steps = [
            ("applied", gettext("Applications made")),
            ("accepted", gettext("Accepted")),
            ("enrolled", gettext("Enrolled")),
            ("completed", gettext("Completed")),
        ]
    else:
        files = Beneficiary.objects.filter(ctx.desk_side("desk"), ctx.during("created_at"))
        # How far each person went is kept on their file by the moves that reached it (applications.models):
        # one pass over the files opened in the period, not a join over their applications' logs.
        counts = files.aggregate(
            visited=Count("pk"),
            **{
                step: Count("pk", filter=Q(**{f"{step}_at__isnull": False}))
                for step in ("applied", "accepted", "enrolled", "completed")
            },
        )
        counts["oriented"] = OrientationResult.objects.filter(
            ctx.desk_side("beneficiary__desk"),
            beneficiary__created_at__gte=ctx.start,
            beneficiary__created_at__lt=ctx.end,
        ).aggregate(n=Count("beneficiary_id", distinct=True))["n"]
        steps = [
            ("visited", gettext("First visit (file opened)")),
            ("oriented", gettext("Questionnaire saved")),
            ("applied", gettext("Applied")),
            ("accepted", gettext("Accepted")),
            ("enrolled", gettext("Enrolled")),
            ("completed", gettext("Completed")),
        ]
    return _funnel_suppressed(ctx, [(label, counts[key]) for key, label in steps], first_hidden=first_hidden)


def _funnel_suppressed(ctx: Context, steps: list[tuple[str, int]], *, first_hidden: bool) -> list[FunnelStep]:
    """A step under the threshold is hidden; so is one whose gap from the last shown step is small (those who
    stopped there would be a small count worked out by subtraction). ``first_hidden``: the first step's count
    is a total a table hid (as a complement): hidden here too."""
    shown_before: int | None = None
    funnel = []
    for n, (label, value) in enumerate(steps):
        cell = ctx.single(value)
        if n == 0 and first_hidden and cell.shown:
            cell = Cell(None, Hidden.COMPLEMENT)
        if cell.shown and shown_before is not None and 0 < shown_before - value < ctx.threshold:
            cell = Cell(None, Hidden.COMPLEMENT)
        if cell.shown:
            shown_before = value
        funnel.append(FunnelStep(label=label, count=cell))
    return funnel


def _first_step_hidden(query: ReportQuery, tables: list[CountTable]) -> bool:
    """The funnel's first step is a total of a table (files opened: the new files' column of the people received;
    applications made: the applications' grand total): hidden there, it is hidden in the funnel."""
    if query.applications_only:
        return not next(t for t in tables if t.key == "applications").table.total.shown
    received = next(t for t in tables if t.key == "received")
    return not received.table.column_totals[0].shown


def report_build(query: ReportQuery) -> Report:
    """The report of ``query``, labels in the active language, every count suppressed."""
    ctx = Context(query)
    tables: list[CountTable] = []
    durations: list[Duration] = []
    if not query.applications_only:
        desk_tables, desk_durations = _desk_side(ctx)
        tables += desk_tables
        durations += desk_durations
    application_tables, application_durations, rates = _applications_side(ctx)
    tables += application_tables
    durations += application_durations
    return Report(
        first=query.first,
        last=query.last,
        period_label=period_label(query),
        scope_label=scope_label(query),
        language=get_language() or settings.LANGUAGE_CODE,
        threshold=ctx.threshold,
        generated_at=timezone.now(),
        tables=tuple(tables),
        durations=tuple(durations),
        funnel=tuple(_funnel(ctx, first_hidden=_first_step_hidden(query, tables))),
        rates=tuple(rates),
    )
