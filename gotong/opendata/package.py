"""The open data package (decision 36): each dataset's table schema (Frictionless Table Schema,
descriptions in Indonesian and English), its files as bytes, and `datapackage.json`. The pages
and `open_data_export` serve and write these same bytes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from gotong.opendata import aid_package, datasets, payouts
from gotong.opendata.schema import Dataset
from gotong.opendata.schema import field as _f

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SUPPRESSION_RULE = (
    f"Sel dengan kurang dari {datasets.MIN_DONATIONS} donasi: jumlah donasi, nominal, biaya dan "
    "pengembalian dikosongkan dan suppressed = true. / Cells with fewer than "
    f"{datasets.MIN_DONATIONS} donations: donation count, amount, fees and refunds are left "
    "empty and suppressed = true."
)


_MONEY = {"minimum": 0}
_ROUTE = {"pattern": r"[0-9]{2}|unknown"}


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "campaigns",
            "Kampanye / Campaigns",
            [
                _f("id", "integer", "Nomor kampanye", "Campaign id"),
                _f("title", "string", "Judul", "Title"),
                _f(
                    "category",
                    "string",
                    "Kategori",
                    "Category",
                    constraints={"enum": datasets.CATEGORIES},
                ),
                _f(
                    "region_code",
                    "string",
                    "Kode wilayah Kemendagri (unknown: tanpa wilayah)",
                    "Kemendagri region code (unknown: none)",
                ),
                _f("region_name", "string", "Nama wilayah", "Region name"),
                _f("province_code", "string", "Kode provinsi", "Province code"),
                _f("province_name", "string", "Nama provinsi", "Province name"),
                _f(
                    "campaigner_verified",
                    "boolean",
                    "Identitas penggalang sudah diverifikasi (KTP dan swafoto)",
                    "The campaigner's identity was verified (ID card and selfie)",
                ),
                _f("target", "integer", "Target (rupiah)", "Target (rupiah)", constraints=_MONEY),
                _f("collected", "integer", "Terkumpul (rupiah)", "Collected (rupiah)"),
                _f("fees", "integer", "Biaya platform (rupiah)", "Platform fees (rupiah)"),
                _f("paid_out", "integer", "Dicairkan (rupiah)", "Paid out (rupiah)"),
                _f("refunded", "integer", "Dikembalikan (rupiah)", "Refunded (rupiah)"),
                _f("available", "integer", "Dana tersedia (rupiah)", "Available funds (rupiah)"),
                _f("donor_count", "integer", "Jumlah donasi diterima", "Settled donations"),
                _f("created", "date", "Tanggal dibuat", "Created on"),
                _f("published", "date", "Tanggal terbit", "Published on"),
                _f("ended", "date", "Tanggal selesai", "Ended on"),
                _f("status", "string", "Status", "Status"),
            ],
            ["id"],
            datasets.campaigns_rows,
        ),
        Dataset(
            "flows_monthly",
            "Aliran dana per bulan / Monthly money flows",
            [
                _f("month", "yearmonth", "Bulan (WIB)", "Month (Asia/Jakarta)"),
                _f(
                    "category",
                    "string",
                    "Kategori kampanye",
                    "Campaign category",
                    constraints={"enum": datasets.CATEGORIES},
                ),
                _f(
                    "province_code",
                    "string",
                    "Kode provinsi Kemendagri (unknown: tanpa wilayah)",
                    "Kemendagri province code (unknown: none)",
                    constraints=_ROUTE,
                ),
                _f("province_name", "string", "Nama provinsi", "Province name"),
                _f(
                    "kabupaten_code",
                    "string",
                    "Kode kabupaten/kota (kosong: kampanye tingkat provinsi)",
                    "Regency/city code (empty: province-level campaigns)",
                ),
                _f("kabupaten_name", "string", "Nama kabupaten/kota", "Regency/city name"),
                _f(
                    "donations",
                    "integer",
                    "Donasi diterima dikurangi yang dibatalkan bank",
                    "Settled donations less bank reversals",
                ),
                _f("amount", "integer", "Nominal donasi (rupiah)", "Donated amount (rupiah)"),
                _f("fees", "integer", "Biaya platform (rupiah)", "Platform fees (rupiah)"),
                _f("disbursed", "integer", "Dicairkan (rupiah)", "Disbursed (rupiah)"),
                _f(
                    "refunded",
                    "integer",
                    "Dikembalikan ke donatur (rupiah)",
                    "Refunded to donors (rupiah)",
                ),
                _f(
                    "suppressed",
                    "boolean",
                    SUPPRESSION_RULE.split(" / ")[0],
                    SUPPRESSION_RULE.split(" / ")[1],
                ),
            ],
            ["month", "category", "province_code", "kabupaten_code"],
            datasets.flows_monthly_rows,
        ),
        payouts.DISBURSEMENTS,
        *aid_package.DATASETS,
    )
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def dataset_csv(name: str) -> bytes:
    dataset = DATASETS[name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = [f["name"] for f in dataset.fields]
    writer.writerow(columns)
    for row in dataset.rows():
        writer.writerow([_cell(row[c]) for c in columns])
    return out.getvalue().encode()


def _dump(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def dataset_json(name: str) -> bytes:
    dataset = DATASETS[name]
    head = datasets.log_head()
    return _dump(
        {
            "name": name,
            "licenses": [LICENCE],
            "log_head": head.as_dict() if head else None,
            "rows": list(dataset.rows()),
        }
    )


def datapackage_json() -> bytes:
    head = datasets.log_head()
    return _dump(
        {
            "name": "gotong-open-data",
            "title": "Gotong: aliran solidaritas / solidarity flows",
            "licenses": [LICENCE],
            "suppression": aid_package.RULE,
            "resources": [
                {
                    "name": d.name,
                    "title": d.title,
                    "path": f"{d.name}.csv",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "profile": "tabular-data-resource",
                    "log_head": head.as_dict() if head else None,
                    **({"description": d.description} if d.description else {}),
                    "schema": {
                        "fields": d.fields,
                        "primaryKey": d.primary_key,
                        "foreignKeys": list(d.foreign_keys),
                        "missingValues": [""],
                    },
                }
                for d in DATASETS.values()
            ],
        }
    )


def file_names() -> list[str]:
    return ["datapackage.json", *(f"{n}.{ext}" for n in DATASETS for ext in ("csv", "json"))]


def files_one(name: str) -> bytes:
    """One file of the package by its name under /data/."""
    if name == "datapackage.json":
        return datapackage_json()
    stem, _, ext = name.rpartition(".")
    return dataset_csv(stem) if ext == "csv" else dataset_json(stem)
