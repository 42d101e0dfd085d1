"""Donasi rutin: a donor's plan to give to one campaign every week or month, its periods (one
row per plan and period start, each settled at most once) and the emails about them.
docs/decisions/0034-recurring-plans.md"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gotong.core.delivery import Delivery
from gotong.recurring.transitions import PeriodStatus, PlanStatus


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Tiap pekan")
    MONTHLY = "monthly", _("Tiap bulan")


class MethodKind(models.TextChoices):
    # QRIS, virtual account, bank transfer: cannot be debited, so each period is a reminder.
    REMINDER = "reminder", _("Pengingat dengan tautan bayar (QRIS, VA, transfer)")
    # GoPay linked account or saved card, charged by the gateway's subscription.
    AUTOMATIC = "automatic", _("Otomatis (GoPay, kartu)")


class AutomaticType(models.TextChoices):
    """What an automatic plan charges: the gateway's `payment_type` of its subscription."""

    GOPAY = "gopay", "GoPay"
    CARD = "credit_card", _("Kartu kredit/debit")


WEEKDAYS = (
    (0, _("Senin")),
    (1, _("Selasa")),
    (2, _("Rabu")),
    (3, _("Kamis")),
    (4, _("Jumat")),
    (5, _("Sabtu")),
    (6, _("Minggu")),
)
# The last day every month has: a plan on the 31st would skip months.
MONTH_DAY_MAX = 28


class Plan(models.Model):
    """One donor's promise of `amount` to one campaign on every period of `cadence`. Status moves
    only by `recurring.transitions.PLAN_TRANSITIONS`."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="plans"
    )
    amount = models.BigIntegerField(_("nominal"))
    cadence = models.CharField(_("frekuensi"), max_length=8, choices=Cadence.choices)
    # Weekly: 0 (Senin) … 6 (Minggu); monthly: 1 … 28.
    day = models.PositiveSmallIntegerField(_("hari"))
    name = models.CharField(_("nama"), max_length=80)
    email = models.EmailField(_("email"))
    is_anonymous = models.BooleanField(_("sembunyikan nama saya"), default=False)
    message = models.CharField(_("doa dan dukungan"), max_length=500, blank=True)
    language = models.CharField(max_length=8, default="id", editable=False)
    method = models.CharField(
        max_length=10, choices=MethodKind.choices, default=MethodKind.REMINDER
    )
    # The gateway plugin each reminder's gift is paid through (settings.PAYMENT_GATEWAYS).
    gateway = models.CharField(max_length=32, default="midtrans")
    # Automatic plans: what is charged, the gateway's subscription and the linked pay account
    # (GoPay) or saved card token, set once the donor linked it (recurring.automatic).
    payment_type = models.CharField(max_length=16, choices=AutomaticType.choices, blank=True)
    gateway_subscription_id = models.CharField(max_length=64, blank=True)
    pay_account_id = models.CharField(max_length=64, blank=True)
    # Moves the gateway has to hear of (pause, resume, cancel, change, …), counted, and how many
    # of them `recurring.gateway` has told it: in step when equal, else the sweep tries again.
    gateway_moves = models.PositiveIntegerField(default=0)
    gateway_told = models.PositiveIntegerField(default=0)
    # While one process talks to the gateway about this plan (no row lock is held meanwhile).
    gateway_busy_until = models.DateTimeField(null=True, blank=True)
    donor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.PENDING)
    # The start of the next period the scheduler creates.
    next_due = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "method", "next_due"]),
            models.Index(fields=["campaign", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="plan_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(cadence=Cadence.WEEKLY, day__lte=6)
                | models.Q(cadence=Cadence.MONTHLY, day__gte=1, day__lte=MONTH_DAY_MAX),
                name="plan_day_fits_cadence",
            ),
        ]

    def __str__(self) -> str:
        return f"plan {self.pk} Rp{self.amount} {self.cadence} {self.status}"

    @property
    def day_label(self) -> str:
        if self.cadence == Cadence.WEEKLY:
            return str(dict(WEEKDAYS)[self.day])
        return str(_("tanggal %(day)d") % {"day": self.day})


class Period(models.Model):
    """One period of a plan: its gift is paid (reminder plans) or charged (automatic) at most
    once. The donation that paid it is linked here; the donations app knows nothing of plans."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="periods")
    start = models.DateField()
    amount = models.BigIntegerField()
    status = models.CharField(max_length=16, choices=PeriodStatus.choices, default=PeriodStatus.DUE)
    donation = models.OneToOneField(
        "donations.Donation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_period",
    )
    # Set while one tap on the payment link opens the gateway transaction (no second one meanwhile).
    paying_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "start"]
        indexes = [models.Index(fields=["status", "start"])]
        constraints = [
            models.UniqueConstraint(fields=["plan", "start"], name="period_once_per_start"),
        ]

    def __str__(self) -> str:
        return f"plan {self.plan_id} {self.start} {self.status}"


class PlanCharge(models.Model):
    """One charge the gateway made for an automatic plan (a first try or a retry): its
    donation, and the period it was made for (None for a charge no open period was left for:
    it is an ordinary gift, never a second payment of a period)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="charges")
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, null=True, blank=True, related_name="charges"
    )
    donation = models.OneToOneField(
        "donations.Donation", on_delete=models.PROTECT, related_name="plan_charge"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"charge of plan {self.plan_id} period {self.period_id}: {self.donation_id}"


class PlanMove(models.Model):
    """Every event a plan or a period met, applied or refused (with the table's reason)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="moves")
    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, null=True, blank=True, related_name="moves"
    )
    event = models.CharField(max_length=16)
    from_status = models.CharField(max_length=16)
    to_status = models.CharField(max_length=16)
    applied = models.BooleanField()
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.event} {self.from_status}→{self.to_status}"


class PlanEmailKind(models.TextChoices):
    STARTED = "started", _("Donasi rutin dimulai")
    REMINDER = "reminder", _("Pengingat donasi rutin")
    REMINDER_AGAIN = "reminder_again", _("Pengingat kedua")
    NOTICE = "notice", _("Pemberitahuan penagihan otomatis")
    FAILED = "failed", _("Penagihan otomatis gagal, donasi rutin dijeda")


class PlanEmail(Delivery):
    """One email about one period of a plan, sent once (`core.delivery.delivery_send`)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="emails")
    period_start = models.DateField()
    kind = models.CharField(max_length=16, choices=PlanEmailKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period_start", "kind"], name="plan_email_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.plan_id} {self.period_start} → {self.email}"
