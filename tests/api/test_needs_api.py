from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from gotong.inkind.catalogue import Item
from gotong.inkind.models import Offer, OfferLine, Pledge
from gotong.inkind.needs import LineInput
from gotong.inkind.pledges import pledge_accept, pledge_create
from gotong.regions.models import Region
from tests.factories import UserFactory
from tests.inkind.conftest import DESA, HELPER_PHONE, need_draft, need_open

pytestmark = pytest.mark.usefixtures("tallo")
SECRETS = ("6281234567001", "0812 3456 7001", "81234567001", "RT 02", "RW 04, dekat", "masjid")


@pytest.fixture
def need(moderator):
    return need_open(moderator)


def _line(need, item=Item.MASKER):
    return need.lines.get(item=item)


def _no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


def test_needs_list_filters_by_region_item_and_status(client, need, moderator):
    need_draft()  # a draft is never listed
    other = need_open(moderator, lines=[LineInput(item=Item.BERAS, quantity=10)])
    for region in ("73", "73.71", "73.71.07", DESA):
        body = client.get("/api/v1/needs", {"region": region}).json()
        assert {n["id"] for n in body["items"]} == {need.pk, other.pk}
    body = client.get("/api/v1/needs", {"item": "beras"}).json()
    assert [n["id"] for n in body["items"]] == [other.pk]
    assert client.get("/api/v1/needs", {"status": "fulfilled"}).json()["items"] == []
    assert client.get("/api/v1/needs", {"region": "73.71.07.1002"}).json()["items"] == []


def test_a_need_shows_requested_pledged_and_delivered_per_line(client, need):
    pledge_create(
        actor=UserFactory(),
        line=_line(need),
        quantity=100,
        deliver_by=timezone.localdate() + datetime.timedelta(days=2),
        whatsapp=HELPER_PHONE,
    )
    body = client.get(f"/api/v1/needs/{need.pk}").json()
    assert body["region"] == {
        "code": DESA,
        "name": "Pannampu",
        "path": Region.objects.get(code=DESA).path,
    }
    lines = {line["item"]: line for line in body["lines"]}
    assert lines["masker"] | {"id": 0} == {
        "id": 0,
        "item": "masker",
        "item_label": "Masker",
        "unit": "lembar",
        "requested": 200,
        "pledged": 100,
        "delivered": 0,
        "remaining": 100,
    }


def test_needs_not_yet_public_are_not_found(client):
    draft = need_draft()
    assert client.get(f"/api/v1/needs/{draft.pk}").status_code == 404
    assert client.get("/api/v1/needs/999999").status_code == 404


@pytest.mark.parametrize("region", ["99", "73.99", "7x", "73.71.07.1001.1", "' OR 1=1"])
def test_unknown_or_malformed_regions_are_422(client, region):
    response = client.get("/api/v1/needs", {"region": region})
    assert response.status_code == 422
    assert "region" in response.json()["errors"]


def test_pledging_needs_a_signed_in_person(client, need):
    payload = {
        "line_id": _line(need).pk,
        "quantity": 10,
        "deliver_by": str(timezone.localdate() + datetime.timedelta(days=1)),
        "whatsapp": HELPER_PHONE,
    }
    url = f"/api/v1/needs/{need.pk}/pledges"
    anonymous = client.post(url, json.dumps(payload), content_type="application/json")
    assert anonymous.status_code == 401
    client.force_login(UserFactory())
    created = client.post(url, json.dumps(payload), content_type="application/json")
    assert created.status_code == 201
    assert created.json()["status"] == "proposed"
    too_many = client.post(
        url, json.dumps(payload | {"quantity": 191}), content_type="application/json"
    )
    assert too_many.status_code == 422
    assert "tinggal 190" in too_many.json()["errors"]["quantity"][0]
    for bad in ({"quantity": 0}, {"quantity": 10**12}, {"deliver_by": "2020-01-01"}):
        response = client.post(url, json.dumps(payload | bad), content_type="application/json")
        assert response.status_code == 422, bad
    unknown_line = client.post(
        url, json.dumps(payload | {"line_id": 999999}), content_type="application/json"
    )
    assert unknown_line.status_code == 404
    assert Pledge.objects.count() == 1


def test_offers_list_by_the_regions_they_serve(client):
    owner = UserFactory()
    offer = Offer.objects.create(
        owner=owner, title="Dapur umum Tallo", contact_whatsapp="628110001"
    )
    offer.regions.add(Region.objects.get(code="73.71.07"))
    OfferLine.objects.create(offer=offer, item=Item.SEMBAKO, unit="paket", quantity=40)
    for region in ("73", "73.71.07", DESA):
        body = client.get("/api/v1/offers", {"region": region}).json()
        assert [o["id"] for o in body["items"]] == [offer.pk], region
    assert client.get("/api/v1/offers", {"item": "beras"}).json()["items"] == []
    _no_secrets(client.get("/api/v1/offers").content.decode())
    assert "628110001" not in client.get("/api/v1/offers").content.decode()


def test_no_phone_or_rt_rw_in_any_public_answer_even_when_matched(client, need):
    promised = pledge_create(
        actor=UserFactory(),
        line=_line(need),
        quantity=5,
        deliver_by=timezone.localdate() + datetime.timedelta(days=1),
        whatsapp=HELPER_PHONE,
    )
    pledge_accept(pledge=promised, actor=need.poster)
    for url in ("/api/v1/needs", f"/api/v1/needs/{need.pk}", "/api/v1/openapi.json"):
        text = client.get(url).content.decode()
        _no_secrets(text)
        assert "6281398765002" not in text
        assert need.poster.email not in text


def test_the_schema_names_the_in_kind_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/needs", "/api/v1/needs/{need_id}", "/api/v1/offers"} <= set(paths)
    assert "post" in paths["/api/v1/needs/{need_id}/pledges"]
