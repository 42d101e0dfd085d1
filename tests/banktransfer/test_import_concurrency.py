"""Two finance staff (or one double-click) import the same statement at the same moment."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from gotong.banktransfer.models import StatementLine
from gotong.banktransfer.services import statement_import
from gotong.banktransfer.statements import PRESETS
from tests.factories import staff_with_role

CONTENT = (
    b"Tanggal Transaksi,Keterangan,Cabang,Jumlah,Saldo\r\n"
    b'02/12/2026,KR OTOMATIS HIBAH,0000,"1,500,000.00 CR","11,500,000.00"\r\n'
    b'02/12/2026,TRSF E-BANKING CR RINA,0000,"75,321.00 CR","11,575,321.00"\r\n'
)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_same_file_imported_twice_at_once_is_recorded_once_without_an_error():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    officers = [staff_with_role("finance"), staff_with_role("finance")]
    start = threading.Barrier(2)

    def run(officer):
        try:
            start.wait()
            return statement_import(
                actor=officer, preset=PRESETS["bca"], file_name="mutasi.csv", content=CONTENT
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run, officer) for officer in officers]
        results = [f.result() for f in futures]  # re-raises a thread's exception

    assert sorted((r.new, r.known) for r in results) == [(0, 2), (2, 0)]
    assert StatementLine.objects.count() == 2
