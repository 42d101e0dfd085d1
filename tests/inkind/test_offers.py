from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gotong.inkind.catalogue import Item
from gotong.inkind.models import Offer, Pledge
from gotong.inkind.needs import LineInput
from gotong.inkind.offers import offer_create
from gotong.inkind.selectors import offers_suggested
from gotong.inkind.transitions import PledgeStatus
from tests.factories import UserFactory
from tests.inkind.conftest import DESA, OTHER_DESA, need_open

pytestmark = pytest.mark.usefixtures("tallo")


def offer(region: str, item: str = Item.MASKER, **kwargs) -> Offer:
    return offer_create(
        owner=kwargs.pop("owner", None) or UserFactory(),
        title=kwargs.pop("title", f"Masker untuk {region}"),
        region_codes=[region],
        lines=[LineInput(item=item, quantity=500)],
        contact_whatsapp="0813 2222 3333",
        standing=True,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"region_codes": ["99"]}, "regions"),
        ({"region_codes": []}, "regions"),
        ({"lines": [LineInput(item=Item.MASKER, quantity=0)]}, "lines"),
        ({"contact_whatsapp": "1"}, "contact_whatsapp"),
        ({"standing": False}, "available_until"),
        ({"available_until": datetime.date(2020, 1, 1)}, "available_until"),
        ({"title": " "}, "title"),
    ],
)
def test_bad_offers_are_refused_and_nothing_is_created(kwargs, field):
    fields = {
        "owner": UserFactory(),
        "title": "Masker",
        "region_codes": ["73.71"],
        "lines": [LineInput(item=Item.MASKER, quantity=5)],
        "contact_whatsapp": "0813 2222 3333",
        "standing": True,
    }
    with pytest.raises(ValidationError) as raised:
        offer_create(**(fields | kwargs))
    assert field in raised.value.message_dict
    assert Offer.objects.count() == 0


def test_suggested_offers_for_a_need_are_nearest_first_and_for_its_items(moderator):
    need = need_open(moderator)
    province = offer("73", title="Provinsi")
    desa = offer(DESA, title="Desa")
    kota = offer("73.71", title="Kota")
    offer(OTHER_DESA, title="Desa lain")
    offer("73.71.07", item=Item.BERAS, title="Beras")
    assert offers_suggested(need=need) == [desa, kota, province]


def test_the_poster_asks_an_offer_from_the_need_page_and_the_owner_accepts(client, moderator):
    need = need_open(moderator)
    owner = UserFactory()
    kitchen = offer("73.71", owner=owner, title="Konveksi Tallo")
    client.force_login(need.poster)
    page = client.get(f"/kebutuhan/{need.pk}/").content.decode()
    assert "Konveksi Tallo" in page
    assert 'data-testid="ask-offer"' in page
    line = need.lines.get(item=Item.MASKER)
    response = client.post(
        f"/kebutuhan/{need.pk}/minta/",
        {
            "offer": kitchen.pk,
            "line": line.pk,
            "quantity": 80,
            "deliver_by": str(timezone.localdate() + datetime.timedelta(days=3)),
        },
    )
    pledge = Pledge.objects.get()
    assert response["Location"].endswith(f"/janji/{pledge.pk}/")
    assert (pledge.helper, pledge.proposed_by, pledge.quantity) == (owner, "recipient", 80)
    client.force_login(owner)
    client.post(f"/janji/{pledge.pk}/terima/")
    assert Pledge.objects.get().status == PledgeStatus.ACCEPTED


def test_strangers_cannot_ask_on_someone_elses_need(client, moderator):
    need = need_open(moderator)
    kitchen = offer("73.71")
    client.force_login(UserFactory())
    response = client.post(
        f"/kebutuhan/{need.pk}/minta/", {"offer": kitchen.pk, "line": 1, "quantity": 1}
    )
    assert response.status_code == 404
    assert Pledge.objects.count() == 0


def test_offer_pages_list_post_and_suggest_needs(client, moderator):
    need = need_open(moderator)
    client.force_login(UserFactory())
    response = client.post(
        "/tawaran/baru/",
        {
            "provinsi": "73",
            "kabupaten": "73.71",
            "title": "Masker kain konveksi",
            "line1_item": "masker",
            "line1_quantity": "300",
            "standing": "on",
            "contact_whatsapp": "0813 2222 3333",
        },
    )
    created = Offer.objects.get()
    assert response["Location"].endswith(f"/tawaran/{created.pk}/")
    assert list(created.regions.values_list("code", flat=True)) == ["73.71"]
    detail = client.get(f"/tawaran/{created.pk}/").content.decode()
    assert need.title in detail
    assert "6281322223333" not in detail
    listing = client.get("/tawaran/", {"region": DESA}).content.decode()
    assert "Masker kain konveksi" in listing
    assert "300 lembar Masker" in listing
    bad = client.post("/tawaran/baru/", {"provinsi": "73", "title": "x"})
    assert bad.status_code == 400
    assert Offer.objects.count() == 1
