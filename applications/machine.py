"""The one declaration of an application's moves: from which states, to which, by whom, with which reasons.

A small table-driven machine (no library: django-fsm-2 and viewflow tie a
move to a model method and a decorator, while every move here needs the
same surrounding work, a row lock, the seat counter and the log, done once
in ``services.application_move``). A move not in this table is refused with
``MoveRefused``; the services, pages and API all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from applications.models import Reason, Role, State

PERSON, COUNSELLOR, PROVIDER, SYSTEM = Role.PERSON, Role.COUNSELLOR, Role.PROVIDER, Role.SYSTEM

REFUSAL_REASONS = (
    Reason.PREREQUISITES,
    Reason.DOCUMENTS_MISSING,
    Reason.SESSION_FULL,
    Reason.NO_SHOW_INTERVIEW,
    Reason.UNREACHABLE,
    Reason.OTHER,
)
DROP_OUT_REASONS = (
    Reason.FOUND_WORK,
    Reason.MOVED_AWAY,
    Reason.HEALTH,
    Reason.FAMILY,
    Reason.MONEY,
    Reason.NOT_SUITED,
    Reason.OTHER,
)
COMPLETION_REASONS = (Reason.CERTIFIED, Reason.NOT_CERTIFIED)
WITHDRAWAL_REASONS = (
    Reason.BY_PERSON,
    Reason.BY_COUNSELLOR,
    Reason.ACCEPTED_ELSEWHERE,
    Reason.CONSENT_WITHDRAWN,
    Reason.FILE_ERASED,
)
EXPIRY_REASONS = (Reason.NO_DECISION, Reason.OFFER_UNANSWERED)


@dataclass(frozen=True)
class Move:
    """One allowed move. ``reasons``: the codes it takes (empty: none); ``reason_required``: one must be given."""

    source: tuple[State, ...]
    target: State
    roles: frozenset[Role]
    reasons: tuple[Reason, ...] = ()
    reason_required: bool = False


# Before "completed", the person or their counsellor may withdraw; the system withdraws too (consent, erasure,
# accepted elsewhere).
WITHDRAWABLE = (
    State.SUBMITTED,
    State.UNDER_REVIEW,
    State.ACCEPTED,
    State.WAIT_LISTED,
    State.OFFERED,
    State.ENROLLED,
)
DECIDABLE = (State.SUBMITTED, State.UNDER_REVIEW)

MOVES: tuple[Move, ...] = (
    Move((State.SUBMITTED,), State.UNDER_REVIEW, frozenset({PROVIDER})),
    Move(DECIDABLE, State.ACCEPTED, frozenset({PROVIDER})),
    Move(DECIDABLE, State.WAIT_LISTED, frozenset({PROVIDER})),
    # Refused after acceptance too (the person never came to confirm): the seat goes to the waiting list.
    Move((*DECIDABLE, State.ACCEPTED), State.REFUSED, frozenset({PROVIDER}), REFUSAL_REASONS, reason_required=True),
    # A freed seat is offered by the system; a provider may also offer one to the next in line by hand.
    Move((State.WAIT_LISTED,), State.OFFERED, frozenset({SYSTEM, PROVIDER})),
    # The offer is answered by the person, or by their counsellor for them.
    Move((State.OFFERED,), State.ACCEPTED, frozenset({PERSON, COUNSELLOR})),
    Move((State.OFFERED,), State.DECLINED, frozenset({PERSON, COUNSELLOR})),
    Move((State.OFFERED,), State.EXPIRED, frozenset({SYSTEM}), (Reason.OFFER_UNANSWERED,), reason_required=True),
    Move(DECIDABLE, State.EXPIRED, frozenset({SYSTEM}), (Reason.NO_DECISION,), reason_required=True),
    Move((State.ACCEPTED,), State.ENROLLED, frozenset({PROVIDER})),
    Move((State.ENROLLED,), State.COMPLETED, frozenset({PROVIDER}), COMPLETION_REASONS, reason_required=True),
    Move((State.ENROLLED,), State.DROPPED_OUT, frozenset({PROVIDER}), DROP_OUT_REASONS, reason_required=True),
    Move(WITHDRAWABLE, State.WITHDRAWN, frozenset({PERSON}), (Reason.BY_PERSON,)),
    Move(WITHDRAWABLE, State.WITHDRAWN, frozenset({COUNSELLOR}), (Reason.BY_COUNSELLOR,)),
    Move(
        WITHDRAWABLE,
        State.WITHDRAWN,
        frozenset({SYSTEM}),
        (Reason.ACCEPTED_ELSEWHERE, Reason.CONSENT_WITHDRAWN, Reason.FILE_ERASED),
        reason_required=True,
    ),
)

# The reason a withdrawal gets when none is given, by role.
DEFAULT_REASONS = {
    (State.WITHDRAWN, PERSON): Reason.BY_PERSON,
    (State.WITHDRAWN, COUNSELLOR): Reason.BY_COUNSELLOR,
}


def move_find(*, source: str, target: str, role: Role) -> Move | None:
    """The move from ``source`` to ``target`` that ``role`` may make, or None."""
    for move in MOVES:
        if source in move.source and move.target == target and role in move.roles:
            return move
    return None


def targets(*, source: str, role: Role) -> list[State]:
    """Where ``role`` may move an application from ``source``, in the table's order, once each."""
    found: list[State] = []
    for move in MOVES:
        if source in move.source and role in move.roles and move.target not in found:
            found.append(move.target)
    return found


def reasons_for(*, target: str, role: Role) -> tuple[Reason, ...]:
    """The reasons ``role`` chooses from when moving to ``target`` (every source alike)."""
    for move in MOVES:
        if move.target == target and role in move.roles:
            return move.reasons
    return ()


# States in which a decision was already made: a second decision is "already decided".
FINAL_OR_DECIDED = tuple(state for state in State if state not in DECIDABLE)
