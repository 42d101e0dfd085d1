"""The table schemas of in-kind aid, help information and the regions they count in
(decision 38), and the package's rule of suppression (one rule for money and goods)."""

from __future__ import annotations

from typing import Any

from gotong.info.kinds import InfoKind
from gotong.inkind.catalogue import Item
from gotong.opendata import aid
from gotong.opendata.datasets import MIN_DONATIONS
from gotong.opendata.schema import Dataset, field, refers

RULE = (
    f"Sel ringkasan dengan kurang dari {MIN_DONATIONS} donasi (flows_monthly) atau "
    f"{MIN_DONATIONS} janji bantuan (in_kind_monthly): kolom yang dibentuk donasi atau janji "
    "itu dikosongkan dan suppressed = true. Nama, email, nomor telepon, alamat dan nomor "
    "pesanan orang tidak pernah ada di data ini. / Summary cells with fewer than "
    f"{MIN_DONATIONS} donations (flows_monthly) or {MIN_DONATIONS} pledges (in_kind_monthly): "
    "the columns those donations or pledges make are left empty and suppressed = true. "
    "Names, emails, phone numbers, addresses and order ids of people are never in this data."
)
_COUNT = {"minimum": 0}
_PROVINCE = {"pattern": r"[0-9]{2}"}
_KABUPATEN = {"pattern": r"[0-9]{2}\.[0-9]{2}"}
_LAINNYA = ("kosong untuk lainnya", "empty for lainnya")


def _month() -> dict[str, Any]:
    return field("month", "yearmonth", "Bulan (WIB)", "Month (Asia/Jakarta)")


def _quantity(name: str, id_: str, en: str) -> dict[str, Any]:
    return field(
        name, "integer", f"{id_}; {_LAINNYA[0]}", f"{en}; {_LAINNYA[1]}", constraints=_COUNT
    )


def _count(name: str, id_: str, en: str) -> dict[str, Any]:
    return field(name, "integer", id_, en, constraints=_COUNT)


def _province() -> list[dict[str, Any]]:
    return [
        field(
            "province_code",
            "string",
            "Kode provinsi Kemendagri",
            "Kemendagri province code",
            constraints=_PROVINCE,
        ),
        field("province_name", "string", "Nama provinsi", "Province name"),
    ]


IN_KIND = Dataset(
    "in_kind_monthly",
    "Bantuan barang per bulan / Monthly in-kind aid",
    [
        _month(),
        field(
            "item",
            "string",
            "Barang atau bantuan (kode katalog)",
            "Item or help (catalogue code)",
            constraints={"enum": list(Item.values)},
        ),
        field(
            "unit",
            "string",
            f"Satuan jumlahnya; {_LAINNYA[0]} (satuan pengaju sendiri)",
            f"Unit of its quantities; {_LAINNYA[1]} (the posters' own units)",
        ),
        *_province(),
        field(
            "kabupaten_code",
            "string",
            "Kode kabupaten/kota Kemendagri",
            "Kemendagri regency/city code",
            constraints=_KABUPATEN,
        ),
        field("kabupaten_name", "string", "Nama kabupaten/kota", "Regency/city name"),
        _count(
            "needs_opened",
            "Kebutuhan berisi barang ini yang dibuka bulan ini",
            "Needs asking for this item opened this month",
        ),
        _count(
            "needs_fulfilled",
            "Kebutuhan berisi barang ini yang terpenuhi bulan ini",
            "Needs asking for this item fulfilled this month",
        ),
        _count(
            "needs_expired",
            "Kebutuhan berisi barang ini yang lewat batas waktu bulan ini",
            "Needs asking for this item expired this month",
        ),
        _quantity(
            "requested",
            "Jumlah diminta oleh kebutuhan yang dibuka bulan ini",
            "Quantity asked by the needs opened this month",
        ),
        _count(
            "pledges",
            "Janji bantuan di balik sel ini (dibuat, diterima atau dilepas bulan ini)",
            "Pledges behind this cell (made, delivered or released this month)",
        ),
        _quantity("pledged", "Jumlah dijanjikan bulan ini", "Quantity pledged this month"),
        _quantity(
            "released",
            "Jumlah janji yang dilepas bulan ini (ditolak, dibatalkan, lewat tanggal)",
            "Quantity of pledges released this month (declined, withdrawn, lapsed, cancelled)",
        ),
        _quantity(
            "delivered",
            "Jumlah diterima bulan ini, dikonfirmasi penerima",
            "Quantity delivered this month, confirmed by the recipient",
        ),
        field(
            "suppressed",
            "boolean",
            f"Kurang dari {MIN_DONATIONS} janji bantuan: pledges, pledged, released dan "
            "delivered dikosongkan",
            f"Fewer than {MIN_DONATIONS} pledges: pledges, pledged, released and delivered are "
            "left empty",
        ),
    ],
    ["month", "item", "kabupaten_code"],
    aid.in_kind_monthly_rows,
    (
        refers("province_code", "regions", "code"),
        refers("kabupaten_code", "regions", "code"),
    ),
    description=(
        "Kebutuhan dan janji bantuan barang, tiap bulan, barang dan kabupaten/kota; tiap "
        "jumlah dihitung pada bulan langkahnya. / In-kind needs and pledges by month, item and "
        "regency/city; each counted in the month of its step."
    ),
)

INFO = Dataset(
    "info_monthly",
    "Informasi bantuan per bulan / Monthly help information",
    [
        _month(),
        field(
            "kind",
            "string",
            "Jenis informasi",
            "Kind of information",
            constraints={"enum": list(InfoKind.values)},
        ),
        *_province(),
        _count("posts", "Informasi diterbitkan bulan ini", "Posts published this month"),
        _count(
            "confirmed",
            "Dikonfirmasi warga dari beberapa kelompok bulan ini",
            "Confirmed by people of several groups this month",
        ),
        _count("verified", "Diverifikasi verifikator bulan ini", "Verified this month"),
        _count("disputed", "Dibantah warga bulan ini", "Disputed this month"),
        _count(
            "marked_false",
            "Dinyatakan salah oleh verifikator bulan ini",
            "Marked false by a verifier this month",
        ),
        _count("expired", "Kedaluwarsa bulan ini", "Expired this month"),
    ],
    ["month", "kind", "province_code"],
    aid.info_monthly_rows,
    (refers("province_code", "regions", "code"),),
    description=(
        "Perubahan status yang dijalankan, dihitung pada bulannya; setiap informasi dan "
        "riwayatnya sudah publik, jadi tidak ada yang dikosongkan. / Applied status changes, "
        "counted in their month; every post and its history are public, so nothing is hidden."
    ),
)

REGIONS = Dataset(
    "regions",
    "Wilayah / Regions",
    [
        field(
            "code",
            "string",
            "Kode wilayah Kemendagri",
            "Kemendagri region code",
            constraints={"required": True, "pattern": r"[0-9]{2}(\.[0-9]{2})?"},
        ),
        field("name", "string", "Nama", "Name"),
        field(
            "level",
            "integer",
            "Tingkat: 1 provinsi, 2 kabupaten/kota",
            "Level: 1 province, 2 regency/city",
            constraints={"enum": [1, 2]},
        ),
        field("kind", "string", "Sebutan (provinsi, kabupaten, kota)", "Kind as named"),
        field("parent_code", "string", "Kode provinsinya", "Its province's code"),
    ],
    ["code"],
    aid.regions_rows,
    (refers("parent_code", "", "code"),),
)

DATASETS = (IN_KIND, INFO, REGIONS)
