"""The SVG charts drawn on the server (decision 39): well-formed markup with geometry in
attributes and no inline style or script, ticks on round numbers, text escaped."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from gotong.core.charts import Chart, Series, axis_ticks, compact, value_text

SVG = "{http://www.w3.org/2000/svg}"


def _chart(kind: str, values: tuple[int, ...], **extra) -> Chart:
    labels = tuple(f"L{i}" for i in range(len(values)))
    return Chart(
        slug="t",
        title="Judul",
        kind=kind,  # type: ignore[arg-type]
        unit="rupiah",
        labels=labels,
        series=(Series("Terkumpul", values),),
        **extra,
    )


@given(st.integers(min_value=0, max_value=10**13))
def test_ticks_start_at_zero_cover_the_highest_value_in_at_most_five_round_steps(highest):
    ticks = axis_ticks(highest)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0
    assert ticks[-1] >= highest
    assert len(ticks) <= 6
    assert all(b - a == step for a, b in itertools.pairwise(ticks))
    assert str(step).strip("0") in ("1", "2", "5")


def test_labels_are_short_in_the_pages_language():
    with translation.override("id"):
        assert compact(2_500_000, "rupiah") == "2,5 jt"
        assert compact(250_000, "rupiah") == "250 rb"
        assert compact(1_000_000_000, "rupiah") == "1 M"
        assert value_text(1_250_000, "rupiah") == "Rp 1.250.000"
        assert value_text(480, "basis_points") == "4,8 %"
        assert compact(750, "basis_points") == "7,5 %"
    with translation.override("en"):
        assert compact(2_500_000, "rupiah") == "2.5 M"
        assert value_text(1_250_000, "rupiah") == "Rp 1,250,000"


@pytest.mark.parametrize("kind", ["columns", "bars", "line"])
def test_every_shape_is_well_formed_svg_without_inline_style_or_script(kind):
    chart = _chart(kind, (0, 150_000, 2_000_000), cap=1_000_000, cap_label="batas")
    root = ET.fromstring(str(chart.svg))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Judul"
    markup = str(chart.svg)
    assert "style" not in markup
    assert "<script" not in markup
    marks = root.findall(f"{SVG}rect") + root.findall(f"{SVG}circle")
    assert marks


def test_what_people_typed_is_escaped_in_the_markup():
    chart = Chart(
        slug="x",
        title="<b>Judul</b>",
        kind="bars",
        unit="count",
        labels=('Sapi "<script>"',),
        series=(Series("n", (3,)),),
    )
    markup = str(chart.svg)
    assert "<script>" not in markup
    assert "<b>" not in markup
    assert ET.fromstring(markup).find(f"{SVG}title").text == "<b>Judul</b>"


def test_the_table_rows_carry_the_drawn_numbers():
    chart = _chart("columns", (100_000, 0, 25_000))
    with translation.override("id"):
        assert chart.rows == [
            ("L0", ["Rp 100.000"]),
            ("L1", ["Rp 0"]),
            ("L2", ["Rp 25.000"]),
        ]
    assert not chart.empty
    assert _chart("columns", (0, 0)).empty
