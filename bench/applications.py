"""Applications moving through their states at once, and 200 accepts of the last seat, on PostgreSQL.

Creates its own database (``guichet_bench_applications`` on 127.0.0.1:5432,
user ``postgres``): one desk and its counsellor, one provider and its staff,
``--sessions`` sessions (default 100, ten programmes) of ``--capacity`` seats
(default 2: few enough that accepts run out of seats within the run), every
one empty, and ``--per-session`` people (default 40) who
applied to each (written directly: fast and seeded), their consent given and
their phone proven (so that every decision queues its text, as it would).
Then:

1. **Transitions**: ``--clients`` threads (default 50), each with its own
   connection, move the applications of their share (spread over every
   session, so that threads meet on the same seats) for ``--seconds``
   (default 10) through ``services.application_move``, as the provider or the
   person's counsellor would: submitted → under review, accepted, wait-listed
   or refused; no seat left → wait-listed at once; accepted → enrolled or
   withdrawn; offered → accepted or declined; enrolled → completed, dropped
   out or withdrawn; wait-listed → withdrawn. Freed seats are offered to the
   waiting list by the moves themselves. Transitions per second, p50 / p95 /
   max of one move, the answers (moves refused as already decided, no seat
   left) and errors (anything else: a lock or statement timeout, a constraint;
   must be 0). The floor, measured in the same run, on the same number of
   threads and connections: one-row UPDATE transactions on a scratch table,
   a row per thread (what the database and this process allow at best). One
   client alone is measured first, on a tenth of the applications: the cost
   of one move when nobody waits. The threads share one Python process: the
   moves' Python work (most of a move's time) takes turns, so on a small
   machine the rate of 50 clients is about that of one, and their latency is
   mostly the wait for their turn; the database's own waits are the errors
   (a lock held past ``DATABASE_LOCK_TIMEOUT_MS``) and the floor.
   Afterwards, by SQL: overbooked sessions (seats taken above capacity; must
   be 0), sessions whose counter differs from the count of applications
   holding a seat (accepted, offered, enrolled) or having spent it (completed,
   dropped out once begun) (they all began at 0; must be 0), applications
   whose state is not the last move of their log (must be 0).
2. **The last seat through the API**: a session of 2 seats with one taken,
   ``--last-seat`` applications (default 200), as many signed-in provider
   clients posting ``{"to": "accepted"}`` to ``/api/v1/applications/{id}/transitions``
   at once from ``--clients`` threads (in-process WSGI, the whole middleware
   stack): the answers by status, seats taken and capacity afterwards. Must
   be one 200 and the rest 409 "no seat left".

Prints figures; asserts nothing.

    .venv/bin/python bench/applications.py [--scale 1.0] [--sessions 100] [--per-session 40] [--capacity 2]
        [--clients 50] [--seconds 10] [--last-seat 200] [--seed 1] [--keep]

``--scale`` multiplies the sessions, the people per session and the seconds (0.2 for a quick look).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import percentiles, postgres_database, threads_for

DATABASE = "guichet_bench_applications"
PROGRAMMES = 10


def _setup(sessions: int, per_session: int, capacity: int):
    from django.utils import timezone

    from accounts.models import Role as StaffRole_
    from accounts.models import StaffRole
    from applications.models import Application, ApplicationEvent, Role, State
    from catalog.tests.factories import DeskFactory, ProgrammeFactory, ProviderFactory, SessionFactory
    from people.models import Beneficiary, Consent, ConsentChannel, ConsentPurpose
    from people.tests.factories import BeneficiaryFactory, UserFactory

    desk = DeskFactory(slug="bench-desk")
    provider = ProviderFactory(slug="bench-institute", email="admissions@bench.example")
    counsellor = UserFactory(username="bench-counsellor")
    StaffRole.objects.create(user=counsellor, role=StaffRole_.COUNSELLOR, desk=desk)
    provider_staff = UserFactory(username="bench-provider")
    StaffRole.objects.create(user=provider_staff, role=StaffRole_.PROVIDER_STAFF, provider=provider)
    today = timezone.localdate()
    programmes = [ProgrammeFactory(slug=f"bench-programme-{n}", provider=provider) for n in range(PROGRAMMES)]
    made = []
    for n in range(sessions):
        start = today + datetime.timedelta(days=60 + 7 * (n // PROGRAMMES))
        made.append(
            SessionFactory(
                programme=programmes[n % PROGRAMMES],
                start_date=start,
                end_date=start + datetime.timedelta(weeks=12),
                application_deadline=start - datetime.timedelta(days=7),
                capacity=capacity,
                seats_taken=0,
            )
        )
    now = timezone.now()
    people = Beneficiary.objects.bulk_create(
        [
            BeneficiaryFactory.build(desk=desk, phone_proven_at=now, preferred_language="fr")
            for _ in range(sessions * per_session)
        ],
        batch_size=1000,
    )
    Consent.objects.bulk_create(
        [
            Consent(
                beneficiary=person,
                purpose=ConsentPurpose.PROCESSING,
                text_version="2026-11",
                channel=ConsentChannel.IN_PERSON,
                recorded_by=counsellor,
            )
            for person in people
        ],
        batch_size=1000,
    )
    applications = Application.objects.bulk_create(
        [
            Application(
                beneficiary=person,
                programme=made[index % sessions].programme,
                session=made[index % sessions],
                state=State.SUBMITTED,
                created_by=counsellor,
                created_at=now,
                state_changed_at=now,
            )
            for index, person in enumerate(people)
        ],
        batch_size=1000,
    )
    ApplicationEvent.objects.bulk_create(
        [
            ApplicationEvent(
                application=a, from_state="", to_state=State.SUBMITTED, at=now, by=counsellor, role=Role.COUNSELLOR
            )
            for a in applications
        ],
        batch_size=1000,
    )
    return SimpleNamespace(
        desk=desk,
        provider=provider,
        counsellor=counsellor,
        provider_staff=provider_staff,
        sessions=made,
        applications=applications,
    )


def _choose(state: str, rng: random.Random):
    """(role, target, reason) of the next move from ``state``, in the mix a busy intake would see; None: final."""
    from applications.models import Reason, Role, State

    provider, counsellor = Role.PROVIDER, Role.COUNSELLOR
    r = rng.random()
    if state == State.SUBMITTED:
        if r < 0.1:
            return provider, State.UNDER_REVIEW, ""
        if r < 0.6:
            return provider, State.ACCEPTED, ""
        if r < 0.9:
            return provider, State.WAIT_LISTED, ""
        return provider, State.REFUSED, Reason.PREREQUISITES
    if state == State.UNDER_REVIEW:
        if r < 0.6:
            return provider, State.ACCEPTED, ""
        if r < 0.9:
            return provider, State.WAIT_LISTED, ""
        return provider, State.REFUSED, Reason.DOCUMENTS_MISSING
    if state == State.ACCEPTED:
        return (provider, State.ENROLLED, "") if r < 0.7 else (counsellor, State.WITHDRAWN, "")
    if state == State.OFFERED:
        return (counsellor, State.ACCEPTED, "") if r < 0.7 else (counsellor, State.DECLINED, "")
    if state == State.ENROLLED:
        if r < 0.6:
            return provider, State.COMPLETED, Reason.CERTIFIED
        if r < 0.8:
            return provider, State.DROPPED_OUT, Reason.FOUND_WORK
        return counsellor, State.WITHDRAWN, ""
    if state == State.WAIT_LISTED:
        return counsellor, State.WITHDRAWN, ""
    return None


def _moves(world: SimpleNamespace, pool: list, clients: int, seconds: float) -> dict:
    """``clients`` threads moving the applications of ``pool`` for ``seconds``: what they did and how long it took."""
    from applications import services
    from applications.models import Application, Role, State
    from core.actor import Actor

    actors = {Role.PROVIDER: Actor(user=world.provider_staff), Role.COUNSELLOR: Actor(user=world.counsellor)}
    # Each thread's share: every clients-th application, so every session's applications are spread over threads.
    shares = [{a.public_id: State.SUBMITTED for a in pool[n::clients]} for n in range(clients)]
    timings: list[list[float]] = [[] for _ in range(clients)]
    answers: list[Counter] = [Counter() for _ in range(clients)]
    errors: list[list[str]] = [[] for _ in range(clients)]

    def one(index: int, public_id: str, role, target, reason) -> str | None:
        """One move, timed; the state it left the application in (None: unknown, read it again)."""
        started = time.perf_counter()
        try:
            moved = services.application_move(
                actor=actors[role], public_id=public_id, to=target, role=role, reason=reason
            )
        except services.NoSeatLeft as refused:
            timings[index].append(time.perf_counter() - started)
            answers[index]["no seat left"] += 1
            return "no seat" if target == State.ACCEPTED else refused.application.state
        except services.MoveRefused as refused:
            timings[index].append(time.perf_counter() - started)
            answers[index]["refused: not possible from its state"] += 1
            return refused.application.state
        except Exception as exc:  # every other exception is an error, counted and named
            timings[index].append(time.perf_counter() - started)
            errors[index].append(f"{type(exc).__name__}: {exc}"[:200])
            return None
        timings[index].append(time.perf_counter() - started)
        answers[index][f"→ {moved.state}"] += 1
        return moved.state

    def work(index: int, rng: random.Random) -> bool | None:
        share = shares[index]
        if not share:
            return None
        public_id = rng.choice(list(share))
        state = share[public_id]
        if state is None:
            state = Application.objects.filter(public_id=public_id).values_list("state", flat=True).get()
        choice = _choose(state, rng)
        if choice is None:
            del share[public_id]
            return True
        left = one(index, public_id, *choice)
        if left == "no seat":
            # The provider's next step when the session is full: the waiting list.
            left = one(index, public_id, Role.PROVIDER, State.WAIT_LISTED, "")
        # A wait-listed application may be offered a seat by someone else's move: read it again next time.
        share[public_id] = None if left in (None, State.WAIT_LISTED) else left
        return True

    _done, _refused, elapsed = threads_for(clients, seconds, work)
    return {
        "elapsed": elapsed,
        "timings": [t for per in timings for t in per],
        "answers": sum(answers, Counter()),
        "errors": [e for per in errors for e in per],
    }


def _floor(clients: int, seconds: float) -> tuple[float, list[float]]:
    """One-row UPDATE transactions on a scratch table, a row per thread: (per second, timings)."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_floor (id int PRIMARY KEY, n bigint NOT NULL)")
        cursor.execute(
            "INSERT INTO bench_floor (id, n) SELECT g, 0 FROM generate_series(0, %s) g ON CONFLICT DO NOTHING",
            [clients],
        )
    timings: list[list[float]] = [[] for _ in range(clients)]

    def floor(index: int, rng: random.Random) -> bool:
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE bench_floor SET n = n + 1 WHERE id = %s", [index])
        timings[index].append(time.perf_counter() - started)
        return True

    _done, _refused, elapsed = threads_for(clients, seconds, floor)
    done = [t for per in timings for t in per]
    return len(done) / elapsed, done


