"""Charts drawn on the server as SVG markup, without JavaScript (decision 39).

A chart is its numbers first: `Chart` holds the labels and series a page also shows as a
table, and `chart_svg` draws them. Geometry is written as SVG attributes and colours as
classes (`chart-s1`, `chart-s2`, … styled in gotong.css), so the markup can sit inline in a page
whose Content-Security-Policy forbids inline styles, and reads the site's colours. The SVG
scales with its `viewBox`; its text is the page's language.

Three shapes: `columns` (a column per label and series, a month axis), `bars` (one horizontal
bar per label, ranked: categories, provinces, items), `line` (a value per label, with a dashed
reference line such as the legal fee cap).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext

from gotong.core.money import rupiah

Kind = Literal["columns", "bars", "line"]
Unit = Literal["rupiah", "count", "basis_points"]

WIDTH = 360
COLUMNS_HEIGHT = 220
BAR_ROW = 36
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 48, 8, 10, 40


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Chart:
    """What a chart shows. `cap` is a reference value drawn across a line chart."""

    slug: str
    title: str
    kind: Kind
    unit: Unit
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    cap: int | None = None
    cap_label: str = ""
    note: str = ""
    axis: tuple[str, ...] = ()  # shorter labels for the axis (the table keeps `labels`)
    rows: list[tuple[str, list[str]]] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        cells = [
            (label, [value_text(s.values[i], self.unit) for s in self.series])
            for i, label in enumerate(self.labels)
        ]
        object.__setattr__(self, "rows", cells)

    @property
    def empty(self) -> bool:
        return not self.labels or not any(v for s in self.series for v in s.values)

    @property
    def svg(self) -> SafeString:
        return chart_svg(self)


def _decimal_separator() -> str:
    return str(get_format("DECIMAL_SEPARATOR", lang=get_language() or settings.LANGUAGE_CODE))


def value_text(value: int, unit: Unit) -> str:
    """A value as the table writes it: `Rp 1.250.000`, `1.250`, `4,8 %`."""
    if unit == "rupiah":
        return rupiah(value)
    if unit == "basis_points":
        whole, rest = divmod(value, 100)
        return f"{whole}{_decimal_separator()}{rest // 10} %"
    return rupiah(value).removeprefix("Rp ")


def compact(value: int, unit: Unit) -> str:
    """A tick's label: 250 rb, 1,5 jt, 2 M in Indonesian (250K, 1.5M, 2B in English)."""
    if unit == "basis_points":
        whole, rest = divmod(value, 100)
        return f"{whole}{_decimal_separator()}{rest // 10} %" if rest else f"{whole} %"
    steps = (
        (10**12, pgettext("number abbreviation", "T")),
        (10**9, pgettext("number abbreviation", "M")),
        (10**6, pgettext("number abbreviation", "jt")),
        (10**3, pgettext("number abbreviation", "rb")),
    )
    for size, suffix in steps:
        if abs(value) >= size:
            whole, rest = divmod(abs(value), size)
            tenth = rest * 10 // size
            number = f"{whole}{_decimal_separator()}{tenth}" if tenth else f"{whole}"
            return f"{'-' if value < 0 else ''}{number} {suffix}"
    return str(value)


