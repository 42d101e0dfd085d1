"""The API's docs page (django-ninja's Swagger UI) loads every asset from the platform itself,
so it works offline and under a Content-Security-Policy without other origins."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import requests

pytestmark = pytest.mark.django_db(transaction=True)


class Assets(HTMLParser):
    """Every address a page loads: scripts' src, links' href, images' src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        url = a.get("href") if tag == "link" else a.get("src") if tag in ("script", "img") else None
        if url:
            self.urls.append(url)


def test_the_docs_page_loads_only_assets_of_our_own(live_server):
    page = requests.get(f"{live_server.url}/api/v1/docs", timeout=10)
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    assets = Assets()
    assets.feed(page.text)
    assert len(assets.urls) >= 3  # the stylesheet, the bundle and the script that starts it
    origin = urlsplit(live_server.url).netloc
    for url in assets.urls:
        absolute = urljoin(page.url, url)
        assert urlsplit(absolute).netloc == origin, url
        assert requests.get(absolute, timeout=10).status_code == 200, url
    openapi = requests.get(f"{live_server.url}/api/v1/openapi.json", timeout=10)
    assert openapi.json()["info"]["title"] == "Gotong API"
