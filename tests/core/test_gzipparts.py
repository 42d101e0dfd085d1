"""Texts deflated once with holes filled per answer (the page cache's gzip bodies): any gzip
reader gets back the texts joined by the filler, and the filler is never compressed."""

from __future__ import annotations

import gzip
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gotong.core.gzipparts import parts_gzip, parts_pack, parts_plain

text = st.binary(max_size=3000).map(lambda b: b.replace(b"\x00", b"."))
page_like = st.lists(st.sampled_from([b"<p>", b"Rp 1.000", b"</p>\n", b'value="', b"doa"]))


@given(
    texts=st.lists(text | page_like.map(b"".join), min_size=1, max_size=8),
    size=st.integers(0, 80),
)
def test_the_gzip_member_is_the_texts_joined_by_the_filler(texts, size):
    parts = parts_pack(texts, hole=size)
    fill = (b"ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 4)[:size]
    assert gzip.decompress(parts_gzip(parts, fill=fill)) == parts_plain(parts, fill=fill)
    assert parts_plain(parts, fill=fill) == fill.join(texts)
    # A streaming reader (a browser) takes the same bytes.
    reader = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    assert reader.decompress(parts_gzip(parts, fill=fill)) == fill.join(texts)
    assert reader.eof


def test_a_page_compresses_about_as_well_as_in_one_piece():
    row = b'<div class="donor"><strong>Hamba Allah</strong> <span>Rp 50.000</span></div>\n'
    texts = [row * 40 + b'value="'] * 10
    fill = b"t" * 64
    whole = gzip.compress(fill.join(texts), compresslevel=6)
    packed = parts_gzip(parts_pack(texts, hole=64), fill=fill)
    alone = sum(len(gzip.compress(t, compresslevel=6)) for t in texts)
    # Each hole costs its filler, stored as it is, and a new block (~50 bytes of header);
    # each text refers to the ones before it, as in one piece.
    assert len(packed) <= len(whole) + 9 * (64 + 60) < alone + 9 * 64


def test_the_filler_is_stored_as_it_is():
    parts = parts_pack([b"a" * 500, b"a" * 500], hole=16)
    assert b"SECRET-SECRET-SE" in parts_gzip(parts, fill=b"SECRET-SECRET-SE")


def test_fillers_of_the_wrong_size_and_texts_with_nul_bytes_are_refused():
    with pytest.raises(ValueError, match="a hole takes 4 bytes"):
        parts_gzip(parts_pack([b"a", b"b"], hole=4), fill=b"abc")
    with pytest.raises(ValueError, match="NUL"):
        parts_pack([b"a\x00b"], hole=4)
