from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gotong.inkind.catalogue import Item
from gotong.inkind.models import Offer, OfferLine
from gotong.inkind.needs import LineInput
from gotong.regions.models import Region
from tests.factories import CampaignFactory, UserFactory
from tests.inkind.conftest import OTHER_DESA, need_draft, need_open

pytestmark = pytest.mark.usefixtures("tallo")


def _offer(region: str, title: str = "Dapur umum Tallo") -> Offer:
    offer = Offer.objects.create(owner=UserFactory(), title=title, contact_whatsapp="628110001")
    offer.regions.add(Region.objects.get(code=region))
    OfferLine.objects.create(offer=offer, item=Item.SEMBAKO, unit="paket", quantity=40)
    return offer


def test_a_region_page_lists_its_open_needs_offers_and_counts_per_child(client, moderator):
    need = need_open(moderator)
    need_open(
        moderator,
        title="Beras Kalukuang",
        region=OTHER_DESA,
        lines=[LineInput(item=Item.BERAS, quantity=5)],
    )
    need_draft(title="Draf tersembunyi")
    _offer("73.71")
    page = client.get("/wilayah/73.71.07/").content.decode()
    assert "Kebutuhan terbuka di Tallo (2)" in page
    assert need.title in page
    assert "Beras Kalukuang" in page
    assert "Draf tersembunyi" not in page
    assert "Tawaran bantuan untuk Tallo (1)" in page
    assert "1 kebutuhan" in page  # each of the two villages
    _no_private = ("6281234567001", "RT 02", "628110001")
    for text in _no_private:
        assert text not in page


def test_a_region_page_takes_the_same_queries_for_one_need_or_many(client, moderator):
    need_open(moderator)
    _offer("73.71.07")
    client.get("/wilayah/73.71/")  # the region's charts, read once and kept until money moves
    with CaptureQueriesContext(connection) as one:
        client.get("/wilayah/73.71/")
    for n in range(4):
        need_open(moderator, title=f"Kebutuhan {n}", lines=[LineInput(item=Item.APD, quantity=3)])
        _offer("73.71.07", title=f"Tawaran {n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/wilayah/73.71/")
    assert len(many) == len(one) <= 18  # 18: the charts' data version (the journal's last id)


def test_the_plain_text_list_for_a_whatsapp_group(client, moderator):
    need = need_open(moderator)
    response = client.get("/wilayah/73.71/teks/")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert text.startswith("Kebutuhan warga di Kota Makassar, Sulawesi Selatan (1):")
    assert f"1. {need.title} (Pannampu)" in text
    assert "200 lembar Masker, 50 paket Paket sembako" in text
    assert f"/kebutuhan/{need.pk}/" in text
    assert "RT 02" not in text
    assert "6281234567001" not in text
    assert client.get("/wilayah/99/teks/").status_code == 404
    assert client.get("/wilayah/7371/teks/").status_code == 404


def test_a_region_page_lists_the_campaigns_inside_it(client):
    CampaignFactory(title="Sehat bersama RW 04", region=Region.objects.get(code="73.71.07"))
    CampaignFactory(title="Kampanye tanpa wilayah")
    page = client.get("/wilayah/73.71/").content.decode()
    assert "Galang dana untuk Kota Makassar (1)" in page
    assert "Sehat bersama RW 04" in page
    assert "Kampanye tanpa wilayah" not in page
