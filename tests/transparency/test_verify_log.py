"""tools/verify_log.py run as a journalist would: a subprocess against a live server, before and
after an operator with database access (and the signing key) tampers with the log."""

from __future__ import annotations

import base64
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from gotong.campaigns.models import Category
from gotong.donations.transitions import DonationEvent
from gotong.ledger.models import LedgerAccount
from gotong.payments.services import donation_event_apply
from gotong.transparency import merkle, signing
from gotong.transparency.models import LogLeaf, LogNode, LogState, TreeHead
from gotong.transparency.services import log_seal
from tests.factories import CampaignFactory, DonationFactory
from tests.transparency.helpers import settle

VERIFY_LOG = Path(settings.BASE_DIR) / "tools" / "verify_log.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("verify_log", VERIFY_LOG)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def verify(url: str, state: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(VERIFY_LOG), url, "--state", str(state), "--page-size", "3", *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# --- What an operator with the database and the key can do ------------------------------------


def leaves_now() -> list[tuple[int | None, int | None, bytes]]:
    """(entry id, pledge id, leaf) of every leaf, in order."""
    rows = LogLeaf.objects.values_list("entry_id", "pledge_id", "leaf")
    return [(entry, pledge, bytes(leaf)) for entry, pledge, leaf in rows]


def log_rewrite(leaves: list[tuple[int | None, int | None, bytes]], *, resign: bool = True) -> None:
    """Replace the stored log with these (entry id, pledge id, leaf) rows; sign a fresh head if
    `resign`."""
    LogNode.objects.all().delete()
    LogLeaf.objects.all().delete()
    LogState.objects.all().delete()
    frontier = merkle.MerkleFrontier()
    rows = []
    for entry_id, pledge_id, leaf in leaves:
        digest = merkle.leaf_hash(leaf)
        rows.append(
            LogLeaf(
                leaf_index=frontier.size,
                entry_id=entry_id,
                pledge_id=pledge_id,
                leaf=leaf,
                leaf_hash=digest,
            )
        )
        frontier.append(digest)
    LogLeaf.objects.bulk_create(rows)
    LogState.objects.create(tree_size=frontier.size, frontier=[h.hex() for h in frontier.hashes])
    if resign:
        key, root = signing.signing_key(), frontier.root().hex()
        timestamp = int(time.time() * 1000) + 1
        TreeHead.objects.create(
            tree_size=frontier.size,
            timestamp=timestamp,
            root_hash=root,
            signature=signing.head_sign(
                key=key, tree_size=frontier.size, timestamp=timestamp, root_hash=root
            ),
            public_key=signing.public_key_b64(key),
        )


def amount_changed(leaf: bytes, delta: int, *, both_sides: bool = True) -> bytes:
    data = json.loads(leaf)
    data["postings"][0]["amount"] += delta
    if both_sides:
        data["postings"][1]["amount"] -= delta
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# --- Fixtures ----------------------------------------------------------------------------------


@pytest.fixture
def log(live_gateway, tmp_path):
    """Donations to two campaigns, sealed, verified once (state saved), then more donations
    sealed: the journalist's saved head is older than the log's latest."""
    relief = CampaignFactory(category=Category.BENCANA_ALAM)  # no platform fee
    school = CampaignFactory(category=Category.PENDIDIKAN)
    first_gifts = [
        DonationFactory(campaign=c, amount=a) for c, a in [(relief, 100_000), (school, 50_000)]
    ]
    for donation in first_gifts:
        settle(donation)
    log_seal()
    state = tmp_path / "state.json"
    first = verify(live_gateway.url, state)
    assert first.returncode == 0, first.stderr
    for campaign, amount in [(relief, 25_000), (school, 80_000), (relief, 12_345)]:
        settle(DonationFactory(campaign=campaign, amount=amount))
    # a refund: the fee is reversed, then the donation returned
    donation_event_apply(donation=first_gifts[1], event=DonationEvent.REFUNDED)
    log_seal()
    saved = json.loads(state.read_text())["logs"][live_gateway.url]
    return SimpleNamespace(
        url=live_gateway.url, state=state, saved=saved, campaigns=[relief, school]
    )


