"""Reading the desk's day: free times, a desk's reasons, and appointments in a staff member's scope.

Free times are computed, not stored: each counsellor's weekly availability
at the desk, inside the desk's opening hours, on days the desk is open,
cut into the reason's duration, minus what already takes the counsellor's
time anywhere (live appointments, unexpired holds, absences), inside the
reason's booking window. Everything is read in a few queries and the
intervals are compared in memory (sorted, merged, bisected), so eight weeks
of ten counsellors cost milliseconds (bench/appointments.py).
"""

from __future__ import annotations

import bisect
import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from accounts import selectors as roles
from accounts.models import Role, StaffRole
from appointments.models import (
    LIVE_STATUSES,
    Absence,
    Appointment,
    Availability,
    DeskClosure,
    MeetingReason,
    SlotHold,
)
from catalog.models import Desk, OpeningHours

User = get_user_model()

# The longest stretch of free times asked at once (the API's from/to, a page of weeks).
MAX_DAYS = 7 * 9


def desk_zone() -> zoneinfo.ZoneInfo:
    """The time zone times are shown and opening hours are read in (Morocco: UTC+1, UTC+0 in Ramadan)."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(desk_zone())


@dataclass(frozen=True)
class FreeTime:
    """A time a meeting can start, and the counsellors free for all of it."""

    start: datetime.datetime
    end: datetime.datetime
    counsellors: tuple[int, ...] = field(default=())

    @property
    def free(self) -> int:
        return len(self.counsellors)


def reasons_of(*, desk: Desk) -> QuerySet[MeetingReason]:
    """The reasons a desk offers a meeting for, in their order."""
    return MeetingReason.objects.filter(desks=desk, active=True).order_by("order", "slug")


def reason_of(*, desk: Desk, slug: str) -> MeetingReason:
    """A reason the desk offers, or 404."""
    reason = reasons_of(desk=desk).filter(slug=slug).first()
    if reason is None:
        raise Http404("This desk offers no meeting for this reason.")
    return reason


def desks_with_meetings() -> QuerySet[Desk]:
    return Desk.objects.filter(meeting_reasons__active=True).distinct().order_by("slug")


def counsellor_ids(*, desk: Desk) -> list[int]:
    """Active counsellors of the desk: those a person can meet there."""
    return list(
        StaffRole.objects.filter(role=Role.COUNSELLOR, desk=desk, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def booking_window(
    *, reason: MeetingReason, now: datetime.datetime, on_the_spot: bool = False
) -> tuple[datetime.datetime, datetime.datetime]:
    """The first and the last moment a meeting for ``reason`` may start, seen from ``now``. A counsellor
    booking for a person at the desk (``on_the_spot``) needs no notice: the next free time may be now."""
    return (
        now if on_the_spot else now + datetime.timedelta(hours=reason.min_notice_hours),
        now + datetime.timedelta(weeks=reason.max_weeks_ahead),
    )


def _merged(intervals: Iterable[tuple[float, float]]) -> tuple[list, list]:
    """Sorted, disjoint intervals as two lists (starts, ends), ready for bisecting."""
    starts: list[datetime.datetime] = []
    ends: list[datetime.datetime] = []
    for start, end in sorted(intervals):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _is_free(busy: tuple[list, list], start: float, end: float) -> bool:
    starts, ends = busy
    index = bisect.bisect_right(ends, start)  # the first busy interval ending after the start
    return index == len(starts) or starts[index] >= end


def _epoch(column: str) -> RawSQL:
    """A timestamp column as seconds since 1970 (a float): thousands of intervals compare without building
    a datetime for each (reading them as datetimes cost most of the time of free_times)."""
    if connection.vendor == "postgresql":
        return RawSQL(f"EXTRACT(EPOCH FROM {column})::float8", [])  # a column name of ours
    return RawSQL(f"(julianday({column}) - 2440587.5) * 86400.0", [])  # SQLite keeps UTC text


def busy_times(
    *,
    counsellors: Sequence[int],
    since: datetime.datetime,
    until: datetime.datetime,
    now: datetime.datetime,
    ignore_hold: int | None = None,
) -> dict[int, tuple[list, list]]:
    """What takes each counsellor's time between ``since`` and ``until``, at any desk: live appointments,
    holds not yet expired (but ``ignore_hold``), absences; as merged intervals in epoch seconds."""
    intervals: dict[int, list] = defaultdict(list)
    overlapping = Q(starts_at__lt=until, ends_at__gt=since, counsellor_id__in=counsellors)
    as_epochs = {"start": _epoch("starts_at"), "end": _epoch("ends_at")}
    holds = SlotHold.objects.filter(overlapping, expires_at__gt=now)
    if ignore_hold is not None:
        holds = holds.exclude(pk=ignore_hold)
    for rows in (
        Appointment.objects.filter(overlapping, status__in=LIVE_STATUSES),
        holds,
        Absence.objects.filter(overlapping),
    ):
        for counsellor, start, end in rows.annotate(**as_epochs).values_list("counsellor_id", "start", "end"):
            # Rounded to the millisecond: SQLite's julianday arithmetic is off by microseconds.
            intervals[counsellor].append((round(start, 3), round(end, 3)))
    return {counsellor: _merged(intervals.get(counsellor, ())) for counsellor in counsellors}


def closed_days(*, desk: Desk, first: datetime.date, last: datetime.date) -> set[datetime.date]:
    """Days the desk is closed: its own closures and the network's public holidays."""
    return set(
        DeskClosure.objects.filter(Q(desk=desk) | Q(desk__isnull=True), date__gte=first, date__lte=last).values_list(
            "date", flat=True
        )
    )


