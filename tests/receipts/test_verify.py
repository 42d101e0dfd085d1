"""The public verification page: a receipt's QR code leads here, and the page checks the
receipt's claims against the transparency log. A genuine receipt passes every check; a receipt
with any claim changed, or a log changed under it, fails the check that catches it."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection

from gotong.transparency.models import LogLeaf
from gotong.transparency.services import log_seal
from tests.factories import DonationFactory
from tests.transparency.helpers import settle

pytestmark = pytest.mark.django_db

VERIFY = "/kuitansi/periksa/"


def _receipt_url(client, order_id: str) -> str:
    url = client.get(f"/kuitansi/{order_id}.json").json()["verify_url"]
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _checks(html: str) -> list[tuple[bool, str]]:
    items = re.findall(r'<li class="(ok|bad)">(?:&#10003;|&#10007;) ([^<]*)', html)
    return [(state == "ok", label.strip()) for state, label in items]


def _failed(html: str) -> list[str]:
    return [label for ok, label in _checks(html) if not ok]


@pytest.fixture
def receipt(client):
    donations = [DonationFactory(amount=25_000 * (i + 1)) for i in range(3)]
    for d in donations:
        settle(d)
    log_seal()
    target = donations[1]
    return target, _receipt_url(client, target.order_id)


def test_a_genuine_receipt_passes_every_check(client, receipt):
    donation, url = receipt
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kuitansi cocok dengan log transparansi." in html
    labels = [label for ok, label in _checks(html) if ok]
    assert not _failed(html)
    assert "Tanda tangan kepala log sah (Ed25519)" in labels
    assert "Entri log adalah donasi dengan nomor pesanan ini" in labels
    assert "Nominal sama dengan yang tercatat di log" in labels
    assert "Bukti inklusi cocok dengan root hash kepala log" in labels
    assert donation.order_id in html
    assert "Budi" not in html  # the page shows the log entry, never the donor


def test_an_old_receipt_still_passes_after_the_log_grew(client, receipt):
    _, url = receipt
    for _i in range(5):
        settle(DonationFactory())
    log_seal()
    html = client.get(url).content.decode()
    assert not _failed(html)
    passed = [label for ok, label in _checks(html) if ok]
    assert "Log sejak kuitansi terbit hanya bertambah (bukti konsistensi)" in passed


def test_order_id_alone_is_checked_against_the_latest_head(client, receipt):
    donation, _ = receipt
    html = client.get(VERIFY, {"order": donation.order_id, "jumlah": "50.000"}).content.decode()
    assert "Kuitansi cocok" in html
    assert not _failed(html)


def _with(url: str, **changes: str) -> str:
    path, query = url.split("?")
    params = dict(pair.split("=", 1) for pair in query.split("&"))
    params.update(changes)
    return f"{path}?{urlencode(params, safe='')}"


def test_a_changed_amount_fails(client, receipt):
    _, url = receipt
    html = client.get(_with(url, jumlah="500000")).content.decode()
    assert "TIDAK cocok" in html
    assert _failed(html) == ["Nominal sama dengan yang tercatat di log"]


def test_a_leaf_of_another_donation_fails(client, receipt):
    donation, url = receipt
    index = LogLeaf.objects.get(entry__donation=donation, entry__kind="donation_settled").leaf_index
    other = 0 if index != 0 else 2
    html = client.get(_with(url, leaf=str(other))).content.decode()
    assert "Entri log adalah donasi dengan nomor pesanan ini" in _failed(html)


def test_a_root_hash_the_log_never_signed_fails(client, receipt):
    _, url = receipt
    html = client.get(_with(url, root="ab" * 32)).content.decode()
    assert _failed(html) == ["Kepala log pada kuitansi pernah diterbitkan log ini"]


def test_a_leaf_rewritten_in_the_database_fails_the_inclusion_proof(client, receipt):
    donation, url = receipt
    leaf = LogLeaf.objects.get(entry__donation=donation, entry__kind="donation_settled")
    forged = bytes(leaf.leaf).replace(b"-50000", b"-5000")
    assert forged != bytes(leaf.leaf)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE transparency_logleaf SET leaf = %s WHERE leaf_index = %s",
            [forged, leaf.leaf_index],
        )
    html = client.get(_with(url, jumlah="5000")).content.decode()
    assert "Bukti inklusi cocok dengan root hash kepala log" in _failed(html)


def test_nothing_to_check_before_the_first_seal(client):
    html = client.get(VERIFY, {"order": "GTG-1-ABC"}).content.decode()
    assert _failed(html) == ["Log transparansi sudah memiliki kepala log"]


def test_the_empty_page_offers_a_form(client):
    response = client.get(VERIFY)
    assert response.status_code == 200
    assert 'name="order"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"order": "<script>"}, "Nomor pesanan hanya berisi huruf, angka, dan tanda -."),
        ({"order": "GTG-1-A", "root": "XYZ", "leaf": "1", "size": "2"}, "64 karakter"),
        ({"order": "GTG-1-A", "leaf": "1"}, "bersama-sama"),
        ({"order": "GTG-1-A", "leaf": "-1", "size": "2", "root": "ab" * 32}, "0"),
        ({"order": "GTG-1-A", "size": "9" * 40, "leaf": "1", "root": "ab" * 32}, "Pastikan"),
        ({"order": "GTG-1-A", "jumlah": "lima ribu"}, "bilangan"),
        ({"jumlah": "5000"}, "Isi nomor pesanan"),
    ],
)
def test_bad_input_gets_a_clear_message_and_a_400(client, params, message):
    response = client.get(VERIFY, params)
    assert response.status_code == 400
    assert message in response.content.decode()
