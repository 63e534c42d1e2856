"""Who does a thing, and from where: built once per request, passed to services as ``actor=``.

Services that write, and the audit log they feed, need the same two facts
about every call: the signed-in user (None for an anonymous visitor or the
system) and the client's address. ``ActorMiddleware`` builds them once as
``request.actor``; views pass ``actor=request.actor``; tasks and commands
pass ``system``. Roles are not kept here: the ground layer knows nothing of
them, and the scoping selectors (``accounts.selectors``) keep taking the
user, ``actor.user``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse

from core.http import client_ip


@dataclass(frozen=True)
class Actor:
    user: AbstractBaseUser | None = None
    ip_address: str | None = None

    def acting_as(self, user: AbstractBaseUser) -> Actor:
        """The same request, now on behalf of ``user`` (an account opened or signed in during it)."""
        return dataclasses.replace(self, user=user)


# Nightly tasks and management commands: nobody signed in, no address.
system = Actor()


def actor_of(request: HttpRequest) -> Actor:
    # Without a session cookie nobody is signed in: reading request.user would load the
    # session and mark public pages "Vary: Cookie" (accounts/middleware.py does the same).
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
    return Actor(user=request.user if signed_in else None, ip_address=client_ip(request))


class ActorMiddleware:
    """Sets ``request.actor``; after the sign-in middlewares, so an expired session is already signed out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = actor_of(request)
        return self.get_response(request)
