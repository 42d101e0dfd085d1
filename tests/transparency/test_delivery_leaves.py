"""Confirmed in-kind deliveries as leaves of the log: what a delivery leaf holds (and never
holds), which pledges become one, and a log of entries and deliveries together."""

from __future__ import annotations

import base64
import datetime
import json

import pytest

from gotong.inkind.catalogue import Item
from gotong.inkind.models import Pledge
from gotong.inkind.needs import LineInput
from gotong.inkind.pledges import (
    handover_code,
    pledge_confirm,
    pledge_decline,
    pledge_deliver,
    pledge_dispute,
    pledge_resolve,
    pledge_withdraw,
)
from gotong.transparency import merkle, selectors
from gotong.transparency.models import LogLeaf, TreeHead
from gotong.transparency.services import log_seal
from tests.factories import DonationFactory
from tests.inkind.conftest import DESA, HELPER_PHONE, POSTER_PHONE, need_open, photo
from tests.transparency.helpers import (
    delivery_confirm,
    entries_bulk_create,
    head_signature_verifies,
    pledge_accepted,
    pledge_propose,
    settle,
    sha256_leaf,
    stored_leaf_hashes,
)
from tests.transparency.test_seal import consistent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tallo")]


@pytest.fixture
def need(moderator):
    return need_open(moderator)


@pytest.fixture
def masker(need):
    return need.lines.get(item=Item.MASKER)


def delivery_leaves() -> list[LogLeaf]:
    return list(LogLeaf.objects.filter(pledge__isnull=False).order_by("leaf_index"))


def test_a_confirmed_delivery_becomes_one_leaf_with_public_facts_only(need, masker):
    pledge = pledge_accepted(masker, quantity=120)
    pledge_deliver(pledge=pledge, actor=pledge.helper, photo=photo())
    assert log_seal().sealed == 0  # marked delivered is not confirmed
    pledge_confirm(pledge=pledge, actor=need.poster, code=handover_code(pledge))
    pledge.refresh_from_db()
    assert pledge.delivery_photo

    assert log_seal().sealed == 1
    [leaf] = LogLeaf.objects.all()
    assert (leaf.leaf_index, leaf.pledge_id, leaf.entry_id) == (0, pledge.pk, None)
    expected = {
        "kind": "delivery_confirmed",
        "pledge_id": pledge.pk,
        "need_id": need.pk,
        "item": "masker",
        "quantity": 120,
        "unit": "lembar",
        "desa_code": DESA,
        "confirmed_at": pledge.confirmed_at.astimezone(datetime.UTC).strftime(
            "%Y-%m-%dT%H:%M:%S.%fZ"
        ),
    }
    raw = bytes(leaf.leaf)
    assert raw == json.dumps(expected, sort_keys=True, separators=(",", ":")).encode()
    assert bytes(leaf.leaf_hash) == sha256_leaf(raw)

    seeded = [
        POSTER_PHONE,
        HELPER_PHONE,
        need.contact_whatsapp,
        pledge.helper_whatsapp,
        need.place_detail,
        "RT 02",
        "RW 04",
        "masjid",
        need.title,
        need.story,
        pledge.note,
        "Joko",
        pledge.helper.display_name,
        pledge.helper.email,
        need.poster.display_name,
        need.poster.email,
        "Pannampu",  # the desa's name: the code is enough
        pledge.delivery_photo.name,
        "serah",
    ]
    for text in seeded:
        assert text.encode() not in raw, text
    head = TreeHead.objects.order_by("-id").first()
    assert head.tree_size == 1
    assert head.root_hash == merkle.root_hash([sha256_leaf(raw)]).hex()
    assert head_signature_verifies(head)


def test_sealing_twice_seals_a_delivery_once(masker):
    pledge = delivery_confirm(masker, quantity=10)
    assert log_seal().sealed == 1
    leaves, heads = LogLeaf.objects.count(), TreeHead.objects.count()
    again = log_seal()
    assert (again.sealed, again.head) == (0, None)
    assert (LogLeaf.objects.count(), TreeHead.objects.count()) == (leaves, heads)
    assert [leaf.pledge_id for leaf in delivery_leaves()] == [pledge.pk]


def test_pledges_never_confirmed_never_become_leaves(need, masker, moderator):
    pledge_propose(masker, quantity=5)
    pledge_accepted(masker, quantity=5)
    delivered = pledge_accepted(masker, quantity=5)
    pledge_deliver(pledge=delivered, actor=delivered.helper, photo=photo())
    declined = pledge_propose(masker, quantity=5)
    pledge_decline(pledge=declined, actor=need.poster)
    withdrawn = pledge_accepted(masker, quantity=5)
    pledge_withdraw(pledge=withdrawn, actor=withdrawn.helper)
    disputed = pledge_accepted(masker, quantity=5)
    pledge_dispute(pledge=disputed, actor=need.poster, reason="Belum sampai.")
    cancelled = pledge_accepted(masker, quantity=5)
    pledge_dispute(pledge=cancelled, actor=need.poster, reason="Tidak datang.")
    pledge_resolve(pledge=cancelled, actor=moderator, delivered=False, reason="Tidak ada bukti.")
    assert sorted(Pledge.objects.values_list("status", flat=True)) == [
        "accepted",
        "cancelled",
        "declined",
        "delivered",
        "disputed",
        "proposed",
        "withdrawn",
    ]

    assert log_seal().sealed == 0
    assert not LogLeaf.objects.exists()
    assert TreeHead.objects.get().tree_size == 0


