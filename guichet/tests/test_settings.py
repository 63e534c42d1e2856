"""Production settings pass Django's deployment checklist."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests' harness allows the ORM beside Playwright's event loop; a
    # production process never has that variable (the deploy check warns about it).
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**inherited, "DJANGO_SETTINGS_MODULE": "guichet.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        GUICHET_ENV="production",
        DJANGO_SECRET_KEY="x" * 20 + "-a-long-and-random-enough-production-secret-key",
        DJANGO_ALLOWED_HOSTS="guichet.example.org",
        GUICHET_FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        GUICHET_SMS_GATEWAY_URL="https://sms.example.org/messages",
        GUICHET_SMS_GATEWAY_TOKEN="gateway-token",
        GUICHET_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _production_check(tmp_path, **sms: str) -> subprocess.CompletedProcess:
    """``manage.py check`` with complete production settings but for the SMS variables given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_SMS_")}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "guichet.settings",
            "GUICHET_ENV": "production",
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "guichet.example.org",
            "GUICHET_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "GUICHET_VAR_DIR": str(tmp_path),
            **sms,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "sms",
    [{}, {"GUICHET_SMS_GATEWAY_URL": "https://sms.example.org/messages"}, {"GUICHET_SMS_GATEWAY_TOKEN": "token"}],
    ids=["neither", "url only", "token only"],
)
def test_production_refuses_to_start_without_the_sms_gateway_url_and_token(tmp_path, sms):
    result = _production_check(tmp_path, **sms)
    assert result.returncode != 0
    assert "GUICHET_SMS_GATEWAY_URL and GUICHET_SMS_GATEWAY_TOKEN must be set" in result.stderr


def test_production_starts_without_sms_when_told_so_explicitly(tmp_path):
    result = _production_check(tmp_path, GUICHET_SMS_CHANNEL="none")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_field_encryption_keys(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "GUICHET_FIELD_ENCRYPTION_KEYS"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            **env,
            "GUICHET_ENV": "production",
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "guichet.example.org",
            "GUICHET_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "GUICHET_FIELD_ENCRYPTION_KEYS must be set" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**env, "GUICHET_ENV": "production", "GUICHET_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_with_redis_url_every_process_shares_one_cache(tmp_path):
    # REDIS_URL is the shared cache of several workers (README): one process writes, another reads.
    url = "redis://127.0.0.1:6379/15"
    key = f"guichet-test-shared-{os.getpid()}"
    write = (
        "from django.core.cache import caches; shared = caches['default']; "
        f"shared.set({key!r}, 'seen', 30); print(type(shared).__name__)"
    )
    read = f"from django.core.cache import cache; print(cache.get({key!r})); cache.delete({key!r})"
    written = _manage("shell", "-c", write, REDIS_URL=url, GUICHET_VAR_DIR=str(tmp_path))
    assert written.returncode == 0, written.stderr
    assert written.stdout.split()[-1] == "FailSoftRedisCache"  # Django's RedisCache, failing soft
    answered = _manage("shell", "-c", read, REDIS_URL=url, GUICHET_VAR_DIR=str(tmp_path))
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.split()[-1] == "seen"
