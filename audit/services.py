"""Writing to the audit log: the one function every app calls."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from audit.models import AuditAction, AuditEvent


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: AuditAction,
    object_type: str = "",
    object_id: str | int = "",
    ip_address: str | None = None,
    detail: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        ip_address=ip_address,
        detail=detail[:200],
    )