def bench_transitions(world: SimpleNamespace, clients: int, seconds: float) -> None:
    # One client alone first, on a tenth of the applications: the cost of one move without waiting for anyone.
    solo_pool, crowd_pool = world.applications[::10], [a for i, a in enumerate(world.applications) if i % 10]
    solo_floor, solo_floor_timings = _floor(1, min(seconds, 3))
    solo = _moves(world, solo_pool, 1, min(seconds, 3))
    crowd_floor, crowd_floor_timings = _floor(clients, seconds)
    crowd = _moves(world, crowd_pool, clients, seconds)
    print(f"transitions on {len(world.sessions)} sessions (through services.application_move):")
    for label, run, rate, floor_timings in (
        ("1 client alone", solo, solo_floor, solo_floor_timings),
        (f"{clients} clients at once", crowd, crowd_floor, crowd_floor_timings),
    ):
        moves = run["timings"]
        print(f"  {label}, {run['elapsed']:.1f} s:")
        print(f"    transitions:  {len(moves) / run['elapsed']:7.1f} /s   {percentiles(moves)}")
        floor = f"{rate:7.1f} /s   {percentiles(floor_timings)}"
        print(f"    floor (one-row UPDATE transactions, as many threads): {floor}")
        print("    answers: " + ", ".join(f"{kind} {count}" for kind, count in sorted(run["answers"].items())))
        print(f"    errors: {len(run['errors'])}" + (f"   first: {run['errors'][0]}" if run["errors"] else ""))
    _check(world)


