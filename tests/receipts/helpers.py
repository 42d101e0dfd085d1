"""Reading a receipt PDF the way an outsider would: its text (pypdf) and its QR code (zxing)."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_qr_urls(data: bytes) -> list[str]:
    """Every QR code in every image of the PDF, decoded."""
    urls = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for image in page.images:
            picture = Image.open(io.BytesIO(image.data)).convert("L")
            # A quiet zone helps the decoder whatever border the PDF image has.
            framed = Image.new("L", (picture.width + 40, picture.height + 40), 255)
            framed.paste(picture, (20, 20))
            urls += [code.text for code in zxingcpp.read_barcodes(framed)]
    return urls
