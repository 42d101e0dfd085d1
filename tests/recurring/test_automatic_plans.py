"""GoPay plans end to end through the service, the sandbox and its signed notifications: linked,
subscribed, charged once a period whatever arrives twice or late, paused after the retries
(with one email saying why), and stopped at the gateway by pause and cancel (decision 37)."""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core import mail

from gotong.audit.models import AuditEntry
from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation
from gotong.payments.sandbox.models import SandboxPayAccount, SandboxTransaction
from gotong.payments.sandbox.subscriptions import subscriptions_charge_due
from gotong.recurring.emails import plan_url
from gotong.recurring.models import Period, Plan, PlanCharge, PlanEmail, PlanMove
from gotong.recurring.transitions import PeriodStatus, PlanStatus
from tests.factories import CampaignFactory
from tests.recurring.automatic import (
    charge_undelivered,
    pay_by_card,
    redeliver,
    scripted_charge,
    start_card,
    start_gopay,
    subjects,
    subscription_of,
    tick,
)

pytestmark = pytest.mark.django_db(transaction=True)
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def campaign(time_machine, live_gateway):
    time_machine.move_to("2026-03-01 09:00:00+07:00", tick=False)
    return CampaignFactory(recurring_allowed=True, deadline=datetime.date(2027, 6, 30))


def told(plan: Plan) -> bool:
    """The gateway has heard of every move of the plan."""
    plan.refresh_from_db()
    return plan.gateway_told == plan.gateway_moves > 0


def periods(plan: Plan) -> list[tuple[str, str]]:
    return [(p.start.isoformat(), p.status) for p in Period.objects.filter(plan=plan)]


def test_a_gopay_plan_is_linked_subscribed_and_charged_once_a_period(campaign, time_machine):
    plan = start_gopay(campaign, amount=100_000, day=1)

    assert (plan.status, plan.payment_type, plan.next_due) == (
        PlanStatus.ACTIVE,
        "gopay",
        datetime.date(2026, 3, 1),
    )
    sub = subscription_of(plan)
    assert (sub.name, sub.amount, sub.payment_type, sub.gopay_account_id) == (
        f"GTG-R-{plan.pk}",
        100_000,
        "gopay",
        plan.pay_account_id,
    )
    assert (sub.interval, sub.interval_unit, sub.status) == (1, "month", "active")
    assert (sub.retry_interval, sub.retry_interval_unit, sub.retry_max_interval) == (1, "day", 2)
    # Its first day is today: a minute from now (07.00 WIB has passed).
    assert sub.start_time == datetime.datetime(2026, 3, 1, 9, 1, tzinfo=JAKARTA)
    assert sub.customer_details["email"] == "siti@contoh.id"
    [started] = mail.outbox
    assert "sudah berjalan" in started.subject
    assert "ditagih otomatis" in started.body
    assert plan_url(plan=plan) in started.body
    mail.outbox.clear()

    time_machine.move_to("2026-03-01 09:05:00+07:00", tick=False)
    assert tick()["charged"] == 1
    assert tick()["charged"] == 0  # the scheduler twice: one charge
    [first] = Donation.objects.filter(campaign=campaign)
    assert first.order_id.startswith(f"SUBS-GTG-R-{plan.pk}-")
    assert (first.status, first.amount, first.fee, first.payment_type) == (
        "settled",
        100_000,
        5_000,
        "gopay",
    )
    assert periods(plan) == [("2026-03-01", PeriodStatus.CHARGED)]
    assert Period.objects.get(plan=plan).donation == first
    assert [m.to for m in mail.outbox] == [["siti@contoh.id"]]  # the receipt
    campaign.refresh_from_db()
    assert (campaign.collected, campaign.donor_count) == (100_000, 1)

    time_machine.move_to("2026-03-29 08:00:00+07:00", tick=False)
    tick()
    tick()
    assert sum("akan ditagih" in s for s in subjects()) == 1  # the notice, 3 days before

    # The charge comes before the sweep has opened its period: the resolver opens it.
    time_machine.move_to("2026-04-01 09:05:00+07:00", tick=False)
    assert subscriptions_charge_due() == 1
    assert tick()["charged"] == 0
    assert periods(plan) == [
        ("2026-03-01", PeriodStatus.CHARGED),
        ("2026-04-01", PeriodStatus.CHARGED),
    ]
    assert Donation.objects.filter(campaign=campaign, status="settled").count() == 2
    assert PlanCharge.objects.filter(plan=plan).count() == 2
    assert ledger_verify().ok


