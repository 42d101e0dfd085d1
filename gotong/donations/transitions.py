"""The donation state machine: the one table every service that moves a donation consults.

An event (what a gateway, a bank statement or our own refund said) meets the donation's status:
the table gives the new status, or says the event repeats one already applied (duplicate), or
refuses it with a reason. A refused event changes nothing and is recorded by the caller (on the
payment notification, the refund) as `ignored` with that reason; it is never an error.

    pending ──paid──▶ settled ──refunded──▶ refunded
       │                │  ▲
       │ failed/denied  │  └─paid── failed ◀──┘ (a late payment: decision 4)
       ▼                └──denied/charged_back──▶ reversed
     failed

`refunded` and `reversed` are final. Each status also names the ledger entries a donation in it
has (`ENTRIES`), which `verify_ledger` checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.db import models

from gotong.donations.models import DonationStatus
from gotong.ledger.models import EntryKind


class DonationEvent(models.TextChoices):
    PAID = "paid", "money received"
    PENDING = "pending", "waiting for the donor to pay"
    FAILED = "failed", "expired, cancelled or failed"
    DENIED = "denied", "denied by the bank or fraud check"
    REFUNDED = "refunded", "refunded in full"
    # Refunded or charged back in part: no status fits, finance handles it by hand.
    PARTIAL = "partial", "refunded or charged back in part"
    CHARGED_BACK = "charged_back", "charged back by the card holder"


S, E = DonationStatus, DonationEvent

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.PENDING, E.PAID): S.SETTLED,
    (S.PENDING, E.PENDING): S.PENDING,  # remembers the chosen method
    (S.PENDING, E.FAILED): S.FAILED,
    (S.PENDING, E.DENIED): S.FAILED,
    (S.FAILED, E.PAID): S.SETTLED,
    (S.SETTLED, E.REFUNDED): S.REFUNDED,
    (S.SETTLED, E.DENIED): S.REVERSED,
    (S.SETTLED, E.CHARGED_BACK): S.REVERSED,
}

# Events that repeat what the status already records: answered as duplicates, nothing changes.
DUPLICATES: frozenset[tuple[str, str]] = frozenset(
    {
        (S.SETTLED, E.PAID),
        (S.FAILED, E.FAILED),
        (S.FAILED, E.DENIED),
        (S.REFUNDED, E.REFUNDED),
        (S.REVERSED, E.DENIED),
        (S.REVERSED, E.CHARGED_BACK),
    }
)

FINAL: frozenset[str] = frozenset({S.REFUNDED, S.REVERSED})

# The ledger entries each status implies, in the order they are written; a fee entry (and its
# reversal) only when the donation's fee is above zero.
SETTLE_ENTRIES = (EntryKind.DONATION_SETTLED, EntryKind.PLATFORM_FEE)
REFUND_ENTRIES = (EntryKind.FEE_REVERSED, EntryKind.DONATION_REFUNDED)
REVERSE_ENTRIES = (EntryKind.FEE_REVERSED, EntryKind.DONATION_REVERSED)
ENTRIES: dict[str, tuple[str, ...]] = {
    S.PENDING: (),
    S.FAILED: (),
    S.SETTLED: SETTLE_ENTRIES,
    S.REFUNDED: SETTLE_ENTRIES + REFUND_ENTRIES,
    S.REVERSED: SETTLE_ENTRIES + REVERSE_ENTRIES,
}
FEE_KINDS = frozenset({EntryKind.PLATFORM_FEE, EntryKind.FEE_REVERSED})


class Outcome(Enum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    to: str
    reason: str = ""


def transition_decide(*, status: str, event: str) -> Decision:
    """What `event` does to a donation in `status`, by the table."""
    to = TRANSITIONS.get((status, event))
    if to is not None:
        return Decision(Outcome.APPLIED, to)
    if (status, event) in DUPLICATES:
        return Decision(Outcome.DUPLICATE, status)
    return Decision(Outcome.IGNORED, status, f"{event} refused: donation is {status}")


def entries_expected(*, status: str, fee: int) -> tuple[str, ...]:
    return tuple(kind for kind in ENTRIES[status] if fee > 0 or kind not in FEE_KINDS)
