"""Help information: posts with their sources, their revisions (edits never overwrite), their
public status history, the community's votes, the freshness emails to their authors, the
campaigns and needs that link to them, and reports (laporkan). History rows and revisions are
never updated or deleted; the post row holds the current text and status for lists and search."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gotong.core.delivery import Delivery
from gotong.info.claims import Verdict, references_split, verdict_tone
from gotong.info.kinds import InfoKind
from gotong.info.transitions import InfoStatus


class ClaimFields(models.Model):
    """The claim a `klarifikasi hoaks` post answers (`claims.py`); blank for every other kind."""

    claim_text = models.TextField(max_length=2000, blank=True)  # quoted as it spread
    claim_spread_on = models.CharField(max_length=300, blank=True)  # "grup WhatsApp, Facebook"
    claim_archive_url = models.URLField(max_length=500, blank=True)
    claim_verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    claim_method = models.TextField(max_length=3000, blank=True)  # how it was checked
    claim_references = models.TextField(max_length=5100, blank=True)  # one link a line

    class Meta:
        abstract = True

    @property
    def has_claim(self) -> bool:
        return bool(self.claim_verdict)

    @property
    def claim_verdict_label(self) -> str:
        return str(Verdict(self.claim_verdict).label) if self.claim_verdict else ""

    @property
    def claim_verdict_tone(self) -> str:
        return verdict_tone(self.claim_verdict)

    @property
    def claim_reference_list(self) -> list[str]:
        return references_split(self.claim_references)


class InfoPost(ClaimFields):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="info_posts"
    )
    kind = models.CharField(max_length=24, choices=InfoKind.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="info")
    # The current revision's text (InfoRevision holds every one).
    title = models.CharField(max_length=140)
    what = models.TextField(max_length=3000)
    when_text = models.CharField(max_length=200)
    where_text = models.CharField(max_length=300)
    # Public only for institutions (a puskesmas, a posko): a person's number is never shown.
    is_institution = models.BooleanField(default=False)
    institution_contact = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        max_length=24, choices=InfoStatus.choices, default=InfoStatus.UNVERIFIED, db_index=True
    )
    ttl_days = models.PositiveSmallIntegerField()
    checked_at = models.DateTimeField()  # last confirmed by its author or a verifier
    expires_at = models.DateTimeField(db_index=True)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["status", "region"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"


class SourceKind(models.TextChoices):
    URL = "url", _("tautan")
    FILE = "file", _("foto atau dokumen")
    SEEN = "seen", _("saya melihat langsung")


class InfoSource(models.Model):
    post = models.ForeignKey(InfoPost, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=8, choices=SourceKind.choices)
    url = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="info-sumber/", blank=True)
    seen_on = models.DateField()  # when the link was read, the photo taken, the thing seen
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} source of post {self.post_id}"

    @property
    def is_photo(self) -> bool:
        """Stored photos are re-encoded JPEGs (info.services); documents are PDFs."""
        return bool(self.file) and self.file.name.endswith(".jpg")


class InfoRevision(ClaimFields):
    """One version of a post's text, numbered from 1; the page shows each one's diff."""

    post = models.ForeignKey(InfoPost, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=140)
    what = models.TextField(max_length=3000)
    when_text = models.CharField(max_length=200)
    where_text = models.CharField(max_length=300)
    institution_contact = models.CharField(max_length=120, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="info_revision_number_once")
        ]

    def __str__(self) -> str:
        return f"post {self.post_id} revision {self.number}"


class ChangeOutcome(models.TextChoices):
    APPLIED = "applied", _("dijalankan")
    REFUSED = "refused", _("ditolak")


class ActorRole(models.TextChoices):
    AUTHOR = "penulis", _("penulis")
    COMMUNITY = "warga", _("warga")
    VERIFIER = "verifikator", _("verifikator")
    SYSTEM = "sistem", _("sistem")


class InfoStatusChange(models.Model):
    """One move asked of a post's status, as the table decided it: the public history (who or
    which role, when, from → to, why, evidence), and the record of refused moves."""

    post = models.ForeignKey(InfoPost, on_delete=models.CASCADE, related_name="history")
    event = models.CharField(max_length=32)
    from_status = models.CharField(max_length=24)
    to_status = models.CharField(max_length=24)
    outcome = models.CharField(max_length=8, choices=ChangeOutcome.choices)
    role = models.CharField(max_length=16, choices=ActorRole.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(max_length=1000, blank=True)
    evidence = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"post {self.post_id}: {self.from_status} → {self.to_status} ({self.outcome})"

    @property
    def from_label(self) -> str:
        return str(InfoStatus(self.from_status).label) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return str(InfoStatus(self.to_status).label)


class GroupKind(models.TextChoices):
    DISTRICT = "kecamatan", _("kecamatan")
    ORGANISATION = "organisasi", _("organisasi")


class InfoVote(models.Model):
    """'Masih benar' or 'sudah tidak benar' from one signed-in person, once per post, with the
    group they speak from (their kecamatan, or their organisation)."""

    post = models.ForeignKey(InfoPost, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    still_true = models.BooleanField()
    group_kind = models.CharField(max_length=12, choices=GroupKind.choices)
    group_key = models.CharField(max_length=120)  # a kecamatan code, or a normalised name
    evidence_url = models.URLField(max_length=500, blank=True)
    # A photo re-encoded without its metadata (core.images.photo_process), or empty.
    evidence_photo = models.FileField(upload_to="info-tanggapan/", blank=True)
    counts = models.BooleanField()  # the account was old enough when it voted
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["post", "voter"], name="info_vote_once")]

    def __str__(self) -> str:
        return f"{'true' if self.still_true else 'false'} vote on post {self.post_id}"


class InfoReminderKind(models.TextChoices):
    SOON = "soon", _("segera kedaluwarsa")
    EXPIRED = "expired", _("sudah kedaluwarsa")


class InfoReminder(Delivery):
    """One "masih berlaku?" email to a post's author, sent once (core.delivery) per kind and
    freshness period: the period is the `expires_at` the email is about, so a renewal, which
    moves `expires_at`, starts a new one."""

    post = models.ForeignKey(InfoPost, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=InfoReminderKind.choices)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "kind", "expires_at"], name="info_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for post {self.post_id} ({self.expires_at:%Y-%m-%d})"


class InfoLink(models.Model):
    """ "Info terkait": a campaign's owner or a need's poster points to a post about the same
    place or help. Exactly one of `campaign` and `need`; a post once per campaign or need."""

    post = models.ForeignKey(InfoPost, on_delete=models.CASCADE, related_name="links")
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="info_links",
    )
    need = models.ForeignKey(
        "inkind.Need", on_delete=models.CASCADE, null=True, blank=True, related_name="info_links"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(campaign__isnull=False, need__isnull=True)
                | Q(campaign__isnull=True, need__isnull=False),
                name="info_link_one_subject",
            ),
            models.UniqueConstraint(fields=["post", "campaign"], name="info_link_campaign_once"),
            models.UniqueConstraint(fields=["post", "need"], name="info_link_need_once"),
        ]

    def __str__(self) -> str:
        subject = f"campaign {self.campaign_id}" if self.campaign_id else f"need {self.need_id}"
        return f"post {self.post_id} linked from {subject}"


class InfoReportReason(models.TextChoices):
    HOAX = "hoaks", _("Hoaks atau menyesatkan")
    PERSONAL_DATA = "data_pribadi", _("Memuat data pribadi (nomor HP, alamat rumah)")
    SPAM = "spam", _("Spam atau iklan")
    OTHER = "lainnya", _("Lainnya")


class InfoReportStatus(models.TextChoices):
    OPEN = "open", _("Baru")
    DISMISSED = "dismissed", _("Ditutup tanpa tindakan")
    ACTIONED = "actioned", _("Ditindaklanjuti")


class InfoReport(models.Model):
    """Laporkan on a post, by a signed-in person (one open report per person and post); a
    verifikator dismisses it or declares the post false."""

    post = models.ForeignKey(InfoPost, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=16, choices=InfoReportReason.choices)
    text = models.TextField(max_length=2000)
    status = models.CharField(
        max_length=16, choices=InfoReportStatus.choices, default=InfoReportStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(status="open"),
                name="info_report_one_open",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"report #{self.pk} on post {self.post_id}"


class InfoMonth(models.Model):
    """Open data's rollup of help information (decision 38): one kind's posts and applied
    status changes in one province in one calendar month (TIME_ZONE), each in the month of its
    history row. Written only by `rollup.py`, in the transaction of the change, by an atomic
    upsert; rebuilt from `InfoStatusChange` by `info_months_rebuild`."""

    month = models.DateField()
    kind = models.CharField(max_length=24, choices=InfoKind.choices)
    province = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    posts = models.BigIntegerField(db_default=0)  # published
    confirmed = models.BigIntegerField(db_default=0)  # by the community
    verified = models.BigIntegerField(db_default=0)
    disputed = models.BigIntegerField(db_default=0)
    marked_false = models.BigIntegerField(db_default=0)
    expired = models.BigIntegerField(db_default=0)

    class Meta:
        ordering = ["month", "kind", "province"]
        constraints = [
            models.UniqueConstraint(fields=["month", "kind", "province"], name="info_month_cell")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} {self.province_id}"
