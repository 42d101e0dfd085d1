"""Gotong royong in kind: needs with item lines, offers, pledges of a line's quantity, and the
history of every move (`AidEvent`). Quantities are whole units of the line's unit; a line keeps
`pledged` and `delivered` as stored counters beside its requested `quantity` (Sahana Eden's
requested / pledged / delivered), moved with F() by the services only.

Private: `Need.place_detail` (RT/RW or landmark), `Need.contact_whatsapp`,
`Pledge.helper_whatsapp` and `Offer.contact_whatsapp` are shown only to the two people of a
matched pledge (`selectors.pledge_contact`), never on public pages, feeds or the API."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from gotong.accounts.models import User
from gotong.core.delivery import Delivery
from gotong.core.statemachine import Decision
from gotong.inkind.catalogue import Item
from gotong.inkind.transitions import NeedEvent, NeedStatus, PledgeEvent, PledgeStatus


class Urgency(models.TextChoices):
    NORMAL = "biasa", _("biasa")
    URGENT = "mendesak", _("mendesak")
    EMERGENCY = "darurat", _("darurat")


# Most urgent first: the order of public lists, and of their partial index.
URGENCY_RANK = Case(
    When(urgency=Urgency.EMERGENCY, then=Value(0)),
    When(urgency=Urgency.URGENT, then=Value(1)),
    default=Value(2),
    output_field=models.IntegerField(),
)


class Need(models.Model):
    poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="needs"
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="needs"
    )  # a desa/kelurahan
    place_detail = models.CharField(max_length=200)
    contact_whatsapp = models.CharField(max_length=16)  # digits, 62…
    title = models.CharField(max_length=120)
    story = models.TextField(max_length=5000)
    people_served = models.PositiveIntegerField()
    needed_by = models.DateField()
    urgency = models.CharField(max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    photo = models.ImageField(upload_to="kebutuhan/", blank=True)
    status = models.CharField(
        max_length=16, choices=NeedStatus.choices, default=NeedStatus.DRAFT, db_index=True
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    # Set when posted: an earlier need of the same desa with the same items (14 days).
    possible_duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged"
    )
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "region"]),
            # The open needs in list order, and the open needs of a region as a prefix range of
            # its code (bench/needs.py: a province's page from 87 to 31 ms p95).
            models.Index(
                URGENCY_RANK,
                "needed_by",
                F("id").desc(),
                name="inkind_need_open_rank",
                condition=Q(status=NeedStatus.OPEN),
            ),
            models.Index(
                fields=["region", "id"],
                opclasses=["varchar_pattern_ops", "int8_ops"],
                name="inkind_need_open_region",
                condition=Q(status=NeedStatus.OPEN),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"


class NeedLine(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(max_length=32, choices=Item.choices)
    item_other = models.CharField(max_length=80, blank=True)  # the words for `lainnya`
    unit = models.CharField(max_length=24)
    quantity = models.PositiveIntegerField()
    pledged = models.PositiveIntegerField(default=0)
    delivered = models.PositiveIntegerField(default=0)  # confirmed by the recipient

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["item", "need"])]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="needline_quantity_positive"),
            models.CheckConstraint(
                condition=Q(pledged__lte=F("quantity")), name="needline_pledged_within_quantity"
            ),
            models.CheckConstraint(
                condition=Q(delivered__lte=F("pledged")), name="needline_delivered_within_pledged"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit} {self.label}"

    @property
    def remaining(self) -> int:
        return self.quantity - self.pledged

    @property
    def label(self) -> str:
        return self.item_other if self.item == Item.LAINNYA else str(Item(self.item).label)


class OfferStatus(models.TextChoices):
    OPEN = "open", _("terbuka")
    CLOSED = "closed", _("ditutup")


class Offer(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="offers"
    )
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=3000, blank=True)
    regions = models.ManyToManyField("regions.Region", related_name="offers")
    available_until = models.DateField(null=True, blank=True)
    # A standing offer (a dapur umum serving daily): its quantities renew; no end date needed.
    standing = models.BooleanField(default=False)
    contact_whatsapp = models.CharField(max_length=16)
    status = models.CharField(
        max_length=16, choices=OfferStatus.choices, default=OfferStatus.OPEN, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"


class OfferLine(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(max_length=32, choices=Item.choices)
    item_other = models.CharField(max_length=80, blank=True)
    unit = models.CharField(max_length=24)
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="offerline_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit} {self.item_other or self.item}"


class ProposedBy(models.TextChoices):
    HELPER = "helper", _("penolong")
    RECIPIENT = "recipient", _("penerima")


class Pledge(models.Model):
    line = models.ForeignKey(NeedLine, on_delete=models.PROTECT, related_name="pledges")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pledges"
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="pledges"
    )
    # Who proposed it: the other side accepts.
    proposed_by = models.CharField(
        max_length=16, choices=ProposedBy.choices, default=ProposedBy.HELPER
    )
    quantity = models.PositiveIntegerField()
    deliver_by = models.DateField()
    helper_whatsapp = models.CharField(max_length=16)
    note = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=16, choices=PledgeStatus.choices, default=PledgeStatus.PROPOSED, db_index=True
    )
    delivery_photo = models.ImageField(upload_to="serah-terima/", blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="pledge_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.quantity} of line {self.line_id}"


class EventOutcome(models.TextChoices):
    APPLIED = "applied", _("dijalankan")
    REFUSED = "refused", _("ditolak")


class AidEvent(models.Model):
    """One move asked of a need or a pledge, applied or refused by its table: the public
    history of a need and the record of every refused move."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="events")
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    event = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16)
    to_status = models.CharField(max_length=16)
    outcome = models.CharField(max_length=16, choices=EventOutcome.choices)
    reason = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )  # None: the platform (the scheduler)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.event} {self.from_status}→{self.to_status} ({self.outcome})"

    @property
    def label(self) -> str:
        for events in (NeedEvent, PledgeEvent):
            if self.event in events.values:
                return str(events(self.event).label)
        return self.event

    @classmethod
    def record(
        cls,
        *,
        need: Need,
        event: str,
        from_status: str,
        decision: Decision,
        actor: User | None,
        reason: str = "",
        pledge: Pledge | None = None,
    ) -> AidEvent:
        """One move as the table decided it: applied with the caller's reason, or refused
        with the table's."""
        return cls.objects.create(
            need=need,
            pledge=pledge,
            event=event,
            from_status=from_status,
            to_status=decision.to,
            outcome=EventOutcome.APPLIED if decision.allowed else EventOutcome.REFUSED,
            reason=(reason if decision.allowed else decision.reason)[:500],
            actor=actor,
        )


