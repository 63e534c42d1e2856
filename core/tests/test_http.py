"""The client's address: the peer's, or behind trusted proxies the one they forwarded, never a forged one."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from core.http import ClientAddressLogFilter, client_ip, trusted_proxies


def address_of(settings, peer, forwarded=None, trusted=()):
    settings.GUICHET_TRUSTED_PROXIES = list(trusted)
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=peer, **extra))


def test_without_trusted_proxies_the_client_is_the_peer(settings):
    assert address_of(settings, "203.0.113.7") == "203.0.113.7"


def test_without_trusted_proxies_a_forged_header_is_ignored(settings):
    assert address_of(settings, "203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_a_trusted_proxy_names_the_client(settings):
    assert address_of(settings, "10.0.0.2", "203.0.113.7", trusted=["10.0.0.2"]) == "203.0.113.7"


def test_a_trusted_network_names_the_client(settings):
    assert address_of(settings, "10.0.3.4", "203.0.113.7", trusted=["10.0.0.0/16"]) == "203.0.113.7"


def test_an_untrusted_peer_sending_the_header_is_the_client(settings):
    assert address_of(settings, "198.51.100.9", "203.0.113.7", trusted=["10.0.0.2"]) == "198.51.100.9"


def test_what_the_client_wrote_left_of_the_proxy_is_ignored(settings):
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    assert address_of(settings, "10.0.0.2", "1.2.3.4, 203.0.113.7", trusted=["10.0.0.2"]) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_gives_the_right_most_untrusted_address(settings):
    forwarded = "1.2.3.4, 203.0.113.7, 10.0.1.5, 10.0.0.3"
    assert address_of(settings, "10.0.0.2", forwarded, trusted=["10.0.0.0/16"]) == "203.0.113.7"


def test_a_proxy_not_in_the_chain_stops_it(settings):
    # 198.51.100.9 is not ours: what it claims about who came before it is not believed.
    forwarded = "203.0.113.7, 198.51.100.9"
    assert address_of(settings, "10.0.0.2", forwarded, trusted=["10.0.0.2"]) == "198.51.100.9"


def test_a_trusted_peer_without_the_header_is_the_client(settings):
    assert address_of(settings, "10.0.0.2", trusted=["10.0.0.2"]) == "10.0.0.2"
    assert address_of(settings, "10.0.0.2", "", trusted=["10.0.0.2"]) == "10.0.0.2"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("not-an-address", "10.0.0.2"),
        ("203.0.113.7, garbage", "10.0.0.2"),
        ("203.0.113.7:4711", "10.0.0.2"),
        ("999.1.1.1", "10.0.0.2"),
        (",,,", "10.0.0.2"),
        ("garbage, 203.0.113.7", "203.0.113.7"),
        ("203.0.113.7, , 10.0.0.3", "10.0.0.3"),
        ("\x00\xff" * 1000, "10.0.0.2"),
        ("1.2.3.4, " * 5000 + "203.0.113.7", "203.0.113.7"),
    ],
)
def test_malformed_entries_stop_at_the_last_address_a_trusted_proxy_vouched_for(settings, forwarded, expected):
    assert address_of(settings, "10.0.0.2", forwarded, trusted=["10.0.0.0/24"]) == expected


@pytest.mark.parametrize("peer", ["", "garbage", "unix:/run/gunicorn.sock"])
def test_a_peer_that_is_not_an_address_gives_no_address(settings, peer):
    assert address_of(settings, peer, "203.0.113.7", trusted=["0.0.0.0/0"]) is None


def test_ipv6_proxies_and_clients(settings):
    assert address_of(settings, "2001:db8::1", "2001:db8:ffff::7", trusted=["2001:db8::/64"]) == "2001:db8:ffff::7"
    assert address_of(settings, "::1", "203.0.113.7", trusted=["::1"]) == "203.0.113.7"
    assert address_of(settings, "2001:db8::1", "203.0.113.7", trusted=["10.0.0.0/8"]) == "2001:db8::1"


def test_addresses_are_written_one_way(settings):
    assert address_of(settings, "2001:DB8:0:0:0:0:0:7") == "2001:db8::7"
    assert address_of(settings, "::ffff:203.0.113.7") == "203.0.113.7"
    assert address_of(settings, "fe80::1%eth0") == "fe80::1"
    assert address_of(settings, "::ffff:127.0.0.1", "203.0.113.7", trusted=["127.0.0.1"]) == "203.0.113.7"


def test_a_wrong_trusted_proxy_entry_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="GUICHET_TRUSTED_PROXIES"):
        trusted_proxies(("10.0.0.1", "proxy.internal"))


def test_django_axes_counts_failures_by_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.GUICHET_TRUSTED_PROXIES = ["10.0.0.2"]
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert get_client_ip_address(request) == "203.0.113.7"


def test_log_lines_about_a_request_carry_the_client_address(settings):
    settings.GUICHET_TRUSTED_PROXIES = ["10.0.0.2"]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    about_request = logging.makeLogRecord({"msg": "Internal Server Error: /", "request": request})
    other = logging.makeLogRecord({"msg": "started"})
    assert ClientAddressLogFilter().filter(about_request) and about_request.client_ip == "203.0.113.7"
    assert ClientAddressLogFilter().filter(other) and other.client_ip == "-"
