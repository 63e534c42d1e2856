"""Reports over two years of a national network, and the open services feed, on PostgreSQL.

Creates its own database (``guichet_bench_reporting`` on 127.0.0.1:5432, user
``postgres``), loads the demo reference data and a synthetic catalogue of
10,000 programmes (``demo.synthetic_catalogue``, as ``make bench-data``), then
writes a synthetic history with PostgreSQL's COPY (no Python object per row,
no signal: minutes, not an hour): 40 desks over the regions, 100,000 files
opened over the last two years (sex, birth year, nationality, schooling,
language drawn at random, some left untold), 300,000 applications of those
people to the catalogue's sessions with the whole log of their moves
(``ApplicationEvent``: submitted, under review, accepted or wait-listed or
refused, offered, enrolled, completed or dropped out, withdrawn…, each with
its reason where one is due), two years of appointments (seen, no-show,
cancelled; a few booked ahead) and walk-in tickets, and 1,000,000 audit lines.
Then ANALYZE, and it measures, printing the figures (asserting nothing):

1. **The floor**, in the same run: ``SELECT 1`` through Django's connection,
   and ``GET /healthz`` through the test client (what any request costs here).
2. **The reports page** for the whole network over the last twelve months
   (``period=dates``): ``--requests`` GETs (default 20) of ``/fr/desk/reports/``
   through Django's test client, signed in as a national network administrator
   (second factor passed), p50 / p95 / max and the number of queries of one
   (target: p95 under 500 ms). The wide reports are precomputed
   (``reporting/snapshots.py``): the GETs are served from the snapshot the
   first one made; then the same page counted live, its snapshot deleted
   before each GET (what the first reader after an hour, or of a new query, waits).
3. **A year's XLSX**: ``report_build`` then ``report_xlsx`` for the same query,
   timed apart (what the export task does), and the workbook's size (target:
   under 10 s); then the PDF of the same report.
4. **The open services feed**: ``/api/v1/open/services?format=csv`` (10,000
   programmes and the desks' services) streamed through the test client, chunk
   by chunk, under ``tracemalloc``: bytes and rows sent, time, and the peak of
   memory allocated while streaming, beside the same for the small structures
   feed (``/api/v1/open/structures?format=csv``); memory flat means the big
   feed's peak is about the small one's, not proportional to its rows. The
   process's peak RSS is printed too.

    .venv/bin/python bench/reporting.py [--scale 1.0] [--requests 20] [--seed 1] [--keep]

``--scale`` multiplies every count (files, applications, appointments, audit
lines, programmes); 0.1 for a quick look. ``--keep`` leaves the database for a
second look (``psql guichet_bench_reporting``).
"""

from __future__ import annotations

import argparse
import datetime
import io
import random
import resource
import secrets
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ms, percentiles, postgres_database

DATABASE = "guichet_bench_reporting"
DESKS = 40
FILES = 100_000
APPLICATIONS = 300_000
APPOINTMENTS = 200_000
TICKETS = 150_000
AUDIT_LINES = 1_000_000
PROGRAMMES = 10_000
DAYS = 730
SLOTS_PER_DAY = 14  # half-hour appointments from 9:00, one counsellor
NATIONALITIES = ["SN", "CI", "ML", "GN", "CM", "CD", "NG", "SY", "YE", "SD", "GM", "BF", "TD", "ER"]
NATIONAL_ADMIN = "bench-national-admin"


def _copy(table: str, columns: list[str], rows) -> int:
    """``rows`` into ``table`` with COPY … FROM STDIN (psycopg's row writer): no Python object per row."""
    from django.db import connection

    count = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 1) FROM {table}))"
        )
    return count


def _next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


def _timed(label: str, work):
    started = time.perf_counter()
    result = work()
    print(f"  {label:<44} {time.perf_counter() - started:7.1f} s", flush=True)
    return result


def _staff(desks):
    """A counsellor per desk (more where the appointments need them), a provider's staff, the national admin."""
    from django.contrib.auth import get_user_model

    from accounts.models import Role, StaffRole

    users = get_user_model()
    admin = users.objects.create_user(NATIONAL_ADMIN, password="bench")
    StaffRole.objects.create(user=admin, role=Role.NETWORK_ADMIN)
    counsellors = []
    for n, desk in enumerate(desks):
        user = users.objects.create_user(f"bench-counsellor-{n}", password="bench")
        StaffRole.objects.create(user=user, role=Role.COUNSELLOR, desk=desk)
        counsellors.append(user)
    return admin, counsellors


