"""A settlement is sealed within seconds, not at the scheduler's next tick: its commit queues one
seal LOG_SEAL_DELAY_SECONDS later, which every settlement of the same burst joins, and the
worker runs it when it is due. Two seals running at once still make one consistent log."""

from __future__ import annotations

import datetime
import itertools
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gotong.donations import services as donation_services
from gotong.donations.transitions import DonationEvent
from gotong.ledger.models import JournalEntry
from gotong.payments.services import donation_report_apply_locked
from gotong.receipts.selectors import ReceiptClaim, receipt_verify
from gotong.transparency import merkle
from gotong.transparency.models import LogLeaf, TreeHead
from gotong.transparency.tasks import seal_log_requested
from tests import midtrans
from tests.factories import CampaignFactory, DonationFactory
from tests.transparency.helpers import at_once, settle, stored_leaf_hashes
from tests.transparency.test_seal import consistent

pytestmark = pytest.mark.django_db(transaction=True)

DELAY = 2
SEAL_TASK = "gotong.transparency.tasks.seal_log_requested"


@pytest.fixture
def queue(settings):
    """The database task queue production uses, with a short delay."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LOG_SEAL_DELAY_SECONDS = DELAY


def worker_run() -> None:
    """What `manage.py db_worker` does, until nothing due is left."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def notify_paid(client, donation) -> None:
    payload = midtrans.notification(donation.order_id, donation.amount, "settlement")
    response = client.post(
        "/payments/midtrans/notification",
        data=midtrans.body(payload),
        content_type="application/json",
    )
    assert response.json()["outcome"] == "applied"


def test_a_burst_of_settlements_is_sealed_by_one_task_once_it_is_due(client, queue):
    campaign = CampaignFactory()
    donations = [DonationFactory(campaign=campaign, amount=10_000 * (i + 1)) for i in range(5)]
    before = timezone.now()
    for donation in donations:
        notify_paid(client, donation)

    [queued] = DBTaskResult.objects.filter(task_path=SEAL_TASK)
    assert queued.status == "READY"
    due = datetime.timedelta(seconds=DELAY)
    assert before + due <= queued.run_after <= timezone.now() + due

    worker_run()  # not due yet: the receipt emails go, the seal waits
    assert not LogLeaf.objects.exists()
    claim = ReceiptClaim(order_id=donations[0].order_id, amount=10_000)
    assert receipt_verify(claim=claim).awaiting_seal

    time.sleep(max(0.0, (queued.run_after - timezone.now()).total_seconds()) + 0.1)
    worker_run()

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert LogLeaf.objects.count() == JournalEntry.objects.count() > 5
    for donation in donations:
        result = receipt_verify(claim=ReceiptClaim(order_id=donation.order_id))
        assert result.ok, result.checks
    head = TreeHead.objects.order_by("-id").first()
    assert head is not None
    assert (timezone.now() - head.created_at).total_seconds() < 60


def test_a_settlement_after_the_seal_started_queues_the_next_one(client, queue):
    notify_paid(client, DonationFactory())
    seal_log_requested.call()  # the worker picked up the queued seal
    notify_paid(client, DonationFactory())
    assert DBTaskResult.objects.filter(task_path=SEAL_TASK).count() == 2


def test_a_rolled_back_settlement_queues_nothing(queue):
    donation = DonationFactory()

    def settle_then_fail() -> None:
        with transaction.atomic():
            locked = donation_services.donation_lock(pk=donation.pk)
            assert locked is not None
            donation_report_apply_locked(
                donation=locked, report=donation_services.GatewayReport(event=DonationEvent.PAID)
            )
            raise RuntimeError("the request failed after the move")

    with pytest.raises(RuntimeError):
        settle_then_fail()
    assert not DBTaskResult.objects.exists()


def test_with_the_immediate_backend_a_settlement_is_sealed_at_once():
    donation = DonationFactory()
    settle(donation)
    assert receipt_verify(claim=ReceiptClaim(order_id=donation.order_id)).ok


def test_two_requested_seals_at_once_make_one_consistent_log(queue):
    campaign = CampaignFactory()
    for i in range(40):
        settle(DonationFactory(campaign=campaign, amount=10_000 + i))
    entries = JournalEntry.objects.count()
    errors = at_once(seal_log_requested.call)

    assert errors == []
    rows = list(LogLeaf.objects.order_by("leaf_index").values_list("leaf_index", "entry_id"))
    assert [index for index, _ in rows] == list(range(entries))
    assert len({entry for _, entry in rows}) == entries
    heads = list(TreeHead.objects.order_by("id"))
    assert len(heads) == 1  # the second seal found nothing left and signed nothing
    assert heads[0].tree_size == entries
    assert heads[0].root_hash == merkle.root_hash(stored_leaf_hashes()).hex()
    for old, new in itertools.pairwise(heads):
        assert consistent(old, new)
