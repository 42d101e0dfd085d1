"""The cascading region picker in browser tests."""

from __future__ import annotations

from playwright.sync_api import Page


def pick(page: Page, field: str, label: str) -> None:
    """Choose in one select of the region picker; htmx brings the next one. The selects listen
    for changes once htmx has processed the page (after it loaded) and settled each swap (as a
    person would never notice)."""
    page.wait_for_function(
        "() => document.readyState === 'complete' && window.htmx"
        " && !document.querySelector('.region-levels.htmx-settling, .htmx-request')"
    )
    page.locator(f"select[name={field}]").select_option(label=label)
