"""The receipt as a document: its verification link, the QR code that carries the link, and
the PDF a donor downloads. Formatting only; the facts come from `selectors.receipt_get`."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from gotong.core.money import rupiah, terbilang
from gotong.core.pdf import latin1, qr_png
from gotong.donations.models import Donation
from gotong.receipts.selectors import Receipt


def verification_url(*, receipt: Receipt) -> str:
    """The public verification page (absolute, on PUBLIC_BASE_URL), with everything the
    receipt claims in the query."""
    donation = receipt.donation
    query: dict[str, str | int] = {"order": donation.order_id, "jumlah": donation.amount}
    if receipt.proof is not None:
        query |= {
            "leaf": receipt.proof.leaf_index,
            "size": receipt.proof.head.tree_size,
            "root": receipt.proof.head.root_hash,
        }
    return f"{settings.PUBLIC_BASE_URL}{reverse('receipts:verify')}?{urlencode(query)}"


def qr_svg(url: str) -> str:
    """An inline SVG QR code (error correction M), scaled by CSS."""
    qr = segno.make_qr(url, error="m")
    return qr.svg_inline(scale=4, border=2, omitsize=True)


def settled_at_text(receipt: Receipt) -> str:
    moment = receipt.donation.settled_at
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"


def amount_words(amount: int) -> str:
    words = terbilang(amount)
    return words[:1].upper() + words[1:]


class _ReceiptPdf(FPDF):
    def row(self, label: str, value: str, *, bold: bool = False) -> None:
        self.set_font("Helvetica", "", 10)
        self.set_text_color(90, 90, 90)
        self.cell(48, 7, latin1(label))
        self.set_text_color(0, 0, 0)
        self.set_font("Helvetica", "B" if bold else "", 11)
        self.multi_cell(0, 7, latin1(value), new_x="LMARGIN", new_y="NEXT")

    def mono(self, text: str) -> None:
        self.set_font("Courier", "", 7.5)
        self.multi_cell(0, 3.6, latin1(text), new_x="LMARGIN", new_y="NEXT")


def receipt_pdf(
    *, receipt: Receipt, verify_url: str, donor_name: str, payment_method: str
) -> bytes:
    """The receipt as an A4 PDF: `donor_name` is the public name, or the donor's own on their
    copy; `payment_method` the method's name ("QRIS"), '' if unknown."""
    donation, campaign = receipt.donation, receipt.donation.campaign
    with translation.override(settings.LANGUAGE_CODE):
        pdf = _ReceiptPdf(format="A4")
        pdf.set_title(f"E-kuitansi {donation.order_id}")
        pdf.set_author("Gotong")
        pdf.set_creator("Gotong")
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(auto=True, margin=16)
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 18)
        pdf.cell(0, 10, latin1(_("E-Kuitansi Donasi")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(0, 6, latin1(_("Gotong - platform donasi terbuka")), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.row(_("Nomor pesanan"), donation.order_id, bold=True)
        pdf.row(_("Telah diterima dari"), donor_name)
        pdf.row(_("Uang sejumlah"), rupiah(donation.amount), bold=True)
        pdf.row(_("Terbilang"), amount_words(donation.amount))
        pdf.row(_("Untuk"), _('Donasi untuk kampanye "%(title)s"') % {"title": campaign.title})
        pdf.row(_("Penggalang dana"), campaign.owner.public_name)
        pdf.row(_("Tanggal diterima"), settled_at_text(receipt))
        if payment_method:
            pdf.row(_("Metode pembayaran"), payment_method)
        pdf.row(_("Biaya platform"), rupiah(donation.fee))
        if receipt.refunded:
            pdf.row(_("Status"), _("Dana donasi ini telah dikembalikan kepada donatur."), bold=True)
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, latin1(_("Bukti di log transparansi")), new_x="LMARGIN", new_y="NEXT")
        if receipt.proof is not None:
            head = receipt.proof.head
            pdf.row(_("Indeks entri (leaf)"), str(receipt.proof.leaf_index), bold=True)
            pdf.row(_("Ukuran pohon"), str(head.tree_size))
            pdf.row(_("Waktu kepala log"), f"{head.timestamp} ms")
            pdf.row(_("Root hash"), head.root_hash)
            pdf.row(_("Kunci publik"), head.public_key)
            pdf.set_font("Helvetica", "", 10)
            pdf.cell(
                0, 6, latin1(_("Tanda tangan (Ed25519, base64):")), new_x="LMARGIN", new_y="NEXT"
            )
            pdf.mono(head.signature)
            pdf.set_font("Helvetica", "", 10)
            pdf.cell(
                0, 6, latin1(_("Bukti inklusi (audit path, hex):")), new_x="LMARGIN", new_y="NEXT"
            )
            pdf.mono("\n".join(h.hex() for h in receipt.proof.audit_path) or "-")
        else:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(
                0,
                6,
                latin1(
                    _(
                        "Sudah tercatat, menunggu disegel ke log transparansi (±1 menit). "
                        "Unduh ulang kuitansi ini sebentar lagi untuk mendapatkan buktinya."
                    )
                ),
                new_x="LMARGIN",
                new_y="NEXT",
            )
        pdf.ln(3)
        top = pdf.get_y()
        pdf.image(qr_png(verify_url), x=pdf.l_margin, y=top, w=42, h=42)
        pdf.set_xy(pdf.l_margin + 48, top)
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(
            0,
            5,
            latin1(
                _(
                    "Pindai kode QR atau buka tautan ini untuk memeriksa kuitansi terhadap log "
                    "transparansi Gotong:"
                )
            ),
            new_x="LEFT",
            new_y="NEXT",
        )
        pdf.mono(verify_url)
        return bytes(pdf.output())


def statement_pdf(*, donor_name: str, year: int, gifts: list[Donation]) -> bytes:
    """A year's statement of one donor's settled gifts (donasi rutin, for zakat or tax records),
    in the e-kuitansi's style: one row per gift with its order id, whose own e-kuitansi proves
    it against the log."""
    total = sum(gift.amount for gift in gifts)
    with translation.override(settings.LANGUAGE_CODE):
        pdf = _ReceiptPdf(format="A4")
        pdf.set_title(f"Laporan tahunan donasi {year}")
        pdf.set_author("Gotong")
        pdf.set_creator("Gotong")
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(auto=True, margin=16)
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 18)
        title = _("Laporan Tahunan Donasi %(year)d") % {"year": year}
        pdf.cell(0, 10, latin1(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(0, 6, latin1(_("Gotong - platform donasi terbuka")), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.row(_("Telah diterima dari"), donor_name)
        pdf.row(_("Jumlah donasi"), str(len(gifts)))
        pdf.row(_("Uang sejumlah"), rupiah(total), bold=True)
        pdf.row(_("Terbilang"), amount_words(total) if total else "-")
        pdf.ln(3)
        for gift in gifts:
            moment = timezone.localtime(gift.settled_at) if gift.settled_at else None
            day = formats.date_format(moment, "DATE_FORMAT") if moment else ""
            pdf.row(day, f"{rupiah(gift.amount)} - {gift.campaign.title} ({gift.order_id})")
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(
            0,
            5,
            latin1(
                _(
                    "Setiap donasi punya e-kuitansi sendiri dengan bukti di log transparansi: "
                    "periksa nomor pesanannya di %(url)s."
                )
                % {"url": settings.PUBLIC_BASE_URL + reverse("receipts:verify")}
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        return bytes(pdf.output())