def axis_ticks(highest: int) -> list[int]:
    """The axis' ticks from 0: at most five steps of 1, 2 or 5 times a power of ten, the last
    at or above `highest`."""
    power, step = 1, 1
    while step * 4 < highest:
        power, step = (power * 10, power * 10) if step == 5 * power else (power, step + power)
        step = 5 * power if step == 3 * power else step  # 1, 2, 5, 10, 20, 50, …
    top = max(step, -(-highest // step) * step)
    return list(range(0, top + 1, step))


def chart_svg(chart: Chart) -> SafeString:
    draw: dict[Kind, Callable[[Chart], tuple[int, list[str]]]] = {
        "columns": _columns,
        "bars": _bars,
        "line": _line,
    }
    height, parts = draw[chart.kind](chart)
    return format_html(
        '<svg class="chart chart-{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-t">{}</title>{}</svg>',
        chart.kind,
        WIDTH,
        height,
        chart.slug,
        chart.slug,
        chart.title,
        mark_safe("".join(parts)),  # noqa: S308 - every part is built with format_html
    )


def _ticks_of(chart: Chart) -> list[int]:
    highest = max((v for s in chart.series for v in s.values), default=0)
    return axis_ticks(max(highest, chart.cap or 0))


def _grid(chart: Chart, ticks: list[int], plot_h: int) -> list[str]:
    top = ticks[-1]
    parts: list[str] = []
    for tick in ticks:
        y = PAD_TOP + plot_h - plot_h * tick // top
        parts.append(
            format_html(
                '<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="chart-tick" x="{}" y="{}" text-anchor="end">{}</text>',
                PAD_LEFT,
                WIDTH - PAD_RIGHT,
                y,
                y,
                PAD_LEFT - 6,
                y + 4,
                compact(tick, chart.unit),
            )
        )
    return parts


def _axis_labels(chart: Chart, slot: float, y: int) -> list[str]:
    labels: Sequence[str] = chart.axis or chart.labels
    widest = max((len(label) for label in labels), default=1) * 7 + 6
    every = max(1, -(-len(labels) * widest // (WIDTH - PAD_LEFT - PAD_RIGHT)))
    return [
        format_html(
            '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
            round(PAD_LEFT + slot * (i + 0.5)),
            y,
            label,
        )
        for i, label in enumerate(labels)
        if i % every == 0
    ]


def _columns(chart: Chart) -> tuple[int, list[str]]:
    plot_h = COLUMNS_HEIGHT - PAD_TOP - PAD_BOTTOM
    ticks = _ticks_of(chart)
    top = ticks[-1]
    slot = (WIDTH - PAD_LEFT - PAD_RIGHT) / max(1, len(chart.labels))
    width = min(slot * 0.8 / max(1, len(chart.series)), 28)
    parts = _grid(chart, ticks, plot_h)
    for i, label in enumerate(chart.labels):
        for k, series in enumerate(chart.series):
            value = series.values[i]
            h = round(plot_h * max(0, value) / top)
            parts.append(
                format_html(
                    '<rect class="chart-s{}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{} · {}: {}</title></rect>",
                    k + 1,
                    round(PAD_LEFT + slot * (i + 0.5) + width * (k - len(chart.series) / 2), 1),
                    PAD_TOP + plot_h - h,
                    round(max(width - 1, 1), 1),
                    h,
                    label,
                    series.name,
                    value_text(value, chart.unit),
                )
            )
    parts += _axis_labels(chart, slot, COLUMNS_HEIGHT - PAD_BOTTOM + 18)
    parts += _legend(chart, COLUMNS_HEIGHT - 6)
    return COLUMNS_HEIGHT, parts


def _bars(chart: Chart) -> tuple[int, list[str]]:
    """One row per label: its name above a bar, the value after the bar."""
    value_w = 104
    height = PAD_TOP + BAR_ROW * len(chart.labels)
    top = _ticks_of(chart)[-1]
    span = WIDTH - value_w
    values = chart.series[0].values
    parts: list[str] = []
    for i, label in enumerate(chart.labels):
        y = PAD_TOP + BAR_ROW * i
        w = max(round(span * max(0, values[i]) / top), 1)
        parts.append(
            format_html(
                '<text class="chart-label" x="0" y="{}">{}</text>'
                '<rect class="chart-s1" x="0" y="{}" width="{}" height="12"/>'
                '<text class="chart-value" x="{}" y="{}">{}</text>',
                y + 11,
                _clip(label, 48),
                y + 16,
                w,
                w + 6,
                y + 27,
                value_text(values[i], chart.unit),
            )
        )
    return height, parts


def _line(chart: Chart) -> tuple[int, list[str]]:
    plot_h = COLUMNS_HEIGHT - PAD_TOP - PAD_BOTTOM
    ticks = _ticks_of(chart)
    top = ticks[-1]
    slot = (WIDTH - PAD_LEFT - PAD_RIGHT) / max(1, len(chart.labels))
    parts = _grid(chart, ticks, plot_h)

    def y_of(value: int) -> int:
        return PAD_TOP + plot_h - plot_h * max(0, value) // top

    if chart.cap is not None:
        parts.append(
            format_html(
                '<line class="chart-cap" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="chart-cap-label" x="{}" y="{}" text-anchor="end">{}</text>',
                PAD_LEFT,
                WIDTH - PAD_RIGHT,
                y_of(chart.cap),
                y_of(chart.cap),
                WIDTH - PAD_RIGHT,
                y_of(chart.cap) + 14,
                chart.cap_label,
            )
        )
    for k, series in enumerate(chart.series):
        points = [
            (round(PAD_LEFT + slot * (i + 0.5)), y_of(v)) for i, v in enumerate(series.values)
        ]
        parts.append(
            format_html(
                '<polyline class="chart-line chart-s{}" points="{}"/>',
                k + 1,
                " ".join(f"{x},{y}" for x, y in points),
            )
        )
        parts += [
            format_html(
                '<circle class="chart-s{}" cx="{}" cy="{}" r="4"><title>{}: {}</title></circle>',
                k + 1,
                x,
                y,
                chart.labels[i],
                value_text(series.values[i], chart.unit),
            )
            for i, (x, y) in enumerate(points)
        ]
    parts += _axis_labels(chart, slot, COLUMNS_HEIGHT - PAD_BOTTOM + 18)
    return COLUMNS_HEIGHT, parts


def _legend(chart: Chart, y: int) -> list[str]:
    if len(chart.series) < 2:
        return []
    parts: list[str] = []
    x = PAD_LEFT
    for k, series in enumerate(chart.series):
        parts.append(
            format_html(
                '<rect class="chart-s{}" x="{}" y="{}" width="12" height="12"/>'
                '<text class="chart-label" x="{}" y="{}">{}</text>',
                k + 1,
                x,
                y - 11,
                x + 16,
                y,
                series.name,
            )
        )
        x += 32 + 8 * len(series.name)
    return parts


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
