"""Figures that tests measure (byte budgets, axe results) printed at the end of the run.

A test records ``record_property("report", text)``; the text travels from the
pytest-xdist workers with the test's report and is printed in the summary.
"""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    reports = [
        (report.nodeid, value)
        for kind in ("passed", "failed")
        for report in terminalreporter.stats.get(kind, [])
        if report.when == "call"
        for key, value in getattr(report, "user_properties", [])
        if key == "report"
    ]
    if not reports:
        return
    terminalreporter.section("measured figures")
    for nodeid, text in sorted(reports):
        terminalreporter.write_line(f"{nodeid}\n{text}\n")


@pytest.fixture
def catalogue(catalogue):
    """The catalogue, with meetings to book at its Casablanca desk: the free times of ``tests/pages.py``."""
    from appointments.tests.factories import AvailabilityFactory, MeetingReasonFactory
    from people.tests.factories import StaffRoleFactory

    MeetingReasonFactory(slug="orientation-interview", desks=[catalogue.desk])
    counsellor = StaffRoleFactory(desk=catalogue.desk).user
    for weekday in range(7):
        AvailabilityFactory(counsellor=counsellor, desk=catalogue.desk, weekday=weekday)
    return catalogue
