from __future__ import annotations

import base64
import datetime
import hashlib
import itertools
import json
import os
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from gotong.ledger.models import EntryKind, JournalEntry, Posting
from gotong.transparency import merkle, selectors
from gotong.transparency.models import LogLeaf, LogNode, LogState, TreeHead
from gotong.transparency.selectors import LogCorrupted
from gotong.transparency.services import log_seal
from gotong.transparency.tasks import seal_log
from tests.factories import CampaignFactory, DonationFactory
from tests.transparency.helpers import (
    TEST_KEY,
    at_once,
    entries_bulk_create,
    head_signature_verifies,
    settle,
    sha256_leaf,
    stored_leaf_hashes,
)

pytestmark = pytest.mark.django_db


def consistent(old: TreeHead, new: TreeHead) -> bool:
    if old.tree_size == 0:
        return True
    return merkle.verify_consistency(
        first=old.tree_size,
        second=new.tree_size,
        first_root=bytes.fromhex(old.root_hash),
        second_root=bytes.fromhex(new.root_hash),
        proof=selectors.log_consistency_proof(first=old.tree_size, second=new.tree_size),
    )


def test_sealing_makes_each_entry_a_canonical_leaf_and_signs_the_head():
    campaign = CampaignFactory()
    donations = [
        DonationFactory(campaign=campaign, amount=amount, name="Budi Santoso", email="budi@x.id")
        for amount in (50_000, 75_000, 120_000)
    ]
    for donation in donations:
        settle(donation)

    result = log_seal()

    entries = list(JournalEntry.objects.order_by("id"))
    leaves = list(LogLeaf.objects.order_by("leaf_index"))
    assert result.sealed == len(entries) == len(leaves) > 3  # each donation also books its fee
    assert [leaf.leaf_index for leaf in leaves] == list(range(len(entries)))
    assert [leaf.entry_id for leaf in leaves] == [entry.pk for entry in entries]

    first, order_id = entries[0], donations[0].order_id
    expected = {
        "entry_id": first.pk,
        "kind": "donation_settled",
        "created_at": first.created_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "memo": f"Donasi {order_id}",
        "campaign_id": campaign.pk,
        "order_id": order_id,
        "postings": [
            {"account": f"gateway:midtrans:clearing:{campaign.pk}", "amount": 50_000},
            {"account": f"campaign:{campaign.pk}:funds", "amount": -50_000},
        ],
    }
    leaf = bytes(leaves[0].leaf)
    assert json.loads(leaf) == expected
    assert leaf == json.dumps(expected, sort_keys=True, separators=(",", ":")).encode()
    assert leaf.endswith(
        b'Z","entry_id":%d,"kind":"donation_settled","memo":"Donasi %s",'
        b'"order_id":"%s","postings":[{"account":"gateway:midtrans:clearing:%d",'
        b'"amount":50000},{"account":"campaign:%d:funds","amount":-50000}]}'
        % (first.pk, order_id.encode(), order_id.encode(), campaign.pk, campaign.pk)
    )
    fee = json.loads(bytes(leaves[1].leaf))
    assert fee["kind"] == EntryKind.PLATFORM_FEE
    assert fee["order_id"] == order_id
    assert sum(p["amount"] for p in fee["postings"]) == 0

    everything = b"".join(bytes(leaf.leaf) for leaf in leaves)
    assert b"budi" not in everything.lower()
    assert b"Santoso" not in everything

    for stored in leaves:
        assert bytes(stored.leaf_hash) == sha256_leaf(bytes(stored.leaf))
    head = TreeHead.objects.get()
    assert head == result.head
    assert head.tree_size == len(leaves)
    assert head.root_hash == merkle.root_hash([sha256_leaf(bytes(x.leaf)) for x in leaves]).hex()
    assert head_signature_verifies(head)
    test_key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(TEST_KEY))
    raw_public = test_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert head.public_key == base64.b64encode(raw_public).decode()
    assert abs(head.timestamp / 1000 - datetime.datetime.now(datetime.UTC).timestamp()) < 60


def test_new_entries_extend_the_log_consistently():
    campaign = CampaignFactory()
    settle(DonationFactory(campaign=campaign))
    first = log_seal().head
    old_leaves = list(LogLeaf.objects.values_list("leaf_index", "leaf", "leaf_hash"))

    settle(DonationFactory(campaign=campaign, amount=60_000))
    settle(DonationFactory(amount=70_000))
    second = log_seal().head

    assert first is not None
    assert second is not None
    assert second.tree_size > first.tree_size
    assert second.timestamp >= first.timestamp
    assert consistent(first, second)
    assert (
        list(
            LogLeaf.objects.filter(leaf_index__lt=first.tree_size).values_list(
                "leaf_index", "leaf", "leaf_hash"
            )
        )
        == old_leaves
    )
    assert second.root_hash == merkle.root_hash(stored_leaf_hashes()).hex()


def test_sealing_with_nothing_new_adds_nothing():
    settle(DonationFactory())
    log_seal()
    leaves, heads = LogLeaf.objects.count(), TreeHead.objects.count()
    again = log_seal()
    assert again.sealed == 0
    assert again.head is None
    assert (LogLeaf.objects.count(), TreeHead.objects.count()) == (leaves, heads)


def test_an_empty_ledger_gets_one_head_of_size_zero():
    head = log_seal().head
    assert head is not None
    assert head.tree_size == 0
    assert head.root_hash == hashlib.sha256(b"").hexdigest()
    assert head_signature_verifies(head)
    assert log_seal().head is None
    assert TreeHead.objects.count() == 1


