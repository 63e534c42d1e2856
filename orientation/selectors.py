"""Reads orientation needs from the catalogue."""

from __future__ import annotations

from catalog.models import Desk


def desk_nearest(*, city: str | None) -> Desk | None:
    """The desk in the person's city, else in their region, else the first of the network."""
    desks = Desk.objects.select_related("city__region").prefetch_related("opening_hours").order_by("slug")
    if city:
        for lookup in ({"city__slug": city}, {"city__region__cities__slug": city}):
            desk = desks.filter(**lookup).first()
            if desk is not None:
                return desk
    return desks.filter(opened_on__isnull=False).order_by("opened_on", "slug").first() or desks.first()