pytestmark = pytest.mark.django_db(transaction=True)


# --- Passing -----------------------------------------------------------------------------------


def test_an_honest_log_verifies_and_balances_are_rederived(log):
    result = verify(log.url, log.state)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    head = TreeHead.objects.order_by("-id").first()
    assert f"tree head: {head.tree_size} entries" in out
    assert "signature OK" in out
    assert f"consistency proof from your saved head ({log.saved['tree_size']} entries): OK" in out
    assert f"the first {log.saved['tree_size']} entries still hash to your saved root" in out
    assert "every entry balances to zero" in out
    kinds = {
        json.loads(bytes(leaf))["kind"] for leaf in LogLeaf.objects.values_list("leaf", flat=True)
    }
    assert kinds == {"donation_settled", "platform_fee", "fee_reversed", "donation_refunded"}
    for campaign in log.campaigns:
        code = f"campaign:{campaign.pk}:funds"
        balance = LedgerAccount.objects.get(code=code).balance
        assert f"{code:<28} {balance:>18,}" in out
    assert out.rstrip().endswith("for the next run.")
    assert json.loads(log.state.read_text())["logs"][log.url]["tree_size"] == head.tree_size
    again = verify(log.url, log.state, "--quiet")
    assert again.returncode == 0
    assert again.stdout == "VERIFIED\n"


