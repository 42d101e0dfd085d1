"""Reading a bank statement CSV into incoming credits. Pure functions, no database.

Banks' internet-banking exports differ and are not formally documented; each `Preset` is the
column layout of one bank's export as its users describe it, and `custom` takes any layout
from finance staff (decision 18). Only credits (money in) are kept; a row that cannot be read
refuses the whole file with its row number, so nothing is imported half.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    date_column: str
    date_format: str
    description_column: str
    amount_column: str
    # A credit is a row whose `type_column` holds `credit_value`; without a type column, a
    # row is a credit when its amount is positive (or carries a "CR" suffix). With
    # `marker_required`, only "CR" makes a credit, in the amount's cell or the cell after it:
    # an export that puts CR/DB in a column of its own must never read a debit as money in.
    type_column: str = ""
    credit_value: str = ""
    marker_required: bool = False
    decimal_comma: bool = False
    delimiter: str = ","


PRESETS: dict[str, Preset] = {
    "bca": Preset(
        "bca",
        "BCA (KlikBCA, mutasi rekening CSV)",
        date_column="Tanggal Transaksi",
        date_format="%d/%m/%Y",
        description_column="Keterangan",
        amount_column="Jumlah",
        marker_required=True,
    ),
    "bri": Preset(
        "bri",
        "BRI (internet banking, mutasi CSV)",
        date_column="Tanggal",
        date_format="%d/%m/%Y",
        description_column="Transaksi",
        amount_column="Kredit",
        decimal_comma=True,
    ),
    "mandiri": Preset(
        "mandiri",
        "Mandiri (Livin'/MCM, mutasi CSV)",
        date_column="Posting Date",
        date_format="%d/%m/%Y",
        description_column="Remark",
        amount_column="Credit",
    ),
    "bni": Preset(
        "bni",
        "BNI (internet banking, mutasi CSV)",
        date_column="Tanggal Transaksi",
        date_format="%d/%m/%Y",
        description_column="Uraian Transaksi",
        amount_column="Nominal",
        type_column="Tipe",
        credit_value="K",
    ),
}
CUSTOM = "custom"
PRESET_CHOICES = [(p.key, p.label) for p in PRESETS.values()] + [
    (CUSTOM, gettext_lazy("Lainnya: tentukan kolomnya sendiri"))
]


class StatementInvalid(ValueError):
    """The file cannot be read as this layout; the message says where and why."""


@dataclass(frozen=True)
class Credit:
    row: int  # 1-based line in the file
    booked_on: datetime.date
    description: str
    amount: int
    fingerprint: str


def amount_parse(text: str, *, decimal_comma: bool) -> tuple[int, str] | None:
    """Whole rupiah and its marker, "CR", "DB" or "" ("50,123.00 CR", "Rp 50.123,00"); None
    when the text is not an amount of whole rupiah."""
    value = text.strip().upper().replace("RP", "").replace(" ", "")
    marker = value[-2:] if value.endswith(("CR", "DB")) else ""
    value = value.removesuffix(marker) if marker else value
    negative = value.startswith("-")
    value = value.lstrip("+-")
    thousands, point = (".", ",") if decimal_comma else (",", ".")
    if point in value:
        value, _sep, cents = value.rpartition(point)
        if cents.strip("0"):
            return None
    value = value.replace(thousands, "")
    if not value.isascii() or not value.isdigit():
        return None
    return (-int(value) if negative else int(value)), marker


def _fingerprint(booked_on: datetime.date, description: str, amount: int, seen: int) -> str:
    """Identical lines in one statement are told apart by their place among their twins."""
    text = f"{booked_on.isoformat()}|{' '.join(description.split())}|{amount}|{seen}"
    return hashlib.sha256(text.encode()).hexdigest()


def statement_parse(content: bytes, *, preset: Preset) -> list[Credit]:
    """Every credit in the file, in file order."""
    if len(content) > MAX_BYTES:
        raise StatementInvalid(_("Berkas terlalu besar (maksimal 2 MB)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    rows = list(csv.reader(io.StringIO(text), delimiter=preset.delimiter))
    header_at = next(
        (i for i, row in enumerate(rows) if preset.date_column in [c.strip() for c in row]), None
    )
    if header_at is None:
        raise StatementInvalid(
            _("Kolom “%(column)s” tidak ditemukan. Periksa pilihan bank atau nama kolomnya.")
            % {"column": preset.date_column}
        )
    header = [c.strip() for c in rows[header_at]]
    wanted = [preset.date_column, preset.description_column, preset.amount_column]
    if preset.type_column:
        wanted.append(preset.type_column)
    missing = [name for name in wanted if name not in header]
    if missing:
        raise StatementInvalid(
            _("Kolom berikut tidak ada di berkas: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    index = {name: header.index(name) for name in wanted}
    credits: list[Credit] = []
    twins: Counter[tuple[datetime.date, str, int]] = Counter()
    body = rows[header_at + 1 :]
    if len(body) > MAX_ROWS:
        raise StatementInvalid(_("Terlalu banyak baris (maksimal 20.000)."))
    for offset, row in enumerate(body, start=header_at + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header) and len(row) <= max(index.values()):
            continue  # a footer line ("Saldo Awal", totals) shorter than the table
        credit = _credit(row, index, preset, offset)
        if credit is None:
            continue
        booked_on, description, amount = credit
        key = (booked_on, " ".join(description.split()), amount)
        twins[key] += 1
        credits.append(
            Credit(
                row=offset,
                booked_on=booked_on,
                description=description[:300],
                amount=amount,
                fingerprint=_fingerprint(booked_on, description, amount, twins[key]),
            )
        )
    return credits


def _date_parse(text: str, date_format: str) -> datetime.date:
    """A date in `date_format`; a day and month without the year ("02/12", as some exports
    write them) take the latest year that does not put the date in the future."""
    try:
        return datetime.datetime.strptime(text, date_format).date()
    except ValueError:
        if not date_format.startswith("%d/%m") or text.count("/") != 1:
            raise
    day, month = (int(part) for part in text.split("/"))
    today = timezone.localdate()
    for year in (today.year, today.year - 1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue
        if candidate <= today + datetime.timedelta(days=1):
            return candidate
    raise ValueError(text)


def _credit(
    row: list[str], index: dict[str, int], preset: Preset, line: int
) -> tuple[datetime.date, str, int] | None:
    raw_date = row[index[preset.date_column]].strip().lstrip("'")
    raw_amount = row[index[preset.amount_column]].strip()
    if not raw_amount or raw_date.upper() in ("PEND", ""):
        return None
    parsed = amount_parse(raw_amount, decimal_comma=preset.decimal_comma)
    if parsed is None:
        raise StatementInvalid(
            _("Baris %(row)d: nominal “%(amount)s” tidak terbaca sebagai rupiah bulat.")
            % {"row": line, "amount": raw_amount[:40]}
        )
    amount, marker = parsed
    after = index[preset.amount_column] + 1
    if preset.type_column:
        is_credit = row[index[preset.type_column]].strip().upper() == preset.credit_value.upper()
    elif preset.marker_required:
        beside = row[after].strip().upper() if after < len(row) else ""
        is_credit = marker == "CR" or (marker == "" and beside == "CR")
    else:
        is_credit = marker == "CR" or (marker == "" and amount > 0)
    if not is_credit or amount <= 0:
        return None
    try:
        booked_on = _date_parse(raw_date, preset.date_format)
    except ValueError as exc:
        raise StatementInvalid(
            _("Baris %(row)d: tanggal “%(date)s” tidak sesuai format %(format)s.")
            % {"row": line, "date": raw_date[:20], "format": preset.date_format}
        ) from exc
    return booked_on, row[index[preset.description_column]].strip(), amount
