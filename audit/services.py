"""Writing to the audit log: the one function every app calls.

A line names its record by kind and id. The kind of a model instance, and
the field naming it, come from ``audit_object_register``, called at start-up
by the app owning the model (the ground layer imports no domain app):
personal records are named by their opaque public id, never by a sequential
id that a record created later could get. A record that is gone, or an id
that matched none, is named by a ``(AuditObject, id)`` pair holding the id
as it was asked for; a page or the log itself, with no id, by its
``AuditObject`` alone.
"""

from __future__ import annotations

from django.db import models

from audit.models import AuditAction, AuditEvent, AuditObject
from core.actor import Actor

AuditedObject = models.Model | tuple[AuditObject, str | int] | AuditObject | None

_kinds: dict[str, tuple[AuditObject, str]] = {}


def audit_object_register(*, model: type[models.Model], kind: AuditObject, id_field: str = "pk") -> None:
    _kinds[model._meta.label] = (kind, id_field)


def _named(obj: AuditedObject) -> tuple[str, str]:
    if obj is None:
        return "", ""
    if isinstance(obj, AuditObject):
        return obj.value, ""
    if isinstance(obj, tuple):
        kind, pk = obj
        return AuditObject(kind).value, str(pk)
    try:
        kind, id_field = _kinds[obj._meta.label]
    except KeyError:
        raise LookupError(f"No audit object kind is registered for {obj._meta.label}.") from None
    return kind.value, str(getattr(obj, id_field))


def audit_record(
    *, actor: Actor | None, action: AuditAction, obj: AuditedObject = None, detail: str = ""
) -> AuditEvent:
    """One line: who (None: the system), what, about which record; ``detail`` names fields, never values."""
    object_type, object_id = _named(obj)
    user = actor.user if actor is not None else None
    return AuditEvent.objects.create(
        actor=user if user is not None and user.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=object_id[:40],
        ip_address=actor.ip_address if actor is not None else None,
        detail=detail[:200],
    )
