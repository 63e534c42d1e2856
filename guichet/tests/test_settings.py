"""Production settings pass Django's deployment checklist."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
        GUICHET_VAR_DIR=str(tmp_path),
    )
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
    assert written.stdout.split()[-1] == "RedisCache"
    answered = _manage("shell", "-c", read, REDIS_URL=url, GUICHET_VAR_DIR=str(tmp_path))
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.split()[-1] == "seen"
