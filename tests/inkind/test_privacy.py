"""No phone number or RT/RW text on any public page, feed, sitemap, card or API answer, for a
need whose pledge is matched (the moment both people see each other's contact)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from gotong.inkind.catalogue import Item
from gotong.inkind.pledges import pledge_accept, pledge_create
from tests.factories import UserFactory
from tests.inkind.conftest import DESA, HELPER_PHONE, need_open
from tests.inkind.test_offers import offer

pytestmark = pytest.mark.usefixtures("tallo")

PLACE = "Gang Mawar RT 03 RW 09 rumah cat biru"
SECRETS = (
    "6281234567001",
    "081234567001",
    "0812 3456 7001",
    "6281398765002",
    "0813 9876 5002",
    "6281322223333",
    "Gang Mawar",
    "RT 03 RW 09",
    "cat biru",
)


def test_every_public_answer_is_free_of_phones_and_addresses(moderator):
    need = need_open(moderator, place_detail=PLACE)
    pledge = pledge_create(
        actor=UserFactory(),
        line=need.lines.get(item=Item.MASKER),
        quantity=10,
        deliver_by=timezone.localdate() + datetime.timedelta(days=1),
        whatsapp=HELPER_PHONE,
    )
    pledge_accept(pledge=pledge, actor=need.poster)
    kitchen = offer("73.71")
    urls = [
        "/",
        "/kebutuhan/",
        "/kebutuhan/?region=73.71",
        f"/kebutuhan/{need.pk}/",
        f"/kebutuhan/{need.pk}/og.jpg",
        f"/kebutuhan/{need.pk}/laporkan/",
        "/tawaran/",
        f"/tawaran/{kitchen.pk}/",
        "/wilayah/",
        "/wilayah/73/",
        "/wilayah/73.71/",
        "/wilayah/73.71.07/",
        f"/wilayah/{DESA}/",
        "/wilayah/73.71/teks/",
        "/wilayah/cari/?q=tallo",
        "/sitemap.xml",
        "/api/v1/needs",
        f"/api/v1/needs/{need.pk}",
        "/api/v1/needs?region=73",
        "/api/v1/offers",
        "/api/v1/regions?parent=73.71",
        "/api/v1/openapi.json",
        "/en/kebutuhan/",
        f"/en/kebutuhan/{need.pk}/",
        "/en/wilayah/73.71.07/",
    ]
    visitor = Client()
    someone = Client()
    someone.force_login(UserFactory())  # signed in, but not one of the pair
    for client in (visitor, someone):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode("utf-8", errors="replace")
            for secret in SECRETS:
                assert secret not in body, (url, secret)
