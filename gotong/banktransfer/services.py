"""Manual bank transfer: give a donation its unique code, import the bank's statement, settle
the transfers it shows through the donation state machine, and let finance decide the rest.

Lock order, as everywhere on the money path: donation row (`donation_lock`) → its transfer
and statement line → ledger accounts → campaign row (the last two inside the movement writer).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.banktransfer.models import (
    WAITING_STATUSES,
    BankTransfer,
    LineStatus,
    StatementImport,
    StatementLine,
    TransferStatus,
)
from gotong.banktransfer.statements import Credit, Preset, StatementInvalid, statement_parse
from gotong.donations.models import Donation, DonationStatus
from gotong.donations.services import GatewayReport, donation_code_add_locked, donation_lock
from gotong.donations.transitions import DonationEvent, Outcome
from gotong.payments.gateways.base import GatewayError
from gotong.payments.services import donation_report_apply_locked

GATEWAY = "transfer"
CODES = range(1, 1000)


class NoFreeCode(GatewayError):
    pass


def transfer_open(*, donation: Donation) -> BankTransfer:
    """Give a pending bank-transfer donation its unique 3-digit code, once. The code becomes
    part of the donation (Rp 50.000 → Rp 50.123, all of it for the campaign); the code and the
    amount to transfer are unique among open transfers, so a statement line fits one at most."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                locked = donation_lock(pk=donation.pk)
                if locked is None or locked.gateway != GATEWAY:
                    raise GatewayError(f"{donation.order_id} is not a bank transfer")
                existing = BankTransfer.objects.filter(donation=locked).first()
                if existing is not None:
                    return existing
                code = _free_code(base=locked.amount)
                transfer = BankTransfer.objects.create(
                    donation=locked,
                    unique_code=code,
                    amount_due=locked.amount + code,
                    expires_at=timezone.now()
                    + datetime.timedelta(hours=settings.TRANSFER_VALID_HOURS),
                )
                donation_code_add_locked(donation=locked, code=code)
                return transfer
        except IntegrityError:
            continue  # another donor took the same code or amount at the same moment
    raise NoFreeCode("no free unique code; try again")


def _free_code(*, base: int) -> int:
    open_rows = BankTransfer.objects.filter(status=TransferStatus.OPEN)
    taken_codes = set(open_rows.values_list("unique_code", flat=True))
    taken_amounts = set(open_rows.values_list("amount_due", flat=True))
    free = [c for c in CODES if c not in taken_codes and base + c not in taken_amounts]
    if not free:
        raise NoFreeCode("every unique code is in use")
    return secrets.choice(free)


def transfers_expire(*, now: datetime.datetime | None = None) -> int:
    """Close open transfers whose 24 hours have passed: the donation fails, its code is free
    again, and an audit row (actor: the platform) says so. A late transfer can still be matched
    by finance, and the state machine then settles the failed donation."""
    now = now or timezone.now()
    due = list(
        BankTransfer.objects.filter(status=TransferStatus.OPEN, expires_at__lt=now).values_list(
            "donation_id", flat=True
        )
    )
    for donation_id in due:
        with transaction.atomic():
            donation = donation_lock(pk=donation_id)
            assert donation is not None
            transfer = BankTransfer.objects.select_for_update().get(donation=donation)
            if transfer.status != TransferStatus.OPEN:
                continue
            transfer.status = TransferStatus.EXPIRED
            transfer.save(update_fields=["status"])
            donation_report_apply_locked(
                donation=donation,
                report=GatewayReport(event=DonationEvent.FAILED, transaction_status="expire"),
            )
            audit_record(
                actor=None,
                action=AuditAction.BANK_TRANSFER_EXPIRE,
                target=transfer,
                data={"order_id": donation.order_id, "amount_due": transfer.amount_due},
            )
    return len(due)


@dataclass(frozen=True)
class ImportResult:
    statement: StatementImport
    new: int
    known: int
    matched: int
    waiting: int


def _require_finance(actor: User) -> None:
    if not has_role(actor, Role.FINANCE):
        raise PermissionDenied


def statement_import(
    *, actor: User, preset: Preset, file_name: str, content: bytes
) -> ImportResult:
    """Import one statement file: every credit line not seen before is stored once, and a line
    whose amount is exactly an open transfer's settles that donation. The rest wait for finance.
    A file that cannot be read changes nothing."""
    _require_finance(actor)
    try:
        credits = statement_parse(content, preset=preset)
    except StatementInvalid as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    with transaction.atomic():
        statement = StatementImport.objects.create(
            imported_by=actor,
            preset=preset.key,
            file_name=file_name[:200],
            file_sha256=hashlib.sha256(content).hexdigest(),
        )
        known = set(
            StatementLine.objects.filter(
                fingerprint__in=[c.fingerprint for c in credits]
            ).values_list("fingerprint", flat=True)
        )
        taken = [
            _line_take(statement=statement, credit=credit)
            for credit in credits
            if credit.fingerprint not in known
        ]
        fresh = [t for t in taken if t is not None]
        matched = sum(fresh)
        statement.lines_new, statement.lines_known, statement.matched = (
            len(fresh),
            len(credits) - len(fresh),
            matched,
        )
        statement.save(update_fields=["lines_new", "lines_known", "matched"])
        audit_record(
            actor=actor,
            action=AuditAction.BANK_STATEMENT_IMPORT,
            target=statement,
            data={"new": len(fresh), "known": len(credits) - len(fresh), "matched": matched},
        )
    return ImportResult(
        statement=statement,
        new=len(fresh),
        known=len(credits) - len(fresh),
        matched=matched,
        waiting=len(fresh) - matched,
    )


