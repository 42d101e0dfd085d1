from __future__ import annotations

import base64
import json

import pytest

from gotong.transparency import merkle
from gotong.transparency.models import LogLeaf, TreeHead
from gotong.transparency.services import log_seal
from tests.factories import DonationFactory
from tests.transparency.helpers import (
    entries_bulk_create,
    head_signature_verifies,
    settle,
    stored_leaf_hashes,
)

pytestmark = pytest.mark.django_db

HEAD = "/transparency/log/head"
ENTRIES = "/transparency/log/entries"
INCLUSION = "/transparency/log/proof/inclusion"
CONSISTENCY = "/transparency/log/proof/consistency"
DELIVERY = "/transparency/log/delivery"


@pytest.fixture
def log_of_five():
    entries_bulk_create(5)
    log_seal()
    return stored_leaf_hashes()


def test_head_is_404_json_before_the_first_seal(client):
    response = client.get(HEAD)
    assert response.status_code == 404
    assert "no signed tree head" in response.json()["error"]


def test_head_shows_the_latest_signed_head(client, log_of_five):
    entries_bulk_create(2)
    log_seal()
    body = client.get(HEAD).json()
    latest = TreeHead.objects.order_by("-id").first()
    assert body == {
        "tree_size": 7,
        "timestamp": latest.timestamp,
        "root_hash": merkle.root_hash(stored_leaf_hashes()).hex(),
        "signature": latest.signature,
        "public_key": latest.public_key,
    }
    assert len(base64.b64decode(body["public_key"])) == 32
    assert head_signature_verifies(latest)


def test_entries_serve_the_exact_leaf_bytes_and_their_data(client):
    settle(DonationFactory(email="budi@contoh.id"))
    log_seal()
    body = client.get(ENTRIES, {"start": 0, "end": 10}).json()
    stored = list(LogLeaf.objects.order_by("leaf_index"))
    assert [e["leaf_index"] for e in body["entries"]] == [leaf.leaf_index for leaf in stored]
    for entry, leaf in zip(body["entries"], stored, strict=True):
        assert base64.b64decode(entry["leaf"]) == bytes(leaf.leaf)
        assert entry["data"] == json.loads(bytes(leaf.leaf))
    assert "budi@contoh.id" not in json.dumps(body)


def test_entries_are_inclusive_and_capped_at_1000(client):
    entries_bulk_create(1005)
    log_seal()
    page = client.get(ENTRIES, {"start": 2, "end": 4}).json()["entries"]
    assert [e["leaf_index"] for e in page] == [2, 3, 4]
    page = client.get(ENTRIES, {"start": 0, "end": 5000}).json()["entries"]
    assert [e["leaf_index"] for e in page] == list(range(1000))
    page = client.get(ENTRIES, {"start": 1000, "end": 5000}).json()["entries"]
    assert [e["leaf_index"] for e in page] == list(range(1000, 1005))


def test_inclusion_proofs_verify_against_the_signed_root(client, log_of_five):
    for size in range(1, 6):
        root = merkle.root_hash(log_of_five[:size])
        for index in range(size):
            body = client.get(INCLUSION, {"leaf_index": index, "tree_size": size}).json()
            assert (body["leaf_index"], body["tree_size"]) == (index, size)
            assert merkle.verify_inclusion(
                leaf_hash=log_of_five[index],
                index=index,
                size=size,
                path=[bytes.fromhex(h) for h in body["audit_path"]],
                root=root,
            )


def test_consistency_proofs_verify(client, log_of_five):
    for second in range(1, 6):
        for first in range(1, second + 1):
            body = client.get(CONSISTENCY, {"first": first, "second": second}).json()
            assert (body["first"], body["second"]) == (first, second)
            assert merkle.verify_consistency(
                first=first,
                second=second,
                first_root=merkle.root_hash(log_of_five[:first]),
                second_root=merkle.root_hash(log_of_five[:second]),
                proof=[bytes.fromhex(h) for h in body["proof"]],
            )


BAD = [
    (ENTRIES, {}, "missing parameter `start`"),
    (ENTRIES, {"start": 0}, "missing parameter `end`"),
    (ENTRIES, {"start": "", "end": 1}, "missing parameter `start`"),
    (ENTRIES, {"start": "a", "end": 1}, "non-negative integer"),
    (ENTRIES, {"start": -1, "end": 1}, "non-negative integer"),
    (ENTRIES, {"start": "1.0", "end": 1}, "non-negative integer"),
    (ENTRIES, {"start": " 1", "end": 1}, "non-negative integer"),
    (ENTRIES, {"start": "\u0661", "end": 1}, "non-negative integer"),  # Arabic-Indic one
    (ENTRIES, {"start": "1_0", "end": 20}, "non-negative integer"),
    (ENTRIES, {"start": 0, "end": "9" * 40}, "non-negative integer"),
    (ENTRIES, {"start": 3, "end": 2}, "greater than `end`"),
    (ENTRIES, {"start": 5, "end": 9}, "below the tree size (5)"),
    (INCLUSION, {"leaf_index": 0}, "missing parameter `tree_size`"),
    (INCLUSION, {"leaf_index": 0, "tree_size": 0}, "between 1 and the sealed tree size (5)"),
    (INCLUSION, {"leaf_index": 0, "tree_size": 6}, "between 1 and the sealed tree size (5)"),
    (INCLUSION, {"leaf_index": 3, "tree_size": 3}, "below `tree_size`"),
    (INCLUSION, {"leaf_index": "x", "tree_size": 3}, "non-negative integer"),
    (CONSISTENCY, {"first": 1}, "missing parameter `second`"),
    (CONSISTENCY, {"first": 0, "second": 3}, "0 < `first` <= `second`"),
    (CONSISTENCY, {"first": 4, "second": 3}, "0 < `first` <= `second`"),
    (CONSISTENCY, {"first": 1, "second": 6}, "must not exceed the sealed tree size (5)"),
    (CONSISTENCY, {"first": 1, "second": "9" * 18}, "must not exceed the sealed tree size"),
]


@pytest.mark.parametrize(("url", "params", "message"), BAD)
def test_bad_parameters_are_400_json_with_a_clear_message(
    client, log_of_five, url, params, message
):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["error"]


@pytest.mark.parametrize("url", [ENTRIES, INCLUSION, CONSISTENCY])
def test_endpoints_are_400_while_the_log_is_empty(client, url):
    log_seal()  # a signed head of size 0
    params = {"start": 0, "end": 0, "leaf_index": 0, "tree_size": 1, "first": 1, "second": 1}
    response = client.get(url, params)
    assert response.status_code == 400
    assert response.json()["error"] == "the log has no leaves yet"


@pytest.mark.parametrize("url", [HEAD, ENTRIES, INCLUSION, CONSISTENCY, DELIVERY])
def test_only_get_is_allowed(client, url):
    assert client.post(url).status_code == 405


def test_a_leaf_missing_from_storage_is_a_json_error_not_a_crash(client, log_of_five):
    LogLeaf.objects.filter(leaf_index=1).delete()
    response = client.get(INCLUSION, {"leaf_index": 0, "tree_size": 5})
    assert response.status_code == 500
    assert "leaf 1 is missing" in response.json()["error"]
    page = client.get(ENTRIES, {"start": 0, "end": 4}).json()["entries"]
    assert [e["leaf_index"] for e in page] == [0, 2, 3, 4]
