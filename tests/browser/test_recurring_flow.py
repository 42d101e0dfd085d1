"""A donor starts a monthly QRIS plan at 390 px, pays its first period in the sandbox, a month
later pays the second from the reminder's link, then cancels from the plan link."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from gotong.recurring.emails import plan_url
from gotong.recurring.models import Plan
from gotong.recurring.sweep import plans_sweep
from gotong.recurring.transitions import PeriodStatus, PlanStatus
from tests.factories import CampaignFactory
from tests.recurring.helpers import pay_links

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pay_in_sandbox(page, shot, name: str) -> None:
    expect(page).to_have_url(re.compile(r"/sandbox/midtrans/pay/[0-9a-f-]{36}/$"))
    page.get_by_test_id("method-qris").click()
    page.get_by_test_id("pay-now").click()
    expect(page.get_by_test_id("result")).to_have_attribute("data-status", "settlement")
    shot(page, name)


def test_monthly_qris_plan_paid_twice_then_cancelled(page, shot, time_machine):
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
    page.get_by_test_id("method-midtrans").click()
    shot(page, "plan-form")
    page.get_by_test_id("plan-start").click()
    pay_in_sandbox(page, shot, "plan-first-period-paid")
    plan = Plan.objects.get()
    expect_status = lambda: Plan.objects.get(pk=plan.pk).status  # noqa: E731
    assert expect_status() == PlanStatus.ACTIVE

    time_machine.move_to("2026-04-01 07:00:00+07:00", tick=True)
    mail.outbox.clear()
    plans_sweep()
    [link] = pay_links()
    page.goto(link)
    shot(page, "plan-pay-link")
    page.get_by_test_id("period-pay").click()
    pay_in_sandbox(page, shot, "plan-second-period-paid")
    assert plan.periods.get(start="2026-04-01").status == PeriodStatus.PAID

    page.goto(plan_url(plan=plan))
    expect(page.get_by_test_id("period")).to_have_count(2)
    shot(page, "plan-page")
    page.get_by_test_id("plan-cancel").click()  # one tap
    expect(page.get_by_test_id("plan-status")).to_have_text("Dibatalkan")
    shot(page, "plan-cancelled")
    assert expect_status() == PlanStatus.CANCELLED
