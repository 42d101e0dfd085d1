"""Pencairan dana through the browser: a verified campaigner requests a disbursement, finance
approves it and marks it paid, the campaigner publishes the report of use with receipts, and an
anonymous visitor sees the payout, the report and the receipts on the public ledger page while
the campaign page's "dana tersedia" drops by the paid amount by itself."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from gotong.accounts.models import User
from gotong.audit.models import AuditEntry
from gotong.campaigns.models import Campaign
from gotong.core.money import rupiah as rp
from gotong.disbursements.models import Disbursement, DisbursementStatus
from gotong.donations.services import GatewayReport, donation_create
from gotong.donations.transitions import DonationEvent
from gotong.ledger.models import JournalEntry
from gotong.payments.services import donation_event_apply
from gotong.verification.services import verification_decide, verification_submit
from tests.browser.people import finance_officer, sign_in
from tests.factories import CampaignFactory, UserFactory, staff_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Perbaikan atap madrasah Desa Sukamaju"
# Two settled donations, 5% platform fee each (kemanusiaan): 2.250.000 in, 112.500 in fees.
DONATIONS = ((1_500_000, "Budi Santoso", False), (750_000, "Siti Aminah", True))
AVAILABLE_BEFORE = 2_137_500
PAYOUT = 1_000_000
PURPOSE = "Pembelian genteng dan kayu usuk untuk atap madrasah"
BANK = ("002", "BRI (002)")  # kode bank, and how the form and staff pages name it
ACCOUNT_TYPED, ACCOUNT_NUMBER = "0023-0100-0123 567", "002301000123567"
HOLDER = "Yayasan Sukamaju Bersatu"
APPROVAL_REASON = "Sesuai rencana penggunaan dana dan penawaran toko bangunan terlampir."
TRANSFER_REFERENCE = "BRI-TRF-0042-77"
REPORT_TEXT = (
    "Dana Rp 1.000.000 sudah dibelikan 400 genteng dan 20 batang kayu usuk di TB Maju Jaya. "
    "Atap ruang kelas 1 dan 2 dipasang warga secara gotong royong pada hari Sabtu."
)


def photo_bytes(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    """A JPEG with some structure (stripes and a box), as a photo of a receipt would have."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for y in range(40, size[1] - 40, 48):
        draw.line((40, y, size[0] - 40, y), fill=(90, 90, 90), width=3)
    draw.rectangle((40, 40, size[0] // 2, 120), outline=(20, 20, 20), width=4)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def receipt_files(folder: Path) -> tuple[Path, Path]:
    """A photographed shop receipt (JPEG) and the shop's invoice (a one-page PDF)."""
    photo = folder / "nota-toko-bangunan.jpg"
    photo.write_bytes(photo_bytes((720, 960), (250, 248, 240)))
    pdf = folder / "faktur-tb-maju-jaya.pdf"
    pdf.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return photo, pdf


def verified_campaigner() -> User:
    """A campaigner whose KYC a moderator approved, through the verification services."""
    user = UserFactory(email="penggalang@sukamaju.id", display_name="Yayasan Sukamaju Bersatu")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    verification = verification_submit(
        user=user,
        ktp_photo=SimpleUploadedFile("ktp.jpg", photo_bytes((800, 500), (200, 180, 150))),
        selfie_photo=SimpleUploadedFile("selfie.jpg", photo_bytes((600, 800), (180, 160, 140))),
        phone="0812 3456 7890",
    )
    verification_decide(
        verification=verification,
        actor=staff_with_role("moderator"),
        approve=True,
        reason="KTP dan swafoto cocok.",
    )
    return user


def test_disbursement_request_approval_payout_and_public_report(new_context, shot, tmp_path):
    campaigner = verified_campaigner()
    campaign = CampaignFactory(owner=campaigner, title=TITLE, target=10_000_000)
    for amount, name, anonymous in DONATIONS:
        donation = donation_create(
            campaign=campaign, amount=amount, name=name, is_anonymous=anonymous
        )
        donation_event_apply(
            donation=donation,
            event=DonationEvent.PAID,
            report=GatewayReport(
                event=DonationEvent.PAID, transaction_status="settlement", payment_type="qris"
            ),
        )
    campaign.refresh_from_db()
    assert campaign.available == AVAILABLE_BEFORE
    officer = finance_officer()
    campaign_path = f"/kampanye/{campaign.slug}/"

    # A visitor has the campaign page open the whole time (it polls its progress fragment).
    visitor = new_context().new_page()
    visitor.goto(campaign_path)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_test_id("verified-badge")).to_be_visible()
    available = visitor.get_by_test_id("available")
    expect(available).to_have_text(rp(AVAILABLE_BEFORE))
    shot(visitor, "visitor-campaign-before")
    visitor.evaluate("window.__notReloaded = true")

    # The campaigner signs in and goes dashboard → "Pencairan dana" for the campaign.
    owner = new_context().new_page()
    sign_in(owner, campaigner.email)
    row = owner.locator("section.dash-row", has_text=TITLE)
    expect(row).to_contain_text(f"dana tersedia {rp(AVAILABLE_BEFORE)}")
    shot(owner, "campaigner-dashboard")
    row.get_by_role("link", name="Pencairan dana").click()
    disbursements_path = f"/galang-dana/{campaign.slug}/pencairan/"
    expect(owner).to_have_url(re.compile(re.escape(disbursements_path) + "$"))
    expect(owner.get_by_test_id("available")).to_have_text(rp(AVAILABLE_BEFORE))
    expect(owner.locator("main")).to_contain_text("Belum ada pencairan.")
    # Not a medis campaign: the hospital-account exception does not apply, so no checkbox.
    expect(owner.get_by_label(re.compile("rekening rumah sakit"))).to_have_count(0)

    owner.get_by_label("Nominal (Rp)").fill("1.000.000")  # the Indonesian way
    owner.get_by_label("Keperluan (sesuai rencana penggunaan dana)").fill(PURPOSE)
    owner.get_by_label("Bank", exact=True).select_option(label=BANK[1])
    owner.get_by_label("Nomor rekening").fill(ACCOUNT_TYPED)
    owner.get_by_label("Nama pemilik rekening").fill(HOLDER)
    shot(owner, "request-form-filled", full_page=True)
    owner.get_by_test_id("request-disbursement").click()
    expect(owner).to_have_url(re.compile(re.escape(disbursements_path) + "$"))
    expect(owner.get_by_role("status")).to_contain_text("Pengajuan pencairan terkirim")
    history = owner.locator("main .dash-row", has_text=PURPOSE)
    expect(history).to_have_count(1)
    expect(history).to_contain_text(rp(PAYOUT))
    expect(history).to_contain_text("Diajukan")
    history.scroll_into_view_if_needed()
    shot(owner, "request-pending")

    disbursement = Disbursement.objects.get(campaign=campaign)
    assert (disbursement.amount, disbursement.status) == (PAYOUT, DisbursementStatus.REQUESTED)
    assert (disbursement.bank_code, disbursement.account_number, disbursement.account_holder) == (
        BANK[0],
        ACCOUNT_NUMBER,
        HOLDER,
    )

    # Finance, in its own browser: "Keuangan" → the request → approve with a reason.
    finance = new_context().new_page()
    sign_in(finance, officer.email)
    finance.get_by_test_id("menu").click()
    finance.get_by_role("link", name="Keuangan", exact=True).click()
    expect(finance).to_have_url(re.compile(r"/staf/pencairan/$"))
    queued = finance.locator("main .dash-row", has_text=TITLE)
    expect(queued).to_contain_text(rp(PAYOUT))
    expect(queued).to_contain_text("Diajukan")
    expect(queued).to_contain_text(campaigner.email)
    shot(finance, "finance-queue")
    queued.get_by_role("link").click()
    expect(finance).to_have_url(re.compile(rf"/staf/pencairan/{disbursement.pk}/$"))
    facts = finance.locator("dl.facts")
    expect(facts).to_contain_text(PURPOSE)
    expect(facts).to_contain_text(f"{BANK[1]} {ACCOUNT_NUMBER} a.n. {HOLDER}")
    expect(facts).to_contain_text(f"dana tersedia {rp(AVAILABLE_BEFORE)}")
    finance.get_by_label("Alasan").fill(APPROVAL_REASON)
    shot(finance, "finance-detail-approve", full_page=True)
    finance.get_by_test_id("approve").click()
    expect(finance).to_have_url(re.compile(r"/staf/pencairan/$"))
    expect(finance.get_by_role("status")).to_contain_text("Keputusan tersimpan")
    expect(queued).to_contain_text("Disetujui")

    # ... then, after the bank transfer, mark it paid with the transfer reference.
    queued.get_by_role("link").click()
    expect(finance.get_by_test_id("approve")).to_have_count(0)
    expect(finance.locator("main")).to_contain_text(APPROVAL_REASON)  # the decision history
    finance.get_by_label("Referensi transfer bank").fill(TRANSFER_REFERENCE)
    shot(finance, "finance-detail-mark-paid", full_page=True)
    finance.get_by_test_id("mark-paid").click()
    expect(finance).to_have_url(re.compile(r"/staf/pencairan/$"))
    expect(finance.get_by_role("status")).to_contain_text("Keputusan tersimpan")
    expect(finance.locator("main")).to_contain_text("Tidak ada pencairan yang menunggu")
    shot(finance, "finance-queue-empty")

    disbursement.refresh_from_db()
    assert disbursement.status == DisbursementStatus.PAID
    assert (disbursement.decided_by, disbursement.paid_by) == (officer, officer)
    assert disbursement.transfer_reference == TRANSFER_REFERENCE
    actions = list(
        AuditEntry.objects.filter(
            target_type="disbursements.disbursement", target_id=str(disbursement.pk)
        )
        .order_by("id")
        .values_list("action", "actor", "reason")
    )
    assert actions == [
        ("disbursement.approve", officer.pk, APPROVAL_REASON),
        ("disbursement.paid", officer.pk, ""),
    ]

    # The campaigner sees it paid and writes the report of use with a photo and a PDF.
    owner.reload()
    expect(history).to_contain_text("Dibayarkan")
    expect(history).to_contain_text(APPROVAL_REASON)
    expect(owner.get_by_test_id("available")).to_have_text(rp(AVAILABLE_BEFORE - PAYOUT))
    shot(owner, "request-paid")
    history.get_by_test_id("write-report").click()
    expect(owner).to_have_url(
        re.compile(re.escape(f"{disbursements_path}{disbursement.pk}/laporan/") + "$")
    )
    expect(owner.locator("main")).to_contain_text(PURPOSE)
    owner.get_by_label("Laporan penggunaan dana").fill(REPORT_TEXT)
    photo, pdf = receipt_files(tmp_path)
    owner.get_by_label("Bukti (foto nota atau PDF)").set_input_files([photo, pdf])
    shot(owner, "report-form-filled", full_page=True)
    owner.get_by_test_id("publish-report").click()
    ledger_path = f"/kampanye/{campaign.slug}/buku-besar/"
    expect(owner).to_have_url(re.compile(re.escape(ledger_path) + "$"))
    expect(owner.get_by_role("status")).to_contain_text("Laporan terbit di buku besar publik")
    shot(owner, "report-published")

    # Back on the campaigner's disbursement page the row now links to the published report.
    owner.get_by_role("link", name="Dasbor", exact=True).click()
    owner.locator("section.dash-row", has_text=TITLE).get_by_role(
        "link", name="Pencairan dana"
    ).click()
    expect(history.get_by_test_id("write-report")).to_have_count(0)
    history.get_by_test_id("view-report").click()
    expect(owner).to_have_url(re.compile(re.escape(f"{ledger_path}#laporan-{disbursement.pk}")))
    expect(owner.locator(f"#laporan-{disbursement.pk}")).to_be_in_viewport()

    # The visitor's page, never reloaded, picks up the lower "dana tersedia" by itself.
    expect(available).to_have_text(rp(AVAILABLE_BEFORE - PAYOUT), timeout=12_000)
    assert visitor.evaluate("window.__notReloaded") is True
    shot(visitor, "visitor-campaign-after")

    # From the campaign page to the public ledger.
    visitor.get_by_role("link", name="Lihat buku besar publik").click()
    expect(visitor).to_have_url(re.compile(re.escape(ledger_path) + "$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Buku besar publik")
    expect(visitor.get_by_test_id("ledger-collected")).to_have_text(rp(2_250_000))
    expect(visitor.get_by_test_id("ledger-available")).to_have_text(rp(AVAILABLE_BEFORE - PAYOUT))
    expect(visitor.get_by_test_id("ledger-paid-out")).to_have_text(rp(PAYOUT))
    shot(visitor, "ledger-top")

    # Every movement with its running balance, the payout last.
    rows = visitor.locator("table.ledger tbody tr")
    expect(rows).to_have_count(5)
    expected = [
        ("Donasi dari Budi Santoso", 1_500_000, 1_500_000),
        ("Biaya platform", -75_000, 1_425_000),
        ("Donasi dari Orang Baik", 750_000, 2_175_000),
        ("Biaya platform", -37_500, AVAILABLE_BEFORE),
        (f"Pencairan dana: {PURPOSE}", -PAYOUT, AVAILABLE_BEFORE - PAYOUT),
    ]
    for index, (description, amount, balance) in enumerate(expected):
        cells = rows.nth(index).locator("td")
        expect(cells.nth(2)).to_contain_text(description)
        expect(cells.nth(3)).to_have_text(rp(amount))
        expect(cells.nth(4)).to_have_text(rp(balance))
    rows.nth(4).scroll_into_view_if_needed()
    shot(visitor, "ledger-payout-row")

    # The report of use, with links to both receipts that actually load.
    report = visitor.locator("article.report", has_text=PURPOSE)
    expect(report).to_contain_text(rp(PAYOUT))
    expect(report.get_by_test_id("usage-report")).to_contain_text(
        "400 genteng dan 20 batang kayu usuk"
    )
    photo_link = report.get_by_role("link", name=re.compile("Foto bukti"))
    pdf_link = report.get_by_role("link", name=re.compile("PDF"))
    expect(photo_link).to_have_attribute("href", re.compile(r"^/media/receipts/.+\.jpg$"))
    expect(pdf_link).to_have_attribute("href", re.compile(r"^/media/receipts/.+\.pdf$"))
    report.scroll_into_view_if_needed()
    shot(visitor, "ledger-report-of-use")
    for link, content_type, magic in (
        (photo_link, "image/jpeg", b"\xff\xd8"),
        (pdf_link, "application/pdf", b"%PDF-"),
    ):
        response = visitor.request.get(link.get_attribute("href") or "")
        assert response.status == 200, (link.get_attribute("href"), response.status)
        assert response.headers["content-type"].startswith(content_type)
        assert response.body().startswith(magic)

    # The JSON download tells the same story, and its totals add up.
    body = visitor.request.get(f"/kampanye/{campaign.slug}/buku-besar.json").json()
    assert (body["collected"], body["fees"], body["paid_out"], body["available"]) == (
        2_250_000,
        112_500,
        PAYOUT,
        AVAILABLE_BEFORE - PAYOUT,
    )
    assert [(e["kind"], e["amount"], e["balance"]) for e in body["entries"]][-1] == (
        "disbursement_paid",
        -PAYOUT,
        AVAILABLE_BEFORE - PAYOUT,
    )

    # Back in the database: counters, the one payout entry, and the books balance.
    campaign = Campaign.objects.get(pk=campaign.pk)
    assert (campaign.collected, campaign.fees, campaign.paid_out) == (2_250_000, 112_500, PAYOUT)
    assert campaign.available == AVAILABLE_BEFORE - PAYOUT
    payout = JournalEntry.objects.get(campaign=campaign, kind="disbursement_paid")
    assert sorted((p.account.code, p.amount) for p in payout.postings.all()) == [
        (f"campaign:{campaign.pk}:funds", PAYOUT),
        (f"gateway:midtrans:clearing:{campaign.pk}", -PAYOUT),
    ]
    assert disbursement.usage_report.receipts.count() == 2
    out = io.StringIO()
    call_command("verify_ledger", stdout=out)
    assert "ledger OK" in out.getvalue()