def free_times(
    *,
    desk: Desk,
    reason: MeetingReason,
    first: datetime.date,
    last: datetime.date,
    now: datetime.datetime | None = None,
    ignore_hold: int | None = None,
    on_the_spot: bool = False,
) -> list[FreeTime]:
    """The times a meeting for ``reason`` can start at ``desk`` on days ``first``..``last`` (local dates),
    each with the counsellors free for all of it, in order. Empty outside the booking window."""
    now = now or timezone.now()
    zone = desk_zone()
    earliest, latest = booking_window(reason=reason, now=now, on_the_spot=on_the_spot)
    first = max(first, earliest.astimezone(zone).date())
    latest_day = latest.astimezone(zone).date()
    if first > latest_day:  # beyond the window (and never a day after 9999-12-31 to compute)
        return []
    last = min(last, latest_day, first + datetime.timedelta(days=MAX_DAYS - 1))
    if last < first:
        return []
    counsellors = counsellor_ids(desk=desk)
    if not counsellors:
        return []
    duration = datetime.timedelta(minutes=reason.duration_minutes)
    closed = closed_days(desk=desk, first=first, last=last)
    opening: dict[int, list[tuple[datetime.time, datetime.time]]] = defaultdict(list)
    for weekday, opens, closes in OpeningHours.objects.filter(desk=desk).values_list("weekday", "opens", "closes"):
        opening[weekday].append((opens, closes))
    availabilities = list(
        Availability.objects.filter(desk=desk, counsellor_id__in=counsellors, valid_from__lte=last)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=first))
        .values_list("counsellor_id", "weekday", "starts", "ends", "valid_from", "valid_until")
    )
    since = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    until = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    busy = busy_times(counsellors=counsellors, since=since, until=until, now=now, ignore_hold=ignore_hold)
    by_weekday: dict[int, list] = defaultdict(list)
    for availability in availabilities:
        by_weekday[availability[1]].append(availability)
    found: dict[float, list[int]] = defaultdict(list)
    step = duration.total_seconds()
    earliest_s, latest_s = earliest.timestamp(), latest.timestamp()
    day = first
    while day <= last:
        if day not in closed:
            weekday = day.weekday()
            for counsellor, _weekday, starts, ends, valid_from, valid_until in by_weekday.get(weekday, ()):
                if day < valid_from or (valid_until is not None and day > valid_until):
                    continue
                for opens, closes in opening.get(weekday, ()):
                    window_start, window_end = max(starts, opens), min(ends, closes)
                    if window_start >= window_end:
                        continue
                    # In seconds since 1970: a meeting lasts its duration whatever the clocks do.
                    start = datetime.datetime.combine(day, window_start, tzinfo=zone).timestamp()
                    window_close = datetime.datetime.combine(day, window_end, tzinfo=zone).timestamp()
                    while start + step <= window_close:
                        if earliest_s <= start <= latest_s and _is_free(busy[counsellor], start, start + step):
                            found[start].append(counsellor)
                        start += step
        day += datetime.timedelta(days=1)
    free = []
    for start, ids in sorted(found.items()):
        moment = datetime.datetime.fromtimestamp(start, tz=datetime.UTC)
        free.append(FreeTime(moment, moment + duration, tuple(sorted(ids))))
    return free


