from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.inkind.conftest import need_draft, need_open

pytestmark = pytest.mark.usefixtures("tallo")


def test_a_need_page_has_link_preview_tags_and_a_card(client, moderator):
    need = need_open(moderator)
    page = client.get(f"/kebutuhan/{need.pk}/").content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert image.endswith(f"/kebutuhan/{need.pk}/og.jpg")
    description = re.search(r'<meta property="og:description" content="([^"]+)"', page).group(1)
    assert "Dibutuhkan di Pannampu, Tallo, Kota Makassar: 200 lembar Masker" in description
    assert "RT 02" not in description
    card = client.get(f"/kebutuhan/{need.pk}/og.jpg")
    assert card["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(card.content)) as drawn:
        assert drawn.size == (1200, 630)


def test_unpublished_needs_have_no_card_and_no_tags(client):
    draft = need_draft()
    assert client.get(f"/kebutuhan/{draft.pk}/og.jpg").status_code == 404
    client.force_login(draft.poster)
    assert 'property="og:image"' not in client.get(f"/kebutuhan/{draft.pk}/").content.decode()


def test_open_needs_are_in_the_sitemap(client, moderator):
    need = need_open(moderator)
    hidden = need_draft()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/kebutuhan/{need.pk}/</loc>" in sitemap
    assert f"/kebutuhan/{hidden.pk}/</loc>" not in sitemap
