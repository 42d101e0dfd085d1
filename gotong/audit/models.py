from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """Every kind of change an audit row can record, with the words pages show for it. The codes
    are what the rows store: never rename one."""

    CAMPAIGN_PUBLISH = "campaign.publish", _("Kampanye diterbitkan")
    CAMPAIGN_REJECT = "campaign.reject", _("Kampanye dikembalikan ke penggalang dana")
    CAMPAIGN_FEATURE = "campaign.feature", _("Dijadikan pilihan di beranda")
    CAMPAIGN_UNFEATURE = "campaign.unfeature", _("Tidak lagi menjadi pilihan di beranda")
    CAMPAIGN_SUSPEND = "campaign.suspend", _("Kampanye dihentikan sementara")
    CAMPAIGN_CLOSE_REFUND = "campaign.close_refund", _("Kampanye ditutup, donasi dikembalikan")
    CAMPAIGN_END = "campaign.end", _("Kampanye berakhir (batas waktu lewat)")
    DISBURSEMENT_APPROVE = "disbursement.approve", _("Pencairan disetujui")
    DISBURSEMENT_REJECT = "disbursement.reject", _("Pencairan ditolak")
    DISBURSEMENT_PAID = "disbursement.paid", _("Pencairan dibayarkan")
    REPORT_DISMISS = "report.dismiss", _("Laporan ditutup tanpa tindakan")
    REPORT_REQUEST_INFO = "report.request_info", _("Informasi tambahan diminta")
    VERIFICATION_APPROVE = "verification.approve", _("Identitas penggalang dana terverifikasi")
    VERIFICATION_REJECT = "verification.reject", _("Verifikasi identitas ditolak")
    BANK_STATEMENT_IMPORT = "bank.statement_import", _("Mutasi rekening diimpor")
    BANK_LINE_ASSIGN = "bank.line_assign", _("Mutasi dicocokkan dengan donasi oleh staf")
    BANK_LINE_DISMISS = "bank.line_dismiss", _("Mutasi dinyatakan bukan donasi")
    BANK_TRANSFER_EXPIRE = "bank.transfer_expire", _("Transfer bank kedaluwarsa (24 jam lewat)")
    NEED_APPROVE = "need.approve", _("Kebutuhan disetujui dan dibuka")
    NEED_REJECT = "need.reject", _("Kebutuhan dikembalikan ke pengaju")
    NEED_CLOSE = "need.close", _("Kebutuhan ditutup moderator")
    NEED_MERGE = "need.merge", _("Kebutuhan digabung dengan yang sama")
    NEED_EXPIRE = "need.expire", _("Kebutuhan kedaluwarsa (tanggal lewat)")
    NEED_CAMPAIGN_LINK = "need.campaign_link", _("Kebutuhan ditautkan ke kampanye oleh moderator")
    OFFER_CLOSE = "offer.close", _("Tawaran ditutup moderator")
    AID_REPORT_DISMISS = "aid_report.dismiss", _("Laporan kebutuhan/tawaran ditutup tanpa tindakan")
    AID_REPORT_ACTION = "aid_report.action", _("Laporan kebutuhan/tawaran ditindaklanjuti")
    INFO_VERIFY = "info.verify", _("Informasi diverifikasi")
    INFO_FALSE = "info.false", _("Informasi dinyatakan salah")
    INFO_EXPIRE = "info.expire", _("Informasi kedaluwarsa (masa berlaku lewat)")
    INFO_REPORT_DISMISS = "info_report.dismiss", _("Laporan info ditutup tanpa tindakan")
    INFO_REPORT_ACTION = "info_report.action", _("Laporan info ditindaklanjuti: info salah")
    PLEDGE_RESOLVE = "pledge.resolve", _("Sengketa janji bantuan diputuskan")
    PLEDGE_LAPSE = "pledge.lapse", _("Janji bantuan lewat tanggal")
    CONTACT_REVEAL = "contact.reveal", _("Kontak ditampilkan kepada pihak yang cocok")
    TASK_REQUEUE = "task.requeue", _("Tugas dijalankan ulang: pekerjanya berhenti berdetak")
    API_TOKEN_CREATE = "api_token.create", _("Token API dibuat")
    API_TOKEN_REVOKE = "api_token.revoke", _("Token API dicabut")
    PLAN_END = "plan.end", _("Donasi rutin selesai (kampanye berakhir)")
    PLAN_PERIOD_SKIP = "plan.period_skip", _("Periode donasi rutin dilewati (tidak dibayar)")
    PLAN_FAIL = "plan.fail", _("Donasi rutin dijeda: penagihan otomatis gagal")


class AuditEntry(models.Model):
    """Append-only record of a state change: who (a staff member or moderator, or no one when
    the platform made it itself: the scheduler, a task), when, what, why."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    action = models.CharField(max_length=64, choices=AuditAction.choices)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")

    def __str__(self) -> str:
        who = self.get_actor_display()
        return f"{self.created_at:%Y-%m-%d %H:%M} {who} {self.action} {self.target_id}"

    def get_actor_display(self) -> str:
        """The staff member's email, or "Sistem" for a change the platform made by itself."""
        return self.actor.email if self.actor is not None else gettext("Sistem")