def test_a_charge_reported_twice_or_twice_at_once_pays_its_period_once(
    campaign, time_machine, live_gateway
):
    plan = start_gopay(campaign)
    time_machine.move_to("2026-03-01 09:05:00+07:00", tick=False)
    txn = charge_undelivered(plan)
    assert not Donation.objects.exists()
    barrier = threading.Barrier(2)

    def deliver(_: int) -> str:
        barrier.wait()
        return redeliver(live_gateway, txn)

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(deliver, range(2)))
    assert outcomes == ["applied", "duplicate"]
    assert redeliver(live_gateway, txn) == "duplicate"

    assert PlanCharge.objects.count() == 1
    assert periods(plan) == [("2026-03-01", PeriodStatus.CHARGED)]
    assert Donation.objects.get().status == "settled"
    assert PlanMove.objects.filter(event="charge", applied=True).count() == 1
    assert ledger_verify().ok


def test_reports_out_of_order_still_pay_each_period_once(campaign, time_machine, live_gateway):
    plan = start_gopay(campaign)
    time_machine.move_to("2026-03-01 09:05:00+07:00", tick=False)
    denied = charge_undelivered(plan, "deny")  # the first try fails, its report is late
    time_machine.move_to("2026-03-02 09:05:00+07:00", tick=False)
    retried = charge_undelivered(plan)  # the retry succeeds, its report late too
    time_machine.move_to("2026-04-01 09:05:00+07:00", tick=False)
    # April's charge is reported at once, before the plans' sweep has run this month.
    assert subscriptions_charge_due() == 1

    assert periods(plan) == [
        ("2026-03-01", PeriodStatus.DUE),
        ("2026-04-01", PeriodStatus.CHARGED),
    ]
    assert redeliver(live_gateway, retried) == "applied"  # made on 2 March: March's period
    assert redeliver(live_gateway, denied) == "applied"  # after its retry: changes no period
    assert periods(plan) == [
        ("2026-03-01", PeriodStatus.CHARGED),
        ("2026-04-01", PeriodStatus.CHARGED),
    ]
    assert Period.objects.get(start="2026-03-01").donation.order_id == retried.order_id
    assert list(Donation.objects.order_by("pk").values_list("status", flat=True)) == [
        "settled",
        "settled",
        "failed",
    ]
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE
    assert not PlanEmail.objects.filter(kind="failed").exists()
    assert ledger_verify().ok


def test_a_charge_denied_after_every_retry_pauses_the_plan_and_tells_the_donor_once(
    campaign, time_machine, live_gateway, client
):
    plan = start_gopay(campaign)
    time_machine.move_to("2026-03-01 09:05:00+07:00", tick=False)
    mail.outbox.clear()
    scripted_charge(live_gateway, plan, "deny")
    assert periods(plan) == [("2026-03-01", PeriodStatus.FAILED)]
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE
    retry_at = subscription_of(plan).next_execution_at
    assert retry_at == datetime.datetime(2026, 3, 2, 9, 5, tzinfo=JAKARTA)  # a day later

    time_machine.move_to("2026-03-02 09:05:00+07:00", tick=False)
    scripted_charge(live_gateway, plan, "deny")
    time_machine.move_to("2026-03-03 09:05:00+07:00", tick=False)
    last = scripted_charge(live_gateway, plan, "deny")

    plan.refresh_from_db()
    assert plan.status == PlanStatus.PAUSED
    assert periods(plan) == [("2026-03-01", PeriodStatus.SKIPPED)]
    fail = PlanMove.objects.get(plan=plan, event="fail", period=None)
    assert (fail.applied, fail.from_status, fail.to_status) == (True, "active", "paused")
    assert fail.reason == "Subscription is inactive: the charge failed after every retry"
    audit = AuditEntry.objects.get(action="plan.fail")
    assert audit.actor is None
    assert audit.data["attempts"] == 3
    assert subscription_of(plan).status == "inactive"
    [email] = mail.outbox
    assert email.to == ["siti@contoh.id"]
    assert "dijeda" in email.subject
    assert "the charge failed after every retry" in email.body
    assert plan_url(plan=plan) in email.body

    txn = SandboxTransaction.objects.get(order_id=last["order_id"])
    assert redeliver(live_gateway, txn) == "duplicate"
    tick()
    tick()
    assert len(mail.outbox) == 1  # told once
    assert Donation.objects.filter(status="failed").count() == 3
    assert not Donation.objects.filter(status="settled").exists()

    # The donor resumes from the email's link: charged again from the next period on.
    path = plan_url(plan=plan).removeprefix(live_gateway.url)
    assert client.post(path, {"action": "resume"}).status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.next_due) == (PlanStatus.ACTIVE, datetime.date(2026, 4, 1))
    assert told(plan)
    sub = subscription_of(plan)
    assert sub.status == "active"
    assert sub.next_execution_at == datetime.datetime(2026, 4, 1, 7, 0, tzinfo=JAKARTA)
    assert ledger_verify().ok


