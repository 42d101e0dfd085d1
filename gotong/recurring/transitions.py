"""The two state machines of donasi rutin: one table for plans, one for their periods, consulted
by every service that moves either (gotong.recurring.services). A refused move changes nothing;
the caller records it (a `PlanEvent` row with its reason), never an error.

Plans:

    pending ──activate──▶ active ◀──resume── paused
       │                    │ └────pause/fail───▶ │
       └── cancel / end ────┴──── cancel / end ───┴──▶ cancelled | ended (final)

A reminder plan is pending until its first period is paid; an automatic one until its GoPay
account or card is linked. `fail` is an automatic plan whose charge failed after the retries.

Periods (one row per plan and period start):

    due ──remind──▶ reminded ──remind_again──▶ reminded_again ──skip──▶ skipped
     │                 │                            │
     └────pay──────────┴──────────pay───────────────┴──▶ paid
    due ──charge──▶ charged        due ──fail──▶ failed ──charge──▶ charged (a retry)
                                   failed ──skip──▶ skipped (every retry failed, or too late)

`paid`, `skipped` and `charged` are final: a period is booked at most once.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gotong.core.statemachine import Decision, table_decide


class PlanStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu pembayaran pertama")
    ACTIVE = "active", _("Aktif")
    PAUSED = "paused", _("Dijeda")
    CANCELLED = "cancelled", _("Dibatalkan")
    ENDED = "ended", _("Selesai")


class PlanEvent(models.TextChoices):
    ACTIVATE = "activate", "first period paid or account linked"
    PAUSE = "pause", "paused by the donor"
    RESUME = "resume", "resumed by the donor"
    FAIL = "fail", "automatic charge failed after its retries"
    CANCEL = "cancel", "cancelled by the donor"
    END = "end", "the campaign ended or closed"


class PeriodStatus(models.TextChoices):
    DUE = "due", _("Jatuh tempo")
    REMINDED = "reminded", _("Diingatkan")
    REMINDED_AGAIN = "reminded_again", _("Diingatkan lagi")
    PAID = "paid", _("Dibayar")
    SKIPPED = "skipped", _("Dilewati")
    CHARGED = "charged", _("Ditagih otomatis")
    FAILED = "failed", _("Penagihan gagal")


class PeriodEvent(models.TextChoices):
    REMIND = "remind", "first reminder sent"
    REMIND_AGAIN = "remind_again", "second reminder sent"
    PAY = "pay", "the donor paid through the reminder"
    SKIP = "skip", "unpaid after both reminders, or not charged after the retries"
    CHARGE = "charge", "automatic charge settled"
    FAIL = "fail", "automatic charge failed"


P, PE = PlanStatus, PlanEvent

PLAN_TRANSITIONS: dict[tuple[str, str], str] = {
    (P.PENDING, PE.ACTIVATE): P.ACTIVE,
    (P.PENDING, PE.CANCEL): P.CANCELLED,
    (P.PENDING, PE.END): P.ENDED,
    (P.ACTIVE, PE.PAUSE): P.PAUSED,
    (P.ACTIVE, PE.FAIL): P.PAUSED,
    (P.ACTIVE, PE.CANCEL): P.CANCELLED,
    (P.ACTIVE, PE.END): P.ENDED,
    (P.PAUSED, PE.RESUME): P.ACTIVE,
    (P.PAUSED, PE.CANCEL): P.CANCELLED,
    (P.PAUSED, PE.END): P.ENDED,
}

# Plans the scheduler keeps going: new periods, reminders, notices.
RUNNING = frozenset({P.ACTIVE})
# Plans the donor still has: the campaign's end or close ends them.
OPEN = frozenset({P.PENDING, P.ACTIVE, P.PAUSED})
PLAN_FINAL = frozenset({P.CANCELLED, P.ENDED})

S, SE = PeriodStatus, PeriodEvent

PERIOD_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DUE, SE.REMIND): S.REMINDED,
    (S.REMINDED, SE.REMIND_AGAIN): S.REMINDED_AGAIN,
    (S.REMINDED_AGAIN, SE.SKIP): S.SKIPPED,
    (S.DUE, SE.SKIP): S.SKIPPED,
    (S.DUE, SE.PAY): S.PAID,
    (S.REMINDED, SE.PAY): S.PAID,
    (S.REMINDED_AGAIN, SE.PAY): S.PAID,
    (S.DUE, SE.CHARGE): S.CHARGED,
    (S.DUE, SE.FAIL): S.FAILED,
    (S.FAILED, SE.CHARGE): S.CHARGED,
    (S.FAILED, SE.SKIP): S.SKIPPED,
}

PERIOD_FINAL = frozenset({S.PAID, S.SKIPPED, S.CHARGED})
# Periods whose gift may still come through the reminder's link.
PAYABLE = frozenset({S.DUE, S.REMINDED, S.REMINDED_AGAIN})
# Periods of an automatic plan a gateway charge may still pay (the first try, or a retry).
CHARGEABLE = frozenset({S.DUE, S.FAILED})


def plan_decide(*, status: str, event: str) -> Decision:
    return table_decide(PLAN_TRANSITIONS, noun="plan", status=status, event=event)


def period_decide(*, status: str, event: str) -> Decision:
    return table_decide(PERIOD_TRANSITIONS, noun="period", status=status, event=event)