def _check(world: SimpleNamespace) -> None:
    from django.db import connection

    from applications.models import SEAT_STATES, State

    ids = [s.pk for s in world.sessions]
    with connection.cursor() as cursor:
        cursor.execute(
            # A seat is held by an application accepted, offered or enrolled; and kept (spent) by one completed,
            # or dropped out once the training had begun.
            "SELECT s.id, s.capacity, s.seats_taken, count(a.id) FILTER (WHERE a.state = ANY(%s) "
            "OR a.state = %s OR (a.state = %s AND a.state_changed_at::date >= s.start_date)) "
            "FROM catalog_session s LEFT JOIN applications_application a ON a.session_id = s.id "
            "WHERE s.id = ANY(%s) GROUP BY s.id",
            [list(SEAT_STATES), State.COMPLETED, State.DROPPED_OUT, ids],
        )
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT count(*) FROM applications_application a WHERE a.state <> ("
            "SELECT e.to_state FROM applications_applicationevent e WHERE e.application_id = a.id "
            "ORDER BY e.at DESC, e.id DESC LIMIT 1)"
        )
        off_log = cursor.fetchone()[0]
        cursor.execute("SELECT state, count(*) FROM applications_application GROUP BY state ORDER BY state")
        states = cursor.fetchall()
    overbooked = sum(1 for _id, capacity, taken, _holding in rows if taken > capacity)
    miscounted = sum(1 for _id, _capacity, taken, holding in rows if taken != holding)
    taken = sum(row[2] for row in rows)
    capacity = sum(row[1] for row in rows)
    print(
        f"  afterwards: {taken} of {capacity} seats taken; overbooked sessions: {overbooked}; "
        f"sessions whose counter is not their seat-holding applications: {miscounted}; "
        f"applications whose state is not their log's last move: {off_log}"
    )
    print("  states: " + ", ".join(f"{state} {count}" for state, count in states))