def free_time_at(
    *,
    desk: Desk,
    reason: MeetingReason,
    starts_at: datetime.datetime,
    now: datetime.datetime | None = None,
    ignore_hold: int | None = None,
    on_the_spot: bool = False,
) -> FreeTime | None:
    """The free time starting exactly at ``starts_at``, or None when nobody is free then (or it is outside
    the opening hours, the availabilities or the booking window)."""
    day = local(starts_at).date()
    found = free_times(
        desk=desk, reason=reason, first=day, last=day, now=now, ignore_hold=ignore_hold, on_the_spot=on_the_spot
    )
    for free in found:
        if free.start == starts_at:
            return free
    return None


def next_free_times(
    *,
    desk: Desk,
    reason: MeetingReason,
    after: datetime.datetime,
    now: datetime.datetime | None = None,
    count: int = 3,
    on_the_spot: bool = False,
) -> list[FreeTime]:
    """The next ``count`` free times after ``after`` (for "this time was just taken: here are the next ones")."""
    now = now or timezone.now()
    day = local(max(after, now)).date()
    _earliest, latest = booking_window(reason=reason, now=now)
    last_day = local(latest).date()
    found: list[FreeTime] = []
    while day <= last_day and len(found) < count:
        chunk_end = min(day + datetime.timedelta(days=13), last_day)
        found += [
            free
            for free in free_times(
                desk=desk, reason=reason, first=day, last=chunk_end, now=now, on_the_spot=on_the_spot
            )
            if free.start > after
        ]
        day = chunk_end + datetime.timedelta(days=1)
    return found[:count]


# Staff reads: scoped like files (a counsellor sees their desks' appointments; others nothing).


def appointments_for(*, user: User) -> QuerySet[Appointment]:
    """The appointments a staff user may see: those of the desks they counsel at; nothing for anyone else."""
    if not roles.can_use_workspace(user):
        return Appointment.objects.none()
    return Appointment.objects.filter(desk__in=roles.desks_of(user)).select_related(
        "desk", "reason", "counsellor", "beneficiary"
    )


def appointment_get(*, user: User, public_id: str) -> Appointment:
    """One appointment in the user's scope, or 404 (exactly as a missing one)."""
    appointment = appointments_for(user=user).filter(public_id=public_id).first()
    if appointment is None:
        raise Http404("No such appointment.")
    return appointment


def appointments_of_day(*, user: User, desk: Desk, day: datetime.date) -> QuerySet[Appointment]:
    zone = desk_zone()
    since = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    found = appointments_for(user=user).filter(desk=desk, starts_at__gte=since)
    if day < datetime.date.max:  # 9999-12-31 has no next day to stop at
        found = found.filter(starts_at__lt=since + datetime.timedelta(days=1))
    return found.order_by("starts_at", "id")


def appointments_of_file(*, beneficiary) -> QuerySet[Appointment]:
    """A file's appointments, soonest last (history). The caller already holds the file in its scope."""
    return (
        Appointment.objects.filter(beneficiary=beneficiary)
        .select_related("desk", "reason", "counsellor")
        .order_by("-starts_at", "-id")
    )
