"""tools/verify_log.py over a log that holds confirmed deliveries of goods beside ledger entries:
run as a journalist would, a subprocess against a live server, before and after tampering."""

from __future__ import annotations

import json
import subprocess
import sys
from types import SimpleNamespace

import pytest

from gotong.inkind.catalogue import Item
from gotong.transparency import merkle
from gotong.transparency.leaves import canonical_json
from gotong.transparency.models import LogLeaf
from gotong.transparency.services import log_seal
from tests.factories import DonationFactory
from tests.inkind.conftest import DESA, HELPER_PHONE, need_open
from tests.transparency.helpers import delivery_confirm, pledge_accepted, settle
from tests.transparency.test_verify_log import VERIFY_LOG, leaves_now, log_rewrite, verify

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tallo")]


def check_delivery(url: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(VERIFY_LOG), url, "--delivery", *extra],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def delivery_changed(leaf: bytes, **changes) -> bytes:
    return canonical_json(json.loads(leaf) | changes)


@pytest.fixture
def goods_log(live_server, moderator, tmp_path):
    """Donations and confirmed deliveries sealed together, verified once (state saved), then
    more of both sealed."""
    need = need_open(moderator)
    masker, sembako = need.lines.get(item=Item.MASKER), need.lines.get(item=Item.SEMBAKO)
    settle(DonationFactory(amount=40_000))
    deliveries = [delivery_confirm(masker, quantity=50), delivery_confirm(sembako, quantity=4)]
    log_seal()
    state = tmp_path / "state.json"
    first = verify(live_server.url, state)
    assert first.returncode == 0, first.stderr
    deliveries.append(delivery_confirm(masker, quantity=30))
    settle(DonationFactory(amount=55_000))
    log_seal()
    saved = json.loads(state.read_text())["logs"][live_server.url]
    return SimpleNamespace(
        url=live_server.url, state=state, saved=saved, need=need, deliveries=deliveries
    )


def delivery_index(pledge) -> int:
    return LogLeaf.objects.get(pledge=pledge).leaf_index


def test_a_log_with_deliveries_verifies_and_the_goods_are_counted(goods_log):
    result = verify(goods_log.url, goods_log.state)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"consistency proof from your saved head ({goods_log.saved['tree_size']} entries)" in out
    assert "every entry balances to zero" in out
    assert "every delivery is well formed and logged once (3 deliveries)" in out
    assert f"  {'masker':<28} {'lembar':<12} {80:>12,}" in out
    assert f"  {'paket_sembako':<28} {'paket':<12} {4:>12,}" in out
    assert out.rstrip().endswith("for the next run.")


def test_a_changed_delivery_is_detected(goods_log):
    index = delivery_index(goods_log.deliveries[0])
    forged = delivery_changed(bytes(LogLeaf.objects.get(pk=index).leaf), quantity=500)
    LogLeaf.objects.filter(pk=index).update(leaf=forged, leaf_hash=merkle.leaf_hash(forged))
    result = verify(goods_log.url, goods_log.state)
    assert result.returncode == 1
    assert "FAILED: the entries do NOT hash to the signed root" in result.stderr


def test_a_changed_delivery_rewritten_and_resigned_is_caught_by_the_saved_head(goods_log, tmp_path):
    leaves = leaves_now()
    index = delivery_index(goods_log.deliveries[0])
    entry_id, pledge_id, leaf = leaves[index]
    leaves[index] = (entry_id, pledge_id, delivery_changed(leaf, quantity=500))
    log_rewrite(leaves)
    result = verify(goods_log.url, goods_log.state)
    assert result.returncode == 1
    assert "history was REWRITTEN" in result.stderr
    assert verify(goods_log.url, tmp_path / "fresh.json").returncode == 0


