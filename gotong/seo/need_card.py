"""The Open Graph card of an in-kind need: 1200x630, the brand gradient, the title, where
(the desa, never the RT/RW) and up to three lines with what was delivered of what is needed.
Drawn on request and cached briefly (`views.need_og_image`); nothing private is on it."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from gotong.inkind.catalogue import unit_label
from gotong.inkind.models import Need
from gotong.seo.og import (
    BAR_FILL,
    BAR_TRACK,
    BRAND,
    HEIGHT,
    MARGIN,
    SOFT,
    WHITE,
    WIDTH,
    background,
    font_load,
    shade,
    title_lines,
)

ROWS = 3


def need_card_draw(*, need: Need) -> bytes:
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    inner = WIDTH - 2 * MARGIN
    lines, title_font, size = title_lines(measure, need.title, inner)
    rows = list(need.lines.all())[:ROWS]
    row_height = 64
    rows_top = HEIGHT - MARGIN - row_height * len(rows)
    where_top = rows_top - 56
    title_top = where_top - 20 - round(size * 1.2) * len(lines)
    image = shade(background(None), title_top - 40).convert("RGB")
    draw = ImageDraw.Draw(image, "RGBA")

    brand_font = font_load(30, bold=True)
    brand_width = round(draw.textlength("Gotong", font=brand_font))
    draw.rounded_rectangle(
        (MARGIN - 4, 40, MARGIN + brand_width + 36, 96), radius=28, fill=(255, 255, 255, 235)
    )
    draw.text((MARGIN + 16, 68), "Gotong", font=brand_font, fill=BRAND, anchor="lm")
    for i, line in enumerate(lines):
        draw.text((MARGIN, title_top + i * round(size * 1.2)), line, font=title_font, fill=WHITE)
    where = _("Dibutuhkan di %(where)s") % {"where": need.region.path.rsplit(",", 1)[0]}
    draw.text((MARGIN, where_top), where, font=font_load(28, bold=False), fill=SOFT)

    label_font, figure_font = font_load(26, bold=True), font_load(26, bold=False)
    for i, row in enumerate(rows):
        top = rows_top + i * row_height
        figures = _("%(d)s / %(q)s %(u)s diterima") % {
            "d": row.delivered,
            "q": row.quantity,
            "u": unit_label(row.item, row.unit),
        }
        draw.text((MARGIN, top), row.label, font=label_font, fill=WHITE)
        draw.text((WIDTH - MARGIN, top), figures, font=figure_font, fill=SOFT, anchor="ra")
        bar = (MARGIN, top + 36, WIDTH - MARGIN, top + 48)
        draw.rounded_rectangle(bar, radius=6, fill=BAR_TRACK)
        if row.delivered:
            done = MARGIN + max(12, inner * min(row.delivered, row.quantity) // row.quantity)
            draw.rounded_rectangle((MARGIN, top + 36, done, top + 48), radius=6, fill=BAR_FILL)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