class AidReportReason(models.TextChoices):
    FAKE = "fake", _("Palsu atau menipu")
    DUPLICATE = "duplicate", _("Sama dengan kebutuhan lain")
    PRIVACY = "privacy", _("Memuat data pribadi (nomor HP, alamat)")
    MISLEADING = "misleading", _("Informasi menyesatkan")
    OTHER = "other", _("Lainnya")


class AidReportStatus(models.TextChoices):
    OPEN = "open", _("Baru")
    DISMISSED = "dismissed", _("Ditutup tanpa tindakan")
    ACTIONED = "actioned", _("Ditindaklanjuti")


class AidReport(models.Model):
    """Laporkan on a need or an offer: anyone may report one, a moderator decides."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=AidReportReason.choices)
    text = models.TextField(max_length=2000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=AidReportStatus.choices, default=AidReportStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(need__isnull=False, offer__isnull=True)
                | Q(need__isnull=True, offer__isnull=False),
                name="aidreport_one_subject",
            )
        ]

    def __str__(self) -> str:
        subject = f"need {self.need_id}" if self.need_id else f"offer {self.offer_id}"
        return f"report #{self.pk} on {subject}"


class PledgeEmailKind(models.TextChoices):
    PROPOSED = "proposed", _("janji baru")
    ACCEPTED = "accepted", _("janji diterima")
    DELIVERED = "delivered", _("barang ditandai terkirim")


class PledgeEmail(Delivery):
    """One email about a pledge to one of its two people, sent once (core.delivery)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=PledgeEmailKind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pledge", "kind"], name="pledge_email_once")]

    def __str__(self) -> str:
        return f"{self.kind} email for pledge {self.pledge_id}"


class AidMonth(models.Model):
    """Open data's in-kind rollup (decision 38): one item's needs and pledges in one kabupaten/
    kota in one calendar month (TIME_ZONE), each counted in the month of its move. Written only
    by `rollup.py`, in the transaction of the move, by an atomic upsert; rebuilt from the needs,
    pledges and their events by `aid_months_rebuild`."""

    month = models.DateField()
    item = models.CharField(max_length=32, choices=Item.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    requested = models.BigIntegerField(db_default=0)  # quantity of the needs opened
    needs_opened = models.BigIntegerField(db_default=0)
    needs_fulfilled = models.BigIntegerField(db_default=0)
    needs_expired = models.BigIntegerField(db_default=0)
    pledges = models.BigIntegerField(db_default=0)  # pledges behind the row (the suppression count)
    pledged = models.BigIntegerField(db_default=0)  # quantity of the pledges made
    released = models.BigIntegerField(db_default=0)  # declined, withdrawn, lapsed, cancelled
    delivered = models.BigIntegerField(db_default=0)  # confirmed

    class Meta:
        ordering = ["month", "item", "region"]
        constraints = [
            models.UniqueConstraint(fields=["month", "item", "region"], name="aid_month_cell")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.item} {self.region_id}"
