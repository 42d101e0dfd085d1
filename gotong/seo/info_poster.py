"""The printable A4 poster of a help-information post, for a posko's wall: its status in its
colour with the date it was last checked, kind, title, what / when / where, an institution's
contact (never a person's), the region, and a large QR code to the post's page, whose status is
always the latest. One page, whatever the lengths: the text shrinks until it fits.

A post declared false gets a warning poster instead: "INFORMASI INI SALAH" in red, the title so
the hoax can be recognised, the verifier's note, but not the false what / when / where, which a
torn-off poster would otherwise still spread. An expired post gets no poster (`views`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from gotong.core.pdf import latin1, qr_png
from gotong.info.models import ActorRole, ChangeOutcome, InfoPost
from gotong.info.share import checked_on
from gotong.info.transitions import InfoStatus
from gotong.seo.info_card import STATUS_COLOURS, status_heading
from gotong.seo.og import font_files

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 210, 297, 16
BAND_HEIGHT = 30
QR_SIZE = 70
# The QR block (code, its URL, the line under it) and the footer sit at the bottom; the text
# above must end before it.
QR_TOP = 186
TEXT_BOTTOM = QR_TOP - 6
SCALES = (1.4, 1.2, 1.0, 0.88, 0.76, 0.66, 0.56)
WHAT_LIMIT = 600
NOTE_LIMIT = 400
INK = (28, 25, 23)
MUTED = (100, 100, 100)
RED = (200, 30, 30)
RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Block:
    text: str
    size: float  # points, at scale 1
    bold: bool = False
    colour: RGB = INK
    gap: float = 0  # millimetres after it


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _false_note(post: InfoPost) -> str:
    verdicts = [
        change
        for change in post.history.all()
        if change.outcome == ChangeOutcome.APPLIED
        and change.role == ActorRole.VERIFIER
        and change.to_status == InfoStatus.FALSE
    ]
    return verdicts[-1].reason if verdicts else ""


def _blocks(post: InfoPost) -> list[Block]:
    """What the poster says above the QR code, from the top."""
    blocks = [
        Block(post.get_kind_display().upper(), 12, bold=True, colour=MUTED, gap=2),
        Block(post.title, 30, bold=True, gap=5),
    ]
    if post.status == InfoStatus.FALSE:
        blocks.append(
            Block(
                _(
                    "Verifikator Gotong menyatakan informasi ini SALAH (%(date)s). Jangan ikuti "
                    "isinya dan jangan sebarkan sebagai info yang benar."
                )
                % {"date": checked_on(post)},
                17,
                bold=True,
                colour=RED,
                gap=4,
            )
        )
        note = _false_note(post)
        if note:
            blocks.append(
                Block(
                    _("Catatan verifikator: %(note)s") % {"note": _clip(note, NOTE_LIMIT)},
                    13,
                    gap=4,
                )
            )
    else:
        facts = [
            (_("Apa"), _clip(post.what, WHAT_LIMIT)),
            (_("Kapan"), post.when_text),
            (_("Di mana"), post.where_text),
        ]
        if post.is_institution and post.institution_contact:
            facts.append((_("Kontak lembaga"), post.institution_contact))
        for label, value in facts:
            blocks += [
                Block(label.upper(), 10, bold=True, colour=MUTED, gap=0.5),
                Block(value, 15, gap=3.5),
            ]
    blocks += [
        Block(_("Wilayah").upper(), 10, bold=True, colour=MUTED, gap=0.5),
        Block(post.region.path, 13),
    ]
    return blocks


class _Poster(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="portrait", format="A4")
        regular, bold = next(font_files(bold=False), None), next(font_files(bold=True), None)
        self.fold: Callable[[str], str]
        if regular is not None and bold is not None:
            self.add_font("poster", "", str(regular))
            self.add_font("poster", "B", str(bold))
            self.face, self.fold = "poster", str
        else:  # no TrueType font on this machine: the built-in one, Latin-1 only
            self.face, self.fold = "Helvetica", latin1
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=False)

    def use(self, size: float, *, bold: bool = False, colour: RGB = INK) -> None:
        self.set_font(self.face, "B" if bold else "", size)
        self.set_text_color(*colour)

    def block(self, block: Block, scale: float, *, dry: bool = False) -> float:
        """Write `block` where the cursor is (or only measure it); its height with its gap."""
        size = block.size * scale
        self.use(size, bold=block.bold, colour=block.colour)
        line = size * 0.3528 * 1.22  # points to millimetres, with some leading
        text = self.fold(block.text)
        gap = block.gap * scale
        if dry:
            height = self.multi_cell(0, line, text, align="L", dry_run=True, output="HEIGHT")
            return cast(float, height) + gap
        top = self.get_y()
        self.multi_cell(0, line, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)
        return self.get_y() - top


def _band(pdf: _Poster, post: InfoPost) -> None:
    fill, on_fill = STATUS_COLOURS[post.status]
    pdf.set_fill_color(*fill)
    pdf.rect(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, BAND_HEIGHT, style="F")
    heading = status_heading(post)
    pdf.use(28 if len(heading) <= 16 else 24, bold=True, colour=on_fill)
    pdf.set_xy(MARGIN + 6, MARGIN)
    pdf.cell(0, BAND_HEIGHT * 0.64, pdf.fold(heading))
    pdf.use(14, colour=on_fill)
    pdf.set_xy(MARGIN + 6, MARGIN + BAND_HEIGHT * 0.58)
    checked = _("diperiksa %(date)s") % {"date": checked_on(post)}
    pdf.cell(0, BAND_HEIGHT * 0.32, pdf.fold(checked))


def _qr(pdf: _Poster, url: str) -> None:
    left = (PAGE_WIDTH - QR_SIZE) / 2
    pdf.image(qr_png(url, scale=10), x=left, y=QR_TOP, w=QR_SIZE, h=QR_SIZE, link=url)
    pdf.set_xy(MARGIN, QR_TOP + QR_SIZE + 1)
    pdf.use(11)
    pdf.cell(0, 6, pdf.fold(url), align="C", link=url, new_x="LMARGIN", new_y="NEXT")
    pdf.use(14, bold=True)
    line = _("Periksa status terbaru dengan memindai kode ini")
    pdf.cell(0, 8, pdf.fold(line), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*MUTED)
    pdf.line(MARGIN, PAGE_HEIGHT - MARGIN - 7, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN - 7)
    pdf.set_xy(MARGIN, PAGE_HEIGHT - MARGIN - 6)
    pdf.use(9, colour=MUTED)
    printed = formats.date_format(timezone.localdate(), "j M Y")
    footer = _("Gotong · info bantuan yang diperiksa warga dan verifikator · dicetak %(date)s") % {
        "date": printed
    }
    pdf.cell(0, 5, pdf.fold(footer), align="C")


def info_poster_pdf(*, post: InfoPost, url: str) -> bytes:
    """The poster as PDF bytes: one A4 portrait page. `url` is the post's absolute address."""
    pdf = _Poster()
    pdf.set_title(post.title)
    pdf.set_author("Gotong")
    pdf.set_creator("Gotong")
    pdf.add_page()
    _band(pdf, post)
    blocks = _blocks(post)
    top = MARGIN + BAND_HEIGHT + 6
    room = TEXT_BOTTOM - top
    scale = SCALES[-1]
    pdf.set_xy(MARGIN, top)
    for candidate in SCALES:
        if sum(pdf.block(b, candidate, dry=True) for b in blocks) <= room:
            scale = candidate
            break
    pdf.set_xy(MARGIN, top)
    for block in blocks:
        if pdf.get_y() >= TEXT_BOTTOM:
            break
        pdf.block(block, scale)
    _qr(pdf, url)
    return bytes(pdf.output())
