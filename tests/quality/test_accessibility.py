"""axe-core in Chromium on every page a donor sees, served the production way: no serious or
critical violation at phone width. Each page is also saved as a screenshot at 390 and 1280 px
(test-artifacts/quality/) for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.quality.site import Site

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("quality")]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "quality"
PAGES = [
    "home",
    "campaign",
    "donate",
    "thank-you",
    "receipt",
    "need",
    "info",
    "transparency",
    "region",
]
WIDTHS = {390: 844, 1280: 900}


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(production_site: Site, browser: Browser, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    violations = []
    for width, height in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        response = page.goto(production_site.url(name), wait_until="load")
        assert response is not None, name
        assert response.status == 200, name
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        if width == 390:
            results = Axe().run(page).response
            violations = [
                f"{v['id']} ({v['impact']}): {v['help']} — "
                + "; ".join(n["target"][0] for n in v["nodes"][:3])
                for v in results["violations"]
                if v["impact"] in ("serious", "critical")
            ]
        context.close()
    assert violations == [], f"{name} {production_site.pages[name]}"
