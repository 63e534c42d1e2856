"""The clock of the desk-side tests: Monday 2026-12-07, 08:00 in Casablanca (conftest.NOW), for every
``timezone.now()`` the pages, the API and the services read, so that the fixed dates of the tests stay
in the future whatever day the suite runs."""

from __future__ import annotations

import datetime

import pytest

from appointments.tests.conftest import NOW


@pytest.fixture
def frozen_clock(monkeypatch):
    moment = NOW.astimezone(datetime.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    return moment
