"""tools/verify_log.py reads the usual dump lines without a JSON decoder: whatever a line looks
like, it must read it exactly as the decoder would, and fail the same way on a bad one."""

from __future__ import annotations

import base64
import json

import pytest

from tests.transparency.test_verify_log import load_tool

LEAF = b'{"campaign_id":1,"kind":"x"}'
B64 = base64.b64encode(LEAF).decode()


@pytest.mark.parametrize(
    "line",
    [
        f'{{"leaf":"{B64}","leaf_index":7}}',  # as the server's dump is written
        json.dumps({"leaf_index": 7, "leaf": B64}),  # as --save-entries writes it
        f'{{ "leaf_index" : 7 , "leaf" : "{B64}" }}',  # other spacing: through the decoder
        json.dumps({"leaf": B64, "leaf_index": 7, "data": None}),
    ],
)
def test_every_shape_of_a_dump_line_reads_the_same(tmp_path, line):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(f"\n{line}\r\n\n")
    assert list(load_tool().file_entries(dump)) == [(7, LEAF, None)]


@pytest.mark.parametrize("leaf", ["e=yJ9", "eyJ9=", "eyJ", "eyJ9", "", "eyJ9==="])
def test_base64_is_read_as_strictly_as_before(tmp_path, leaf):
    """As base64.b64decode(validate=True): the same bytes, or the usual failure."""
    tool = load_tool()
    dump = tmp_path / "dump.jsonl"
    dump.write_text(f'{{"leaf":"{leaf}","leaf_index":0}}\n')
    try:
        expected = base64.b64decode(leaf, validate=True)
    except ValueError:
        with pytest.raises(tool.VerificationFailed) as raised:
            list(tool.file_entries(dump))
        assert str(raised.value) == f"leaf is not base64: {leaf!r}"
    else:
        assert list(tool.file_entries(dump)) == [(0, expected, None)]


def test_leaves_decode_and_reencode_as_the_json_module_does():
    tool = load_tool()
    for text in ['{"a":[1,2,{"b":"é\\u2028"}],"c":null}', ' {"a":1}', '{"a":1} ', "[1]x", "{"]:
        try:
            expected = json.loads(text)
        except ValueError:
            with pytest.raises(json.JSONDecodeError):
                tool._decode(text)
            continue
        assert tool._decode(text) == expected
        assert tool._canonical_leaf(expected) == tool.canonical(expected)
