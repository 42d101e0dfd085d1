"""A help-information post's status history in the transparency log: each applied change is a
leaf, sealed once; `tools/verify_log.py --info` checks the post's public history against it, as
a reader would, and rewriting a history row in the database makes it fail."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from django.db import connection

from gotong.info.models import ChangeOutcome, InfoStatusChange
from gotong.info.services import info_mark_false, info_verify
from gotong.transparency.leaves import utc_millis
from gotong.transparency.models import LogLeaf
from gotong.transparency.services import log_seal
from tests.info.conftest import post
from tests.transparency.test_verify_log import VERIFY_LOG, verify

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tallo")]


def check_info(url: str, post_id: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(VERIFY_LOG), url, "--info", str(post_id)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def verified(verifier):
    """A post published, then verified by a verifikator with a note and evidence; sealed."""
    p = post()
    info_verify(post=p, actor=verifier, note="Ditelepon ketua RW", evidence="https://rw04.id/x")
    log_seal()
    return p


def test_each_applied_change_is_one_leaf_with_hashed_reason_and_evidence(verified, verifier):
    changes = list(verified.history.order_by("id"))
    assert [c.event for c in changes] == ["publish", "verify"]
    leaf = json.loads(bytes(LogLeaf.objects.get(info_change=changes[1]).leaf))
    assert leaf == {
        "kind": "info_status_changed",
        "change_id": changes[1].pk,
        "post_id": verified.pk,
        "event": "verify",
        "from_status": "belum_diverifikasi",
        "to_status": "terverifikasi",
        "role": "verifikator",
        "reason_sha256": hashlib.sha256(b"Ditelepon ketua RW").hexdigest(),
        "evidence_sha256": hashlib.sha256(b"https://rw04.id/x").hexdigest(),
        "created_at": utc_millis(changes[1].created_at),
    }
    # Sealing again adds nothing; a refused move is a record, not a leaf.
    info_verify(post=verified, actor=verifier, note="lagi", evidence="foto")
    assert InfoStatusChange.objects.filter(outcome=ChangeOutcome.REFUSED).exists()
    assert log_seal().sealed == 0
    assert LogLeaf.objects.filter(info_change__isnull=False).count() == 2


def test_the_whole_log_verifies_with_info_leaves(live_server, verified, tmp_path):
    result = verify(live_server.url, tmp_path / "state.json")
    assert result.returncode == 0, result.stderr
    assert "every info status change is well formed and logged once (2)" in result.stdout


def test_a_post_history_verifies_and_a_new_change_waits_for_the_seal(
    live_server, verified, verifier
):
    result = check_info(live_server.url, verified.pk)
    assert result.returncode == 0, result.stderr
    assert "INFO HISTORY VERIFIED: post" in result.stdout
    assert "terverifikasi by verifikator" in result.stdout
    info_mark_false(post=verified, actor=verifier, note="Posko tutup", evidence="foto")
    pending = check_info(live_server.url, verified.pk)
    assert pending.returncode == 0, pending.stderr
    assert "not sealed yet" in pending.stdout
    log_seal()
    assert "3 sealed changes." in check_info(live_server.url, verified.pk).stdout


@pytest.mark.parametrize(
    ("column", "value"),
    [("reason", "Tidak pernah ditelepon"), ("to_status", "salah"), ("role", "sistem")],
)
def test_rewriting_a_history_row_fails_verification(live_server, verified, column, value):
    change = verified.history.get(event="verify")
    table = InfoStatusChange._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, change.pk])  # noqa: S608
    result = check_info(live_server.url, verified.pk)
    assert result.returncode == 1
    assert "REWRITTEN" in result.stderr


def test_a_history_row_hidden_from_the_public_fails_verification(live_server, verified):
    change = verified.history.get(event="verify")
    # Turned into a "refused" record, the verification disappears from the public history.
    InfoStatusChange.objects.filter(pk=change.pk).update(outcome=ChangeOutcome.REFUSED)
    result = check_info(live_server.url, verified.pk)
    assert result.returncode == 1
    assert "MISSING from the post's public history" in result.stderr


def test_the_info_endpoint_refuses_bad_ids_and_waits_for_a_head(client, db):
    assert client.get("/transparency/log/info?post_id=abc").status_code == 400
    assert client.get("/transparency/log/info?post_id=9" * 3).status_code == 400
    assert client.get("/transparency/log/info?post_id=1").status_code == 404
    log_seal()
    answer = client.get("/transparency/log/info?post_id=1")
    assert answer.status_code == 200
    assert answer.json()["leaves"] == []


@pytest.mark.parametrize("bad", ["abc", "0"])
def test_a_bad_post_id_is_a_usage_error(live_server, bad):
    result = subprocess.run(
        [sys.executable, str(VERIFY_LOG), live_server.url, "--info", bad],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "not a post id" in result.stderr
