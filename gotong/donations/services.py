"""Writes for donations: create a pending donation, then move it by the state machine.

`donation_transition_locked` is the only code that changes a donation's status: it consults the
table in `donations.transitions` and writes what the move means to the ledger through the one
movement writer, in the caller's transaction. Lock order: donation row → ledger accounts by id →
campaign row (`ledger.movements`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.core import rows
from gotong.core.i18n import language_current
from gotong.core.money import rupiah
from gotong.donations.fees import fee_for
from gotong.donations.models import Donation, DonationStatus
from gotong.donations.transitions import (
    REFUND_ENTRIES,
    REVERSE_ENTRIES,
    SETTLE_ENTRIES,
    Decision,
    Outcome,
    transition_decide,
)
from gotong.ledger import codes
from gotong.ledger.models import AccountKind, EntryKind
from gotong.ledger.movements import (
    AccountSpec,
    CountersRow,
    Line,
    campaign_accounts,
    movement_record,
)
from gotong.ledger.movements import counters_apply as ledger_counters_apply

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
    gateway: str = "midtrans",
    language: str | None = None,
    order_id: str = "",
) -> Donation:
    """Create a pending donation. The gateway transaction is created after this commits.

    `order_id` is the gateway's own when the gateway opened the transaction itself (a
    subscription's scheduled charge, "SUBS-…", decision 35); otherwise one is generated.

    `referrer` is the person whose fundraiser link brought the donor (gotong.referrals); it is
    dropped when the donor is that person, signed in or giving their email (decision 13). The
    donor's `language` (the active one if None) is recorded: their emails and return page are
    in it (decision 15).
    """
    name, email, message = name.strip(), email.strip().lower(), message.strip()
    donation_validate(campaign=campaign, amount=amount, name=name, email=email, message=message)
    if donor is not None and not donor.is_authenticated:
        donor = None
    if referrer is not None and _is_self_referral(referrer=referrer, donor=donor, email=email):
        referrer = None
    with transaction.atomic():
        return Donation.objects.create(
            order_id=order_id or order_id_generate(campaign=campaign),
            campaign=campaign,
            amount=amount,
            name=name,
            email=email,
            is_anonymous=is_anonymous,
            message=message,
            donor=donor,
            referrer=referrer,
            gateway=gateway,
            language=language or language_current(),
        )


def _is_self_referral(*, referrer: User, donor: User | None, email: str) -> bool:
    if donor is not None and donor.pk == referrer.pk:
        return True
    return bool(email) and email == referrer.email.lower()


def donation_code_add_locked(*, donation: Donation, code: int) -> None:
    """Add a bank transfer's unique code to a pending donation the caller holds locked: the
    code is part of the gift (Rp 50.000 + 123 → Rp 50.123), booked to the campaign in full."""
    if donation.status != DonationStatus.PENDING or not 1 <= code <= 999:
        raise ValueError(f"cannot add code {code} to {donation.order_id} ({donation.status})")
    Donation.objects.filter(pk=donation.pk).update(amount=F("amount") + code)
    donation.amount += code


def donation_payment_attach(*, donation: Donation, token: str, payment_url: str) -> None:
    with transaction.atomic():
        Donation.objects.filter(pk=donation.pk).update(payment_token=token, payment_url=payment_url)
    donation.payment_token, donation.payment_url = token, payment_url


@dataclass(frozen=True)
class GatewayReport:
    """What a gateway (or a bank statement) said about one order, already verified."""

    event: str
    transaction_status: str = ""
    payment_type: str = ""
    transaction_id: str = ""


@dataclass(frozen=True)
class TransitionResult:
    outcome: Outcome
    status: str
    reason: str = ""
    # A settlement booked into a campaign that is closed: the caller opens its refund.
    into_closed_campaign: bool = False


def clearing_account(*, gateway: str, campaign_id: int) -> AccountSpec:
    """Where money paid through `gateway` for one campaign sits: each gateway plugin's name
    selects its own clearing accounts, one per campaign (decision 17)."""
    return AccountSpec(
        codes.clearing_code(gateway=gateway, campaign_id=campaign_id),
        f"Kliring {gateway} kampanye #{campaign_id}",
        AccountKind.ASSET,
    )


def donation_lock(*, order_id: str | None = None, pk: int | None = None) -> Donation | None:
    """Row-lock one donation (the first lock on the money path), its campaign's category (for
    the fee) read in the same statement; None when there is no such donation."""
    by, value = ("order_id", order_id) if order_id is not None else ("id", pk)
    sql = _lock_sql(transaction.get_connection().vendor, by)
    found = rows.row_read(model=Donation, sql=sql, params=[value], extra=("campaign_category",))
    return cast(Donation | None, found)


@cache
def _lock_sql(vendor: str, by: str) -> str:
    """The lock's statement, written once per database (decision 25): every column of the
    donation, its campaign's category, FOR UPDATE of the donation's row only."""
    connection = transaction.get_connection()
    q = connection.ops.quote_name
    lock = (
        " " + connection.ops.for_update_sql(of=("d",))
        if connection.features.has_select_for_update_of
        else ""
    )
    donation, campaign = Donation._meta, Campaign._meta
    return (
        f"SELECT {rows.select_columns(Donation, 'd', vendor)}, "  # noqa: S608 (names from _meta)
        f"c.{q(rows.field(Campaign, 'category').column)} AS campaign_category "
        f"FROM {q(donation.db_table)} d INNER JOIN {q(campaign.db_table)} c "
        f"ON d.{q(rows.field(Donation, 'campaign').column)} = c.{q(campaign.pk.column)} "
        f"WHERE d.{q(rows.field(Donation, by).column)} = %s{lock}"
    )


def donation_transition_locked(*, donation: Donation, report: GatewayReport) -> TransitionResult:
    """Move a donation the caller holds locked (`donation_lock`) by `report.event`.

    The transition table decides; a refused or repeated event changes nothing and says why.
    An applied move writes its ledger movements and counters in the caller's transaction.
    """
    decision = transition_decide(status=donation.status, event=report.event)
    if decision.outcome != Outcome.APPLIED:
        return TransitionResult(decision.outcome, donation.status, decision.reason)
    into_closed = False
    if decision.to == DonationStatus.SETTLED:
        into_closed = _settle(donation, report)
    elif decision.to in (DonationStatus.REFUNDED, DonationStatus.REVERSED):
        _take_back(donation, report, decision)
    else:
        _note(donation, report, decision)
    donation.status = decision.to
    return TransitionResult(Outcome.APPLIED, decision.to, into_closed_campaign=into_closed)


def _method_fields(donation: Donation, report: GatewayReport) -> dict[str, str]:
    return {
        "gateway_status": report.transaction_status or donation.gateway_status,
        "payment_type": report.payment_type or donation.payment_type,
        "gateway_transaction_id": report.transaction_id or donation.gateway_transaction_id,
    }


def _lines(donation: Donation, kinds: tuple[str, ...]) -> list[Line]:
    amounts: dict[str, int] = {
        EntryKind.DONATION_SETTLED: donation.amount,
        EntryKind.DONATION_REFUNDED: donation.amount,
        EntryKind.DONATION_REVERSED: donation.amount,
        EntryKind.PLATFORM_FEE: donation.fee,
        EntryKind.FEE_REVERSED: donation.fee,
    }
    return [
        Line(
            kind=kind,
            amount=amounts[kind],
            idempotency_key=f"donation:{donation.order_id}:{_KEY_SUFFIX[kind]}",
            memo_value=donation.order_id,
        )
        for kind in kinds
    ]


# Idempotency keys as they have always been written (one business event, one key).
_KEY_SUFFIX: dict[str, str] = {
    EntryKind.DONATION_SETTLED: "settled",
    EntryKind.PLATFORM_FEE: "fee",
    EntryKind.FEE_REVERSED: "fee-reversed",
    EntryKind.DONATION_REFUNDED: "refunded",
    EntryKind.DONATION_REVERSED: "reversed",
}


def _record(donation: Donation, kinds: tuple[str, ...], *, guard_closed: bool) -> bool:
    """Write the movements; True when the campaign turned out to be closed (settlement only)."""
    lines = _lines(donation, kinds)
    row = CountersRow(model=Campaign, pk=donation.campaign_id)
    recorded = movement_record(
        lines=lines,
        accounts=campaign_accounts(
            campaign_id=donation.campaign_id,
            clearing=clearing_account(gateway=donation.gateway, campaign_id=donation.campaign_id),
        ),
        # The guard is evaluated under the campaign row's lock, so a close that committed while
        # this settlement waited for the row is seen here and nowhere too late.
        counters_on=row.unless("status", CampaignStatus.CLOSED) if guard_closed else row,
        campaign_id=donation.campaign_id,
        donation_id=donation.pk,
    )
    if guard_closed and recorded.counters_moved == 0:
        ledger_counters_apply(lines=lines, counters_on=row)
        return True
    return False


def _settle(donation: Donation, report: GatewayReport) -> bool:
    """Book the donation in full (clearing → funds) and the platform fee as its own entry
    (funds → fees)."""
    category = getattr(donation, "campaign_category", None) or donation.campaign.category
    now = timezone.now()
    donation.fee = fee_for(amount=donation.amount, category=category)
    rows.row_update(
        model=Donation,
        pk=donation.pk,
        values={
            "status": DonationStatus.SETTLED,
            "settled_at": now,
            "fee": donation.fee,
            **_method_fields(donation, report),
        },
    )
    donation.settled_at = now
    return _record(donation, SETTLE_ENTRIES, guard_closed=True)


def _take_back(donation: Donation, report: GatewayReport, decision: Decision) -> None:
    """Refund (money returned to the donor) or reversal (the bank took the payment back): the
    fee is returned to the campaign first, then the whole donation leaves its funds."""
    rows.row_update(
        model=Donation,
        pk=donation.pk,
        values={"status": decision.to, **_method_fields(donation, report)},
    )
    kinds = REFUND_ENTRIES if decision.to == DonationStatus.REFUNDED else REVERSE_ENTRIES
    _record(donation, kinds, guard_closed=False)


def _note(donation: Donation, report: GatewayReport, decision: Decision) -> None:
    """Failed, or still pending: no money moves; remember what the gateway said."""
    fields: dict[str, object] = {**_method_fields(donation, report)}
    if decision.to == DonationStatus.FAILED:
        fields |= {"status": DonationStatus.FAILED, "failed_at": timezone.now()}
    rows.row_update(model=Donation, pk=donation.pk, values=fields)
