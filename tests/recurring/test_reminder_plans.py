"""A reminder plan from start to cancel: the first period paid through the normal donation
flow, each later one reminded with a signed payment link, reminded again after 3 days,
skipped after 6 with nothing booked; the donor's own page by its signed link."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command

from gotong.audit.models import AuditEntry
from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.donations.models import Donation
from gotong.recurring.emails import plan_url
from gotong.recurring.models import Period, Plan, PlanEmail
from gotong.recurring.sweep import plans_sweep
from gotong.recurring.transitions import PeriodStatus, PlanStatus
from tests.campaigns.test_lifecycle import form_data
from tests.factories import CampaignFactory
from tests.recurring.helpers import pay_links, settle, start

pytestmark = pytest.mark.django_db(transaction=True)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url.strip())


@pytest.fixture
def campaign(time_machine):
    time_machine.move_to("2026-03-01 09:00:00+07:00", tick=False)
    return CampaignFactory(recurring_allowed=True, deadline=datetime.date(2027, 6, 30))


def test_a_monthly_plan_is_reminded_paid_reminded_again_and_skipped(
    campaign, client, time_machine, capsys
):
    plan = start(campaign, amount=50_000, day=1)
    assert plan.status == PlanStatus.PENDING
    first = Period.objects.get(plan=plan)
    assert first.start == datetime.date(2026, 3, 1)
    assert first.donation is not None
    settle(first.donation)
    plan.refresh_from_db()
    first.refresh_from_db()
    assert (plan.status, first.status) == (PlanStatus.ACTIVE, PeriodStatus.PAID)
    assert plan.next_due == datetime.date(2026, 4, 1)
    started = [m for m in mail.outbox if "sudah berjalan" in m.subject]
    assert len(started) == 1
    assert plan_url(plan=plan) in started[0].body
    mail.outbox.clear()

    time_machine.move_to("2026-04-01 06:00:00+07:00", tick=False)
    plans_sweep()
    plans_sweep()  # a second tick changes nothing
    second = Period.objects.get(plan=plan, start="2026-04-01")
    assert second.status == PeriodStatus.REMINDED
    [link] = pay_links()
    assert "https://wa.me/?text=" in mail.outbox[0].body
    assert client.get(path_of(link)).status_code == 200
    answer = client.post(path_of(link))
    assert answer.status_code == 302
    second.refresh_from_db()
    again = client.post(path_of(link))  # a second tap reuses the pending gift
    assert again.status_code == 302
    assert again["Location"] == answer["Location"]
    assert Donation.objects.filter(campaign=campaign).count() == 2
    settle(second.donation)
    second.refresh_from_db()
    assert second.status == PeriodStatus.PAID
    assert client.post(path_of(link)).status_code == 409  # paid: no second gift

    mail.outbox.clear()
    time_machine.move_to("2026-05-01 06:00:00+07:00", tick=False)
    plans_sweep()
    time_machine.move_to("2026-05-04 06:00:00+07:00", tick=False)
    plans_sweep()
    third = Period.objects.get(plan=plan, start="2026-05-01")
    assert third.status == PeriodStatus.REMINDED_AGAIN
    assert [m.subject.startswith("Pengingat kedua") for m in mail.outbox] == [False, True]
    time_machine.move_to("2026-05-07 06:00:00+07:00", tick=False)
    plans_sweep()
    third.refresh_from_db()
    assert third.status == PeriodStatus.SKIPPED
    assert third.donation is None
    assert AuditEntry.objects.filter(action="plan.period_skip", actor=None).count() == 1
    campaign.refresh_from_db()
    assert campaign.donor_count == 2
    call_command("verify_ledger")
    assert "ledger OK" in capsys.readouterr().out


def test_the_donor_pauses_resumes_changes_and_cancels_from_the_signed_link(campaign, client):
    plan = start(campaign)
    settle(Period.objects.get(plan=plan).donation)
    url = path_of(plan_url(plan=plan))
    assert client.get(url.split("?")[0] + "?kunci=salah").status_code == 404
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    client.post(url, {"action": "pause"})
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.PAUSED
    client.post(url, {"action": "resume"})
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE
    client.post(url, {"action": "change", "amount": "75.000", "day": "15"})
    plan.refresh_from_db()
    assert (plan.amount, plan.day, plan.next_due) == (75_000, 15, datetime.date(2026, 3, 15))
    refused = client.post(url, {"action": "change", "amount": "5", "day": "15"})
    assert refused.status_code == 422
    assert Plan.objects.get(pk=plan.pk).amount == 75_000
    assert client.post(url, {"action": "cancel"}).status_code == 302  # one tap
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CANCELLED
    client.post(url, {"action": "resume"})  # refused, recorded, never a 500
    assert plan.moves.filter(event="resume", applied=False).count() == 1
    statement = client.get(path_of(plan_url(plan=plan)).replace("/?", "/laporan-2026.pdf?"))
    assert statement.status_code == 200
    assert statement.content.startswith(b"%PDF")


def test_plans_end_with_their_campaign(campaign, time_machine):
    plan = start(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED)
    assert plans_sweep()["ended"] == 1
    assert plans_sweep()["ended"] == 0
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ENDED
    assert AuditEntry.objects.filter(action="plan.end", actor=None).count() == 1


def test_a_campaign_without_recurring_refuses_plans(client):
    campaign = CampaignFactory()
    assert client.get(f"/kampanye/{campaign.slug}/donasi-rutin/").status_code == 404
    answer = client.post(
        f"/api/v1/campaigns/{campaign.slug}/plans",
        {
            "amount": 50_000,
            "cadence": "monthly",
            "day": 1,
            "name": "Siti",
            "email": "s@contoh.id",
            "payment_method": "transfer",
        },
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid"
    assert not Plan.objects.exists()


def test_the_api_starts_a_plan_and_explains_bad_input(campaign, client):
    url = f"/api/v1/campaigns/{campaign.slug}/plans"
    body = {
        "amount": 50_000,
        "cadence": "weekly",
        "day": 4,
        "name": "Siti",
        "email": "",
        "payment_method": "transfer",
    }
    bad = client.post(url, body | {"day": 9}, content_type="application/json")
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"email", "day"}
    good = client.post(url, body | {"email": "siti@contoh.id"}, content_type="application/json")
    assert good.status_code == 201, good.content
    data = good.json()
    assert data["status"] == "pending"
    assert data["next_due"] == "2026-03-06"
    assert PlanEmail.objects.count() == 0
    assert "/api/v1/campaigns/{slug}/plans" in client.get("/api/v1/openapi.json").json()["paths"]


def test_the_dashboard_counts_active_plans_and_their_monthly_promise(campaign, client):
    for amount, cadence, day in [(10_000, "weekly", 4), (50_000, "monthly", 1)]:
        plan = start(campaign, amount=amount, cadence=cadence, day=day)
        settle(Period.objects.get(plan=plan).donation)
    client.force_login(campaign.owner)
    page = client.get("/dasbor/").content.decode()
    assert "2 donatur rutin aktif" in page
    assert "Rp 93.333 per bulan" in page
    assert "2 donatur rutin" in client.get(campaign.get_absolute_url()).content.decode()


def test_the_campaigner_chooses_recurring_on_the_campaign_form(client):
    owner = CampaignFactory().owner
    client.force_login(owner)
    assert "Menerima donasi rutin" in client.get("/galang-dana/baru/").content.decode()
    client.post("/galang-dana/baru/", form_data(title="Sedekah Jumat untuk panti asuhan"))
    client.post("/galang-dana/baru/", form_data(recurring_allowed="on"))
    off, on = Campaign.objects.filter(owner=owner, status=CampaignStatus.DRAFT).order_by("pk")
    assert (off.recurring_allowed, on.recurring_allowed) == (False, True)


def test_an_automatic_plan_gets_one_notice_three_days_before_its_charge(campaign, time_machine):
    plan = Plan.objects.create(
        campaign=campaign,
        amount=100_000,
        cadence="monthly",
        day=4,
        name="Siti",
        email="siti@contoh.id",
        method="automatic",
        status=PlanStatus.ACTIVE,
        next_due=datetime.date(2026, 3, 4),
    )
    assert plans_sweep()["notices"] == 1  # 1 March: the charge of the 4th is 3 days away
    assert plans_sweep()["notices"] == 0
    [notice] = mail.outbox
    assert "ditagih dalam 3 hari" in notice.subject
    assert plan_url(plan=plan) in notice.body
    assert not Period.objects.exists()  # charges come from the gateway, not from reminders
