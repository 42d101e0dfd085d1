"""A donor pays, opens the e-kuitansi, downloads its PDF, and someone else scans the PDF's QR
code and sees the verification page confirm it against the transparency log."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gotong.receipts import views as receipt_views
from gotong.transparency.services import log_seal
from tests.factories import CampaignFactory, DonationFactory
from tests.receipts.helpers import pdf_qr_urls, pdf_text
from tests.transparency.helpers import TEST_KEY, settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _log_key(settings, tmp_path):
    settings.LOG_SIGNING_KEY = TEST_KEY
    settings.VAR_DIR = tmp_path


def test_donor_downloads_a_receipt_and_it_verifies(new_context, shot, live_gateway, tmp_path):
    campaign = CampaignFactory(title="Perahu untuk nelayan Lamalera", target=20_000_000)
    donor = new_context(accept_downloads=True).new_page()
    donor.goto(f"/kampanye/{campaign.slug}/")
    donor.get_by_test_id("donate-button").click()
    donor.get_by_label("Nominal donasi (Rp)").fill("75.000")
    donor.get_by_label("Nama", exact=True).fill("Yohanes Bataona")
    donor.get_by_test_id("pay-button").click()
    expect(donor).to_have_url(re.compile(r"/sandbox/midtrans/pay/"))
    order_id = donor.get_by_test_id("order-id").inner_text()
    donor.get_by_test_id("method-qris").click()
    donor.get_by_test_id("pay-now").click()
    expect(donor.get_by_test_id("result")).to_have_attribute("data-status", "settlement")
    donor.get_by_test_id("back-to-merchant").click()
    expect(donor.locator("#donation-status h1")).to_contain_text("Terima kasih", timeout=15_000)

    # The settlement's commit queued its seal; here the task queue runs it at once (in
    # production, a few seconds later), so the receipt already carries its log proof.
    donor.get_by_test_id("receipt-link").click()
    expect(donor).to_have_url(re.compile(re.escape(f"/kuitansi/{order_id}/") + "$"))
    expect(donor.get_by_test_id("receipt-amount")).to_have_text("Rp 75.000")
    expect(donor.get_by_test_id("receipt-words")).to_have_text("Tujuh puluh lima ribu rupiah")
    expect(donor.get_by_test_id("receipt-leaf-index")).to_have_text(re.compile(r"^\d+$"))
    shot(donor, "receipt-sealed", full_page=True)

    with donor.expect_download() as download_info:
        donor.get_by_test_id("receipt-pdf").click()
    download = download_info.value
    assert download.suggested_filename == f"e-kuitansi-{order_id}.pdf"
    pdf_path = tmp_path / download.suggested_filename
    download.save_as(pdf_path)
    pdf = pdf_path.read_bytes()
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert "Tujuh puluh lima ribu rupiah" in text
    assert order_id in text

    # Someone holding the printed receipt scans it: a new visitor, no cookies.
    [url] = pdf_qr_urls(pdf)
    assert url.startswith(f"{live_gateway.url}/kuitansi/periksa/?")
    checker = new_context().new_page()
    checker.goto(url)
    expect(checker.get_by_test_id("verdict")).to_have_text(
        re.compile("Kuitansi cocok dengan log transparansi")
    )
    expect(checker.get_by_test_id("checks").locator("li.bad")).to_have_count(0)
    expect(checker.get_by_test_id("checks").locator("li.ok")).to_have_count(4)
    shot(checker, "verification-ok", full_page=True)

    # The same receipt with the amount changed does not pass.
    checker.goto(url.replace("jumlah=75000", "jumlah=750000"))
    expect(checker.get_by_test_id("verdict")).to_contain_text("TIDAK cocok")
    shot(checker, "verification-forged-amount")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_receipt_scanned_before_its_seal_waits_in_amber_then_passes(
    new_context, shot, settings, width, monkeypatch
):
    """No worker has run the settlement's seal yet (the task is queued, not run): the check
    page says the donation is recorded and waiting, and reloads itself once it is sealed."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(receipt_views, "AWAITING_SEAL_REFRESH_SECONDS", 1)
    donation = DonationFactory(amount=75_000, campaign__title="Perahu untuk nelayan Lamalera")
    settle(donation)
    page = new_context(viewport={"width": width, "height": 844}).new_page()
    page.goto(f"/kuitansi/{donation.order_id}/")
    expect(page.get_by_test_id("receipt-unsealed")).to_contain_text("menunggu disegel")
    shot(page, f"receipt-waiting-{width}", full_page=True)
    page.get_by_test_id("receipt-verify").click()
    expect(page.get_by_test_id("verdict")).to_have_text(
        re.compile("Kuitansi sudah tercatat, menunggu disegel")
    )
    shot(page, f"verification-waiting-{width}", full_page=True)

    log_seal()  # the page asks the receipt's JSON every second and reloads once it is sealed
    expect(page.get_by_test_id("verdict")).to_have_text(
        re.compile("Kuitansi cocok dengan log transparansi")
    )

    page.goto("/kuitansi/periksa/?order=GTG-1-PALSU&jumlah=75000")
    expect(page.get_by_test_id("verdict")).to_contain_text("TIDAK cocok")
    shot(page, f"verification-forged-{width}", full_page=True)
