"""Helpers for the PDFs fpdf2 draws (receipts, posters): a QR code as a PNG to place in the page,
and text folded for fpdf2's built-in fonts when no TrueType font is at hand."""

from __future__ import annotations

import io
import unicodedata

import segno


def qr_png(url: str, *, scale: int = 6) -> io.BytesIO:
    """The QR code of `url` (error correction M, a quiet zone of 2 modules) as a PNG stream."""
    png = io.BytesIO()
    segno.make_qr(url, error="m").save(png, kind="png", scale=scale, border=2)
    png.seek(0)
    return png


def latin1(text: str) -> str:
    """The PDF's built-in fonts cover Latin-1 only: fold what has a Latin-1 form, mark the
    rest with `?` rather than fail on an emoji in a title."""
    folded = unicodedata.normalize("NFKC", text)
    return folded.encode("latin-1", "replace").decode("latin-1")
