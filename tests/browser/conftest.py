"""Browser fixtures: Playwright's sync API driving Debian's Chromium against the live server.

Every context is phone-sized (390x844) and points at the `live_gateway` server, so tests use
relative URLs. `shot` saves numbered screenshots into test-artifacts/screenshots/ (git-ignored);
a failing test also gets a screenshot of every page it still had open.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an asyncio event loop in the test thread (switching to it through
# greenlets) for as long as the session-scoped browser is alive. Django sees that running loop
# and refuses every ORM call from this thread with SynchronousOnlyOperation, although the code
# here is plain blocking code and never runs inside the loop. The flag has to be process-wide,
# not per test: the loop outlives each test, and pytest-django itself queries the database from
# this thread (e.g. the flush after a transactional test, or later non-browser tests in a full
# run). It is set here, in the browser conftest, so runs without browser tests are unaffected.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PHONE_VIEWPORT = {"width": 390, "height": 844}
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DEFAULT_TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def _fast_live_total(settings) -> None:
    """A campaign page polls its live total every LIVE_TOTAL_POLL_SECONDS (5 in production) and
    the fragment is cached for LIVE_TOTAL_CACHE_SECONDS (3): a test waiting for a new total
    would wait up to 8 s. Here it polls every second, from a cache of one second."""
    settings.LIVE_TOTAL_POLL_SECONDS = 1
    settings.LIVE_TOTAL_CACHE_SECONDS = 1


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[Any]:
    """Remember each phase's report on the item so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@pytest.fixture
def new_context(
    request: pytest.FixtureRequest, browser: Browser, live_gateway
) -> Iterator[Callable[..., BrowserContext]]:
    """Factory of fresh browser contexts (a new visitor each: no cookies, no storage).

    Uncaught page errors and 5xx answers from our server fail the test at teardown.
    """
    contexts: list[BrowserContext] = []
    problems: list[str] = []

    def watch(page: Page) -> None:
        page.on("pageerror", lambda error: problems.append(f"JS error on {page.url}: {error}"))

        def on_response(response: Response) -> None:
            if response.status >= 500 and response.url.startswith(live_gateway.url):
                problems.append(f"HTTP {response.status} from {response.url}")

        page.on("response", on_response)

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(
            **{
                "viewport": PHONE_VIEWPORT,
                "base_url": live_gateway.url,
                "locale": "id-ID",
                "timezone_id": "Asia/Jakarta",
                **options,
            }
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.on("page", watch)
        contexts.append(context)
        return context

    yield make

    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = _slug(request.node.name)
        for c, context in enumerate(contexts, start=1):
            for p, page in enumerate(context.pages, start=1):
                page.screenshot(path=SCREENSHOT_DIR / f"FAILED-{name}-context{c}-page{p}.png")
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A tab in a fresh context; open more tabs with `page.context.new_page()`."""
    return new_context().new_page()


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """`shot(page, "what-it-shows")` saves `<test>-<nn>-what-it-shows.png` and returns its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    prefix = _slug(request.node.name.removeprefix("test_"))
    counter = iter(range(1, 1000))

    def take(page: Page, step: str, *, full_page: bool = False) -> Path:
        path = SCREENSHOT_DIR / f"{prefix}-{next(counter):02d}-{_slug(step)}.png"
        # Headless Chromium now and then answers "Unable to capture screenshot" while it is
        # still compositing: a second try after a frame has passed gets the picture.
        for attempt in range(3):
            try:
                page.screenshot(path=path, full_page=full_page)
                break
            except PlaywrightError:
                if attempt == 2:
                    raise
                page.wait_for_timeout(250)
        return path

    return take