def _line_take(*, statement: StatementImport, credit: Credit) -> bool | None:
    """Store one new credit line; settle the one open transfer it fits. True when it did, None
    when another import stored the same line first."""
    candidates = list(
        BankTransfer.objects.filter(status=TransferStatus.OPEN, amount_due=credit.amount)
        .order_by("id")
        .values_list("donation_id", flat=True)[:2]
    )
    # No open transfer fits, but an expired one does: paid late, or someone else's money of the
    # same amount. Only a person can tell.
    late = (
        not candidates
        and BankTransfer.objects.filter(
            status=TransferStatus.EXPIRED, amount_due=credit.amount
        ).exists()
    )
    status = LineStatus.AMBIGUOUS if late or len(candidates) > 1 else LineStatus.UNMATCHED
    try:
        # Two imports of one file at the same moment (a double click): the second waits on the
        # unique fingerprint until the first commits, then finds the line taken.
        with transaction.atomic():
            line = StatementLine.objects.create(
                statement=statement,
                fingerprint=credit.fingerprint,
                booked_on=credit.booked_on,
                description=credit.description,
                amount=credit.amount,
                status=status,
            )
    except IntegrityError:
        return None
    if len(candidates) != 1:
        return False
    return _settle(line=line, donation_id=candidates[0], status=LineStatus.MATCHED) == ""


def _settle(*, line: StatementLine, donation_id: int, status: LineStatus) -> str:
    """Settle a transfer's donation by a statement line, through the state machine; '' when it
    settled, else why not (the line then keeps waiting)."""
    donation = donation_lock(pk=donation_id)
    assert donation is not None
    transfer = BankTransfer.objects.select_for_update().get(donation=donation)
    if transfer.amount_due != line.amount:
        return _("Nominal mutasi tidak sama dengan nominal transfer.")
    result = donation_report_apply_locked(
        donation=donation,
        report=GatewayReport(
            event=DonationEvent.PAID,
            transaction_status="bank_statement",
            payment_type="bank_transfer",
            transaction_id=f"mutasi-{line.pk}",
        ),
    )
    if result.outcome != Outcome.APPLIED:
        return _("Donasi ini tidak dapat dicatat: %(reason)s.") % {"reason": result.reason}
    transfer.status = TransferStatus.MATCHED
    transfer.save(update_fields=["status"])
    line.status, line.transfer = status, transfer
    line.save(update_fields=["status", "transfer"])
    return ""


def _waiting_line(line: StatementLine) -> StatementLine:
    locked = StatementLine.objects.select_for_update().get(pk=line.pk)
    if locked.status not in WAITING_STATUSES:
        raise ValidationError(_("Baris mutasi ini sudah diputuskan."))
    return locked


def statement_line_assign(
    *, line: StatementLine, actor: User, order_id: str, reason: str
) -> StatementLine:
    """Finance decides that a waiting line is the transfer of donation `order_id` (an expired
    transfer paid late, a line that fitted more than one): the donation settles by it."""
    _require_finance(actor)
    if not reason.strip():
        raise ValidationError({"reason": [_("Tuliskan alasan keputusan ini.")]})
    donation = Donation.objects.filter(order_id=order_id.strip(), gateway=GATEWAY).first()
    if donation is None or not BankTransfer.objects.filter(donation=donation).exists():
        raise ValidationError({"order_id": [_("Tidak ada transfer bank dengan kode donasi itu.")]})
    if donation.status not in (DonationStatus.PENDING, DonationStatus.FAILED):
        raise ValidationError({"order_id": [_("Donasi itu sudah tercatat atau dikembalikan.")]})
    with transaction.atomic():
        # The donation's row comes first in the lock order, then the line.
        locked_donation = donation_lock(pk=donation.pk)
        assert locked_donation is not None
        locked = _waiting_line(line)
        problem = _settle(line=locked, donation_id=donation.pk, status=LineStatus.ASSIGNED)
        if problem:
            raise ValidationError({"order_id": [problem]})
        locked.decided_by, locked.decision_reason = actor, reason.strip()
        locked.save(update_fields=["decided_by", "decision_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.BANK_LINE_ASSIGN,
            target=locked,
            reason=reason,
            data={"order_id": donation.order_id, "amount": locked.amount},
        )
        return locked


def statement_line_dismiss(*, line: StatementLine, actor: User, reason: str) -> StatementLine:
    """Finance decides a waiting line is not a donation (a grant, an interest payment, a
    transfer to return by hand)."""
    _require_finance(actor)
    if not reason.strip():
        raise ValidationError({"reason": [_("Tuliskan alasan keputusan ini.")]})
    with transaction.atomic():
        locked = _waiting_line(line)
        locked.status, locked.decided_by = LineStatus.DISMISSED, actor
        locked.decision_reason = reason.strip()
        locked.save(update_fields=["status", "decided_by", "decision_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.BANK_LINE_DISMISS,
            target=locked,
            reason=reason,
            data={"amount": locked.amount},
        )
        return locked
