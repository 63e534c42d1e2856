"""The API answers what its OpenAPI document says, for any input: schemathesis reads the document and tries them.

Every operation of ``/api/openapi.json`` gets generated requests, valid and
invalid (out of bounds, wrong types, NUL and other odd characters), sent
in-process to the Django app with the demo network loaded, once anonymously
and once signed in as provider staff (whose session takes other paths: no
shared cache, the referrals). A test fails on any 5xx, any status the
document does not list for the operation, and any answer whose body does
not match its schema.

Bounded and deterministic (the same requests on every run) so that it stays
fast and never flaky: the document's examples, then ``MAX_EXAMPLES``
generated requests per operation. Schemathesis' coverage phase (every
boundary of every parameter, one by one) is left off: it sends hundreds of
requests to one operation, minutes for the suite; run it by hand with
``"coverage": {"enabled": True}`` after a change to the API's parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
import schemathesis
from django.conf import settings
from django.test import Client
from django.test.client import ClientHandler
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from catalog.models import Programme
from people.tests import factories as f
from people.tests.staff import staff_sign_in

CHECKS = ("not_a_server_error", "status_code_conformance", "response_schema_conformance")
# Per operation and caller: small, so that the suite stays fast.
MAX_EXAMPLES = 20

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True},
        "phases": {"stateful": {"enabled": False}, "coverage": {"enabled": False}},
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    }
)


def _wsgi_app() -> Callable:
    """Django's test handler as a WSGI app: the requests run in the test's transaction, which it leaves open.

    Django's own WSGI handler closes the database connection around each
    request (``close_old_connections``), which would end the test's
    transaction and lose the demo network; the test client's handler does not.
    """
    handler = ClientHandler(enforce_csrf_checks=False)

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        # The in-process client does not decompress as an HTTP client does: ask for the body as it is.
        environ.pop("HTTP_ACCEPT_ENCODING", None)
        response = handler(environ)
        headers = [*response.items(), *(("Set-Cookie", c.output(header="").strip()) for c in response.cookies.values())]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [b"".join(response.streaming_content) if response.streaming else response.content]

    return app


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", _wsgi_app(), config=CONFIG)

HYPOTHESIS = hypothesis_settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture
def provider_staff_cookies(demo_network) -> dict[str, str]:
    """The session cookie of a provider's staff member, signed in with both factors, with one application to read."""
    programme = Programme.objects.published().order_by("slug").first()
    role = f.StaffRoleFactory(provider_staff=True, provider=programme.provider)
    f.ConsentFactory(beneficiary=f.ApplicationFactory(programme=programme).beneficiary)
    client = staff_sign_in(Client(), role.user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


@schema.parametrize()
@HYPOTHESIS
def test_every_operation_answers_anonymous_callers_as_documented(case, demo_network):
    case.call_and_validate()


@schema.parametrize()
@HYPOTHESIS
def test_every_operation_answers_provider_staff_as_documented(case, demo_network, provider_staff_cookies):
    case.call_and_validate(cookies=provider_staff_cookies)