def bench_last_seat(world: SimpleNamespace, calls: int, clients: int) -> None:
    import json

    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    from applications import services
    from applications.models import Application, Role, State
    from catalog.models import Session
    from catalog.tests.factories import ProgrammeFactory, SessionFactory
    from core.actor import Actor
    from core.tests.concurrency import at_once
    from people.tests.factories import BeneficiaryFactory, ConsentFactory
    from people.tests.staff import staff_sign_in

    setup_test_environment()  # the in-process client's host, "testserver"
    start = timezone.localdate() + datetime.timedelta(days=30)
    session = SessionFactory(
        programme=ProgrammeFactory(slug="bench-last-seat", provider=world.provider),
        start_date=start,
        end_date=start + datetime.timedelta(weeks=12),
        application_deadline=start - datetime.timedelta(days=7),
        capacity=2,
        seats_taken=0,
    )

    def apply():
        person = BeneficiaryFactory(desk=world.desk)
        ConsentFactory(beneficiary=person, recorded_by=world.counsellor)
        return services.application_submit(
            actor=Actor(user=world.counsellor),
            beneficiary=person,
            programme=session.programme,
            session=session,
            role=Role.COUNSELLOR,
        ).application

    first = apply()
    services.application_move(
        actor=Actor(user=world.provider_staff), public_id=first.public_id, to=State.ACCEPTED, role=Role.PROVIDER
    )
    applications = [apply() for _ in range(calls)]

    def accept(client, application):
        url = reverse("api:application_transition", kwargs={"application_id": application.public_id})

        def call():
            started = time.perf_counter()
            response = client.post(url, json.dumps({"to": "accepted", "lang": "en"}), content_type="application/json")
            return response.status_code, response.json().get("detail", ""), time.perf_counter() - started

        return call

    signed_in = [staff_sign_in(Client(raise_request_exception=False), world.provider_staff) for _ in range(calls)]
    started = time.perf_counter()
    results = at_once(
        [accept(c, a) for c, a in zip(signed_in, applications, strict=True)], threads=clients, keep_errors=True
    )
    elapsed = time.perf_counter() - started
    failed = [r for r in results if isinstance(r, Exception)]
    answers = [r for r in results if not isinstance(r, Exception)]
    statuses = Counter(status for status, _detail, _t in answers)
    details = Counter(detail.split(".")[0] for status, detail, _t in answers if status != 200)
    session = Session.objects.get(pk=session.pk)
    accepted = Application.objects.filter(session=session, state=State.ACCEPTED).count()
    print(
        f"the last seat: {calls} API accepts at once ({clients} threads, one signed-in provider client each), "
        f"in {elapsed:.1f} s:"
    )
    print(
        "  answers: "
        + ", ".join(f"{status} × {count}" for status, count in sorted(statuses.items()))
        + (f"; exceptions {len(failed)}" if failed else "")
    )
    print("  refusals said: " + "; ".join(f"{text!r} × {count}" for text, count in details.items()))
    print(f"  latency: {percentiles([t for _s, _d, t in answers])}")
    print(
        f"  afterwards: seats taken {session.seats_taken} of capacity {session.capacity}; "
        f"accepted applications {accepted} (one before the run)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--per-session", type=int, default=40)
    parser.add_argument("--capacity", type=int, default=2)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--last-seat", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    sessions = max(1, round(args.sessions * args.scale))
    per_session = max(1, round(args.per_session * args.scale))
    seconds = max(1.0, args.seconds * args.scale)
    random.seed(args.seed)
    with postgres_database(DATABASE, keep=args.keep):
        from django.db import connection

        started = time.perf_counter()
        world = _setup(sessions, per_session, args.capacity)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"PostgreSQL, {sessions} sessions of {args.capacity} seats, {sessions * per_session} applications "
            f"submitted (seeded in {time.perf_counter() - started:.0f} s)"
        )
        bench_transitions(world, args.clients, seconds)
        bench_last_seat(world, args.last_seat, args.clients)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
