"""Responsive covers: WebP and JPEG at phone widths, ≤ 100 KB at phone width, cache-busted by
the cover's name, made once and kept in storage."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gotong.campaigns.models import CampaignStatus
from gotong.core.images import cover_process
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db
PHONE_BUDGET = 100 * 1024


def photo_like(width: int = 1600, height: int = 900) -> SimpleUploadedFile:
    """A gradient under sensor-like noise: compresses about as badly as a real photo."""
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    picture = Image.blend(gradient, noise, 0.35)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=92)
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def campaign():
    campaign = CampaignFactory()
    campaign.cover.save("cover.jpg", cover_process(photo_like()), save=True)
    return campaign


def test_campaign_page_offers_webp_and_jpeg_in_every_width(client, campaign):
    html = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/webp"' in picture
    for fmt in ("webp", "jpg"):
        for width in (480, 960):
            assert f"/kampanye/{campaign.slug}/sampul-{width}.{fmt}?v=" in picture
    assert 'sizes="' in picture
    assert campaign.cover.url not in html  # never the full-size original


@pytest.mark.parametrize("fmt", ["webp", "jpg"])
@pytest.mark.parametrize("width", [480, 960])
def test_each_size_is_an_image_of_that_width(client, campaign, fmt, width):
    html = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    url = re.search(rf'(/kampanye/[^"\s]+/sampul-{width}\.{fmt}\?v=\w+)', html).group(1)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == ("image/webp" if fmt == "webp" else "image/jpeg")
    assert "immutable" in response["Cache-Control"]
    data = b"".join(response.streaming_content)
    with Image.open(io.BytesIO(data)) as image:
        assert image.width == width
        assert image.format == ("WEBP" if fmt == "webp" else "JPEG")
    if width == 480:
        assert len(data) <= PHONE_BUDGET


def test_sizes_are_made_once_and_a_new_cover_gets_new_urls(client, campaign):
    url = f"/kampanye/{campaign.slug}/sampul-480.webp"
    first = b"".join(client.get(url).streaming_content)
    assert b"".join(client.get(url).streaming_content) == first
    old = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    campaign.cover.save("baru.jpg", cover_process(photo_like(1200, 800)), save=True)
    new = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    version = re.compile(r"sampul-480\.webp\?v=(\w+)")
    assert version.search(old).group(1) != version.search(new).group(1)
    assert client.get(url).headers["Cache-Control"] == "public, max-age=600"  # stale ?v


@pytest.mark.parametrize("tail", ["sampul-500.webp", "sampul-480.png", "sampul-480.gif"])
def test_only_served_sizes_and_formats(client, campaign, tail):
    assert client.get(f"/kampanye/{campaign.slug}/{tail}").status_code == 404


def test_no_cover_or_hidden_campaign_is_404(client, campaign):
    assert client.get(f"/kampanye/{CampaignFactory().slug}/sampul-480.jpg").status_code == 404
    campaign.status = CampaignStatus.DRAFT
    campaign.save()
    url = f"/kampanye/{campaign.slug}/sampul-480.jpg"
    assert client.get(url).status_code == 404
    client.force_login(campaign.owner)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
