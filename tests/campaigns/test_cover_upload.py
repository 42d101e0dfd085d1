"""The campaign form's cover: its limits told before upload, a refusal shown next to the field
(sent as a plain form or through htmx, as gotong/cover-upload.js sends it), and htmx told to
load the campaign page itself once saved."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gotong.campaigns.models import Campaign, CampaignStatus
from tests.campaigns.test_lifecycle import form_data, jpeg
from tests.factories import CampaignFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def cover_field(html: str) -> str:
    found = re.search(
        r'<div class="field cover-field[^"]*".*?data-cover-error hidden></p>', html, re.S
    )
    assert found is not None
    return found.group(0)


def test_the_limits_are_stated_before_upload(client):
    client.force_login(UserFactory())
    field = cover_field(client.get("/galang-dana/baru/").content.decode())
    assert "JPEG, PNG, atau WebP, paling besar 8 MB." in field
    assert "Lebar minimal 400 piksel." in field
    assert "Paling bagus mendatar 16:9, misalnya 1200 \u00d7 675 piksel" in field
    assert 'accept="image/jpeg,image/png,image/webp"' in field
    assert 'aria-describedby="cover-limits"' in field
    assert 'data-max-bytes="8388608"' in field


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["form", "htmx"])
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg"),
            "Berkas ini bukan foto yang bisa dibaca.",
        ),
        (
            SimpleUploadedFile("x.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
            "Berkas ini bukan foto yang bisa dibaca.",
        ),
        (jpeg(200, 100), "Lebar foto minimal 400 piksel."),
    ],
)
def test_a_refused_cover_is_explained_next_to_the_field(client, headers, upload, message):
    upload.seek(0)
    client.force_login(UserFactory())
    response = client.post("/galang-dana/baru/", {**form_data(), "cover": upload}, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    field = cover_field(html)
    assert "has-error" in field
    assert f'<p class="error" role="alert" data-testid="cover-error">{message}</p>' in field
    assert html.count(message) == 1  # there, and not again at the top of the form
    assert Campaign.objects.count() == 0


def test_through_htmx_a_saved_campaign_is_loaded_by_the_browser_with_its_message(client):
    client.force_login(UserFactory())
    response = client.post("/galang-dana/baru/", {**form_data(), "cover": jpeg()}, **HTMX)
    campaign = Campaign.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == campaign.get_absolute_url()
    assert campaign.cover
    assert "Draf kampanye tersimpan" in client.get(campaign.get_absolute_url()).content.decode()


def test_without_htmx_it_is_a_plain_redirect(client):
    client.force_login(UserFactory())
    response = client.post("/galang-dana/baru/", form_data())
    assert response.status_code == 302
    assert "HX-Redirect" not in response


def test_editing_shows_the_current_cover_above_the_field(client):
    owner = UserFactory()
    client.force_login(owner)
    client.post("/galang-dana/baru/", {**form_data(), "cover": jpeg()})
    campaign = Campaign.objects.get()
    field = cover_field(client.get(f"/galang-dana/{campaign.slug}/ubah/").content.decode())
    assert "Sampul saat ini" in field
    assert re.search(rf"/kampanye/{campaign.slug}/sampul-480\.jpg\?v=\w+", field)
    response = client.post(f"/galang-dana/{campaign.slug}/ubah/", form_data(), **HTMX)
    assert response["HX-Redirect"] == campaign.get_absolute_url()


def test_editing_a_campaign_no_longer_a_draft_sends_htmx_to_its_page(client):
    campaign = CampaignFactory(status=CampaignStatus.PUBLISHED)
    client.force_login(campaign.owner)
    response = client.post(f"/galang-dana/{campaign.slug}/ubah/", form_data(), **HTMX)
    assert response["HX-Redirect"] == campaign.get_absolute_url()