def _desks(rng: random.Random):
    from catalog.models import City, Desk

    cities = list(City.objects.select_related("region").order_by("slug"))
    made = Desk.objects.bulk_create(
        [
            Desk(
                slug=f"bench-desk-{n}",
                name=f"Guichet {cities[n % len(cities)].name} {n}",
                city=cities[n % len(cities)],
                address=f"{n} avenue Mohammed V",
            )
            for n in range(DESKS)
        ]
    )
    return list(Desk.objects.filter(pk__in=[d.pk for d in made]).select_related("city__region"))


def _moment(start: datetime.datetime, rng: random.Random, days: float) -> datetime.datetime:
    """A working-hours moment ``days`` (fractional) after ``start``."""
    day = start + datetime.timedelta(days=int(days))
    return day.replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(minutes=rng.randrange(0, 480))


def _files(count: int, desks, rng: random.Random, start: datetime.datetime, now: datetime.datetime) -> list:
    """``count`` files over the two years: (id, desk id, opened at) of each, written by COPY."""
    from people.models import Beneficiary

    first_id = _next_id(Beneficiary)
    made = []

    def rows():
        for n in range(count):
            pk = first_id + n
            desk = desks[rng.randrange(len(desks))]
            opened = _moment(start, rng, rng.random() * DAYS)
            made.append((pk, desk.pk, opened))
            told = rng.random()
            yield (
                pk,
                secrets.token_urlsafe(16),
                f"BENCH{pk:09d}",
                desk.pk,
                rng.choice(["Aminata", "Joseph", "Fatou", "Moussa", "Awa", "Ibrahim", "Mariam", "Samuel"]),
                rng.choice(["Diallo", "Traoré", "Koné", "Mensah", "Ndiaye", ""]),
                "",
                "",
                rng.randint(1960, 2009) if told < 0.9 else None,
                rng.choice(["female", "male", "female", "male", "other"]) if told < 0.95 else "",
                rng.choice(NATIONALITIES) if told < 0.85 else "",
                rng.choice(["fr", "ar", "en", "fr"]),
                rng.randint(0, 6) if told < 0.8 else None,
                "",
                "",
                opened,
                opened,
                opened + datetime.timedelta(days=rng.randrange(0, 120)) if rng.random() < 0.5 else opened,
            )

    _copy(
        Beneficiary._meta.db_table,
        [
            "id",
            "public_id",
            "file_number",
            "desk_id",
            "first_name",
            "last_name",
            "phone",
            "email",
            "birth_year",
            "sex",
            "nationality",
            "preferred_language",
            "schooling",
            "residence_status",
            "residence_document_number",
            "created_at",
            "updated_at",
            "last_activity_at",
        ],
        rows(),
    )
    return made


# Paths an application takes: (probability, [(state, reason)…]) after "submitted"; the last one is where it stays.
_PATHS = [
    (0.22, [("under_review", ""), ("accepted", ""), ("enrolled", ""), ("completed", "certified")]),
    (0.05, [("accepted", ""), ("enrolled", ""), ("completed", "not_certified")]),
    (0.07, [("accepted", ""), ("enrolled", ""), ("dropped_out", "found_work")]),
    (0.04, [("under_review", ""), ("accepted", ""), ("enrolled", ""), ("dropped_out", "money")]),
    (0.13, [("refused", "prerequisites")]),
    (0.05, [("under_review", ""), ("refused", "documents_missing")]),
    (0.08, [("wait_listed", ""), ("offered", ""), ("accepted", ""), ("enrolled", ""), ("completed", "certified")]),
    (0.05, [("wait_listed", ""), ("offered", ""), ("declined", "by_person")]),
    (0.04, [("wait_listed", ""), ("withdrawn", "accepted_elsewhere")]),
    (0.06, [("accepted", ""), ("withdrawn", "by_person")]),
    (0.04, [("expired", "no_decision")]),
    (0.17, [("under_review", ""), ("accepted", ""), ("enrolled", "")]),  # still in training, or recent
]


def _path(rng: random.Random):
    r = rng.random()
    for probability, steps in _PATHS:
        if r < probability:
            return steps
        r -= probability
    return []  # still submitted


