"""The bank of a disbursement: chosen from the list of Indonesian banks (stored as its kode
bank), its account number written as people write it, old typed names migrated to codes."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gotong.disbursements.banks import BANKS, bank_code_for
from gotong.disbursements.models import Disbursement
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory, staff_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    campaign = CampaignFactory(category="medis")
    donation_event_apply(
        donation=DonationFactory(campaign=campaign, amount=1_000_000), event=DonationEvent.PAID
    )
    return campaign


def ask(client, campaign, **overrides):
    client.force_login(campaign.owner)
    data = {
        "amount": "300.000",
        "purpose": "Obat",
        "bank_code": "014",
        "account_number": "1234567890",
        "account_holder": "RSUD Dr. Soetomo",
        "is_hospital": "on",
    } | overrides
    return client.post(f"/galang-dana/{campaign.slug}/pencairan/", data)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("123-456 789", "123456789"),
        ("123.456.789", "123456789"),
        (" 0023 0100 0123 567 ", "002301000123567"),
        ("12345", "12345"),
        ("1" * 20, "1" * 20),
    ],
)
def test_account_number_is_stored_as_digits(client, campaign, typed, stored):
    assert ask(client, campaign, account_number=typed).status_code == 302
    d = Disbursement.objects.get()
    assert (d.bank_code, d.account_number) == ("014", stored)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12ab34567", "Nomor rekening hanya boleh berisi angka"),
        ("123/456/789", "Nomor rekening hanya boleh berisi angka"),
        ("١٢٣٤٥٦٧", "Nomor rekening hanya boleh berisi angka"),  # digits, but not 0-9
        ("12-34", "harus 5 sampai 20 angka; yang Anda isi 4 angka"),
        ("1" * 21, "harus 5 sampai 20 angka; yang Anda isi 21 angka"),
        ("- . -", "yang Anda isi 0 angka"),
    ],
)
def test_junk_account_number_is_refused_next_to_its_field(client, campaign, typed, message):
    response = ask(client, campaign, account_number=typed)
    assert response.status_code == 200
    html = response.content.decode()
    field = re.search(r'<div class="field has-error">.*?</div>', html, re.S)
    assert field is not None
    assert 'name="account_number"' in field.group(0)
    assert message in field.group(0)
    assert not Disbursement.objects.exists()


def test_the_form_offers_the_banks_by_name_and_code(client, campaign):
    client.force_login(campaign.owner)
    html = client.get(f"/galang-dana/{campaign.slug}/pencairan/").content.decode()
    select = re.search(r'<select name="bank_code".*?</select>', html, re.S)
    assert select is not None
    options = re.findall(r'<option value="(\d*)"[^>]*>([^<]+)</option>', select.group(0))
    assert options[0] == ("", "Pilih bank")
    assert options[1] == ("014", "BCA (014)")  # the common banks come first
    for code, name in [("002", "BRI"), ("451", "BSI"), ("114", "Bank Jatim"), ("542", "Jago")]:
        assert (code, f"{name} ({code})") in options
    assert len({code for code, _ in options[1:]}) == len(BANKS)  # each bank once
    assert "Bank yang sering dipakai" in select.group(0)


@pytest.mark.parametrize("code", ["", "999", "BCA"])
def test_a_bank_not_on_the_list_is_refused(client, campaign, code):
    response = ask(client, campaign, bank_code=code)
    assert response.status_code == 200
    assert not Disbursement.objects.exists()


def test_staff_see_the_bank_by_name_and_code(client, campaign):
    ask(client, campaign, bank_code="542", account_number="1019-2838-4756")
    d = Disbursement.objects.get()
    client.force_login(staff_with_role("finance"))
    html = client.get(f"/staf/pencairan/{d.pk}/").content.decode()
    assert "Jago (542) 101928384756" in html


def test_every_name_and_alias_finds_its_own_bank():
    codes = [bank.code for bank in BANKS]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"\d{3}", code) for code in codes)
    for bank in BANKS:
        for text in (bank.name, *bank.aliases):
            assert bank_code_for(text) == bank.code, text


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("BCA", "014"),
        ("bank bca", "014"),
        ("PT Bank Mandiri (Persero) Tbk", "008"),
        ("Bank Rakyat Indonesia", "002"),
        ("BANK SYARIAH INDONESIA", "451"),
        ("cimb niaga", "022"),
        ("014", "014"),
        ("Bank Antah Berantah", None),
        ("Koperasi Sejahtera", None),
    ],
)
def test_typed_names_map_to_codes(typed, code):
    assert bank_code_for(typed) == code


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_typed_names_into_codes_and_keeps_the_rest():
    campaign = CampaignFactory()
    executor = MigrationExecutor(connection)
    before, after = [("disbursements", "0003_usage_reports")], executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("disbursements", "Disbursement")
        typed = ["Bank BCA", "PT. Bank Negara Indonesia (Persero)", "jago", "Bank Kampung Kita"]
        for name in typed:
            old.objects.create(
                campaign_id=campaign.pk,
                requested_by_id=campaign.owner_id,
                amount=1_000,
                bank_name=name,
                account_number="1234567",
                account_holder="X",
                purpose="x",
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    rows = Disbursement.objects.order_by("pk")
    assert [(d.bank_code, d.bank_typed) for d in rows] == [
        ("014", ""),
        ("009", ""),
        ("542", ""),
        ("", "Bank Kampung Kita"),
    ]
    assert [d.bank_label for d in rows] == [
        "BCA (014)",
        "BNI (009)",
        "Jago (542)",
        "Bank Kampung Kita",
    ]
