"""Lighthouse (tools/lighthouse, pinned; `make lighthouse` installs it) with its mobile preset
in Debian's Chromium, on every page a donor sees, served the production way: performance,
accessibility and best practices 100 on each, SEO 100 on the pages meant for search engines
(a donation form, a thank-you page and a receipt rightly say noindex). The scores are printed
at the end of the run.

Performance is simulated from the CPU time the page costs on this machine, which the rest of
the suite shares: when a first run scores under 100, the page is measured twice more and the
median run counts, as Lighthouse's own guidance on variability advises."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.quality.site import Site

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("quality")]

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
ARTIFACTS = ROOT / "test-artifacts" / "quality"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FOR_SEARCH_ENGINES = {"home", "campaign", "need", "info"}
PAGES = ["home", "campaign", "donate", "thank-you", "receipt", "need", "info"]
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run; a run whose Chromium died (it happens on a loaded machine) is
    retried once."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        f"--chrome-flags={FLAGS}",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    for attempt in (1, 2):
        done = subprocess.run(command, env=env, capture_output=True, timeout=180, check=False)
        if done.returncode == 0:
            break
        if attempt == 2:
            raise AssertionError(f"lighthouse {url} failed:\n{done.stderr.decode()[-2000:]}")
    return json.loads(out.read_text())


def _score(report: dict, category: str) -> int:
    return round(100 * (report["categories"][category]["score"] or 0))


def _failing(report: dict, category: str) -> list[str]:
    """The audits that cost `category` points: id, score and what Lighthouse says."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            found.append(f"{ref['id']} {audit['score']} {audit.get('displayValue', '')}".strip())
    return found


@pytest.mark.parametrize("name", PAGES)
def test_lighthouse_scores_100(production_site: Site, name, record_property):
    if not LIGHTHOUSE.exists():
        message = "Lighthouse is not installed: `make lighthouse`"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = lighthouse(production_site.url(name), ARTIFACTS / f"lighthouse-{name}.json")
    if _score(report, "performance") < 100:
        runs = [report] + [
            lighthouse(production_site.url(name), ARTIFACTS / f"lighthouse-{name}-{i}.json")
            for i in (2, 3)
        ]
        report = sorted(runs, key=lambda r: _score(r, "performance"))[1]
    scores = {c: _score(report, c) for c in CATEGORIES}
    record_property("lighthouse", f"{name:<10} {production_site.pages[name]}  {scores}")
    wanted = [c for c in CATEGORIES if c != "seo" or name in FOR_SEARCH_ENGINES]
    short = {c: _failing(report, c) for c in wanted if scores[c] < 100}
    assert short == {}, f"{name}: {scores}"