def _applications(count: int, files, sessions, staff, rng: random.Random, now: datetime.datetime) -> int:
    """``count`` applications of the files to sessions, with their logs; returns the number of moves written."""
    from applications.models import Application, ApplicationEvent

    first_id, first_event = _next_id(Application), _next_id(ApplicationEvent)
    events: list[tuple] = []
    taken: set[tuple[int, int]] = set()

    def rows():
        for n in range(count):
            pk = first_id + n
            person, desk_id, opened = files[n % len(files)] if n < len(files) else files[rng.randrange(len(files))]
            session = sessions[rng.randrange(len(sessions))]
            while (person, session[0]) in taken:
                session = sessions[rng.randrange(len(sessions))]
            taken.add((person, session[0]))
            created = opened + datetime.timedelta(days=rng.expovariate(1 / 20))
            created = min(created, now - datetime.timedelta(hours=1))
            at, state, reason, wait_listed, offer_expires = created, "submitted", "", None, None
            events.append((pk, "", "submitted", created, staff[desk_id], "counsellor", ""))
            for to, why in _path(rng):
                later = at + datetime.timedelta(days=rng.expovariate(1 / 9))
                if to in ("completed", "dropped_out"):
                    later = at + datetime.timedelta(days=rng.randint(30, 180))
                if later >= now:
                    break
                role = "provider" if to not in ("withdrawn", "declined") else "counsellor"
                role = "system" if to == "expired" else role
                events.append((pk, state, to, later, None, role, why))
                at, state, reason = later, to, why
                if to == "wait_listed":
                    wait_listed = later
                if to == "offered":
                    offer_expires = later + datetime.timedelta(hours=72)
            yield (
                pk,
                secrets.token_urlsafe(16),
                person,
                session[1],
                session[0],
                state,
                "desk" if rng.random() < 0.7 else "online",
                "{}",
                "{}",
                staff[desk_id],
                created,
                at,
                at,
                wait_listed if state == "wait_listed" else None,
                offer_expires if state == "offered" else None,
                reason,
                "",  # first_decision: set from the log with the milestones below
            )

    _copy(
        Application._meta.db_table,
        [
            "id",
            "public_id",
            "beneficiary_id",
            "programme_id",
            "session_id",
            "state",
            "channel",
            "eligibility",
            "shared_fields",
            "created_by_id",
            "created_at",
            "updated_at",
            "state_changed_at",
            "wait_listed_at",
            "offer_expires_at",
            "reason",
            "first_decision",
        ],
        rows(),
    )
    return _copy(
        ApplicationEvent._meta.db_table,
        ["id", "application_id", "from_state", "to_state", "at", "by_id", "role", "reason", "note"],
        ((first_event + n, *event, "") for n, event in enumerate(events)),
    )


def _milestones() -> None:
    """COPY writes no milestone (the models' save does): set them from the logs, as the migration did."""
    from applications.milestones import milestones_rebuild
    from applications.models import Application, ApplicationEvent
    from people.models import Beneficiary

    milestones_rebuild(application_model=Application, event_model=ApplicationEvent, beneficiary_model=Beneficiary)
    # COPY then UPDATE leaves every row of the two tables written twice, which a table living under
    # autovacuum never is: compact them, or every scan would read twice the pages the live network has.
    from django.db import connection

    with connection.cursor() as cursor:
        for model in (Application, Beneficiary):
            cursor.execute(f"VACUUM FULL {model._meta.db_table}")