def test_a_dispute_resolved_as_delivered_is_a_leaf(need, masker, moderator):
    pledge = pledge_accepted(masker, quantity=40)
    pledge_dispute(pledge=pledge, actor=need.poster, reason="Kodenya hilang.")
    log_seal()
    assert not delivery_leaves()
    pledge_resolve(pledge=pledge, actor=moderator, delivered=True, reason="Foto dan saksi.")
    assert log_seal().sealed == 1
    [leaf] = delivery_leaves()
    data = json.loads(bytes(leaf.leaf))
    assert (data["pledge_id"], data["quantity"]) == (pledge.pk, 40)
    assert moderator.email.encode() not in bytes(leaf.leaf)


def test_a_delivery_confirmed_after_a_later_one_was_sealed_still_gets_its_leaf(need, masker):
    early = pledge_accepted(masker, quantity=10)
    late = delivery_confirm(masker, quantity=20)
    log_seal()
    pledge_confirm(pledge=early, actor=need.poster, code=handover_code(early))
    assert log_seal().sealed == 1
    assert [leaf.pledge_id for leaf in delivery_leaves()] == [late.pk, early.pk]
    assert early.pk < late.pk


def test_entries_and_deliveries_interleave_and_every_head_and_proof_verifies(need, masker):
    sembako = need.lines.get(item=Item.SEMBAKO)
    settle(DonationFactory(amount=50_000))
    delivery_confirm(masker, quantity=30)
    log_seal()
    delivery_confirm(sembako, quantity=5)
    settle(DonationFactory(amount=75_000))
    delivery_confirm(masker, quantity=50)
    entries_bulk_create(4)
    log_seal(batch_size=3)  # entries first, deliveries in the room left, batch by batch
    delivery_confirm(sembako, quantity=7)
    log_seal()

    rows = list(LogLeaf.objects.order_by("leaf_index").values_list("entry_id", "pledge_id"))
    # e: an entry (each donation is its settlement and its fee), d: a delivery
    assert "".join("e" if entry else "d" for entry, _ in rows) == "eed" + "eeeeee" + "dd" + "d"
    assert all((entry is None) != (pledge is None) for entry, pledge in rows)
    assert len({pledge for _, pledge in rows if pledge}) == 4

    heads = list(TreeHead.objects.order_by("id"))
    assert all(head_signature_verifies(h) for h in heads)
    for i, old in enumerate(heads):
        for new in heads[i:]:
            assert consistent(old, new)
    hashes = stored_leaf_hashes()
    latest = heads[-1]
    assert latest.tree_size == len(hashes) == len(rows)
    assert latest.root_hash == merkle.root_hash(hashes).hex()
    for size in {latest.tree_size, heads[0].tree_size}:
        root = merkle.root_hash(hashes[:size])
        for index in range(size):
            assert merkle.verify_inclusion(
                leaf_hash=hashes[index],
                index=index,
                size=size,
                path=selectors.log_inclusion_proof(leaf_index=index, tree_size=size),
                root=root,
            )


def test_a_full_batch_of_deliveries_is_sealed_batch_by_batch(moderator):
    need = need_open(moderator, lines=[LineInput(item=Item.BERAS, quantity=100)])
    line = need.lines.get()
    pledges = [delivery_confirm(line, quantity=10) for _ in range(7)]
    result = log_seal(batch_size=3)
    assert result.sealed == 7
    assert result.last_pledge_id == pledges[-1].pk
    assert [h.tree_size for h in TreeHead.objects.order_by("id")] == [3, 6, 7]
    assert [leaf.pledge_id for leaf in delivery_leaves()] == [p.pk for p in pledges]


def test_the_entries_endpoint_serves_delivery_leaves_and_the_delivery_endpoint_proves_one(
    client, masker
):
    settle(DonationFactory(amount=50_000))
    pledge = delivery_confirm(masker, quantity=25)
    unsealed = pledge_accepted(masker, quantity=5)
    log_seal()
    settle(DonationFactory(amount=60_000))
    log_seal()
    leaf = LogLeaf.objects.get(pledge=pledge)
    page = client.get("/transparency/log/entries", {"start": 0, "end": 10}).json()["entries"]
    served = page[leaf.leaf_index]
    assert base64.b64decode(served["leaf"]) == bytes(leaf.leaf)
    assert served["data"] == json.loads(bytes(leaf.leaf))
    assert served["data"]["kind"] == "delivery_confirmed"

    body = client.get("/transparency/log/delivery", {"pledge_id": pledge.pk}).json()
    head = TreeHead.objects.order_by("-id").first()
    assert (body["pledge_id"], body["leaf_index"]) == (pledge.pk, leaf.leaf_index)
    assert base64.b64decode(body["leaf"]) == bytes(leaf.leaf)
    assert body["tree_head"] == {
        "tree_size": head.tree_size,
        "timestamp": head.timestamp,
        "root_hash": head.root_hash,
        "signature": head.signature,
        "public_key": head.public_key,
    }
    assert merkle.verify_inclusion(
        leaf_hash=sha256_leaf(bytes(leaf.leaf)),
        index=leaf.leaf_index,
        size=head.tree_size,
        path=[bytes.fromhex(h) for h in body["audit_path"]],
        root=bytes.fromhex(head.root_hash),
    )

    for missing in (unsealed.pk, unsealed.pk + 1000):
        response = client.get("/transparency/log/delivery", {"pledge_id": missing})
        assert response.status_code == 404
        assert f"pledge {missing} has no delivery in the log" in response.json()["error"]
    response = client.get("/transparency/log/delivery", {"pledge_id": "1 OR 1=1"})
    assert response.status_code == 400
    assert "non-negative integer" in response.json()["error"]
