"""`tools/verify_log.py --receipt`: a donor (or journalist) checks one e-kuitansi against a live
server with the standalone tool, which trusts nothing the server computed."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.db import connection

from gotong.transparency.models import LogLeaf
from gotong.transparency.services import log_seal
from tests.factories import DonationFactory
from tests.transparency.helpers import settle
from tests.transparency.test_verify_log import VERIFY_LOG

pytestmark = pytest.mark.django_db(transaction=True)


def check_receipt(url: str, order_id: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(VERIFY_LOG), url, "--receipt", order_id],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture
def sealed(live_server):
    donations = [DonationFactory(amount=30_000 + i) for i in range(5)]
    for d in donations:
        settle(d)
    log_seal()
    return donations[2]


def _sql(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_a_genuine_receipt_verifies_also_after_the_log_grew(live_server, sealed, tmp_path):
    result = check_receipt(live_server.url, sealed.order_id, tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"RECEIPT VERIFIED: {sealed.order_id}, Rp 30,002." in result.stdout
    settle(DonationFactory())
    log_seal()
    result = check_receipt(live_server.url, sealed.order_id, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "extends the receipt's head: OK" in result.stdout


def test_a_receipt_whose_amount_was_changed_fails(live_server, sealed, tmp_path):
    _sql("UPDATE donations_donation SET amount = %s WHERE id = %s", [300_020, sealed.pk])
    result = check_receipt(live_server.url, sealed.order_id, tmp_path)
    assert result.returncode == 1
    assert "the receipt says Rp 300020" in result.stderr


def test_a_receipt_over_a_rewritten_leaf_fails(live_server, sealed, tmp_path):
    leaf = LogLeaf.objects.get(entry__donation=sealed, entry__kind="donation_settled")
    forged = bytes(leaf.leaf).replace(b"Donasi ", b"Donasi palsu ")
    _sql("UPDATE transparency_logleaf SET leaf = %s WHERE leaf_index = %s", [forged, leaf.pk])
    result = check_receipt(live_server.url, sealed.order_id, tmp_path)
    assert result.returncode == 1
    assert "does NOT lead to the signed root" in result.stderr


def test_an_unsealed_receipt_cannot_be_checked_yet(live_server, sealed, tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    donation = DonationFactory()
    settle(donation)  # its seal is queued; no worker has run it yet
    result = check_receipt(live_server.url, donation.order_id, tmp_path)
    assert result.returncode == 2
    assert "not sealed" in result.stderr
