"""Writes for donations: create a pending donation, settle it, fail it.

Settlement is the only place where money enters a campaign: it locks the donation, moves the
campaign's stored counters with F() and writes the balanced ledger entry, all in one
transaction. Lock order for every writer: donation row → ledger accounts by id → campaign row.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import Enum
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.core.i18n import language_current
from gotong.core.money import rupiah
from gotong.donations.fees import fee_for
from gotong.donations.models import Donation, DonationStatus
from gotong.ledger import memos
from gotong.ledger.models import EntryKind
from gotong.ledger.services import Leg, campaign_accounts_locked, entry_record
from gotong.notifications.tasks import send_receipt_email

MESSAGE_MAX_LENGTH = 500
NAME_MAX_LENGTH = 80


def order_id_generate(*, campaign: Campaign) -> str:
    """`GTG-<campaign id>-<random>`: unique, ≤ 50 chars of Midtrans' allowed alphabet."""
    return f"GTG-{campaign.pk}-{secrets.token_hex(8).upper()}"


def donation_validate(
    *, campaign: Campaign, amount: int, name: str, email: str, message: str
) -> None:
    """Raise ValidationError with per-field Indonesian messages; changes nothing."""
    errors: dict[str, str] = {}
    if not campaign.is_accepting_donations:
        errors["__all__"] = _("Kampanye ini tidak sedang menerima donasi.")
    if amount < settings.DONATION_MIN_AMOUNT:
        errors["amount"] = _("Donasi minimal %(min)s.") % {
            "min": rupiah(settings.DONATION_MIN_AMOUNT)
        }
    elif amount > settings.DONATION_MAX_AMOUNT:
        errors["amount"] = _("Donasi maksimal %(max)s.") % {
            "max": rupiah(settings.DONATION_MAX_AMOUNT)
        }
    if not name.strip():
        errors["name"] = _("Nama wajib diisi (boleh disembunyikan).")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("Nama paling panjang %(n)d karakter.") % {"n": NAME_MAX_LENGTH}
    if len(message) > MESSAGE_MAX_LENGTH:
        errors["message"] = _("Doa dan dukungan paling panjang %(n)d karakter.") % {
            "n": MESSAGE_MAX_LENGTH
        }
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Alamat email tidak valid.")
    if errors:
        raise ValidationError(errors)


def donation_create(
    *,
    campaign: Campaign,
    amount: int,
    name: str,
    email: str = "",
    is_anonymous: bool = False,
    message: str = "",
    donor: User | None = None,
    referrer: User | None = None,
) -> Donation:
    """Create a pending donation. The gateway transaction is created after this commits.

    `referrer` is the person whose fundraiser link brought the donor (gotong.referrals); it is
    dropped when the donor is that person, signed in or giving their email (decision 13). The
    active language is recorded: the donor's emails and return page are in it (decision 15).
    """
    name, email, message = name.strip(), email.strip().lower(), message.strip()
    donation_validate(campaign=campaign, amount=amount, name=name, email=email, message=message)
    if donor is not None and not donor.is_authenticated:
        donor = None
    if referrer is not None and _is_self_referral(referrer=referrer, donor=donor, email=email):
        referrer = None
    with transaction.atomic():
        return Donation.objects.create(
            order_id=order_id_generate(campaign=campaign),
            campaign=campaign,
            amount=amount,
            name=name,
            email=email,
            is_anonymous=is_anonymous,
            message=message,
            donor=donor,
            referrer=referrer,
            language=language_current(),
        )


def _is_self_referral(*, referrer: User, donor: User | None, email: str) -> bool:
    if donor is not None and donor.pk == referrer.pk:
        return True
    return bool(email) and email == referrer.email.lower()


def donation_payment_attach(*, donation: Donation, token: str, payment_url: str) -> None:
    with transaction.atomic():
        Donation.objects.filter(pk=donation.pk).update(payment_token=token, payment_url=payment_url)
    donation.payment_token, donation.payment_url = token, payment_url


