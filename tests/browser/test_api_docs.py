"""The API docs (Swagger UI) draw the API with every other origin cut off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_work_offline(new_context, live_gateway, shot):
    context = new_context()
    foreign: list[str] = []

    def only_our_server(route):
        if route.request.url.startswith(live_gateway.url):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", only_our_server)
    page = context.new_page()
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Gotong API")
    expect(page.get_by_text("/api/v1/campaigns/{slug}", exact=True).first).to_be_visible()
    shot(page, "api-docs")
    assert foreign == []
