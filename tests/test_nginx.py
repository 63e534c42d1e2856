"""deploy/nginx.conf for real: Debian's nginx on 127.0.0.1 in front of the app, clients at two addresses.

The site is the shipped file with its TLS lines replaced by a free port on 127.0.0.1 and its
upstream pointed at the live server. Two clients reach nginx from different loopback addresses
(127.0.0.2 and 127.0.0.3): the app must tell them apart, through the proxy, and only when it
trusts the proxy.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from accounts import codes
from audit.models import AuditAction, AuditEvent

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"
CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists(),
    reason="Debian's nginx is not installed and could not be: `make test` installs it when missing (as root)",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _replace(text: str, old: str, new: str) -> str:
    """One replacement that must apply: a changed deploy/nginx.conf fails here, not silently."""
    assert text.count(old) == 1, f"deploy/nginx.conf no longer has {old!r} once"
    return text.replace(old, new)


def site_for_test(*, port: int, upstream: str, static_root: Path, cache_dir: Path) -> str:
    site = SITE.read_text()
    site = re.sub(r"\nserver \{\n    listen 80;.*?\n\}\n", "\n", site, count=1, flags=re.DOTALL)
    site = _replace(site, "    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{port};\n")
    site = re.sub(r"^\s*(listen \[::\]:443|ssl_).*\n", "", site, flags=re.MULTILINE)
    assert "ssl" not in site and "listen 80" not in site
    site = _replace(site, "server 127.0.0.1:8000;", f"server {upstream};")
    site = _replace(site, "proxy_cache_path /var/cache/nginx/guichet ", f"proxy_cache_path {cache_dir} ")
    return _replace(site, "/srv/guichet/var/static/", f"{static_root}/")


@pytest.fixture
def nginx(live_server, settings, tmp_path):
    """The shipped site served by nginx in the foreground, one process, every path under tmp_path."""
    port = _free_port()
    site = site_for_test(
        port=port,
        upstream=live_server.url.removeprefix("http://"),
        static_root=settings.STATIC_ROOT,
        cache_dir=tmp_path / "cache",
    )
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = "\n".join(f"    {kind}_temp_path {tmp_path / kind};" for kind in kinds)
    (tmp_path / "nginx.conf").write_text(
        f"daemon off;\nmaster_process off;\npid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log {tmp_path / 'access.log'};\n{temp}\n{site}\n}}\n"
    )
    command = [NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")]
    with (tmp_path / "nginx.out").open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            assert server.poll() is None, f"nginx stopped: {(tmp_path / 'nginx.out').read_text()}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not listen within 10 s"
                time.sleep(0.05)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


class Browser:
    """A client at one source address, keeping its cookies and answering with the CSRF token."""

    def __init__(self, port: int, address: str) -> None:
        self.port, self.address, self.cookies = port, address, SimpleCookie()

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.address, 0))
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"].value
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(cookie)
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def post(self, path: str, form: dict, headers: dict | None = None) -> int:
        if "csrftoken" not in self.cookies:
            self.request("GET", path)
        return self.request("POST", path, form, headers)[0]


@pytest.fixture
def clients(nginx, transactional_db, settings, tmp_path):
    settings.GUICHET_SMS_CHANNEL = "file"
    settings.GUICHET_OUTBOX_DIR = tmp_path
    settings.GUICHET_TRUSTED_PROXIES = ["127.0.0.1"]
    return Browser(nginx, CLIENT_A), Browser(nginx, CLIENT_B)


def _failed_sign_in_addresses() -> list[str]:
    failed = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).order_by("pk")
    return list(failed.values_list("ip_address", flat=True))


def test_each_client_has_its_own_limit_of_codes(clients):
    a, b = clients
    sign_in = reverse("me:sign_in")
    asked = [a.post(sign_in, {"destination": f"06123456{n:02d}"}) for n in range(codes.MAX_CODES_PER_IP + 1)]
    assert asked == [302] * codes.MAX_CODES_PER_IP + [429]
    assert b.post(sign_in, {"destination": "0698765432"}) == 302


def test_the_audit_log_and_lockouts_name_each_client(clients, settings):
    a, b = clients
    sign_in = reverse("accounts:sign_in")
    statuses = [
        a.post(sign_in, {"username": f"nobody-{n}", "password": "wrong"}) for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429  # client A is locked out, whichever username it tries
    assert b.post(sign_in, {"username": "somebody", "password": "wrong"}) == 200
    assert set(_failed_sign_in_addresses()) == {CLIENT_A, CLIENT_B}


def test_an_address_the_client_writes_itself_is_ignored(clients, settings):
    a, _ = clients
    forged = {"X-Forwarded-For": "203.0.113.7"}
    a.post(reverse("accounts:sign_in"), {"username": "nobody", "password": "wrong"}, headers=forged)
    settings.GUICHET_TRUSTED_PROXIES = []
    a.post(reverse("accounts:sign_in"), {"username": "nobody", "password": "wrong"}, headers=forged)
    # Proxy trusted: the address nginx saw. No proxy trusted: the peer, nginx itself; never the forged one.
    assert _failed_sign_in_addresses() == [CLIENT_A, "127.0.0.1"]


def test_static_files_are_served_from_disk_with_the_apps_headers(clients, settings):
    a, _ = clients
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())
    status, headers, body = a.request("GET", f"/static/{manifest['paths']['css/guichet.css']}")
    assert status == 200 and body == (settings.STATIC_ROOT / manifest["paths"]["css/guichet.css"]).read_bytes()
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, _ = a.request("GET", "/static/css/guichet.css")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=60"


def test_a_body_over_the_limit_never_reaches_the_app(clients):
    a, _ = clients
    status, _, _ = a.request("POST", reverse("me:sign_in"), {"destination": "x" * 2_000_000})
    assert status == 413


# The proxy's cache: exactly the public answers for visitors without cookies ----------------------------------------


@pytest.fixture
def catalogue_for_nginx(clients, catalogue):
    from people.tests.factories import StaffRoleFactory

    catalogue.counsellor = StaffRoleFactory(desk=catalogue.desk).user
    return catalogue


def test_public_pages_are_kept_by_the_proxy_and_revalidated_with_a_304(clients, catalogue_for_nginx):
    a, b = clients
    status, headers, body = a.request("GET", "/fr/trades/", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["X-Cache-Status"] == "MISS"
    status, again, body_again = b.request("GET", "/fr/trades/", headers={"Accept-Encoding": "gzip"})
    assert (status, again["X-Cache-Status"], body_again) == (200, "HIT", body)
    assert again["Cache-Control"] == headers["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"
    status, not_modified, empty = a.request("GET", "/fr/trades/", headers={"If-None-Match": headers["ETag"]})
    assert (status, empty) == (304, b"")
    # Another browser's way of asking for gzip shares the entry; asking for none has its own.
    status, other, body_other = a.request("GET", "/fr/trades/", headers={"Accept-Encoding": "br, gzip, deflate"})
    assert (other["X-Cache-Status"], other["Content-Encoding"], body_other) == ("HIT", "gzip", body)
    status, plain, plain_body = a.request("GET", "/fr/trades/")
    assert "Content-Encoding" not in plain and b"<html" in plain_body
    status, api, _ = a.request("GET", "/api/v1/trades?lang=ar")
    assert status == 200 and api["Content-Language"] == "ar"
    assert a.request("GET", "/api/v1/trades?lang=ar")[1]["X-Cache-Status"] == "HIT"
    # The API without ?lang= answers in the Accept-Language: one entry per language asked.
    english = a.request("GET", "/api/v1/trades", headers={"Accept-Language": "en"})[1]
    arabic = a.request("GET", "/api/v1/trades", headers={"Accept-Language": "ar"})[1]
    assert (english["Content-Language"], arabic["Content-Language"]) == ("en", "ar")
    assert arabic["X-Cache-Status"] == "MISS"


def test_a_request_with_a_session_goes_to_the_app_and_its_page_is_never_kept(clients, catalogue_for_nginx, settings):
    from django.test import Client

    from people.tests.staff import staff_sign_in

    a, b = clients
    a.request("GET", "/fr/trades/")
    counsellor = staff_sign_in(Client(), catalogue_for_nginx.counsellor)
    a.cookies[settings.SESSION_COOKIE_NAME] = counsellor.cookies[settings.SESSION_COOKIE_NAME].value
    for path in ("/fr/trades/", "/fr/desks/"):
        status, headers, _ = a.request("GET", path)
        assert status == 200 and headers["X-Cache-Status"] == "BYPASS", path
        assert "no-store" in headers["Cache-Control"] and "X-Page-Cache" not in headers, path
    # The counsellor's /fr/desks/ was not kept: the next visitor's is the app's anonymous one.
    status, headers, _ = b.request("GET", "/fr/desks/")
    assert headers["X-Cache-Status"] == "MISS" and "public" in headers["Cache-Control"]


def test_the_csrf_cookie_alone_keeps_the_proxys_cache_and_pages_that_set_cookies_are_never_kept(
    clients, catalogue_for_nginx
):
    a, b = clients
    b.request("GET", "/fr/trades/")
    status, _, _ = a.request("GET", reverse("me:sign_in"))  # a form: sets the CSRF cookie
    assert "csrftoken" in a.cookies
    assert a.request("GET", "/fr/trades/")[1]["X-Cache-Status"] == "HIT"
    fresh = Browser(a.port, CLIENT_B)
    for _ in range(2):
        status, headers, _ = fresh.request("GET", reverse("me:sign_in"))
        assert status == 200 and headers["X-Cache-Status"] == "MISS" and "Set-Cookie" in headers
        fresh.cookies.clear()
