"""The `disbursements` dataset: every paid disbursement of a public campaign, with the state
of its report of use (`disbursements.selectors.disbursements_public_rows`). Money that left a
campaign is public on its ledger already; no bank, account, holder or purpose is published."""

from __future__ import annotations

from gotong.disbursements.selectors import disbursements_public_rows
from gotong.opendata.schema import Dataset, field, refers

DISBURSEMENTS = Dataset(
    "disbursements",
    "Pencairan dana / Disbursements",
    [
        field("id", "integer", "Nomor pencairan", "Disbursement id"),
        field("campaign_id", "integer", "Nomor kampanye", "Campaign id"),
        field("paid_on", "date", "Tanggal dibayarkan (WIB)", "Paid on (Asia/Jakarta)"),
        field(
            "amount",
            "integer",
            "Nominal (rupiah)",
            "Amount (rupiah)",
            constraints={"minimum": 1},
        ),
        field(
            "to",
            "string",
            "Penerima: rumah sakit atau penggalang",
            "Paid to: a hospital or the campaigner",
            constraints={"enum": ["hospital", "campaigner"]},
        ),
        field(
            "report_status",
            "string",
            "Laporan penggunaan: sudah (reported), belum jatuh tempo (due), terlambat (overdue)",
            "Report of use: reported, due, or overdue",
            constraints={"enum": ["reported", "due", "overdue"]},
        ),
        field(
            "reported_on", "date", "Tanggal laporan (kosong: belum)", "Reported on (empty: not yet)"
        ),
        field("report_due", "date", "Batas laporan", "Report due by"),
    ],
    ["id"],
    disbursements_public_rows,
    (refers("campaign_id", "campaigns", "id"),),
    description=(
        "Setiap pencairan dana yang sudah dibayarkan dari kampanye publik, dengan status laporan "
        "penggunaannya. / Every paid disbursement of a public campaign, with its report of use."
    ),
)