def _appointments(count: int, files, desks, counsellors_by_desk, rng, start, now) -> int:
    """Two years of appointments, each counsellor's in their own half-hour slots (never two at once)."""
    from django.utils import timezone

    from appointments.models import Appointment, MeetingReason

    reasons = list(MeetingReason.objects.order_by("pk").values_list("pk", flat=True))
    first_id = _next_id(Appointment)
    per_desk = max(1, count // len(desks))
    tz = timezone.get_current_timezone()

    def rows():
        pk = first_id
        for desk in desks:
            counsellors = counsellors_by_desk[desk.pk]
            # Slots spread over the two years (and a week ahead), in order, each counsellor taking turns.
            slots = sorted(rng.sample(range((DAYS + 7) * SLOTS_PER_DAY * len(counsellors)), per_desk))
            for slot in slots:
                counsellor = counsellors[slot % len(counsellors)]
                day, place = divmod(slot // len(counsellors), SLOTS_PER_DAY)
                starts = datetime.datetime.combine(
                    start.date() + datetime.timedelta(days=day), datetime.time(9), tzinfo=tz
                ) + datetime.timedelta(minutes=30 * place)
                if starts >= now:
                    status = "booked"
                else:
                    r = rng.random()
                    status = "seen" if r < 0.72 else "no_show" if r < 0.86 else "cancelled_by_person"
                person = files[rng.randrange(len(files))][0] if rng.random() < 0.9 else None
                created = starts - datetime.timedelta(days=rng.randint(1, 21))
                yield (
                    pk,
                    secrets.token_urlsafe(16),
                    desk.pk,
                    reasons[rng.randrange(len(reasons))],
                    counsellor,
                    person if status != "booked" else None,
                    starts,
                    starts + datetime.timedelta(minutes=30),
                    status,
                    rng.choice(["online", "desk", "desk", "api"]),
                    0,
                    created,
                    created,
                    starts + datetime.timedelta(minutes=30) if status != "booked" else None,
                )
                pk += 1

    return _copy(
        Appointment._meta.db_table,
        [
            "id",
            "public_id",
            "desk_id",
            "reason_id",
            "counsellor_id",
            "beneficiary_id",
            "starts_at",
            "ends_at",
            "status",
            "booked_via",
            "sequence",
            "created_at",
            "updated_at",
            "closed_at",
        ],
        rows(),
    )


def _tickets(count: int, files, desks, counsellors_by_desk, rng, start) -> int:
    """Walk-in tickets of past days: served (with their waits) or gone before their call."""
    from django.utils import timezone

    from appointments.models import Ticket

    first_id = _next_id(Ticket)
    per_day = count / (len(desks) * (DAYS - 1))  # on average: a day has its floor, or one more by chance
    tz = timezone.get_current_timezone()

    def rows():
        pk = first_id
        for desk in desks:
            for day in range(DAYS - 1):
                date = start.date() + datetime.timedelta(days=day)
                for number in range(1, int(per_day) + (rng.random() < per_day % 1) + 1):
                    queued = datetime.datetime.combine(date, datetime.time(9), tzinfo=tz) + datetime.timedelta(
                        minutes=rng.randrange(0, 420)
                    )
                    wait = datetime.timedelta(minutes=rng.expovariate(1 / 25))
                    served = rng.random() < 0.85
                    called = queued + wait if served else None
                    done = (called + datetime.timedelta(minutes=15)) if served else queued + wait
                    yield (
                        pk,
                        secrets.token_urlsafe(16),
                        desk.pk,
                        date,
                        number,
                        rng.choice(["fr", "ar", "en"]),
                        "",
                        "done" if served else "left",
                        "1" if served else "",
                        counsellors_by_desk[desk.pk][0] if served else None,
                        files[rng.randrange(len(files))][0] if served and rng.random() < 0.6 else None,
                        queued,
                        queued,
                        called,
                        called,
                        done,
                        1 if served else 0,
                        0,
                    )
                    pk += 1

    return _copy(
        Ticket._meta.db_table,
        [
            "id",
            "public_id",
            "desk_id",
            "day",
            "number",
            "language",
            "phone",
            "status",
            "counter",
            "called_by_id",
            "beneficiary_id",
            "created_at",
            "queued_at",
            "called_at",
            "served_at",
            "done_at",
            "calls",
            "no_answers",
        ],
        rows(),
    )


def _audit(count: int, files, staff_ids: list[int], rng, start) -> int:
    from audit.models import AuditEvent

    first_id = _next_id(AuditEvent)
    kinds = [
        ("file_read", "beneficiary"),
        ("file_read", "beneficiary"),
        ("file_update", "beneficiary"),
        ("search", ""),
        ("application_read", "application"),
        ("appointment_read", "appointment"),
        ("sign_in", "user"),
    ]
    return _copy(
        AuditEvent._meta.db_table,
        ["id", "at", "actor_id", "action", "object_type", "object_id", "ip_address", "detail"],
        (
            (
                first_id + n,
                start + datetime.timedelta(seconds=rng.randrange(DAYS * 86400)),
                staff_ids[rng.randrange(len(staff_ids))],
                action,
                kind,
                secrets.token_urlsafe(16) if kind else "",
                f"10.0.{rng.randrange(256)}.{rng.randrange(256)}",
                "",
            )
            for n in range(count)
            for action, kind in (kinds[rng.randrange(len(kinds))],)
        ),
    )


def generate(scale: float, seed: int):
    """The whole history; returns the national admin."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Role, StaffRole
    from catalog.models import Session
    from demo.synthetic_catalogue import synthetic_catalogue_generate
    from search.services import search_index_rebuild

    rng = random.Random(seed)
    now = timezone.now()
    start = now - datetime.timedelta(days=DAYS)
    print(f"Generating (scale {scale}):", flush=True)
    with connection.cursor() as cursor:  # COPY of a million rows outlasts a request's statement timeout
        cursor.execute("SET statement_timeout = 0")
    total = time.perf_counter()
    _timed(
        f"catalogue: {int(PROGRAMMES * scale):,} programmes",
        lambda: synthetic_catalogue_generate(programmes=int(PROGRAMMES * scale), seed=seed),
    )
    _timed("search index of the catalogue", search_index_rebuild)
    call_command("load_demo", "--no-admin", verbosity=0, stdout=io.StringIO())  # meeting reasons, the demo's desks
    desks = _desks(rng)
    admin, counsellors = _staff(desks)
    counsellors_by_desk = {desk.pk: [c.pk] for desk, c in zip(desks, counsellors, strict=True)}
    # Busy desks have more counsellors: enough for their appointments in two years of slots.
    needed = max(1, -(-int(APPOINTMENTS * scale) // (len(desks) * DAYS * SLOTS_PER_DAY // 2)))
    for desk in desks:
        for extra in range(1, needed):
            user = get_user_model().objects.create_user(f"bench-counsellor-{desk.pk}-{extra}", password="bench")
            StaffRole.objects.create(user=user, role=Role.COUNSELLOR, desk=desk)
            counsellors_by_desk[desk.pk].append(user.pk)
    sessions = list(Session.objects.values_list("pk", "programme_id"))
    files = _timed(f"files: {int(FILES * scale):,}", lambda: _files(int(FILES * scale), desks, rng, start, now))
    staff = {desk_id: ids[0] for desk_id, ids in counsellors_by_desk.items()}
    moves = _timed(
        f"applications: {int(APPLICATIONS * scale):,} and their logs",
        lambda: _applications(int(APPLICATIONS * scale), files, sessions, staff, rng, now),
    )
    print(f"  ({moves:,} moves in the applications' logs)")
    _timed("milestones from the logs (as the migration)", _milestones)
    made = _timed(
        f"appointments: {int(APPOINTMENTS * scale):,}",
        lambda: _appointments(int(APPOINTMENTS * scale), files, desks, counsellors_by_desk, rng, start, now),
    )
    print(f"  ({made:,} appointments written)")
    tickets = _timed(
        f"walk-in tickets: about {int(TICKETS * scale):,}",
        lambda: _tickets(int(TICKETS * scale), files, desks, counsellors_by_desk, rng, start),
    )
    print(f"  ({tickets:,} tickets written)")
    staff_ids = [pk for ids in counsellors_by_desk.values() for pk in ids] + [admin.pk]
    lines = int(AUDIT_LINES * scale)
    _timed(f"audit lines: {lines:,}", lambda: _audit(lines, files, staff_ids, rng, start))
    with connection.cursor() as cursor:
        _timed("VACUUM ANALYZE", lambda: cursor.execute("VACUUM ANALYZE"))
        cursor.execute("RESET statement_timeout")  # the measures run under the requests' own
    print(f"  {'generated in':<44} {time.perf_counter() - total:7.1f} s", flush=True)
    return admin


def _streamed(client, url: str) -> dict:
    """A streamed answer read chunk by chunk under tracemalloc: its size, rows, time, and memory as it goes.

    ``early`` is the memory allocated once a fifth of the rows are out, ``end`` once all are: flat means the
    same, whatever the length (the feed reads its rows a chunk at a time).
    """
    import gc

    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    size = lines = 0
    samples = []
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
        samples.append((lines, tracemalloc.get_traced_memory()[0]))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    early = next((memory for n, memory in samples if n >= lines / 5), samples[-1][1])
    return {"size": size, "rows": lines - 1, "seconds": elapsed, "peak": peak, "early": early, "end": samples[-1][1]}


def measure_floor(client) -> None:
    from django.db import connection

    timings = []
    for _ in range(200):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        timings.append(time.perf_counter() - started)
    print(f"Floor: SELECT 1                          {percentiles(timings)}")
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        assert client.get("/healthz").status_code == 200
        timings.append(time.perf_counter() - started)
    print(f"Floor: GET /healthz (test client)        {percentiles(timings)}")


def measure_feed(client) -> None:
    small = _streamed(client, "/api/v1/open/structures?format=csv")
    big = _streamed(client, "/api/v1/open/services?format=csv")
    for name, run in (("structures (small)", small), ("services (the programmes)", big)):
        print(
            f"Open feed {name:<26} {run['rows']:7,} rows {run['size'] / 1e6:6.1f} MB in {run['seconds']:6.2f} s; "
            f"allocated: after a fifth {run['early'] / 1e6:5.1f} MB, at the end {run['end'] / 1e6:5.1f} MB, "
            f"peak {run['peak'] / 1e6:5.1f} MB"
        )
    print(
        f"  services feed: peak {big['peak'] / max(small['peak'], 1):.1f}x the small feed's for "
        f"{big['rows'] / max(small['rows'], 1):.0f}x its rows; growth from a fifth to the end "
        f"{(big['end'] - big['early']) / 1e6:+.1f} MB"
    )


def _year_params() -> dict[str, str]:
    from django.utils import timezone

    today = timezone.localdate()
    first = today - datetime.timedelta(days=364)
    return {"period": "dates", "from": first.isoformat(), "to": today.isoformat(), "scope": "network"}


def measure_reports(client, admin, requests: int) -> None:
    """The page for the whole network over the last twelve months, then the same report as XLSX (and PDF)."""
    from django.db import connection
    from django.utils import translation

    from people.tests.staff import staff_sign_in
    from reporting.exports import report_pdf, report_xlsx
    from reporting.indicators import report_build
    from reporting.models import ReportSnapshot
    from reporting.queries import report_query

    staff_sign_in(client, admin)
    params = _year_params()
    url = "/fr/desk/reports/"
    first = client.get(url, params)  # warms the templates and translations up
    assert first.status_code == 200, first.status_code
    queries = []  # counted by a wrapper: each request starts with an empty query log, and closes its connection

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url, params)
    served = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url, params)
        served.append(time.perf_counter() - started)
        assert response.status_code == 200
    print(
        f"Reports page, network, 12 months, served from its snapshot ({requests} GETs, {len(queries)} queries "
        f"each): {percentiles(served)}"
    )
    cold = []
    for _ in range(max(3, requests // 4)):
        ReportSnapshot.objects.all().delete()  # never computed: counted before the page answers
        started = time.perf_counter()
        response = client.get(url, params)
        cold.append(time.perf_counter() - started)
        assert response.status_code == 200
    print(
        f"Reports page, network, 12 months, counted live (snapshot deleted first, {len(cold)} GETs): "
        f"{percentiles(cold)}"
    )
    with translation.override("fr"):
        user = type(admin).objects.get(pk=admin.pk)
        started = time.perf_counter()
        report = report_build(report_query(params, user=user))
        built = time.perf_counter() - started
        started = time.perf_counter()
        workbook = report_xlsx(report)
        laid = time.perf_counter() - started
        print(
            f"A year's XLSX: report built in {ms(built)}, workbook written in {ms(laid)}: {ms(built + laid)} in all, "
            f"{len(workbook) / 1e3:.0f} kB, {len(report.tables)} tables, {report.cells_hidden} cells hidden"
        )
        started = time.perf_counter()
        pdf = report_pdf(report)
        print(
            f"A year's PDF (the same report): written in {ms(time.perf_counter() - started)}, {len(pdf) / 1e3:.0f} kB"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    with postgres_database(DATABASE, keep=args.keep):
        from django.core.management import call_command
        from django.test import Client

        call_command("collectstatic", interactive=False, verbosity=0)  # pages name their hashed static files
        admin = generate(args.scale, args.seed)
        client = Client()
        measure_floor(client)
        measure_reports(client, admin, args.requests)
        measure_feed(Client())
        print(f"peak memory (RSS) of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
