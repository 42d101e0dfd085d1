"""The moment a donor scans a receipt, right after paying: the settlement is recorded but not
sealed yet. The check page says so in amber and reloads itself, turns green once the log seals
it, and still shows the red failure for an order id that has no receipt."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from gotong.transparency.services import log_seal
from tests.factories import DonationFactory
from tests.transparency.helpers import settle

pytestmark = pytest.mark.django_db

VERIFY = "/kuitansi/periksa/"
WAITING = "Kuitansi sudah tercatat, menunggu disegel (±1 menit)."
# The waiting page asks the receipt's JSON until the proof is there, then reloads
# (gotong/core/static/gotong/seal-wait.js); no timed meta refresh (axe: meta-refresh).
REFRESH = re.compile(r'data-seal-wait="/kuitansi/[^"]+\.json" data-seconds="\d+"')


def _qr_url(client, order_id: str) -> str:
    """What the receipt's QR code carries before the seal: the order id and the amount."""
    url = client.get(f"/kuitansi/{order_id}.json").json()["verify_url"]
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _verdict(html: str) -> str:
    [(css, text)] = re.findall(
        r'<p class="verdict (verdict-\w+)" data-testid="verdict"[^>]*>([^<]*)', html
    )
    return f"{css}: {text.strip()}"


@pytest.fixture
def unsealed():
    """A log with a head, and one more donation settled after it was signed."""
    settle(DonationFactory(amount=20_000))
    log_seal()
    donation = DonationFactory(amount=75_000, name="Yohanes")
    settle(donation)
    return donation


@pytest.mark.parametrize("head_yet", [True, False])
def test_a_settled_receipt_not_sealed_yet_waits_in_amber_and_reloads(client, head_yet):
    if head_yet:
        settle(DonationFactory())
        log_seal()
    donation = DonationFactory(amount=75_000)
    settle(donation)
    url = _qr_url(client, donation.order_id)
    assert "leaf=" not in url

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert _verdict(html) == f"verdict-wait: &#8635; {WAITING}"
    assert "TIDAK cocok" not in html
    assert REFRESH.search(html)
    assert '<li class="bad">' not in html
    assert '<li class="wait">&#8635; Entri donasi ada di log' in html
    assert "Nominal sama dengan yang tercatat di buku besar" in html
    assert "<script>" not in html


def test_the_same_qr_code_turns_green_once_sealed(client, unsealed):
    url = _qr_url(client, unsealed.order_id)
    assert _verdict(client.get(url).content.decode()).startswith("verdict-wait")

    log_seal()

    html = client.get(url).content.decode()
    assert _verdict(html) == "verdict-ok: &#10003; Kuitansi cocok dengan log transparansi."
    assert not REFRESH.search(html)
    assert '<li class="wait">' not in html


@pytest.mark.parametrize("head_yet", [True, False])
def test_a_forged_order_id_still_fails_in_red(client, head_yet):
    if head_yet:
        settle(DonationFactory())
        log_seal()
    html = client.get(VERIFY, {"order": "GTG-1-PALSU", "jumlah": "75.000"}).content.decode()
    assert _verdict(html) == "verdict-bad: &#10007; Kuitansi TIDAK cocok dengan log transparansi."
    assert not REFRESH.search(html)
    assert WAITING not in html


def test_a_real_unsealed_order_with_another_amount_fails(client, unsealed):
    html = client.get(VERIFY, {"order": unsealed.order_id, "jumlah": "750.000"}).content.decode()
    assert _verdict(html).startswith("verdict-bad")
    assert '<li class="bad">&#10007; Nominal sama dengan yang tercatat di buku besar' in html
    assert not REFRESH.search(html)


def test_a_donation_not_paid_yet_has_nothing_to_wait_for(client, unsealed):
    pending = DonationFactory()
    html = client.get(VERIFY, {"order": pending.order_id}).content.decode()
    assert _verdict(html).startswith("verdict-bad")


def test_a_receipt_claiming_a_place_the_log_does_not_have_fails(client, unsealed):
    params = {"order": unsealed.order_id, "leaf": "7", "size": "1", "root": "ab" * 32}
    html = client.get(VERIFY, params).content.decode()
    assert _verdict(html).startswith("verdict-bad")


def test_the_receipt_page_waits_for_its_proof_and_stops_reloading_once_sealed(client, unsealed):
    html = client.get(f"/kuitansi/{unsealed.order_id}/").content.decode()
    assert 'data-testid="receipt-unsealed"' in html
    assert "Sudah tercatat, menunggu disegel (±1 menit)." in html
    assert REFRESH.search(html)

    log_seal()

    html = client.get(f"/kuitansi/{unsealed.order_id}/").content.decode()
    assert 'data-testid="receipt-leaf-index"' in html
    assert not REFRESH.search(html)
