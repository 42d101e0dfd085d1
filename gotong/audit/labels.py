"""What each audit action means, in words people read (the codes stay in the audit rows)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    "campaign.publish": _("Kampanye diterbitkan"),
    "campaign.reject": _("Kampanye dikembalikan ke penggalang dana"),
    "campaign.feature": _("Dijadikan pilihan di beranda"),
    "campaign.unfeature": _("Tidak lagi menjadi pilihan di beranda"),
    "campaign.suspend": _("Kampanye dihentikan sementara"),
    "campaign.close_refund": _("Kampanye ditutup, donasi dikembalikan"),
    "disbursement.approve": _("Pencairan disetujui"),
    "disbursement.reject": _("Pencairan ditolak"),
    "disbursement.paid": _("Pencairan dibayarkan"),
    "report.dismiss": _("Laporan ditutup tanpa tindakan"),
    "report.request_info": _("Informasi tambahan diminta"),
    "verification.approve": _("Identitas penggalang dana terverifikasi"),
    "verification.reject": _("Verifikasi identitas ditolak"),
}


def action_label(action: str) -> str:
    """The label of an audit action; an unknown code is shown as it is."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
