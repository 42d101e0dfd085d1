"""Covers for the demo campaigns, made by the project itself: the campaign's category
illustration (rendered from static/gotong/kategori/ by tools/brand_assets.py into art/), framed
differently per campaign, with its place on a label. No stock photos."""

from __future__ import annotations

import io
import random
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from gotong.demo.data import DemoCampaign
from gotong.seo.og import font_load

ART_DIR = Path(__file__).resolve().parent / "art"
SIZE = (960, 540)
INK = (29, 37, 33)
GREEN = (11, 122, 90)


def _art(category: str) -> Image.Image:
    path = ART_DIR / f"{category}.png"
    if not path.is_file():
        path = ART_DIR / "lainnya.png"
    with Image.open(path) as image:
        return image.convert("RGB").resize(SIZE)


def _framed(art: Image.Image, rng: random.Random) -> Image.Image:
    """Campaigns of one category differ: zoomed in by up to a fifth, each on its own part of the
    picture (never mirrored: some illustrations carry words)."""
    zoom = rng.uniform(1.05, 1.25)
    width, height = SIZE
    crop_w, crop_h = int(width / zoom), int(height / zoom)
    left = rng.randint(0, width - crop_w)
    top = rng.randint(0, height - crop_h)
    return art.crop((left, top, left + crop_w, top + crop_h)).resize(SIZE, Image.Resampling.LANCZOS)


def _place_label(image: Image.Image, place: str) -> None:
    """A white pill with a pin and the place, top left, as on a printed campaign banner."""
    draw = ImageDraw.Draw(image)
    font = font_load(34, bold=True)
    text_w = int(draw.textlength(place, font=font))
    x, y, h = 28, 28, 64
    draw.rounded_rectangle([x, y, x + text_w + 84, y + h], radius=h // 2, fill=(255, 255, 255))
    cx, cy = x + 34, y + 27
    draw.ellipse([cx - 11, cy - 11, cx + 11, cy + 11], fill=GREEN)
    draw.polygon([(cx - 9, cy + 6), (cx + 9, cy + 6), (cx, cy + 20)], fill=GREEN)
    draw.ellipse([cx - 4, cy - 4, cx + 4, cy + 4], fill=(255, 255, 255))
    draw.text((x + 60, y + h // 2), place, font=font, fill=INK, anchor="lm")


def demo_cover(demo: DemoCampaign) -> SimpleUploadedFile:
    rng = random.Random(demo.key)  # noqa: S311 (decoration, not security)
    image = _framed(_art(demo.category), rng)
    _place_label(image, demo.location.partition(",")[0].strip())
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return SimpleUploadedFile("cover.jpg", out.getvalue(), content_type="image/jpeg")
