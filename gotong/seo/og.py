"""The Open Graph card of a campaign: a 1200x630 JPEG drawn with Pillow (decision 12).

Cover (cropped to fill, or the brand gradient), a dark band with the title, a progress bar and
"Rp X terkumpul dari Rp Y". This module only draws and names versions; `services` caches.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont, ImageOps

from gotong.core.money import rupiah

WIDTH, HEIGHT = 1200, 630
CONTENT_TYPE = "image/jpeg"
# Bump when the drawing changes, so every cached card is redrawn once.
REVISION = 1
# The card is redrawn when the amount collected has moved by a step: 1% of the target, but never
# more than Rp 1.000.000 (so a big campaign's card still follows each million).
STEP_MAX = 1_000_000

MARGIN = 56
BRAND = (11, 122, 90)
BRAND_DARK = (4, 58, 43)
BAR_FILL = (61, 214, 152)
BAR_TRACK = (255, 255, 255, 70)
BAND = (6, 22, 17)
WHITE = (255, 255, 255)
SOFT = (214, 226, 221)

FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
)
FONT_FILES = {
    True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
    False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
}


def og_step(*, target: int) -> int:
    return max(1, min(target // 100, STEP_MAX))


def og_bucket(*, collected: int, target: int) -> int:
    """Which step of the amount the card shows; a new bucket means a new card."""
    return max(0, collected) // og_step(target=target)


def og_version(*, campaign_id: int, edited: str, cover: str, collected: int, target: int) -> str:
    """`<bucket>-<digest>`: the digest covers what the campaigner can edit (title, cover, target
    all move `updated_at`) and the drawing revision; the bucket follows the money."""
    digest = hashlib.sha256(f"{REVISION}|{campaign_id}|{edited}|{cover}".encode()).hexdigest()
    return f"{og_bucket(collected=collected, target=target)}-{digest[:10]}"


def font_files(*, bold: bool) -> Iterator[Path]:
    """The TrueType files at hand, DejaVu (Debian's fonts-dejavu-core) before Liberation; the
    posters (`info_poster`) embed the first of them."""
    for directory in FONT_DIRS:
        for name in FONT_FILES[bold]:
            if (directory / name).is_file():
                yield directory / name


@functools.lru_cache(maxsize=32)
def font_load(size: int, *, bold: bool) -> FontType:
    """The first font of `font_files` that loads; Pillow's own font if none does."""
    for path in font_files(bold=bold):
        try:
            return ImageFont.truetype(str(path), size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def measure_width(draw: ImageDraw.ImageDraw, text: str, font: FontType) -> float:
    return draw.textlength(text, font=font)


def _split_long(draw: ImageDraw.ImageDraw, word: str, font: FontType, width: int) -> list[str]:
    """A word wider than the line, cut into pieces that fit."""
    pieces, current = [], ""
    for char in word:
        if current and measure_width(draw, current + char, font) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: FontType, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if measure_width(draw, candidate, font) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        *whole, current = _split_long(draw, word, font, width)
        lines.extend(whole)
    if current:
        lines.append(current)
    return lines


def _ellipsise(draw: ImageDraw.ImageDraw, line: str, font: FontType, width: int) -> str:
    line = line.rstrip(" .,;:-")
    while line and measure_width(draw, line + "…", font) > width:
        line = line[:-1].rstrip(" .,;:-")
    return line + "…"


def title_lines(
    draw: ImageDraw.ImageDraw, title: str, width: int
) -> tuple[list[str], FontType, int]:
    """The title in at most two lines at the largest size that fits, else three ellipsised."""
    for size in (60, 52, 46):
        font = font_load(size, bold=True)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= 2:
            return lines, font, size
    lines = _wrap(draw, title, font, width)
    if len(lines) > 3:
        lines = [*lines[:2], _ellipsise(draw, f"{lines[2]} {lines[3]}", font, width)]
    return lines, font, size


def background(cover: Image.Image | None) -> Image.Image:
    if cover is not None:
        return ImageOps.fit(
            cover.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.LANCZOS, centering=(0.5, 0.4)
        )
    # Brand gradient, diagonal (top left to bottom right), from the Gotong green to deep green.
    square = Image.linear_gradient("L")  # 256x256, black at the top to white at the bottom
    gradient = Image.blend(
        square.resize((WIDTH, HEIGHT)), square.rotate(90).resize((WIDTH, HEIGHT)), 0.5
    )
    return Image.composite(
        Image.new("RGB", (WIDTH, HEIGHT), BRAND_DARK),
        Image.new("RGB", (WIDTH, HEIGHT), BRAND),
        gradient,
    )


def shade(image: Image.Image, band_top: int) -> Image.Image:
    """Darken from a little above `band_top` down to the bottom, so white text always reads."""
    fade = 140
    alpha = Image.new("L", (1, HEIGHT), 0)
    for y in range(HEIGHT):
        if y >= band_top:
            value = 225
        elif y >= band_top - fade:
            value = round(225 * ((y - band_top + fade) / fade) ** 1.6)
        else:
            value = 0
        alpha.putpixel((0, y), value)
    overlay = Image.new("RGBA", (WIDTH, HEIGHT), (*BAND, 0))
    overlay.putalpha(alpha.resize((WIDTH, HEIGHT)))
    return Image.alpha_composite(image.convert("RGBA"), overlay)


def _pieces(template: str, values: dict[str, str]) -> Iterable[tuple[str, bool]]:
    """Split a translated "%(collected)s … %(target)s" into (text, is_value) pieces."""
    for part in re.split(r"(%\(\w+\)s)", template):
        name = re.fullmatch(r"%\((\w+)\)s", part)
        if name:
            yield values.get(name.group(1), ""), True
        elif part:
            yield part, False


def og_image_draw(*, title: str, collected: int, target: int, cover: Image.Image | None) -> bytes:
    """The card as JPEG bytes, exactly WIDTH x HEIGHT."""
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    text_width = WIDTH - 2 * MARGIN
    lines, title_font, size = title_lines(measure, title, text_width)
    line_height = round(size * 1.2)

    bar_height = 18
    amount_top = HEIGHT - MARGIN - 34
    bar_top = amount_top - 26 - bar_height
    title_top = bar_top - 34 - line_height * len(lines)
    image = shade(background(cover), title_top - 40).convert("RGB")
    draw = ImageDraw.Draw(image, "RGBA")  # on an RGB image, translucent fills blend

    brand_font = font_load(30, bold=True)
    brand_width = round(measure_width(draw, "Gotong", brand_font))
    draw.rounded_rectangle(
        (MARGIN - 4, 40, MARGIN + brand_width + 36, 96), radius=28, fill=(255, 255, 255, 235)
    )
    draw.text((MARGIN + 16, 68), "Gotong", font=brand_font, fill=BRAND, anchor="lm")

    for i, line in enumerate(lines):
        draw.text((MARGIN, title_top + i * line_height), line, font=title_font, fill=WHITE)

    percent = min(100, collected * 100 // target) if target > 0 else 0
    draw.rounded_rectangle(
        (MARGIN, bar_top, WIDTH - MARGIN, bar_top + bar_height), radius=9, fill=BAR_TRACK
    )
    if collected > 0:
        fill_to = MARGIN + max(bar_height, round(text_width * percent / 100))
        draw.rounded_rectangle(
            (MARGIN, bar_top, fill_to, bar_top + bar_height), radius=9, fill=BAR_FILL
        )

    values = {"collected": rupiah(collected), "target": rupiah(target)}
    pieces = list(_pieces(_("%(collected)s terkumpul dari %(target)s"), values))
    percent_text = f"{percent}%"
    for amount_size in (34, 30, 26, 22):  # the longest amounts need a smaller size
        bold, regular = font_load(amount_size, bold=True), font_load(amount_size, bold=False)
        room = text_width - measure_width(draw, percent_text, bold) - 24
        if sum(measure_width(draw, t, bold if v else regular) for t, v in pieces) <= room:
            break
    x: float = MARGIN
    baseline = amount_top + 34
    for text, is_value in pieces:
        font = bold if is_value else regular
        draw.text((x, baseline), text, font=font, fill=WHITE if is_value else SOFT, anchor="ls")
        x += measure_width(draw, text, font)
    draw.text((WIDTH - MARGIN, baseline), percent_text, font=bold, fill=BAR_FILL, anchor="rs")

    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
