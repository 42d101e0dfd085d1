"""A text compressed once with holes filled per answer: the page cache's gzip bodies.

A cached page holds each visitor's own CSRF token, so its compressed bytes cannot simply be
stored. Instead the texts between the holes are deflated once, each ending on a byte boundary
(a sync flush), and each answer is one gzip member made of them with the hole's bytes between
as *stored* (uncompressed) deflate blocks, an empty final block and the trailer: the CRC-32 of
the whole text, which is all that is computed per answer, and its length.

Each text is deflated with everything before it as its dictionary, a hole counted as that
many NUL bytes: pages hold no NUL byte, so no match can reach into a hole and every distance
stays right once the real bytes are there, and the page compresses about as well as in one
piece. What fills a hole is never compressed and nothing refers to it, so its bytes cannot
show through the compressed length (BREACH).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

WINDOW = 32 * 1024  # deflate looks back at most this far
# gzip magic, deflate, no flags, no mtime, no extra flags, unknown OS.
HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
END = zlib.compressobj(wbits=-zlib.MAX_WBITS).flush()  # an empty final block


@dataclass(frozen=True)
class Parts:
    texts: tuple[bytes, ...]
    deflated: tuple[bytes, ...]
    hole: int  # the length of what fills each hole

    @property
    def holes(self) -> int:
        return len(self.texts) - 1


def _deflate(text: bytes, before: bytes) -> bytes:
    window = before[-WINDOW:]
    if window:
        z = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=window)
    else:
        z = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return z.compress(text) + z.flush(zlib.Z_SYNC_FLUSH)


def parts_pack(texts: list[bytes], *, hole: int) -> Parts:
    """Deflate `texts`, which will be joined with `hole` bytes between each two of them."""
    if any(b"\x00" in text for text in texts):
        raise ValueError("a text with NUL bytes cannot be packed")
    deflated, before = [], b""
    for text in texts:
        deflated.append(_deflate(text, before))
        before = (before + text + b"\x00" * hole)[-WINDOW:]
    return Parts(texts=tuple(texts), deflated=tuple(deflated), hole=hole)


def parts_plain(parts: Parts, *, fill: bytes) -> bytes:
    return fill.join(parts.texts)


def parts_gzip(parts: Parts, *, fill: bytes) -> bytes:
    """One gzip member of the texts joined by `fill` (which must be `parts.hole` bytes)."""
    if len(fill) != parts.hole and parts.holes:
        raise ValueError(f"a hole takes {parts.hole} bytes, not {len(fill)}")
    stored = b"\x00" + struct.pack("<HH", len(fill), len(fill) ^ 0xFFFF) + fill
    crc = zlib.crc32(parts.texts[0])
    for text in parts.texts[1:]:
        crc = zlib.crc32(text, zlib.crc32(fill, crc))
    size = sum(map(len, parts.texts)) + parts.holes * len(fill)
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return b"".join((HEADER, stored.join(parts.deflated), END, trailer))