def test_cancel_stops_the_subscription_at_once_and_nothing_more_is_charged(
    campaign, time_machine, live_gateway, client
):
    plan = start_gopay(campaign)
    time_machine.move_to("2026-03-01 09:05:00+07:00", tick=False)
    tick()
    path = plan_url(plan=plan).removeprefix(live_gateway.url)

    answer = client.post(path, {"action": "cancel"})  # one tap

    assert answer.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CANCELLED
    assert told(plan)
    assert subscription_of(plan).status == "inactive"
    account = SandboxPayAccount.objects.get(account_id=plan.pay_account_id)
    assert account.account_status == "DISABLED"  # the GoPay link is unbound too
    time_machine.move_to("2026-04-01 09:05:00+07:00", tick=False)
    assert tick()["charged"] == 0
    assert Donation.objects.count() == 1
    assert periods(plan) == [("2026-03-01", PeriodStatus.CHARGED)]


def test_a_cancel_the_gateway_missed_is_told_by_the_sweep(
    campaign, time_machine, live_gateway, settings
):
    from gotong.recurring.services import plan_donor_move

    plan = start_gopay(campaign)
    good = settings.MIDTRANS_API_BASE_URL
    settings.MIDTRANS_API_BASE_URL = "http://127.0.0.1:9"
    assert plan_donor_move(plan=plan, event="cancel").allowed  # the donor's tap still works
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CANCELLED
    assert not told(plan)
    assert subscription_of(plan).status == "active"

    settings.MIDTRANS_API_BASE_URL = good
    assert tick()["plans"]["gateway"] == 1
    assert subscription_of(plan).status == "inactive"
    assert told(plan)
    assert tick()["plans"]["gateway"] == 0


def test_pause_resume_and_change_reach_the_gateway(campaign, time_machine, client, live_gateway):
    plan = start_gopay(campaign, day=1)
    path = plan_url(plan=plan).removeprefix(live_gateway.url)
    time_machine.move_to("2026-03-05 10:00:00+07:00", tick=False)

    client.post(path, {"action": "pause"})
    assert subscription_of(plan).status == "inactive"
    client.post(path, {"action": "resume"})
    sub = subscription_of(plan)
    assert (sub.status, sub.next_execution_at) == (
        "active",
        datetime.datetime(2026, 4, 1, 7, 0, tzinfo=JAKARTA),
    )
    answer = client.post(path, {"action": "change", "amount": "150.000", "day": "15"})
    assert answer.status_code == 302
    sub = subscription_of(plan)
    assert (sub.amount, sub.next_execution_at) == (
        150_000,
        datetime.datetime(2026, 3, 15, 7, 0, tzinfo=JAKARTA),
    )
    plan.refresh_from_db()
    assert (plan.amount, plan.day, plan.next_due) == (150_000, 15, datetime.date(2026, 3, 15))
    # Nothing was charged on 1 March (the first try was never made): that period is skipped.
    assert periods(plan) == []


