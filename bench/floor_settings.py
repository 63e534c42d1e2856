"""The framework's floor for bench/load.py: Guichet's own settings and middleware,
but one URL answering "hello" with no database and no template."""

from guichet.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"
