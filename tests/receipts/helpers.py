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
            # QR codes only: looking for every format, zxing now and then also "finds" a UPC-E
            # barcode inside the QR's modules (about 3 URLs in 100; the root hash in the URL
            # differs on every run, so the test failed at random).
            found = zxingcpp.read_barcodes(framed, formats=zxingcpp.BarcodeFormat.QRCode)
            urls += [code.text for code in found]
    return urls