def test_a_delivery_leaf_with_personal_data_or_logged_twice_is_caught_even_when_signed(
    goods_log, tmp_path
):
    leaves = leaves_now()
    first, second, third = (delivery_index(p) for p in goods_log.deliveries)
    leaves[second] = (None, leaves[second][1], leaves[first][2])  # the first delivery again
    entry_id, pledge_id, leaf = leaves[third]
    leaves[third] = (entry_id, pledge_id, delivery_changed(leaf, whatsapp=HELPER_PHONE))
    log_rewrite(leaves)
    result = verify(goods_log.url, tmp_path / "fresh.json")
    assert result.returncode == 1
    pledge = goods_log.deliveries[0].pk
    assert f"leaf {second}: pledge {pledge} is delivered twice" in result.stderr
    assert f"leaf {third} (delivery): unexpected fields" in result.stderr


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"desa_code": "73.71.07"}, "'73.71.07' is not a desa code"),
        ({"quantity": 0}, "pledge_id, need_id and quantity must be positive integers"),
        ({"confirmed_at": "2026-05-02 08:09:10"}, "confirmed_at is not a UTC time"),
    ],
)
def test_a_malformed_delivery_is_caught_even_when_signed(goods_log, tmp_path, change, problem):
    leaves = leaves_now()
    index = delivery_index(goods_log.deliveries[1])
    entry_id, pledge_id, leaf = leaves[index]
    leaves[index] = (entry_id, pledge_id, delivery_changed(leaf, **change))
    log_rewrite(leaves)
    result = verify(goods_log.url, tmp_path / "fresh.json")
    assert result.returncode == 1
    assert f"leaf {index} (delivery): {problem}" in result.stderr


# --- One delivery: --delivery PLEDGE_ID --------------------------------------------------------


def test_one_delivery_verifies_also_after_the_log_grew(goods_log):
    pledge = goods_log.deliveries[0]
    result = check_delivery(goods_log.url, str(pledge.pk))
    assert result.returncode == 0, result.stderr
    index = delivery_index(pledge)
    assert (
        f"leaf {index}: 50 lembar masker for need {goods_log.need.pk} in desa {DESA}"
        in result.stdout
    )
    assert f"DELIVERY VERIFIED: pledge {pledge.pk}, 50 lembar masker to desa {DESA}." in (
        result.stdout
    )
    settle(DonationFactory())
    log_seal()
    result = check_delivery(goods_log.url, str(pledge.pk))
    assert result.returncode == 0, result.stderr
    assert "extends the delivery's head: OK" in result.stdout


def test_one_delivery_over_a_rewritten_leaf_fails(goods_log):
    index = delivery_index(goods_log.deliveries[2])
    forged = delivery_changed(bytes(LogLeaf.objects.get(pk=index).leaf), quantity=300)
    LogLeaf.objects.filter(pk=index).update(leaf=forged, leaf_hash=merkle.leaf_hash(forged))
    result = check_delivery(goods_log.url, str(goods_log.deliveries[2].pk))
    assert result.returncode == 1
    assert "does NOT lead to the signed root" in result.stderr


def test_a_delivery_not_in_the_log_cannot_be_checked_yet(goods_log):
    masker = goods_log.need.lines.get(item=Item.MASKER)
    unconfirmed = pledge_accepted(masker, quantity=5)
    result = check_delivery(goods_log.url, str(unconfirmed.pk))
    assert result.returncode == 2
    assert f"pledge {unconfirmed.pk} is not in the log yet" in result.stderr
    unsealed = delivery_confirm(masker, quantity=5)
    assert check_delivery(goods_log.url, str(unsealed.pk)).returncode == 2
    log_seal()
    assert check_delivery(goods_log.url, str(unsealed.pk)).returncode == 0


@pytest.mark.parametrize("bad", ["abc", "-3", "0", "1.5"])
def test_a_bad_pledge_id_is_a_usage_error(live_server, bad):
    result = check_delivery(live_server.url, bad)
    assert result.returncode == 2
    assert "not a pledge id" in result.stderr
