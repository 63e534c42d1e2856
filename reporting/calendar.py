"""Upcoming sessions and their application deadlines as an iCalendar feed anyone can subscribe to."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from catalog.models import Session

MOST = 500  # a feed a phone's calendar can take; the nearest sessions first


def upcoming_sessions(*, trade: str = "", region: str = "", today: datetime.date | None = None):
    today = today or timezone.localdate()
    sessions = (
        Session.objects.upcoming(today)
        .filter(programme__is_published=True)
        .select_related("programme__provider", "programme__city", "programme__trade")
        .order_by("start_date", "id")
    )
    if trade:
        sessions = sessions.filter(programme__trade__slug=trade)
    if region:
        sessions = sessions.filter(programme__city__region__slug=region)
    return sessions[:MOST]


def sessions_ics(sessions, *, language: str) -> bytes:
    """One all-day event for each session's first day and one for its application deadline, with stable UIDs."""
    host = settings.GUICHET_PUBLIC_URL.split("//", 1)[-1].split("/", 1)[0]
    calendar = Calendar()
    calendar.add("prodid", "-//Guichet//sessions//FR")
    calendar.add("version", "2.0")
    with translation.override(language):
        calendar.add("x-wr-calname", _("Guichet: upcoming trainings"))
        for session in sessions:
            programme = session.programme
            url = settings.GUICHET_PUBLIC_URL.rstrip("/") + programme.get_absolute_url()
            start = Event()
            start.add("uid", f"session-{session.pk}-start@{host}")
            start.add("dtstamp", timezone.now())
            start.add("dtstart", session.start_date)
            start.add("dtend", session.start_date + datetime.timedelta(days=1))
            start.add("summary", _("Training starts: %(title)s") % {"title": programme.title})
            start.add("location", f"{programme.provider.name}, {programme.city.name}")
            start.add("url", url)
            calendar.add_component(start)
            if session.application_deadline:
                deadline = Event()
                deadline.add("uid", f"session-{session.pk}-deadline@{host}")
                deadline.add("dtstamp", timezone.now())
                deadline.add("dtstart", session.application_deadline)
                deadline.add("dtend", session.application_deadline + datetime.timedelta(days=1))
                deadline.add("summary", _("Last day to apply: %(title)s") % {"title": programme.title})
                deadline.add("url", url)
                calendar.add_component(deadline)
    return calendar.to_ical()
