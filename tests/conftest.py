from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Tasks run at enqueue time; media goes to a throwaway folder; mail is captured; every
    test starts with an empty cache (ids repeat across tests, so cached pages could too);
    passwords use a fast hasher (the real one costs ~0.3 s per user on a small machine)."""
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in the default language: LocaleMiddleware activates a
    request's language in the thread and leaves it there, so a test that opened an /en/ page
    would otherwise hand English to the next test's management command or service call."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def live_gateway(live_server, settings):
    """Point the platform and the Midtrans client at the live test server and its sandbox."""
    settings.PUBLIC_BASE_URL = live_server.url
    settings.MIDTRANS_SNAP_BASE_URL = f"{live_server.url}/sandbox/midtrans"
    settings.MIDTRANS_API_BASE_URL = f"{live_server.url}/sandbox/midtrans"
    return live_server