def test_a_declined_or_unanswered_link_cancels_the_plan(campaign, time_machine):
    declined = start_gopay(campaign, answer="decline")
    assert declined.status == PlanStatus.CANCELLED
    assert not declined.gateway_subscription_id

    waiting = start_gopay(campaign, answer="")
    approved_elsewhere = start_gopay(campaign, answer="")
    page = SandboxPayAccount.objects.get(account_id=approved_elsewhere.pay_account_id)
    link = f"/sandbox/midtrans/v2/gopay/redirect/gpar_{page.activation_token}/link"
    from django.conf import settings

    requests.post(settings.PUBLIC_BASE_URL + link, data={"decision": "approve"}, timeout=10)
    time_machine.move_to("2026-03-01 09:15:00+07:00", tick=False)
    assert tick()["plans"]["linking"] == 1  # the donor never came back: the sweep asks
    assert Plan.objects.get(pk=approved_elsewhere.pk).status == PlanStatus.ACTIVE
    assert Plan.objects.get(pk=waiting.pk).status == PlanStatus.PENDING
    time_machine.move_to("2026-03-02 09:15:00+07:00", tick=False)
    tick()
    assert Plan.objects.get(pk=waiting.pk).status == PlanStatus.CANCELLED
    [charge] = PlanCharge.objects.all()  # only the linked plan is charged
    assert charge.plan_id == approved_elsewhere.pk


def test_signals_a_dead_worker_lost_are_caught_up_by_the_sweep(
    campaign, time_machine, live_gateway
):
    from gotong.payments.signals import donation_settled, subscription_charge_reported
    from gotong.recurring.charges import charge_reported_receive
    from gotong.recurring.services import period_settled_receive

    settled = start_gopay(campaign, email="a@contoh.id")
    failing = start_gopay(campaign, email="b@contoh.id")
    time_machine.move_to("2026-03-01 09:05:00+07:00", tick=False)
    donation_settled.disconnect(dispatch_uid="recurring.period-paid")
    subscription_charge_reported.disconnect(dispatch_uid="recurring.charge-reported")
    try:
        scripted_charge(live_gateway, settled)
        for day in (1, 2, 3):
            time_machine.move_to(f"2026-03-0{day} 09:05:00+07:00", tick=False)
            scripted_charge(live_gateway, failing, "deny")
    finally:
        donation_settled.connect(period_settled_receive, dispatch_uid="recurring.period-paid")
        subscription_charge_reported.connect(
            charge_reported_receive, dispatch_uid="recurring.charge-reported"
        )
    assert periods(settled) == [("2026-03-01", PeriodStatus.DUE)]
    assert periods(failing) == [("2026-03-01", PeriodStatus.DUE)]
    mail.outbox.clear()

    assert tick()["plans"]["charges"] == 2
    assert tick()["plans"]["charges"] == 0

    assert periods(settled) == [("2026-03-01", PeriodStatus.CHARGED)]
    assert periods(failing) == [("2026-03-01", PeriodStatus.SKIPPED)]
    assert Plan.objects.get(pk=failing.pk).status == PlanStatus.PAUSED
    assert [m.to for m in mail.outbox] == [["b@contoh.id"]]  # why it was paused, once
    assert ledger_verify().ok


