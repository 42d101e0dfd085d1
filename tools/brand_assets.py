#!/usr/bin/env python3
"""Render Gotong's raster brand assets from the hand-written SVGs (docs/design.md).

    .venv/bin/python tools/brand_assets.py

Chromium (Debian's, driven by Playwright) draws each SVG at the exact pixel size; Pillow packs
the favicon and shrinks the PNGs to a palette. Outputs are committed as static files:

- gotong/core/static/gotong/brand/: icon-192.png, icon-512.png (rounded, purpose "any"),
  icon-maskable-512.png and apple-touch-icon.png (full-bleed square), favicon.ico (16, 32, 48);
- gotong/demo/art/<category>.png: each category illustration at 960x540, the base of the demo
  campaigns' generated covers.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
BRAND = ROOT / "gotong" / "core" / "static" / "gotong" / "brand"
ART = ROOT / "gotong" / "core" / "static" / "gotong" / "kategori"
DEMO_ART = ROOT / "gotong" / "demo" / "art"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def render(page: Page, svg: str, width: int, height: int) -> Image.Image:
    page.set_viewport_size({"width": width, "height": height})
    sized = svg.replace("<svg ", f'<svg width="{width}" height="{height}" ', 1)
    page.set_content(f"<style>html,body{{margin:0;background:transparent}}</style>{sized}")
    return Image.open(io.BytesIO(page.screenshot(omit_background=True))).convert("RGBA")


def save_png(image: Image.Image, path: Path, colours: int = 64) -> None:
    """Quantised to a small palette (flat art loses nothing visible) to keep the files small."""
    image.quantize(colours, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


def main() -> None:
    icon = (BRAND / "icon.svg").read_text()
    square = icon.replace('rx="15"', 'rx="0"')
    DEMO_ART.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        for size in (192, 512):
            save_png(render(page, icon, size, size), BRAND / f"icon-{size}.png")
        save_png(render(page, square, 512, 512), BRAND / "icon-maskable-512.png")
        save_png(render(page, square, 180, 180), BRAND / "apple-touch-icon.png")
        ico = render(page, icon, 48, 48)
        ico.save(BRAND / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        print(f"favicon.ico: {(BRAND / 'favicon.ico').stat().st_size} bytes")
        for svg in sorted(ART.glob("*.svg")):
            art = render(page, svg.read_text(), 960, 540).convert("RGB")
            save_png(art, DEMO_ART / f"{svg.stem}.png", colours=48)
        browser.close()


if __name__ == "__main__":
    main()
