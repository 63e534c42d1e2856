"""Free times and bookings at a busy desk, on PostgreSQL.

Creates its own database (``guichet_bench_appointments`` on 127.0.0.1:5432,
user ``postgres``): one desk open on weekdays 09:00–12:30 and 14:00–16:30,
``--counsellors`` counsellors (default 10) available all those hours, a
30-minute reason, and a third of the coming eight weeks already booked
(seeded). Then:

1. **Free times**: ``selectors.free_times`` over the whole booking window
   (8 weeks), ``--repeat`` times; p50 / p95 / max and the queries of one
   call. Target: p95 under 50 ms. The floor, measured in the same run, is
   reading the same rows it reads (appointments, holds, absences of those
   weeks) without computing anything: what the database alone costs.
2. **Bookings**: ``--clients`` threads (default 20), each with its own
   connection, book the free times in random order for ``--seconds``
   (default 10), every one of them for a different person; bookings per
   second, how many were refused as taken, and the number of overlapping
   live appointments of one counsellor found afterwards by SQL (must be 0).
   The floor is the same threads writing one row per transaction into a
   scratch table: the rate the database and this process allow at best.

Prints figures; asserts nothing.

    .venv/bin/python bench/appointments.py [--counsellors 10] [--repeat 200] [--clients 20] [--seconds 10] [--keep]
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import percentiles, postgres_database, threads_for

DATABASE = "guichet_bench_appointments"


def _setup(counsellors: int, seed: int):
    from accounts.models import Role, StaffRole
    from appointments import selectors
    from appointments.models import Appointment, Availability, BookedVia, MeetingReason
    from catalog.models import OpeningHours
    from catalog.tests.factories import DeskFactory
    from people.tests.factories import BeneficiaryFactory, UserFactory

    desk = DeskFactory(slug="bench-desk")
    for weekday in range(5):
        OpeningHours.objects.create(desk=desk, weekday=weekday, opens=datetime.time(9), closes=datetime.time(12, 30))
        OpeningHours.objects.create(desk=desk, weekday=weekday, opens=datetime.time(14), closes=datetime.time(16, 30))
    reason = MeetingReason.objects.create(slug="bench-interview", name="Entretien", duration_minutes=30)
    reason.desks.add(desk)
    today = datetime.date.today()
    for n in range(counsellors):
        user = UserFactory(username=f"bench-counsellor-{n}")
        StaffRole.objects.create(user=user, role=Role.COUNSELLOR, desk=desk)
        Availability.objects.bulk_create(
            Availability(
                counsellor=user,
                desk=desk,
                weekday=weekday,
                starts=datetime.time(9),
                ends=datetime.time(16, 30),
                valid_from=today,
            )
            for weekday in range(5)
        )
    # A third of every counsellor's coming eight weeks is booked already (written directly: fast and seeded).
    rng = random.Random(seed)
    free = selectors.free_times(desk=desk, reason=reason, first=today, last=today + datetime.timedelta(weeks=8))
    people = BeneficiaryFactory.create_batch(200, desk=desk)
    booked = []
    for time_ in free:
        for counsellor in time_.counsellors:
            if rng.random() < 1 / 3:
                booked.append(
                    Appointment(
                        desk=desk,
                        reason=reason,
                        counsellor_id=counsellor,
                        beneficiary=None,
                        starts_at=time_.start,
                        ends_at=time_.end,
                        booked_via=BookedVia.DESK,
                    )
                )
    Appointment.objects.bulk_create(booked, batch_size=2000)
    return desk, reason, people, len(booked)


def bench_free_times(desk, reason, repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from appointments import selectors
    from appointments.models import Absence, Appointment, SlotHold

    today = selectors.local(timezone.now()).date()
    last = today + datetime.timedelta(weeks=reason.max_weeks_ahead)
    with CaptureQueriesContext(connection) as queries:
        free = selectors.free_times(desk=desk, reason=reason, first=today, last=last)
    timings, floor = [], []
    counsellors = selectors.counsellor_ids(desk=desk)
    since = timezone.now()
    until = since + datetime.timedelta(weeks=reason.max_weeks_ahead + 1)
    for _ in range(repeat):
        started = time.perf_counter()
        selectors.free_times(desk=desk, reason=reason, first=today, last=last)
        timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        window = {"counsellor_id__in": counsellors, "starts_at__lt": until, "ends_at__gt": since}
        epochs = {"start": selectors._epoch("starts_at"), "end": selectors._epoch("ends_at")}
        for rows in (Appointment.objects.filter(status="booked", **window), SlotHold.objects, Absence.objects):
            list(rows.filter(**window).annotate(**epochs).values_list("counsellor_id", "start", "end"))
        floor.append(time.perf_counter() - started)
    print(
        f"free times over {reason.max_weeks_ahead} weeks, {len(counsellors)} counsellors: {len(free)} start times, "
        f"{sum(t.free for t in free)} counsellor-slots free, {len(queries)} queries a call"
    )
    print(f"  free_times():            {percentiles(timings)}   (target: p95 under 50 ms)")
    print(f"  floor (its rows, read):  {percentiles(floor)}")


def bench_bookings(desk, reason, people, clients: int, seconds: float) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from appointments import selectors, services
    from core.actor import system
    from people.tests.factories import BeneficiaryFactory

    today = selectors.local(timezone.now()).date()
    starts = [
        t.start
        for t in selectors.free_times(desk=desk, reason=reason, first=today, last=today + datetime.timedelta(weeks=8))
    ]
    # Every booking is for another person (one live appointment per person and reason).
    persons = BeneficiaryFactory.create_batch(clients * 400, desk=desk)
    lock = threading.Lock()

    wanted = starts

    def book(index: int, rng: random.Random) -> bool | None:
        with lock:
            if not persons:
                return None
            person = persons.pop()
        try:
            services.appointment_book(
                actor=system, desk=desk, reason=reason, starts_at=rng.choice(wanted), beneficiary=person
            )
        except services.SlotTaken:
            return False
        return True

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, n int)")

    def floor(index: int, rng: random.Random) -> bool:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_floor (n) VALUES (%s)", [index])
        return True

    floor_done, _refused, floor_elapsed = threads_for(clients, seconds, floor)
    booked, taken, elapsed = threads_for(clients, seconds, book)
    # Then every client after the same few times: the first ten of the window, soon all taken.
    wanted = starts[:10]
    hot_booked, hot_taken, hot_elapsed = threads_for(clients, min(seconds, 3), book)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM appointments_appointment a JOIN appointments_appointment b "
            "ON a.counsellor_id = b.counsellor_id AND a.id < b.id AND a.status = 'booked' AND b.status = 'booked' "
            "AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
        )
        overlaps = cursor.fetchone()[0]
    print(f"bookings, {clients} concurrent clients for {seconds:.0f} s:")
    print(f"  booked: {booked / elapsed:7.1f} /s   ({booked} booked, {taken} refused as just taken)")
    print(f"  floor (one-row write transactions): {floor_done / floor_elapsed:7.1f} /s")
    print(
        f"  all after the same 10 times: {hot_booked} booked, {hot_taken} refused as just taken "
        f"in {hot_elapsed:.0f} s ({(hot_booked + hot_taken) / hot_elapsed:.1f} answers/s)"
    )
    print(f"  overlapping live appointments of one counsellor afterwards: {overlaps}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counsellors", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    with postgres_database(DATABASE, keep=args.keep):
        from django.core.management import call_command

        desk, reason, people, booked = _setup(args.counsellors, args.seed)
        call_command("shell", command="from django.db import connection; connection.cursor().execute('ANALYZE')")
        print(f"PostgreSQL, one desk, {args.counsellors} counsellors, {booked} appointments already booked")
        bench_free_times(desk, reason, args.repeat)
        bench_bookings(desk, reason, people, args.clients, args.seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
