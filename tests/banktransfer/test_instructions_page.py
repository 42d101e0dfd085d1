"""The donor's bank-transfer page: the amount with its unique code, the polling block that
turns into the thank-you state, and an amount whose last three digits are not the code."""

from __future__ import annotations

import re

import pytest

from gotong.banktransfer.models import BankTransfer
from gotong.banktransfer.services import statement_import
from gotong.banktransfer.statements import PRESETS
from tests.factories import CampaignFactory, staff_with_role


def _donate(client, amount: str) -> tuple[BankTransfer, str]:
    campaign = CampaignFactory()
    response = client.post(
        f"/kampanye/{campaign.slug}/donasi/",
        {"amount": amount, "name": "Dewi", "payment_method": "transfer"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    path = re.sub(r"^https?://[^/]+", "", response["Location"])
    assert re.fullmatch(r"/donasi/[^/]+/transfer/", path)
    return BankTransfer.objects.get(), path


def _bca(amount: int) -> bytes:
    return (
        "Tanggal Transaksi,Keterangan,Cabang,Jumlah,Saldo\r\n"
        f'02/12/2026,TRSF E-BANKING CR DEWI,0000,"{amount:,}.00 CR","{amount:,}.00"\r\n'
    ).encode()


@pytest.mark.django_db
def test_waiting_page_marks_the_code_and_polls_itself_until_settled(client):
    transfer, path = _donate(client, "50.000")
    code = f"{transfer.unique_code:03d}"
    html = client.get(path).content.decode()
    assert f'<mark data-testid="transfer-code">{code}</mark>' in html
    assert f'hx-get="{path}"' in html
    assert 'hx-select="#transfer-page"' in html
    assert f"Kode unik {code}" in html
    assert html.count("<h1>") == 1

    statement_import(
        actor=staff_with_role("finance"),
        preset=PRESETS["bca"],
        file_name="mutasi.csv",
        content=_bca(transfer.amount_due),
    )
    html = client.get(path, headers={"HX-Request": "true"}).content.decode()
    assert "Terima kasih, donasi Anda berhasil!" in html
    assert 'data-testid="transfer-instructions"' not in html
    assert "hx-get" not in html.split('id="transfer-page"')[1].split(">")[0]
    assert 'data-testid="receipt-link"' in html


@pytest.mark.django_db
def test_english_page_speaks_english(client):
    transfer, path = _donate(client, "50.000")
    html = client.get(f"/en{path}").content.decode()
    assert "Complete your donation by bank transfer" in html
    assert "Rp 50,<mark" in html
    assert f"The unique code {transfer.unique_code:03d} lets us recognise" in html


@pytest.mark.django_db
def test_amount_not_in_thousands_is_shown_whole_and_names_the_real_code(client):
    """Rp 12.345 + code 123 = Rp 12.468: "468" is not the code, so nothing is marked as it."""
    transfer, path = _donate(client, "12.345")
    html = client.get(path).content.decode()
    code = f"{transfer.unique_code:03d}"
    assert "<mark" not in html
    assert f"Kode unik {code}" in html


@pytest.mark.django_db
def test_the_code_is_marked_only_where_the_last_digits_are_the_code(client):
    transfer, path = _donate(client, "12.345")
    response = client.get(path)
    assert response.context["due_code"] == ""
    assert 'data-testid="transfer-code"' not in response.content.decode()
    assert f"{transfer.unique_code:03d}" in response.content.decode()
