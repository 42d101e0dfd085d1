"""A donor starts Rp 100.000 a month by GoPay at 390 px, approves the link on the sandbox's
GoPay page, the first charge settles, a month later the second settles by itself, and the
donor cancels from the link in an email: no third charge (decision 37)."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from gotong.donations.models import Donation
from gotong.payments.sandbox.models import SandboxSubscription
from gotong.recurring.models import Plan
from gotong.recurring.transitions import PeriodStatus, PlanStatus
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scheduler_tick() -> None:
    """One tick of the scheduler (every task of settings.SCHEDULER_TASKS, the sandbox's
    charges among them), run at once by the test task backend."""
    call_command("scheduler", "--once", stdout=io.StringIO())


def plan_link(message) -> str:
    [link] = re.findall(r"https?://\S+/donasi-rutin/\d+/\?kunci=\S+", message.body)
    return link


def test_a_monthly_gopay_plan_charges_itself_until_cancelled(page, shot, time_machine):
    time_machine.move_to("2026-03-01 09:00:00+07:00", tick=True)
    campaign = CampaignFactory(
        recurring_allowed=True, target=50_000_000, deadline=datetime.date(2026, 12, 31)
    )
    page.goto(f"/kampanye/{campaign.slug}/")
    page.get_by_test_id("plan-button").click()
    page.get_by_test_id("cadence-monthly").click()
    page.get_by_label("Tanggal (tiap bulan)").select_option("1")
    page.get_by_label("Nominal tiap kali (Rp)").fill("100.000")
    page.get_by_label("Nama", exact=True).fill("Siti Aminah")
    page.get_by_label("Email (untuk pengingat dan tautan kelola)").fill("siti@contoh.id")
    page.get_by_test_id("kind-gopay").click()
    expect(page.get_by_test_id("method-midtrans")).to_be_hidden()  # only for reminders
    page.get_by_label("Nomor HP GoPay").fill("0812 3456 7890")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "plan-form-gopay", full_page=True)
    page.get_by_test_id("plan-start").click()

    expect(page).to_have_url(
        re.compile(r"/sandbox/midtrans/v2/gopay/redirect/gpar_[0-9a-f-]+/link")
    )
    expect(page.get_by_test_id("phone")).to_have_text("+62 812•••890")
    shot(page, "gopay-link-request")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("result")).to_have_attribute("data-status", "ENABLED")
    page.get_by_test_id("back-to-merchant").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Aktif")
    expect(page.locator(".messages")).to_contain_text("GoPay terhubung")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "plan-active", full_page=True)
    plan = Plan.objects.get()
    assert (plan.method, plan.status) == ("automatic", PlanStatus.ACTIVE)

    time_machine.move_to("2026-03-01 09:05:00+07:00", tick=True)
    scheduler_tick()  # the first charge, a minute after the plan started
    page.reload()
    expect(page.get_by_test_id("period")).to_have_count(1)
    expect(page.get_by_test_id("period")).to_contain_text("Ditagih otomatis")
    shot(page, "plan-first-charge", full_page=True)
    first = Donation.objects.get()
    assert (first.status, first.amount, first.payment_type) == ("settled", 100_000, "gopay")

    mail.outbox.clear()
    time_machine.move_to("2026-03-29 08:00:00+07:00", tick=True)
    scheduler_tick()
    [notice] = [m for m in mail.outbox if "akan ditagih" in m.subject]
    time_machine.move_to("2026-04-01 09:05:00+07:00", tick=True)
    scheduler_tick()  # the second charge: nobody did anything
    assert [p.status for p in plan.periods.all()] == [PeriodStatus.CHARGED] * 2
    assert Donation.objects.filter(status="settled").count() == 2

    page.goto(plan_link(notice))
    expect(page.get_by_test_id("period")).to_have_count(2)
    page.get_by_test_id("plan-cancel").click()  # one tap
    expect(page.get_by_test_id("plan-status")).to_have_text("Dibatalkan")
    shot(page, "plan-cancelled", full_page=True)
    sub = SandboxSubscription.objects.get(subscription_id=plan.gateway_subscription_id)
    assert sub.status == "inactive"

    time_machine.move_to("2026-05-01 09:05:00+07:00", tick=True)
    scheduler_tick()
    assert Donation.objects.count() == 2  # no third charge
    assert not plan.periods.filter(start="2026-05-01").exists()
    out = io.StringIO()
    call_command("verify_ledger", stdout=out)
    assert "ledger OK" in out.getvalue()


def test_a_card_plan_pays_its_first_period_by_card_and_keeps_it(page, shot, time_machine):
    time_machine.move_to("2026-03-01 09:00:00+07:00", tick=True)
    campaign = CampaignFactory(
        recurring_allowed=True, target=50_000_000, deadline=datetime.date(2026, 12, 31)
    )
    page.goto(f"/kampanye/{campaign.slug}/donasi-rutin/")
    page.get_by_test_id("cadence-monthly").click()
    page.get_by_label("Tanggal (tiap bulan)").select_option("15")
    page.get_by_label("Nominal tiap kali (Rp)").fill("50.000")
    page.get_by_label("Nama", exact=True).fill("Budi Santoso")
    page.get_by_label("Email (untuk pengingat dan tautan kelola)").fill("budi@contoh.id")
    page.get_by_test_id("kind-credit_card").click()
    expect(page.get_by_label("Nomor HP GoPay")).to_be_hidden()
    shot(page, "plan-form-card")
    page.get_by_test_id("plan-start").click()

    expect(page).to_have_url(re.compile(r"/sandbox/midtrans/pay/[0-9a-f-]{36}/$"))
    expect(page.get_by_test_id("method-qris")).to_have_count(0)  # cards only
    page.get_by_test_id("method-credit_card").click()
    expect(page.get_by_test_id("card-number")).to_have_text("481111-1114")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "card-payment")
    page.get_by_test_id("pay-now").click()
    expect(page.get_by_test_id("result")).to_have_attribute("data-status", "settlement")

    plan = Plan.objects.get()
    assert plan.status == PlanStatus.ACTIVE
    sub = SandboxSubscription.objects.get(subscription_id=plan.gateway_subscription_id)
    assert (sub.payment_type, sub.amount) == ("credit_card", 50_000)
    [started] = [m for m in mail.outbox if "sudah berjalan" in m.subject]
    page.goto(plan_link(started))
    expect(page.get_by_test_id("plan-method")).to_contain_text("Kartu kredit/debit")
    expect(page.get_by_test_id("period")).to_contain_text("Dibayar")
    shot(page, "card-plan-page", full_page=True)
