from __future__ import annotations

import datetime
from urllib.parse import unquote

import pytest
from django.utils import timezone

from gotong.inkind.catalogue import Item
from gotong.inkind.models import Pledge
from gotong.inkind.needs import LineInput
from gotong.inkind.pledges import pledge_accept, pledge_create
from tests.factories import UserFactory
from tests.inkind.conftest import HELPER_PHONE, need_draft, need_open

pytestmark = pytest.mark.usefixtures("tallo")
SECRETS = (
    "6281234567001",
    "0812 3456 7001",
    "81234567001",
    "RT 02",
    "dekat masjid",
    "6281398765002",
)


@pytest.fixture
def need(moderator):
    return need_open(moderator)


def _no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


def test_the_list_shows_open_needs_by_region_and_item(client, need, moderator):
    beras = need_open(
        moderator, title="Beras untuk dapur umum", lines=[LineInput(item=Item.BERAS, quantity=10)]
    )
    draft = need_draft(title="Draf rahasia")
    page = client.get("/kebutuhan/", {"region": "73.71"}).content.decode()
    assert need.title in page
    assert beras.title in page
    assert draft.title not in page
    assert "Kebutuhan warga di Kota Makassar" in page
    only_beras = client.get("/kebutuhan/", {"item": "beras"}).content.decode()
    assert beras.title in only_beras
    assert need.title not in only_beras
    assert client.get("/kebutuhan/", {"item": "senjata", "region": "x" * 500}).status_code == 200


def test_the_need_page_shows_lines_and_a_whatsapp_text_without_private_details(client, need):
    pledge = pledge_create(
        actor=UserFactory(),
        line=need.lines.get(item=Item.MASKER),
        quantity=100,
        deliver_by=timezone.localdate() + datetime.timedelta(days=1),
        whatsapp=HELPER_PHONE,
    )
    pledge_accept(pledge=pledge, actor=need.poster)
    response = client.get(f"/kebutuhan/{need.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "0 / 200 lembar diterima" in page
    assert "100 dijanjikan · 100 belum ada yang menjanjikan" in page
    share = unquote(page.split('data-testid="share-whatsapp"')[0].rsplit('href="', 1)[1])
    assert "Dibutuhkan di Pannampu, Tallo, Kota Makassar: 100 lembar Masker, 50 paket" in share
    _no_secrets(unquote(page))
    _no_secrets(client.get("/kebutuhan/").content.decode())
    _no_secrets(client.get("/sitemap.xml").content.decode())


def test_drafts_and_reviews_are_not_found(client):
    draft = need_draft()
    assert client.get(f"/kebutuhan/{draft.pk}/").status_code == 404
    assert client.get("/kebutuhan/999999/").status_code == 404


def test_a_signed_in_helper_pledges_from_the_page(client, need):
    line = need.lines.get(item=Item.MASKER)
    client.force_login(UserFactory())
    form = {
        "line": line.pk,
        "quantity": 100,
        "deliver_by": str(timezone.localdate() + datetime.timedelta(days=2)),
        "whatsapp": HELPER_PHONE,
    }
    response = client.post(f"/kebutuhan/{need.pk}/janji/", form)
    assert response.status_code == 302
    assert Pledge.objects.get().quantity == 100
    refused = client.post(f"/kebutuhan/{need.pk}/janji/", form | {"quantity": 101})
    assert refused.status_code == 400
    assert "Yang belum dijanjikan tinggal 100." in refused.content.decode()
    for bad in ({"quantity": 0}, {"quantity": "banyak"}, {"whatsapp": "123"}, {"line": 999999}):
        assert client.post(f"/kebutuhan/{need.pk}/janji/", form | bad).status_code == 400, bad
    assert Pledge.objects.count() == 1


def test_signed_out_visitors_are_sent_to_sign_in_to_pledge(client, need):
    page = client.get(f"/kebutuhan/{need.pk}/").content.decode()
    assert "Masuk untuk menjanjikan bantuan" in page
    assert client.post(f"/kebutuhan/{need.pk}/janji/", {}).status_code == 302


def test_the_need_page_takes_a_fixed_number_of_queries(client, need, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(f"/kebutuhan/{need.pk}/")
