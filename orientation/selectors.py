"""Reads orientation needs from the catalogue."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from catalog.models import City, Desk, DocumentType, Language, Programme, Session, Trade
from orientation.profile import Profile


def desk_nearest(*, city: str | None) -> Desk | None:
    """The desk in the person's city, else in their region, else the first of the network."""
    desks = Desk.objects.select_related("city__region").prefetch_related("opening_hours").order_by("slug")
    if city:
        for lookup in ({"city__slug": city}, {"city__region__cities__slug": city}):
            desk = desks.filter(**lookup).first()
            if desk is not None:
                return desk
    return desks.filter(opened_on__isnull=False).order_by("opened_on", "slug").first() or desks.first()


def profile_unknown_references(*, profile: Profile) -> dict[str, list[str]]:
    """The answers of ``profile`` that name something the catalogue does not hold, by profile field.

    The questionnaire's forms only offer what exists; a profile posted to the
    API is checked here, so a typo is an error rather than a silently ignored answer.
    """
    wanted = {
        "city": ({profile.city} if profile.city else set(), City.objects, "slug"),
        "experience": (set(profile.experience), Trade.objects, "slug"),
        "speaks": (set(profile.speaks), Language.objects, "code"),
        "reads": (set(profile.reads), Language.objects, "code"),
        "documents": (set(profile.documents or ()), DocumentType.objects, "slug"),
    }
    unknown = {}
    for name, (values, objects, key) in wanted.items():
        if values:
            missing = values - set(objects.filter(**{f"{key}__in": values}).values_list(key, flat=True))
            if missing:
                unknown[name] = sorted(missing)
    return unknown


def programme_for_eligibility(
    *, slug: str, session_start: datetime.date | None, today: datetime.date
) -> tuple[Programme, Session | None]:
    """A published programme (and its session starting on ``session_start``), ready for ``eligibility_check``.

    Raises Http404 if there is no such programme or session.
    """
    upcoming = Session.objects.filter(start_date__gte=today).order_by("start_date", "id")
    programme = get_object_or_404(
        Programme.objects.published()
        .select_related("trade", "provider", "city__region")
        .prefetch_related("required_languages", "required_documents", Prefetch("sessions", queryset=upcoming)),
        slug=slug,
    )
    if session_start is None:
        return programme, None
    session = next((s for s in programme.sessions.all() if s.start_date == session_start), None)
    if session is None:
        raise Http404(session_start)
    return programme, session
