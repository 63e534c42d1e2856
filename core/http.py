"""Where a request comes from: the one answer that rate limits, django-axes, the audit log and logs use.

Behind a reverse proxy the peer (REMOTE_ADDR) is the proxy, and the client's
address travels in X-Forwarded-For, which anyone can also send. So the header
is read only when the peer is a proxy we trust (``GUICHET_TRUSTED_PROXIES``:
addresses or networks; empty, the default, trusts no header), and read from the
right, where each trusted proxy appended the address it saw: the client is the
right-most address that is not one of our proxies. What a client put in the
header itself lies further left and is never reached. An entry that is not an
address stops the walk at the last address a trusted proxy vouched for.
"""

from __future__ import annotations

import functools
import ipaddress
import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def trusted_proxies(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """``GUICHET_TRUSTED_PROXIES`` parsed; a wrong entry stops the start (core/apps.py), never a request."""
    try:
        return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)
    except ValueError as exc:
        raise ImproperlyConfigured(f"GUICHET_TRUSTED_PROXIES: {exc}") from None


def _address(text: str) -> Address | None:
    """A plain IPv4 or IPv6 address, IPv4-mapped IPv6 as IPv4, without zone; anything else is None."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.scope_id is not None:
            # The database's address columns take no zone; a zone names the receiver's interface anyway.
            return ipaddress.IPv6Address(address.packed)
    return address


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the peer's, or behind trusted proxies the right-most untrusted one they forwarded."""
    address = _address(request.META.get("REMOTE_ADDR") or "")
    if address is None:
        return None
    trusted = trusted_proxies(tuple(settings.GUICHET_TRUSTED_PROXIES))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while any(address in network for network in trusted) and forwarded:
        hop = _address(forwarded.pop())
        if hop is None:
            break
        address = hop
    return str(address)


class ClientAddressLogFilter(logging.Filter):
    """Gives records about a request (django.request's) the client's address as ``client_ip``, "-" otherwise."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.client_ip = (client_ip(request) if isinstance(request, HttpRequest) else None) or "-"
        return True
