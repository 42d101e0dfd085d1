"""Open data (issue 14, decision 36) through its pages, API and commands: a mixed sequence of
settlements, a refund, a bank reversal and a payout, then every figure against the ledger."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db.models import Sum

from gotong.disbursements import services as payouts
from gotong.donations.books import ledger_verify
from gotong.donations.transitions import DonationEvent
from gotong.ledger.models import FlowMonth, Posting
from gotong.opendata.package import file_names
from gotong.payments.services import donation_event_apply
from gotong.regions.models import Region
from gotong.transparency.services import log_seal
from tests.factories import CampaignFactory, DonationFactory, staff_with_role

pytestmark = pytest.mark.django_db

BANK = payouts.BankAccount(
    bank_code="002", account_number="0123456789", account_holder="RSUD", is_hospital=True
)
NAMES = ("Siti Rahayu", "Joko Santoso", "Wayan Sudarsa")


@pytest.fixture
def books(regions):
    """Makassar (kota): 4 medis donations, one refunded, one reversed, one payout. Bogor
    (kabupaten): 2 donations (a cell under the rule). No region: 3 donations."""
    makassar = CampaignFactory(category="medis", region=Region.objects.get(code="73.71"))
    bogor = CampaignFactory(category="pendidikan", region=Region.objects.get(code="32.01"))
    nowhere = CampaignFactory(category="medis")
    donations = []
    for i, (campaign, amount) in enumerate(
        [(makassar, 100_000)] * 4 + [(bogor, 60_000)] * 2 + [(nowhere, 25_000)] * 3
    ):
        donation = DonationFactory(
            campaign=campaign,
            amount=amount,
            name=NAMES[i % 3],
            email=f"donatur{i}@contoh.id",
        )
        donation_event_apply(donation=donation, event=DonationEvent.PAID)
        donations.append(donation)
    donation_event_apply(donation=donations[0], event=DonationEvent.REFUNDED)
    donation_event_apply(donation=donations[1], event=DonationEvent.CHARGED_BACK)
    makassar.refresh_from_db()
    payout = payouts.disbursement_request(
        campaign=makassar, actor=makassar.owner, amount=50_000, bank=BANK, purpose="Obat"
    )
    payouts.disbursement_approve(disbursement=payout, actor=staff_with_role("finance"), reason="ok")
    payouts.disbursement_mark_paid(
        disbursement=payout, actor=staff_with_role("finance"), transfer_reference="TRX-1"
    )
    log_seal()
    return {"donations": donations, "campaigns": (makassar, bogor, nowhere)}


def _ledger_sums() -> dict[str, int]:
    """What each kind of entry moved, from the postings' debit legs."""
    return dict(
        Posting.objects.filter(amount__gt=0)
        .values("entry__kind")
        .annotate(s=Sum("amount"))
        .values_list("entry__kind", "s")
    )


def test_rollup_and_stats_equal_the_ledger_after_every_kind_of_movement(client, books):
    assert ledger_verify().ok, ledger_verify().problems
    sums = _ledger_sums()
    expect = {
        "amount": sums["donation_settled"] - sums.get("donation_reversed", 0),
        "fees": sums["platform_fee"] - sums.get("fee_reversed", 0),
        "disbursed": sums["disbursement_paid"],
        "refunded": sums["donation_refunded"],
    }
    for by in ("month", "category", "province"):
        answer = client.get(f"/api/v1/stats/flows?by={by}")
        assert answer.status_code == 200
        items = answer.json()["items"]
        assert sum(i["disbursed"] for i in items) == expect["disbursed"]
        if by == "month":  # one month, 8 net donations: nothing hidden
            assert [i["amount"] for i in items] == [expect["amount"]]
            assert [(i["fees"], i["refunded"]) for i in items] == [
                (expect["fees"], expect["refunded"])
            ]
    provinces = {i["key"]: i for i in client.get("/api/v1/stats/flows?by=province").json()["items"]}
    assert provinces["32"]["suppressed"]
    assert provinces["32"]["amount"] is None
    assert provinces["unknown"]["amount"] == 75_000
    assert provinces["73"]["donations"] == 3  # 4 settled, one reversed by the bank
    assert client.get("/api/v1/stats/flows?by=month&from=2000-01&to=2000-12").json()["items"] == []


def test_flows_monthly_totals_equal_the_ledger_and_a_cell_under_three_is_suppressed(client, books):
    body = client.get("/data/flows_monthly.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    by_region = {(r["province_code"], r["kabupaten_code"]): r for r in rows}
    assert by_region[("32", "32.01")]["suppressed"] == "true"
    assert by_region[("32", "32.01")]["amount"] == ""
    assert by_region[("73", "73.71")]["kabupaten_name"] == "Kota Makassar"
    assert by_region[("unknown", "")]["amount"] == "75000"
    total = defaultdict(int)
    for row in FlowMonth.objects.values("collected", "paid_out"):
        total["amount"] += row["collected"]
        total["disbursed"] += row["paid_out"]
    shown = sum(int(r["amount"]) for r in rows if r["amount"]) + 120_000  # Bogor, hidden
    assert shown == total["amount"]
    assert sum(int(r["disbursed"]) for r in rows) == total["disbursed"] == 50_000


def test_the_served_package_validates_and_the_export_is_byte_identical(client, books, tmp_path):
    from frictionless import Package

    call_command("open_data_export", str(tmp_path))
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    head = client.get("/transparency/log/head").json()
    for resource in package["resources"]:
        assert resource["log_head"]["root_hash"] == head["root_hash"]
    for path in tmp_path.iterdir():
        assert client.get(f"/data/{path.name}").content == path.read_bytes(), path.name
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_no_served_file_names_a_donor(client, books):
    page = client.get("/data/")
    assert page.status_code == 200
    assert "CC BY 4.0" in page.content.decode() or "Attribution 4.0" in page.content.decode()
    bodies = (
        [page.content.decode()]
        + [client.get(f"/data/{name}").content.decode() for name in file_names()]
        + [
            client.get(f"/api/v1/stats/flows?by={by}").content.decode()
            for by in ("month", "province")
        ]
    )
    people = [value for d in books["donations"] for value in (d.email, d.name, d.order_id)]
    for body in bodies:
        for value in people:
            assert value not in body


def test_bad_questions_get_the_api_error_shape(client, books):
    for query in ("by=kabupaten", "from=2026-13", "to=kemarin"):
        answer = client.get(f"/api/v1/stats/flows?{query}")
        assert answer.status_code == 422, query
        assert answer.json()["code"] == "invalid"
    assert client.get("/data/donations.csv").status_code == 404


def test_the_rebuild_restores_the_rollup_from_the_journal(books):
    before = sorted(FlowMonth.objects.values_list("month", "campaign_id", "collected", "fees"))
    FlowMonth.objects.all().delete()
    assert not ledger_verify().ok
    call_command("open_data_rebuild")
    assert (
        sorted(FlowMonth.objects.values_list("month", "campaign_id", "collected", "fees")) == before
    )
    assert ledger_verify().ok