class Transition(Enum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"


@dataclass(frozen=True)
class GatewayReport:
    """What a gateway said about one order, already verified (signature, amount)."""

    transaction_status: str
    payment_type: str = ""
    transaction_id: str = ""


def donation_settle_locked(*, donation: Donation, report: GatewayReport) -> Transition:
    """Settle a donation whose row the caller holds locked, inside the caller's transaction.

    Books the donation in full (clearing → campaign funds), then the platform fee as its own
    entry (campaign funds → platform fees), then moves the campaign's counters. A donor who
    gave an email address is sent the receipt after commit.
    """
    if donation.status == DonationStatus.SETTLED:
        return Transition.DUPLICATE
    now = timezone.now()
    category = Campaign.objects.values_list("category", flat=True).get(pk=donation.campaign_id)
    fee = fee_for(amount=donation.amount, category=category)
    Donation.objects.filter(pk=donation.pk).update(
        status=DonationStatus.SETTLED,
        gateway_status=report.transaction_status,
        payment_type=report.payment_type or donation.payment_type,
        gateway_transaction_id=report.transaction_id or donation.gateway_transaction_id,
        settled_at=now,
        fee=fee,
    )
    accounts = campaign_accounts_locked(campaign_id=donation.campaign_id, with_fees=fee > 0)
    entry_record(
        kind=EntryKind.DONATION_SETTLED,
        memo=f"Donasi {donation.order_id}",
        idempotency_key=f"donation:{donation.order_id}:settled",
        legs=[
            Leg(account=accounts["clearing"], amount=donation.amount),
            Leg(account=accounts["funds"], amount=-donation.amount),
        ],
        campaign_id=donation.campaign_id,
        donation_id=donation.pk,
    )
    if fee > 0:
        entry_record(
            kind=EntryKind.PLATFORM_FEE,
            memo=f"Biaya platform donasi {donation.order_id}",
            idempotency_key=f"donation:{donation.order_id}:fee",
            legs=[
                Leg(account=accounts["funds"], amount=fee),
                Leg(account=accounts["fees"], amount=-fee),
            ],
            campaign_id=donation.campaign_id,
            donation_id=donation.pk,
        )
    # The campaign row is the hottest lock (every donation to it waits here), so it is taken
    # last, just before commit.
    Campaign.objects.filter(pk=donation.campaign_id).update(
        collected=F("collected") + donation.amount,
        donor_count=F("donor_count") + 1,
        fees=F("fees") + fee,
    )
    donation.status, donation.settled_at, donation.fee = DonationStatus.SETTLED, now, fee
    if donation.email:
        # Only once this settlement is committed; a rollback discards it. The task sends at
        # most once per donation (notifications.services.receipt_email_send).
        transaction.on_commit(
            partial(send_receipt_email.enqueue, donation_id=donation.pk), robust=True
        )
    return Transition.APPLIED


def donation_settle(*, donation: Donation, report: GatewayReport) -> Transition:
    """Lock and settle a donation in its own transaction (for callers that hold no lock)."""
    with transaction.atomic():
        locked = Donation.objects.select_for_update().get(pk=donation.pk)
        return donation_settle_locked(donation=locked, report=report)


def donation_refund_record(*, donation_id: int) -> Transition:
    """Book a refund the gateway has confirmed: reverse the fee, then return the donation.

    Runs inside the caller's transaction; lock order as for settlement.
    """
    donation = Donation.objects.select_for_update().get(pk=donation_id)
    if donation.status == DonationStatus.REFUNDED:
        return Transition.DUPLICATE
    if donation.status != DonationStatus.SETTLED:
        raise ValueError(f"donation {donation.order_id} is {donation.status}, not settled")
    accounts = campaign_accounts_locked(
        campaign_id=donation.campaign_id, with_fees=donation.fee > 0
    )
    if donation.fee > 0:
        entry_record(
            kind=EntryKind.FEE_REVERSED,
            memo=memos.FEE_REVERSED % {"order_id": donation.order_id},
            idempotency_key=f"donation:{donation.order_id}:fee-reversed",
            legs=[
                Leg(account=accounts["fees"], amount=donation.fee),
                Leg(account=accounts["funds"], amount=-donation.fee),
            ],
            campaign_id=donation.campaign_id,
            donation_id=donation.pk,
        )
    entry_record(
        kind=EntryKind.DONATION_REFUNDED,
        memo=memos.DONATION_REFUNDED % {"order_id": donation.order_id},
        idempotency_key=f"donation:{donation.order_id}:refunded",
        legs=[
            Leg(account=accounts["funds"], amount=donation.amount),
            Leg(account=accounts["clearing"], amount=-donation.amount),
        ],
        campaign_id=donation.campaign_id,
        donation_id=donation.pk,
    )
    Donation.objects.filter(pk=donation.pk).update(status=DonationStatus.REFUNDED)
    Campaign.objects.filter(pk=donation.campaign_id).update(
        refunded=F("refunded") + donation.amount, fees=F("fees") - donation.fee
    )
    return Transition.APPLIED


def donation_fail_locked(*, donation: Donation, report: GatewayReport) -> Transition:
    """Mark a pending donation failed (expired, cancelled, denied). Never touches settled ones."""
    if donation.status == DonationStatus.SETTLED:
        return Transition.IGNORED
    if donation.status == DonationStatus.FAILED:
        return Transition.DUPLICATE
    Donation.objects.filter(pk=donation.pk).update(
        status=DonationStatus.FAILED,
        gateway_status=report.transaction_status,
        payment_type=report.payment_type or donation.payment_type,
        gateway_transaction_id=report.transaction_id or donation.gateway_transaction_id,
        failed_at=timezone.now(),
    )
    donation.status = DonationStatus.FAILED
    return Transition.APPLIED


def donation_pending_note_locked(*, donation: Donation, report: GatewayReport) -> Transition:
    """A `pending` report: remember the chosen method, never move the status backwards."""
    if donation.status != DonationStatus.PENDING:
        return Transition.IGNORED
    Donation.objects.filter(pk=donation.pk).update(
        gateway_status=report.transaction_status,
        payment_type=report.payment_type or donation.payment_type,
        gateway_transaction_id=report.transaction_id or donation.gateway_transaction_id,
    )
    return Transition.APPLIED
