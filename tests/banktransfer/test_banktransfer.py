"""Manual bank transfer with a unique code, through the real pages and services: the donor's
choice, the code, the statement import, its idempotency, the finance queue and expiry."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gotong.audit.models import AuditEntry
from gotong.banktransfer import services
from gotong.banktransfer.models import BankTransfer, LineStatus, StatementLine, TransferStatus
from gotong.banktransfer.statements import PRESETS
from gotong.campaigns.models import Campaign
from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation
from gotong.ledger.models import LedgerAccount
from tests.factories import CampaignFactory, UserFactory, staff_with_role

pytestmark = pytest.mark.django_db

BCA_HEAD = "Informasi Rekening - Mutasi Rekening\nNo. rekening : 0000000000\n\n"
BCA_COLUMNS = "Tanggal Transaksi,Keterangan,Cabang,Jumlah,Saldo\n"


def bca(*rows: tuple[str, str, str]) -> bytes:
    """A BCA-style export: (date, description, amount with CR/DB)."""
    body = "".join(f'{d},"{text}",0000,"{amount}","1,000,000.00"\n' for d, text, amount in rows)
    return (BCA_HEAD + BCA_COLUMNS + body + "\nSaldo Awal,,,,\n").encode()


def give(client, campaign: Campaign, amount: str = "50.000", **extra) -> Donation:
    response = client.post(
        f"/kampanye/{campaign.slug}/donasi/",
        {"amount": amount, "name": "Siti", "payment_method": "transfer", **extra},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    donation = Donation.objects.order_by("-id").first()
    assert response["Location"].endswith(f"/donasi/{donation.order_id}/transfer/")
    return donation


def upload(client, content: bytes, preset: str = "bca", **fields):
    return client.post(
        "/staf/mutasi-bank/",
        {"preset": preset, "file": SimpleUploadedFile("mutasi.csv", content), **fields},
    )


@pytest.fixture
def finance(client):
    officer = staff_with_role("finance")
    return officer


def test_the_donor_gets_a_unique_code_that_is_part_of_the_gift(client):
    campaign = CampaignFactory(category="kemanusiaan")
    first = give(client, campaign)
    give(client, campaign)
    codes = [t.unique_code for t in BankTransfer.objects.order_by("id")]
    assert len(set(codes)) == 2
    assert all(1 <= c <= 999 for c in codes)
    first.refresh_from_db()
    transfer = first.bank_transfer
    assert first.amount == 50_000 + transfer.unique_code == transfer.amount_due
    valid = transfer.expires_at - transfer.created_at
    assert abs(valid - datetime.timedelta(hours=24)) < datetime.timedelta(seconds=1)
    page = client.get(f"/donasi/{first.order_id}/transfer/").content.decode()
    due = f"{transfer.amount_due:,}".replace(",", ".")
    assert f'{due[:-3]}<mark data-testid="transfer-code">{due[-3:]}</mark>' in page
    assert "0000000000" in page
    assert "BCA" in page
    assert (first.status, first.gateway) == ("pending", "transfer")


def test_the_api_starts_a_bank_transfer(client):
    campaign = CampaignFactory()
    response = client.post(
        f"/api/v1/campaigns/{campaign.slug}/donations",
        {"amount": 75_000, "name": "Budi", "payment_method": "transfer"},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    transfer = BankTransfer.objects.get()
    assert body["amount"] == transfer.amount_due == 75_000 + transfer.unique_code
    assert body["payment_method"] == "transfer"
    assert body["payment_url"].endswith(f"/donasi/{body['order_id']}/transfer/")
    bad = client.post(
        f"/api/v1/campaigns/{campaign.slug}/donations",
        {"amount": 75_000, "name": "Budi", "payment_method": "cek"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "payment_method" in bad.json()["errors"]
    assert Donation.objects.count() == 1


def test_a_statement_line_settles_the_transfer_once(client, finance):
    campaign = CampaignFactory(category="kemanusiaan")
    donation = give(client, campaign)
    donation.refresh_from_db()
    statement = bca(
        (
            "01/12/2026",
            f"TRSF E-BANKING CR 0112/FTSCY/WS95031 {donation.amount}",
            _cr(donation.amount),
        ),
        ("01/12/2026", "BUNGA", "1,234.00 CR"),
        ("01/12/2026", "BIAYA ADM", "10,000.00 DB"),
    )
    client.force_login(finance)
    response = upload(client, statement)
    assert response.status_code == 302
    donation.refresh_from_db()
    campaign.refresh_from_db()
    assert donation.status == "settled"
    assert campaign.collected == donation.amount
    assert campaign.fees == donation.amount * 5 // 100
    assert donation.bank_transfer.status == TransferStatus.MATCHED
    lines = dict(StatementLine.objects.values_list("amount", "status"))
    assert lines == {donation.amount: LineStatus.MATCHED, 1_234: LineStatus.UNMATCHED}
    assert LedgerAccount.objects.get(code=f"gateway:transfer:clearing:{campaign.pk}").balance == (
        donation.amount
    )
    assert client.get(f"/kuitansi/{donation.order_id}/").status_code == 200
    assert AuditEntry.objects.filter(action="bank.statement_import", actor=finance).exists()

    again = upload(client, statement)
    assert again.status_code == 302
    assert StatementLine.objects.count() == 2
    campaign.refresh_from_db()
    assert campaign.collected == donation.amount
    page = client.get("/staf/mutasi-bank/").content.decode()
    assert "0 baris baru (2 sudah pernah diimpor)" in page
    assert ledger_verify().ok


def _cr(amount: int) -> str:
    return f"{amount:,}.00 CR"


def test_identical_lines_in_one_statement_are_two_lines(client, finance):
    statement = bca(
        ("02/12/2026", "SETORAN", "20,000.00 CR"), ("02/12/2026", "SETORAN", "20,000.00 CR")
    )
    client.force_login(finance)
    upload(client, statement)
    upload(client, statement)
    assert StatementLine.objects.filter(amount=20_000).count() == 2


def test_an_unreadable_file_changes_nothing(client, finance):
    client.force_login(finance)
    response = upload(client, bca(("03/12/2026", "X", "12,5x.00 CR")))
    assert response.status_code == 422
    assert "Baris 5" in response.content.decode()
    response = upload(client, b"a,b,c\n1,2,3\n")
    assert "tidak ditemukan" in response.content.decode()
    assert StatementLine.objects.count() == 0
    assert not AuditEntry.objects.filter(action="bank.statement_import").exists()


def test_only_finance_imports_and_decides(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/staf/mutasi-bank/").status_code == 403
    assert upload(client, bca(("01/12/2026", "X", "5,000.00 CR"))).status_code == 403
    assert StatementLine.objects.count() == 0


def test_an_expired_transfer_paid_late_is_matched_by_finance(client, finance):
    campaign = CampaignFactory()
    donation = give(client, campaign)
    later = timezone.now() + datetime.timedelta(hours=25)
    assert services.transfers_expire(now=later) == 1
    donation.refresh_from_db()
    assert (donation.status, donation.bank_transfer.status) == ("failed", "expired")
    expired = AuditEntry.objects.get(action="bank.transfer_expire")
    assert expired.actor is None

    client.force_login(finance)
    upload(client, bca(("04/12/2026", "TRSF SITI", _cr(donation.amount))))
    line = StatementLine.objects.get()
    assert line.status == LineStatus.AMBIGUOUS
    refused = client.post(
        f"/staf/mutasi-bank/{line.pk}/", {"decision": "assign", "order_id": "", "reason": "x"}
    )
    assert refused.status_code == 302
    line.refresh_from_db()
    assert line.status == LineStatus.AMBIGUOUS
    client.post(
        f"/staf/mutasi-bank/{line.pk}/",
        {"decision": "assign", "order_id": donation.order_id, "reason": "Bukti transfer dikirim"},
    )
    line.refresh_from_db()
    donation.refresh_from_db()
    assert (line.status, line.decided_by, donation.status) == ("assigned", finance, "settled")
    assert AuditEntry.objects.filter(action="bank.line_assign", actor=finance).exists()
    assert ledger_verify().ok


def test_finance_dismisses_a_line_that_is_no_donation(client, finance):
    client.force_login(finance)
    upload(client, bca(("05/12/2026", "HIBAH", "1,000,000.00 CR")))
    line = StatementLine.objects.get()
    client.post(f"/staf/mutasi-bank/{line.pk}/", {"decision": "dismiss", "reason": "Hibah lembaga"})
    line.refresh_from_db()
    assert (line.status, line.decision_reason) == ("dismissed", "Hibah lembaga")
    second = client.post(f"/staf/mutasi-bank/{line.pk}/", {"decision": "dismiss", "reason": "lagi"})
    assert second.status_code == 302
    assert AuditEntry.objects.filter(action="bank.line_dismiss").count() == 1


def test_every_code_in_use_is_a_clear_refusal(client, monkeypatch):
    campaign = CampaignFactory()
    monkeypatch.setattr(services, "CODES", range(1, 2))
    give(client, campaign)
    response = client.post(
        f"/kampanye/{campaign.slug}/donasi/",
        {"amount": "50.000", "name": "Siti", "payment_method": "transfer"},
    )
    assert response.status_code == 422
    assert "Pembayaran belum bisa dimulai" in response.content.decode()
    assert BankTransfer.objects.count() == 1


@pytest.mark.parametrize(
    ("preset", "content", "expected"),
    [
        (
            "bri",
            b'Tanggal,Transaksi,Debet,Kredit,Saldo\n01/12/2026,NBMB SITI,,"50.123,00","9.000,00"\n'
            b'01/12/2026,BIAYA,"5.000,00",,"8.000,00"\n',
            [50_123],
        ),
        (
            "mandiri",
            b"Posting Date,Remark,Reference No,Debit,Credit,Balance\n"
            b"01/12/2026,TRANSFER DARI BUDI,123,,75321.00,1000000.00\n"
            b"01/12/2026,ADM,124,10000.00,,990000.00\n",
            [75_321],
        ),
        (
            "bni",
            b"Tanggal Transaksi,Uraian Transaksi,Tipe,Nominal,Saldo\n"
            b'01/12/2026,TRF SITI,K,"20,456.00","1,000.00"\n01/12/2026,ADM,D,"1,000.00",0\n',
            [20_456],
        ),
    ],
)
def test_each_bank_preset_reads_only_credits(preset, content, expected):
    from gotong.banktransfer.statements import statement_parse

    assert [c.amount for c in statement_parse(content, preset=PRESETS[preset])] == expected


def test_a_custom_layout(client, finance):
    client.force_login(finance)
    content = b"tgl;ket;masuk\n2026-12-06;Infaq Jumat;15.000\n"
    response = upload(
        client,
        content,
        preset="custom",
        date_column="tgl",
        date_format="%Y-%m-%d",
        description_column="ket",
        amount_column="masuk",
        decimal_comma="on",
        delimiter=";",
    )
    assert response.status_code == 302
    assert StatementLine.objects.get().amount == 15_000


def test_bca_reads_a_separate_cr_db_column_and_dates_without_a_year(time_machine):
    """An export that writes CR/DB in a column of its own and dates as 02/12: a debit of the
    same size as a transfer must never be read as money in."""
    from gotong.banktransfer.statements import statement_parse

    time_machine.move_to(datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC))
    content = (
        b"Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo\n"
        b'\'02/12,TRSF E-BANKING CR SITI,0998,"50,123.00",CR,"1,050,123.00"\n'
        b'\'02/12,TARIKAN ATM,0998,"50,123.00",DB,"1,000,000.00"\n'
        b'\'31/12,BUNGA,0000,"1,000.00",CR,"1,001,000.00"\n'
    )
    credits = statement_parse(content, preset=PRESETS["bca"])
    assert [(c.booked_on, c.amount) for c in credits] == [
        (datetime.date(2026, 12, 2), 50_123),
        (datetime.date(2025, 12, 31), 1_000),
    ]
