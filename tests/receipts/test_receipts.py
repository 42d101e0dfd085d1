"""E-kuitansi: the receipt page, its PDF and JSON, for a settled donation whose settlement the
sealer has put in the transparency log. The proof on the receipt is checked here with the
reference Merkle implementation of the log tests, not with the code under test."""

from __future__ import annotations

import base64
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from gotong.donations.models import Donation, DonationStatus
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from gotong.transparency.models import LogLeaf, TreeHead
from gotong.transparency.services import log_seal
from tests.factories import CampaignFactory, DonationFactory
from tests.receipts.helpers import pdf_qr_urls, pdf_text
from tests.transparency.helpers import head_signature_verifies, settle, stored_leaf_hashes
from tests.transparency.test_merkle import ref_leaf, ref_mth, ref_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed_donation(settings):
    settings.PUBLIC_BASE_URL = "https://gotong.example"
    campaign = CampaignFactory(title="Sumur bor untuk Desa Oebelo")
    others = [DonationFactory(campaign=campaign, amount=10_000 * (i + 1)) for i in range(4)]
    donation = DonationFactory(campaign=campaign, amount=1_250_000, name="Siti Aminah")
    for d in [*others[:2], donation, *others[2:]]:
        settle(d)
    log_seal()
    donation.refresh_from_db()
    return donation


def test_receipt_page_states_the_gift_in_figures_and_words(client, sealed_donation):
    response = client.get(f"/kuitansi/{sealed_donation.order_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rp 1.250.000" in html
    assert "Satu juta dua ratus lima puluh ribu rupiah" in html
    assert "Sumur bor untuk Desa Oebelo" in html
    assert sealed_donation.order_id in html
    assert "Siti Aminah" in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "<svg" in html  # the QR code, inline


def test_receipt_never_shows_what_the_public_ledger_hides(client, settings):
    donation = DonationFactory(name="Nama Rahasia", email="rahasia@contoh.id", is_anonymous=True)
    settle(donation)
    log_seal()
    for suffix in ("/", ".pdf", ".json"):
        response = client.get(f"/kuitansi/{donation.order_id}{suffix}")
        assert response.status_code == 200
        body = pdf_text(response.content) if suffix == ".pdf" else response.content.decode()
        assert "Nama Rahasia" not in body
        assert "rahasia@contoh.id" not in body
        assert "Orang Baik" in body


@pytest.mark.parametrize("status", ["pending", "failed"])
def test_no_receipt_for_money_not_received(client, status):
    donation = DonationFactory()
    if status == "failed":
        donation_event_apply(donation=donation, event=DonationEvent.FAILED)
        assert Donation.objects.get(pk=donation.pk).status == DonationStatus.FAILED
    for suffix in ("/", ".pdf", ".json"):
        assert client.get(f"/kuitansi/{donation.order_id}{suffix}").status_code == 404
    assert client.get("/kuitansi/GTG-TIDAK-ADA/").status_code == 404
    assert client.get("/kuitansi/<script>/").status_code == 404


def test_receipt_before_the_sealer_says_the_proof_is_coming(client):
    donation = DonationFactory()
    settle(donation)
    html = client.get(f"/kuitansi/{donation.order_id}/").content.decode()
    assert 'data-testid="receipt-unsealed"' in html
    data = client.get(f"/kuitansi/{donation.order_id}.json").json()
    assert data["log"] is None
    assert parse_qs(urlsplit(data["verify_url"]).query) == {
        "order": [donation.order_id],
        "jumlah": ["50000"],
    }


def test_receipt_json_carries_a_proof_the_reference_implementation_accepts(client, sealed_donation):
    data = client.get(f"/kuitansi/{sealed_donation.order_id}.json").json()
    assert data["amount"] == 1_250_000
    assert data["amount_words"] == "Satu juta dua ratus lima puluh ribu rupiah"
    assert data["status"] == DonationStatus.SETTLED
    log = data["log"]
    leaf = base64.b64decode(log["leaf"])
    decoded = json.loads(leaf)
    assert decoded["order_id"] == sealed_donation.order_id
    assert decoded["kind"] == "donation_settled"
    assert {"account": f"campaign:{sealed_donation.campaign_id}:funds", "amount": -1_250_000} in (
        decoded["postings"]
    )

    head = log["tree_head"]
    stored = TreeHead.objects.get(tree_size=head["tree_size"], root_hash=head["root_hash"])
    assert head_signature_verifies(stored)
    leaves = [bytes(b) for b in LogLeaf.objects.values_list("leaf", flat=True)]
    leaves = leaves[: head["tree_size"]]
    index = log["leaf_index"]
    assert leaves[index] == leaf
    assert ref_leaf(leaf) == stored_leaf_hashes()[index]
    assert ref_mth(leaves).hex() == head["root_hash"]
    assert [h.hex() for h in ref_path(index, leaves)] == log["audit_path"]
    assert LogLeaf.objects.get(leaf_index=index).entry.donation_id == sealed_donation.pk


def test_receipt_pdf_has_words_proof_and_a_qr_code_to_the_verification_page(
    client, sealed_donation
):
    response = client.get(f"/kuitansi/{sealed_donation.order_id}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"e-kuitansi-{sealed_donation.order_id}.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    data = client.get(f"/kuitansi/{sealed_donation.order_id}.json").json()
    log = data["log"]
    flat = re.sub(r"\s+", "", text)
    assert "Rp1.250.000" in flat
    assert "Satujutaduaratuslimapuluhriburupiah" in flat
    assert sealed_donation.order_id in text
    assert "SumurboruntukDesaOebelo" in flat
    assert log["tree_head"]["root_hash"] in flat
    assert all(h in flat for h in log["audit_path"])
    assert f"Indeksentri(leaf){log['leaf_index']}" in flat

    [url] = pdf_qr_urls(response.content)
    assert url == data["verify_url"]
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == "https://gotong.example"
    assert parts.path == "/kuitansi/periksa/"
    assert parse_qs(parts.query) == {
        "order": [sealed_donation.order_id],
        "jumlah": ["1250000"],
        "leaf": [str(log["leaf_index"])],
        "size": [str(log["tree_head"]["tree_size"])],
        "root": [log["tree_head"]["root_hash"]],
    }


def test_receipt_pdf_survives_titles_outside_latin1(client):
    donation = DonationFactory(campaign=CampaignFactory(title="Bantu Nenek 🙏 — ženska"))
    settle(donation)
    response = client.get(f"/kuitansi/{donation.order_id}.pdf")
    assert response.status_code == 200
    assert "Bantu Nenek" in pdf_text(response.content)


def test_finish_page_links_the_receipt_once_settled(client):
    donation = DonationFactory()
    html = client.get(f"/donasi/{donation.order_id}/").content.decode()
    assert "/kuitansi/" not in html
    settle(donation)
    html = client.get(f"/donasi/{donation.order_id}/").content.decode()
    assert f"/kuitansi/{donation.order_id}/" in html
    assert f"/kuitansi/{donation.order_id}.pdf" in html


def test_public_ledger_links_each_donation_to_its_receipt(client, sealed_donation):
    html = client.get(f"/kampanye/{sealed_donation.campaign.slug}/buku-besar/").content.decode()
    assert f'href="/kuitansi/{sealed_donation.order_id}/"' in html
