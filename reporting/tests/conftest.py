"""Fixtures of other apps that reporting tests count on."""

from applications.tests.conftest import seats  # noqa: F401  (a fixture: a desk, a provider, sessions, people)
