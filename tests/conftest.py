from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import Browser

from tests.regions.sample import sample_regions_load

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With `--dist loadgroup` (`make test`), every browser test runs on one xdist worker: one
    Chromium per run instead of one per worker, and the other worker keeps the other core."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The Lighthouse scores tests/quality/test_lighthouse.py recorded, also under xdist (the
    workers send each report's properties to this process)."""
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", "") == "call"
        for key, value in getattr(report, "user_properties", [])
        if key == "lighthouse"
    ]
    if lines:
        terminalreporter.section("Lighthouse scores (mobile preset)")
        for line in sorted(lines):
            terminalreporter.line(line)


@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix(request: pytest.FixtureRequest) -> None:
    """Under pytest-xdist (`make test` runs `-n 2`) each worker gets its own test database, named
    after the worker id behind GOTONG_TEST_DB_SUFFIX (which config/settings.py puts into TEST
    NAME): with the suffix `_x`, `test_gotong_x_gw0` on PostgreSQL (as pytest-django names it)
    and `var/test-gotong_x_gw0.sqlite3` for SQLite, the id before the extension (pytest-django's
    own fixture, which this one replaces, would append it: `test-gotong_x.sqlite3_gw0`)."""
    from django.conf import settings

    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if not worker:
        return
    for db in settings.DATABASES.values():
        test = db.setdefault("TEST", {})
        name = test.get("NAME")
        if db["ENGINE"] == "django.db.backends.sqlite3":
            if not name or name == ":memory:" or "mode=memory" in name:
                continue  # in memory: one per process anyway
            path = Path(name)
            test["NAME"] = str(path.with_name(f"{path.stem}_{worker}{path.suffix}"))
        else:
            test["NAME"] = f"{name or 'test_' + db['NAME']}_{worker}"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Tasks run at enqueue time; media goes to a throwaway folder; mail is captured; every
    test starts with an empty cache (ids repeat across tests, so cached pages could too);
    passwords use a fast hasher (the real one costs ~0.3 s per user on a small machine); the
    log is signed with a fixed key (a committed settlement seals at once with the immediate
    backend), never one written into var/."""
    cache.clear()
    settings.LOG_SIGNING_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
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


@pytest.fixture
def tallo(db):
    """Kecamatan Tallo (Kota Makassar), its parents and its villages, from the region data."""
    from gotong.regions.services import regions_load

    regions_load(within="73.71.07")


@pytest.fixture
def moderator(db):
    from tests.factories import staff_with_role

    return staff_with_role("moderator")


@pytest.fixture
def regions(db):
    """Kota Makassar (73.71) and Kabupaten Bogor (32.01) with their provinces and everything
    inside them, for any test that needs regions (tests/regions/sample.py)."""
    return sample_regions_load()


@pytest.fixture
def makassar(db):
    """Two kecamatan of Kota Makassar (Tallo and Mariso), for votes from different groups."""
    from gotong.regions.services import regions_load

    regions_load(within="73.71.07")
    regions_load(within="73.71.01")


@pytest.fixture
def verifier(db):
    from tests.factories import staff_with_role

    return staff_with_role("verifikator")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright's sync API, one per test process: tests/browser and
    tests/quality share it (a second sync Playwright in the same thread cannot start)."""
    from playwright.sync_api import sync_playwright

    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        message = f"{CHROMIUM} is missing: install Debian's chromium package to run browser tests"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # Playwright's loop stays alive in this thread; see tests/browser/conftest.py.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