def test_a_saved_dump_verifies_offline_and_a_changed_dump_does_not(log, tmp_path, client):
    dump, head_file = tmp_path / "dump.jsonl", tmp_path / "head.json"
    assert verify(log.url, tmp_path / "s1.json", "--save-entries", str(dump)).returncode == 0
    head_file.write_text(client.get("/transparency/log/head").content.decode())
    offline = [sys.executable, str(VERIFY_LOG), "--entries-file", str(dump)]
    offline += ["--head-file", str(head_file), "--state", str(tmp_path / "s2.json")]
    result = subprocess.run(offline, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr

    lines = dump.read_text().splitlines()
    item = json.loads(lines[1])
    item["leaf"] = base64.b64encode(amount_changed(base64.b64decode(item["leaf"]), 1)).decode()
    lines[1] = json.dumps(item)
    dump.write_text("\n".join(lines) + "\n")
    result = subprocess.run(offline, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "do NOT hash to the signed root" in result.stderr


def test_a_pinned_key_is_enforced(log, tmp_path):
    head = TreeHead.objects.order_by("-id").first()
    assert verify(log.url, tmp_path / "s.json", "--public-key", head.public_key).returncode == 0
    other = base64.b64encode(bytes(32)).decode()
    result = verify(log.url, tmp_path / "s.json", "--public-key", other)
    assert result.returncode == 1
    assert "not the key you trust" in result.stderr


# --- Tampering without the key: the signed root no longer matches -----------------------------


def test_a_changed_amount_is_detected(log):
    leaf = LogLeaf.objects.get(leaf_index=0)
    forged = amount_changed(bytes(leaf.leaf), -90_000)  # still balances
    LogLeaf.objects.filter(leaf_index=0).update(leaf=forged, leaf_hash=merkle.leaf_hash(forged))
    result = verify(log.url, log.state)
    assert result.returncode == 1
    assert "FAILED: the entries do NOT hash to the signed root" in result.stderr


def test_reordered_entries_are_detected(log):
    a, b = LogLeaf.objects.get(leaf_index=0), LogLeaf.objects.get(leaf_index=1)
    LogLeaf.objects.filter(leaf_index=0).update(leaf=bytes(b.leaf), leaf_hash=bytes(b.leaf_hash))
    LogLeaf.objects.filter(leaf_index=1).update(leaf=bytes(a.leaf), leaf_hash=bytes(a.leaf_hash))
    result = verify(log.url, log.state)
    assert result.returncode == 1
    assert "do NOT hash to the signed root" in result.stderr


def test_a_deleted_entry_is_detected(log):
    LogLeaf.objects.filter(leaf_index=2).delete()
    result = verify(log.url, log.state)
    assert result.returncode == 1
    assert "expected leaf 2, got leaf 3" in result.stderr


# --- Tampering by an operator who also re-signs: only history catches it ----------------------


def test_a_changed_amount_rewritten_and_resigned_is_caught_by_the_saved_head(log, tmp_path):
    leaves = leaves_now()
    entry_id, _, leaf = leaves[0]
    leaves[0] = (entry_id, None, amount_changed(leaf, -90_000))
    log_rewrite(leaves)

    result = verify(log.url, log.state)
    assert result.returncode == 1
    assert f"consistency proof from your saved head ({log.saved['tree_size']} entries)" in (
        result.stderr
    )
    assert "history was REWRITTEN" in result.stderr
    # A first-time verifier has no history to compare with: the forged log looks consistent.
    assert verify(log.url, tmp_path / "fresh.json").returncode == 0


def test_a_deleted_entry_rewritten_and_resigned_is_caught(log):
    leaves = leaves_now()
    del leaves[1]
    log_rewrite(leaves)
    result = verify(log.url, log.state)
    assert result.returncode == 1
    assert "history was REWRITTEN" in result.stderr


def test_reordered_entries_rewritten_and_resigned_are_caught(log):
    leaves = leaves_now()
    leaves[0], leaves[1] = leaves[1], leaves[0]
    log_rewrite(leaves)
    result = verify(log.url, log.state)
    assert result.returncode == 1
    assert "history was REWRITTEN" in result.stderr


def test_a_log_cut_back_and_resigned_is_caught(log):
    log_rewrite(leaves_now()[: log.saved["tree_size"] - 1])
    result = verify(log.url, log.state)
    assert result.returncode == 1
    assert "the log SHRANK" in result.stderr


def test_a_new_signing_key_is_refused_unless_accepted(log, settings):
    settings.LOG_SIGNING_KEY = base64.b64encode(b"k" * 32).decode()
    log_rewrite(leaves_now())
    result = verify(log.url, log.state)
    assert result.returncode == 1
    assert "signing key changed" in result.stderr
    assert verify(log.url, log.state, "--accept-new-key").returncode == 0


def test_an_unbalanced_entry_is_caught_even_when_properly_signed(log, tmp_path):
    leaves = leaves_now()
    entry_id, _, leaf = leaves[-1]
    leaves[-1] = (entry_id, None, amount_changed(leaf, 1_000, both_sides=False))
    log_rewrite(leaves)
    result = verify(log.url, tmp_path / "fresh.json")
    assert result.returncode == 1
    assert f"leaf {len(leaves) - 1} (entry {entry_id}): postings sum to +1000" in result.stderr


def test_a_server_without_a_log_is_an_error_not_a_verdict(live_gateway, tmp_path):
    result = verify(live_gateway.url, tmp_path / "s.json")
    assert result.returncode == 2
    assert "HTTP 404" in result.stderr


# --- The tool's own Merkle code, against the app's (no network) --------------------------------


@pytest.mark.django_db(transaction=False)
def test_the_tools_tree_and_consistency_check_agree_with_the_rfc_code():
    tool = load_tool()
    hashes = [merkle.leaf_hash(b"%d" % i) for i in range(40)]
    tree = tool.Tree()
    for n, h in enumerate(hashes, 1):
        tree.append(h)
        assert tree.root() == merkle.root_hash(hashes[:n])
    for second in range(1, 41):
        for first in range(1, second + 1):
            proof = merkle.consistency_proof(first, hashes[:second])
            roots = merkle.root_hash(hashes[:first]), merkle.root_hash(hashes[:second])
            assert tool.consistency_valid(first, second, *roots, proof)
            if first < second:
                assert not tool.consistency_valid(first, second, roots[1], roots[1], proof)
