"""The app's settings plus a bench-only URLconf (a trivial view beside the real pages)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_bench"
