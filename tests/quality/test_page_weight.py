"""Page-weight budget: the campaign page's first load (HTML, CSS, JS and fonts, as sent
compressed) stays under 60 KB, measured against a production-like server: gunicorn with
DEBUG off and static files collected by whitenoise's compressed, cache-busting storage. No
third-party scripts, styles or fonts. Cover images are outside this budget."""

from __future__ import annotations

import gzip
import http.client
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings

BUDGET_BYTES = 60 * 1024
ROOT = Path(settings.BASE_DIR)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("quality")]


class Assets(HTMLParser):
    """Stylesheets, scripts, fonts and images a page asks for."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.fonts: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.css.append(a["href"])
        elif tag == "link" and "preload" in rel and a.get("as") == "font" and a.get("href"):
            self.fonts.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        elif tag in ("img", "source") and a.get("srcset"):
            self.images.append(a["srcset"] or "")


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET accepting gzip (which every phone browser does), and the body exactly as it came
    over the wire."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("GET", parts.path, headers={"Accept-Encoding": "gzip"})
    response = conn.getresponse()
    body = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    conn.close()
    return response.status, headers, body


def test_campaign_page_first_load_is_under_60_kb(production_site):
    base = production_site.base
    status, headers, html = fetch(production_site.url("campaign"))
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    parser = Assets()
    parser.feed(gzip.decompress(html).decode())
    sizes = {"HTML": len(html)}
    for url in parser.css + parser.js + parser.fonts:
        absolute = urljoin(base + "/", url)
        assert absolute.startswith(base), f"third-party asset: {url}"
        asset_status, asset_headers, body = fetch(absolute)
        assert asset_status == 200, url
        assert asset_headers.get("content-encoding") == "gzip", f"{url} is not compressed"
        assert "max-age=315360000" in asset_headers.get("cache-control", ""), f"{url} not cached"
        assert re.search(r"\.[0-9a-f]{12}\.", url), f"{url} is not cache-busted"
        sizes[url] = len(body)
        if url.endswith(".css"):
            for font in re.findall(rb"url\(['\"]?([^'\")]+)", gzip.decompress(body)):
                assert not font.startswith((b"http:", b"https:", b"//")), "third-party font"
    phone_covers = [
        url
        for candidates in parser.images
        for url, width in re.findall(r"(\S+) (\d+)w", candidates)
        if width == "480"
    ]
    assert len(phone_covers) == 2, parser.images  # WebP and JPEG at phone width
    for url in phone_covers:
        image_status, _, body = fetch(urljoin(base + "/", url))
        assert image_status == 200
        assert len(body) <= 100 * 1024, f"{url}: {len(body)} bytes at phone width"
        sizes[f"(cover, outside the budget) {url}"] = len(body)
    total = sum(size for name, size in sizes.items() if not name.startswith("(cover"))
    report = ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in sizes.items())
    print(f"campaign page first load: {total / 1024:.1f} KB ({report})")
    assert total < BUDGET_BYTES, f"{total} bytes over the {BUDGET_BYTES} budget: {report}"