def test_a_backlog_is_sealed_in_batches_each_with_a_consistent_head():
    entries_bulk_create(10)
    result = log_seal(batch_size=3)
    assert result.sealed == 10
    heads = list(TreeHead.objects.order_by("id"))
    assert [h.tree_size for h in heads] == [3, 6, 9, 10]
    assert all(head_signature_verifies(h) for h in heads)
    for i, old in enumerate(heads):
        for new in heads[i:]:
            assert consistent(old, new)


def test_an_entry_committed_after_a_higher_id_was_sealed_still_gets_a_leaf():
    """Ids are handed out before commit; a slow transaction can commit its lower id later."""
    [low] = entries_bulk_create(1)
    late = JournalEntry.objects.create(
        id=low.pk + 50, kind=EntryKind.DONATION_SETTLED, memo="late", idempotency_key="late"
    )
    Posting.objects.bulk_create(
        [
            Posting(entry=late, account_id=p.account_id, amount=p.amount)
            for p in Posting.objects.filter(entry=low)
        ]
    )
    log_seal()
    slow = JournalEntry.objects.create(
        id=low.pk + 20, kind=EntryKind.DONATION_SETTLED, memo="slow", idempotency_key="slow"
    )
    Posting.objects.bulk_create(
        [
            Posting(entry=slow, account_id=p.account_id, amount=p.amount)
            for p in Posting.objects.filter(entry=low)
        ]
    )
    assert log_seal().sealed == 1
    assert list(LogLeaf.objects.order_by("leaf_index").values_list("entry_id", flat=True)) == [
        low.pk,
        low.pk + 50,
        low.pk + 20,
    ]


@pytest.mark.django_db(transaction=True)
def test_two_sealers_at_once_never_share_a_leaf_index():
    entries_bulk_create(60)
    errors = at_once(lambda: log_seal(batch_size=7))
    assert errors == []
    rows = list(LogLeaf.objects.order_by("leaf_index").values_list("leaf_index", "entry_id"))
    assert [index for index, _ in rows] == list(range(60))
    assert len({entry for _, entry in rows}) == 60
    heads = list(TreeHead.objects.order_by("id"))
    assert heads[-1].tree_size == 60
    assert heads[-1].root_hash == merkle.root_hash(stored_leaf_hashes()).hex()
    for old, new in itertools.pairwise(heads):
        assert new.tree_size > old.tree_size
        assert consistent(old, new)


def test_proofs_from_stored_subtrees_equal_proofs_from_all_leaves():
    entries_bulk_create(700)
    log_seal(batch_size=300)
    assert LogNode.objects.count() == 3  # [0, 256), [256, 512) and [0, 512)
    hashes = stored_leaf_hashes()
    sizes = [1, 2, 255, 256, 257, 300, 511, 512, 513, 600, 700]
    for size in sizes:
        for index in {i for i in (0, 1, size // 2, size - 2, size - 1) if 0 <= i < size}:
            expected = merkle.inclusion_proof(index, hashes[:size])
            assert selectors.log_inclusion_proof(leaf_index=index, tree_size=size) == expected
        for first in [s for s in sizes if s <= size]:
            expected = merkle.consistency_proof(first, hashes[:size])
            assert selectors.log_consistency_proof(first=first, second=size) == expected

    LogNode.objects.filter(level=8, index=1).delete()  # a lost node is recomputed from leaves
    assert selectors.log_consistency_proof(first=300, second=700) == merkle.consistency_proof(
        300, hashes
    )
    LogLeaf.objects.filter(leaf_index=257).delete()
    with pytest.raises(LogCorrupted, match="leaf 257"):
        selectors.log_inclusion_proof(leaf_index=300, tree_size=700)


def test_sealing_stops_if_stored_leaves_do_not_match_the_state():
    entries_bulk_create(3)
    log_seal()
    LogLeaf.objects.filter(leaf_index=2).delete()
    entries_bulk_create(1)
    with pytest.raises(LogCorrupted, match="3 leaves"):
        log_seal()
    assert LogState.objects.get().tree_size == 3


def test_key_is_generated_into_var_dir_with_mode_0600(settings):
    settings.LOG_SIGNING_KEY = ""
    entries_bulk_create(1)
    head = log_seal().head
    key_file = settings.VAR_DIR / "log-signing-key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    raw = base64.b64decode(key_file.read_text())
    public = Ed25519PrivateKey.from_private_bytes(raw).public_key()
    assert head is not None
    assert head_signature_verifies(head)
    assert (
        head.public_key
        == base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()
    )
    entries_bulk_create(1)
    assert log_seal().head.public_key == head.public_key  # the same key on the next seal


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"short").decode()])
def test_a_malformed_configured_key_is_refused(settings, bad):
    settings.LOG_SIGNING_KEY = bad
    entries_bulk_create(1)
    with pytest.raises(ImproperlyConfigured, match="LOG_SIGNING_KEY"):
        log_seal()
    assert not LogLeaf.objects.exists()


def test_task_and_command_seal(capsys):
    entries_bulk_create(2)
    assert seal_log.enqueue().return_value == 2
    entries_bulk_create(1)
    call_command("seal_log")
    out = capsys.readouterr().out
    assert "sealed 1 entries" in out
    assert "tree size 3" in out


def test_the_scheduler_seals_every_run(capsys):
    call_command("scheduler", "--once")
    assert seal_log.name in capsys.readouterr().out
