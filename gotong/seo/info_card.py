"""The Open Graph card of a help-information post: 1200x630, its status in its colour above all
(a false post's card says "INFORMASI INI SALAH"), when it was last checked, its kind, title and
region. Nothing about its author, nor an institution's contact. Drawn on request and cached by
`info_card_version` (`views.info_og_image`)."""

from __future__ import annotations

import hashlib
import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from gotong.info.models import InfoPost
from gotong.info.share import checked_on, last_checked, status_label
from gotong.info.transitions import InfoStatus
from gotong.seo.og import BRAND, HEIGHT, MARGIN, SOFT, WHITE, WIDTH, font_load, title_lines

# Bump when the drawing changes, so every cached card is redrawn once.
REVISION = 1
INK = (28, 25, 23)
GROUND = (20, 27, 25)
# Each status's fill and the colour of text on it (the poster uses them too).
STATUS_COLOURS: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    InfoStatus.VERIFIED: ((21, 128, 61), WHITE),
    InfoStatus.COMMUNITY: ((37, 99, 235), WHITE),
    InfoStatus.UNVERIFIED: ((250, 204, 21), INK),
    InfoStatus.DISPUTED: ((234, 88, 12), WHITE),
    InfoStatus.FALSE: ((220, 38, 38), WHITE),
    InfoStatus.EXPIRED: ((120, 113, 108), WHITE),
}


def status_heading(post: InfoPost) -> str:
    """The status in capitals, as the card and the poster print it."""
    if post.status == InfoStatus.FALSE:
        return _("INFORMASI INI SALAH")
    return status_label(post).upper()


def info_card_version(post: InfoPost) -> str:
    """Changes with whatever the card shows: the status, the revision (title), the last check,
    the language of its words, the drawing."""
    shown = (
        f"{REVISION}|{post.pk}|{post.status}|{post.revision}|{last_checked(post).isoformat()}|"
        f"{post.kind}|{post.region_id}|{get_language()}"
    )
    return hashlib.sha256(shown.encode()).hexdigest()[:12]


def info_card_draw(*, post: InfoPost) -> bytes:
    fill, on_fill = STATUS_COLOURS[post.status]
    image = Image.new("RGB", (WIDTH, HEIGHT), GROUND)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rectangle((0, HEIGHT - 18, WIDTH, HEIGHT), fill=fill)
    draw.rectangle((0, 0, 18, HEIGHT), fill=fill)

    brand_font = font_load(30, bold=True)
    brand_width = round(draw.textlength("Gotong", font=brand_font))
    draw.rounded_rectangle(
        (MARGIN - 4, 40, MARGIN + brand_width + 36, 96), radius=28, fill=(255, 255, 255, 235)
    )
    draw.text((MARGIN + 16, 68), "Gotong", font=brand_font, fill=BRAND, anchor="lm")
    kind_font = font_load(26, bold=False)
    draw.text((WIDTH - MARGIN, 68), post.get_kind_display(), font=kind_font, fill=SOFT, anchor="rm")

    heading = status_heading(post)
    heading_font = font_load(46, bold=True)
    heading_width = round(draw.textlength(heading, font=heading_font))
    draw.rounded_rectangle(
        (MARGIN - 4, 130, MARGIN + heading_width + 60, 216), radius=18, fill=fill
    )
    draw.text((MARGIN + 26, 173), heading, font=heading_font, fill=on_fill, anchor="lm")
    checked = _("terakhir diperiksa %(date)s") % {"date": checked_on(post)}
    draw.text((MARGIN, 238), checked, font=font_load(30, bold=False), fill=SOFT)

    lines, title_font, size = title_lines(draw, post.title, WIDTH - 2 * MARGIN)
    for i, line in enumerate(lines):
        draw.text((MARGIN, 310 + i * round(size * 1.2)), line, font=title_font, fill=WHITE)
    region = post.region.path.rsplit(",", 1)[0]
    draw.text(
        (MARGIN, HEIGHT - MARGIN - 24),
        region,
        font=font_load(30, bold=True),
        fill=SOFT,
        anchor="ls",
    )
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
