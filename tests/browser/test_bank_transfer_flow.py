"""Manual bank transfer through the browser: a donor on a phone picks "Transfer bank (kode
unik)" and is shown the exact amount with its 3-digit code; finance, in its own browser, imports
the foundation's BCA statement, which settles the donation; the donor's page turns into the
thank-you page by itself, the campaign total moves by the amount with the code, importing the
same file again adds nothing, and finance dismisses the one credit that was not a donation."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from gotong.audit.models import AuditEntry
from gotong.banktransfer.models import BankTransfer, LineStatus, StatementLine, TransferStatus
from gotong.campaigns.models import Campaign
from gotong.core.money import rupiah as rp
from gotong.donations.models import Donation, DonationStatus
from gotong.donations.services import GatewayReport, donation_create
from gotong.donations.transitions import DonationEvent
from gotong.ledger.models import JournalEntry
from gotong.payments.services import donation_event_apply
from tests.browser.people import finance_officer, sign_in
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Air bersih untuk Dusun Wae Rebo"
EARLIER_GIFT = 250_000  # already on the campaign before our donor comes
DONOR_NAME = "Dewi Lestari"
GRANT = 1_500_000  # an unrelated credit on the same statement: a grant, not a donation
BANK_FEE = 15_000  # a debit: the parser must skip it
DISMISS_REASON = "Hibah CSR PT Sumber Air, dicatat terpisah oleh bagian keuangan."


def bca_statement(folder: Path, *, donation_amount: int) -> Path:
    """A KlikBCA "mutasi rekening" CSV as finance downloads it: account lines above the table,
    amounts like `50,123.00 CR`, balances, and the opening/closing balance below it."""
    today = timezone.localdate().strftime("%d/%m/%Y")
    opening = 10_000_000
    rows = [
        ("TRSF E-BANKING CR 0107/FTSCY/WS95031 DEWI LESTARI", donation_amount, "CR"),
        ("KR OTOMATIS LLG-BANK MANDIRI PT SUMBER AIR HIBAH CSR", GRANT, "CR"),
        ("BIAYA ADM", BANK_FEE, "DB"),
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["No. rekening", ":", "0123456789"])
    writer.writerow(["Nama", ":", "YAYASAN GOTONG"])
    writer.writerow(["Periode", ":", f"{today} - {today}"])
    writer.writerow(["Kode Mata Uang", ":", "Rp"])
    writer.writerow([])
    writer.writerow(["Tanggal Transaksi", "Keterangan", "Cabang", "Jumlah", "Saldo"])
    balance = opening
    for description, amount, marker in rows:
        balance += amount if marker == "CR" else -amount
        writer.writerow([today, description, "0000", f"{amount:,}.00 {marker}", f"{balance:,}.00"])
    writer.writerow([])
    writer.writerow(["Saldo Awal", ":", f"{opening:,}.00"])
    writer.writerow(["Saldo Akhir", ":", f"{balance:,}.00"])
    path = folder / "mutasi-bca-hari-ini.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def amount_of(text: str) -> int:
    """ "Rp 50.123" → 50123 (Indonesian pages write thousands with dots)."""
    match = re.fullmatch(r"Rp ([0-9.]+)", text.strip())
    assert match, text
    return int(match[1].replace(".", ""))


def test_bank_transfer_donation_is_settled_by_a_statement_import(new_context, shot, tmp_path):
    campaign = CampaignFactory(title=TITLE, target=30_000_000)
    earlier = donation_create(campaign=campaign, amount=EARLIER_GIFT, name="Budi Santoso")
    donation_event_apply(
        donation=earlier,
        event=DonationEvent.PAID,
        report=GatewayReport(
            event=DonationEvent.PAID, transaction_status="settlement", payment_type="qris"
        ),
    )
    officer = finance_officer()
    campaign_path = f"/kampanye/{campaign.slug}/"

    # The donor, on a phone, from the campaign page to the form and its two payment methods.
    donor = new_context().new_page()
    donor.goto(campaign_path)
    collected_before = amount_of(donor.get_by_test_id("collected").inner_text())
    assert collected_before == EARLIER_GIFT
    shot(donor, "campaign-before")
    donor.get_by_test_id("donate-button").click()
    expect(donor).to_have_url(re.compile(re.escape(f"{campaign_path}donasi/") + "$"))
    methods = donor.locator("fieldset.pay-methods")
    expect(methods.locator("input[type=radio]")).to_have_count(2)
    expect(donor.get_by_test_id("method-midtrans").locator("input")).to_be_checked()
    donor.get_by_label("Nominal donasi (Rp)").fill("50.000")
    donor.get_by_label("Nama", exact=True).fill(DONOR_NAME)
    donor.get_by_test_id("method-transfer").click()
    expect(donor.get_by_test_id("method-transfer").locator("input")).to_be_checked()
    methods.scroll_into_view_if_needed()
    shot(donor, "form-bank-transfer-chosen")
    donor.get_by_test_id("pay-button").click()

    # The instructions: the foundation's account and 50.000 plus a 3-digit code.
    expect(donor).to_have_url(re.compile(r"/donasi/(GTG-[A-Z0-9-]+)/transfer/$"))
    order_id = re.search(r"/donasi/([^/]+)/transfer/$", donor.url)[1]  # type: ignore[index]
    amount_text = donor.get_by_test_id("transfer-amount").inner_text()
    due = amount_of(amount_text)
    code = due - 50_000
    assert 1 <= code <= 999, amount_text
    expect(donor.get_by_test_id("transfer-code")).to_have_text(f"{code:03d}")
    expect(donor.get_by_test_id("transfer-account")).to_have_text("0000000000")
    expect(donor.get_by_test_id("transfer-bank")).to_have_text("BCA")
    expect(donor.locator("main")).to_contain_text(f"Kode unik {code:03d}")
    expect(donor.get_by_test_id("transfer-waiting")).to_be_visible()
    expect(donor.get_by_role("heading", level=1)).to_have_count(1)
    shot(donor, "instructions", full_page=True)
    transfer = BankTransfer.objects.get(donation__order_id=order_id)
    assert (transfer.unique_code, transfer.amount_due, transfer.status) == (
        code,
        due,
        TransferStatus.OPEN,
    )
    assert Donation.objects.get(order_id=order_id).amount == due

    # Finance, in its own browser, imports today's BCA statement.
    finance = new_context().new_page()
    sign_in(finance, officer.email)
    finance.goto("/staf/mutasi-bank/")
    expect(finance.get_by_role("heading", level=1)).to_have_text("Mutasi bank")
    expect(finance.get_by_test_id("open-transfers")).to_contain_text("1 transfer bank menunggu")
    expect(finance.get_by_label("Bank / format berkas")).to_have_value("bca")
    statement = bca_statement(tmp_path, donation_amount=due)
    finance.get_by_label("Berkas mutasi rekening (CSV)").set_input_files(statement)
    shot(finance, "finance-statement-chosen")
    finance.get_by_test_id("statement-import").click()
    expect(finance).to_have_url(re.compile(r"/staf/mutasi-bank/$"))
    expect(finance.get_by_role("status")).to_have_text(
        "2 baris baru (0 sudah pernah diimpor): 1 donasi tercatat, 1 menunggu keputusan."
    )
    waiting = finance.get_by_test_id("waiting-line")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text(rp(GRANT))
    expect(waiting).to_contain_text("PT SUMBER AIR HIBAH CSR")
    expect(finance.get_by_test_id("open-transfers")).to_contain_text("0 transfer bank menunggu")
    shot(finance, "finance-imported", full_page=True)

    # The campaign's total moved by exactly the amount with the code.
    visitor = new_context().new_page()
    visitor.goto(campaign_path)
    expect(visitor.get_by_test_id("collected")).to_have_text(rp(collected_before + due))
    shot(visitor, "campaign-after")

    # The donor's page, never reloaded, polls into the thank-you state with the e-kuitansi.
    status = donor.locator("#donation-status")
    expect(status.locator("h1")).to_contain_text("Terima kasih", timeout=15_000)
    expect(status).to_contain_text(f"{amount_text} untuk {TITLE}")
    expect(donor.get_by_test_id("transfer-instructions")).to_have_count(0)
    expect(donor.get_by_role("heading", level=1)).to_have_count(1)
    expect(donor.get_by_test_id("receipt-download")).to_be_visible()
    shot(donor, "instructions-thank-you")
    donor.get_by_test_id("receipt-link").click()
    expect(donor).to_have_url(re.compile(re.escape(f"/kuitansi/{order_id}/") + "$"))
    expect(donor.get_by_test_id("receipt-amount")).to_have_text(amount_text)
    shot(donor, "receipt", full_page=True)

    # The same file again: nothing is recorded twice.
    finance.get_by_label("Berkas mutasi rekening (CSV)").set_input_files(statement)
    finance.get_by_test_id("statement-import").click()
    expect(finance.get_by_role("status")).to_have_text(
        "0 baris baru (2 sudah pernah diimpor): 0 donasi tercatat, 0 menunggu keputusan."
    )
    expect(waiting).to_have_count(1)
    shot(finance, "finance-imported-again")
    assert StatementLine.objects.count() == 2
    donation = Donation.objects.get(order_id=order_id)
    assert (donation.status, donation.amount) == (DonationStatus.SETTLED, due)
    entries = JournalEntry.objects.filter(donation=donation).order_by("id")
    assert list(entries.values_list("kind", flat=True)) == ["donation_settled", "platform_fee"]
    assert Campaign.objects.get(pk=campaign.pk).collected == EARLIER_GIFT + due
    out = io.StringIO()
    call_command("verify_ledger", stdout=out)
    assert "ledger OK" in out.getvalue()

    # Finance decides the grant is not a donation; it leaves the queue.
    waiting.get_by_label("Bukan donasi").check()
    waiting.get_by_label("Alasan").fill(DISMISS_REASON)
    shot(finance, "finance-dismiss-filled")
    waiting.get_by_role("button", name="Simpan keputusan").click()
    expect(finance.get_by_role("status")).to_have_text("Keputusan tersimpan.")
    expect(waiting).to_have_count(0)
    expect(finance.locator("main")).to_contain_text("Tidak ada mutasi yang menunggu.")
    shot(finance, "finance-queue-empty")
    grant = StatementLine.objects.get(amount=GRANT)
    assert (grant.status, grant.decided_by, grant.decision_reason) == (
        LineStatus.DISMISSED,
        officer,
        DISMISS_REASON,
    )
    assert AuditEntry.objects.filter(
        action="bank.line_dismiss", target_id=str(grant.pk), actor=officer
    ).exists()


@pytest.mark.parametrize("width", [390, 1280])
def test_bank_transfer_pages_look_right(new_context, shot, tmp_path, width):
    """The three bank-transfer screens at phone and desktop width, for a person to look at:
    the form's two methods, the instructions, and the finance page with two waiting lines.
    The donor's side runs without JavaScript: choosing the method, the transfer steps and
    checking the status are plain HTML."""
    campaign = CampaignFactory(title=TITLE, target=30_000_000)
    officer = finance_officer()
    viewport = {"width": width, "height": 844 if width < 600 else 900}

    donor = new_context(viewport=viewport, java_script_enabled=False).new_page()
    donor.goto(f"/kampanye/{campaign.slug}/donasi/")
    donor.get_by_label("Nominal donasi (Rp)").fill("50.000")
    donor.get_by_label("Nama", exact=True).fill(DONOR_NAME)
    donor.get_by_test_id("method-transfer").click()
    transfer_radio = donor.get_by_role("radio", name=re.compile(r"Transfer bank \(kode unik\)"))
    expect(transfer_radio).to_be_checked()
    shot(donor, f"form-{width}", full_page=True)
    donor.get_by_test_id("pay-button").click()
    expect(donor).to_have_url(re.compile(r"/transfer/$"))
    shot(donor, f"instructions-{width}", full_page=True)
    donor.get_by_text("Cara transfer", exact=True).click()
    due = donor.get_by_test_id("transfer-amount").inner_text()
    expect(donor.locator("details.transfer-how li")).to_have_count(4)
    expect(donor.locator("details.transfer-how")).to_contain_text(f"Isi nominal tepat {due}")
    shot(donor, f"instructions-steps-{width}", full_page=True)
    donor.get_by_role("link", name="Muat ulang untuk melihat status").click()
    expect(donor.get_by_test_id("transfer-waiting")).to_be_visible()

    finance = new_context(viewport=viewport).new_page()
    sign_in(finance, officer.email)
    finance.goto("/staf/mutasi-bank/")
    statement = bca_statement(tmp_path, donation_amount=49_999)  # matches nothing
    finance.get_by_label("Berkas mutasi rekening (CSV)").set_input_files(statement)
    finance.get_by_test_id("statement-import").click()
    lines = finance.get_by_test_id("waiting-line")
    expect(lines).to_have_count(2)
    # Each line's labels open that line's own fields, not the first line's.
    second = lines.nth(1)
    second.get_by_label("Bukan donasi").check()
    second.get_by_label("Alasan").fill(DISMISS_REASON)
    expect(lines.nth(0).get_by_label("Bukan donasi")).not_to_be_checked()
    expect(lines.nth(0).get_by_label("Alasan")).to_have_value("")
    shot(finance, f"finance-{width}", full_page=True)