def test_the_form_starts_a_gopay_plan_and_the_way_back_activates_it(campaign, client, live_gateway):
    url = f"/kampanye/{campaign.slug}/donasi-rutin/"
    form = {
        "cadence": "monthly",
        "month_day": "1",
        "weekday": "4",
        "amount": "100.000",
        "name": "Siti Rahma",
        "email": "siti@contoh.id",
        "kind": "gopay",
        "payment_method": "midtrans",
    }
    page = client.get(url)
    assert b'data-testid="kind-gopay"' in page.content
    assert b"segera hadir" not in page.content

    refused = client.post(url, form | {"phone": "12345"})
    assert refused.status_code == 422
    assert "nomor HP yang terdaftar di GoPay" in refused.content.decode()
    assert not Plan.objects.exists()

    answer = client.post(url, form | {"phone": "0812-3456-7890"})
    assert answer.status_code == 302
    assert "/sandbox/midtrans/v2/gopay/redirect/gpar_" in answer["Location"]
    plan = Plan.objects.get()
    assert (plan.method, plan.status, plan.payment_type) == ("automatic", "pending", "gopay")
    account = SandboxPayAccount.objects.get(account_id=plan.pay_account_id)
    assert account.phone_number == "81234567890"
    back = account.redirect_url.removeprefix(live_gateway.url)

    waiting = client.get(back, follow=True)
    assert "belum disetujui" in waiting.content.decode()
    requests.post(answer["Location"], data={"decision": "approve"}, timeout=10)
    linked = client.get(back, follow=True)
    assert "GoPay terhubung" in linked.content.decode()
    assert linked.redirect_chain[-1][0].startswith(f"/donasi-rutin/{plan.pk}/?kunci=")
    assert Plan.objects.get().status == PlanStatus.ACTIVE
    assert client.get(back.replace("kunci=", "kunci=x")).status_code == 404


def test_a_card_plan_pays_its_first_period_keeps_the_card_and_charges_it_after(
    campaign, time_machine
):
    plan, payment_url = start_card(campaign, day=15)
    assert plan.status == PlanStatus.PENDING
    first = SandboxTransaction.objects.get()
    assert (first.enabled_payments, first.save_card) == (["credit_card"], True)
    page = requests.get(payment_url, timeout=10).text
    assert 'data-testid="method-credit_card"' in page
    assert 'data-testid="method-qris"' not in page  # card only

    pay_by_card(payment_url)

    plan.refresh_from_db()
    assert (plan.status, plan.next_due) == (PlanStatus.ACTIVE, datetime.date(2026, 3, 15))
    assert periods(plan) == [("2026-03-01", PeriodStatus.PAID)]
    first.refresh_from_db()
    assert first.saved_token_id.startswith("481111")
    sub = subscription_of(plan)
    assert (sub.payment_type, sub.token, sub.gopay_account_id) == (
        "credit_card",
        first.saved_token_id,
        "",
    )
    assert sub.next_execution_at == datetime.datetime(2026, 3, 15, 7, 0, tzinfo=JAKARTA)
    started = [m for m in mail.outbox if "sudah berjalan" in m.subject]
    assert len(started) == 1
    assert "Kartu kredit/debit Anda ditagih otomatis" in started[0].body

    time_machine.move_to("2026-03-15 09:00:00+07:00", tick=False)
    assert tick()["charged"] == 1
    assert periods(plan) == [
        ("2026-03-01", PeriodStatus.PAID),
        ("2026-03-15", PeriodStatus.CHARGED),
    ]
    assert list(Donation.objects.values_list("status", "payment_type")) == [
        ("settled", "credit_card"),
        ("settled", "credit_card"),
    ]
    assert ledger_verify().ok


def test_a_one_off_payment_page_offers_no_card(campaign, client):
    url = f"/kampanye/{campaign.slug}/donasi/"
    answer = client.post(
        url, {"amount": "50000", "name": "Ani", "email": "", "payment_method": "midtrans"}
    )
    assert answer.status_code == 302, answer.content[:500]
    page = requests.get(answer["Location"], timeout=10).text
    assert 'data-testid="method-qris"' in page
    assert 'data-testid="method-credit_card"' not in page


def test_the_api_starts_a_gopay_plan(campaign, client):
    url = f"/api/v1/campaigns/{campaign.slug}/plans"
    body = {
        "amount": 100_000,
        "cadence": "weekly",
        "day": 4,
        "name": "Siti",
        "email": "siti@contoh.id",
        "method": "automatic",
        "payment_method": "gopay",
    }
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 422
    assert "phone" in refused.json()["errors"]

    answer = client.post(
        url, body | {"phone": "+62 812 3456 7890"}, content_type="application/json"
    )
    assert answer.status_code == 201
    data = answer.json()
    assert data["status"] == "pending"
    assert "/v2/gopay/redirect/gpar_" in data["payment_url"]
    assert data["next_due"] == "2026-03-06"  # the first Friday
