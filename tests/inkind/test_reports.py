from __future__ import annotations

import pytest
from django.test import Client

from gotong.audit.models import AuditEntry
from gotong.inkind.models import AidReport, Need, Offer
from gotong.inkind.transitions import NeedStatus
from tests.factories import UserFactory
from tests.inkind.conftest import need_draft, need_open
from tests.inkind.test_offers import offer

pytestmark = pytest.mark.usefixtures("tallo")
TEXT = "Nomor HP warga ditulis di cerita."


def test_anyone_reports_a_need_and_a_moderator_closes_it(client, moderator):
    need = need_open(moderator)
    response = client.post(f"/kebutuhan/{need.pk}/laporkan/", {"reason": "privacy", "text": TEXT})
    assert response.status_code == 302
    report = AidReport.objects.get()
    staff = Client()
    staff.force_login(moderator)
    queue = staff.get("/staf/kebutuhan/").content.decode()
    assert TEXT in queue
    staff.post(f"/staf/laporan-bantuan/{report.pk}/", {"close": "on", "reason": "Data pribadi"})
    assert Need.objects.get(pk=need.pk).status == NeedStatus.CLOSED
    assert AidReport.objects.get().status == "actioned"
    assert AuditEntry.objects.filter(action="aid_report.action", actor=moderator).exists()
    assert AuditEntry.objects.filter(action="need.close", actor=moderator).exists()


def test_a_report_on_an_offer_can_be_dismissed(client, moderator):
    kitchen = offer("73.71")
    client.post(f"/tawaran/{kitchen.pk}/laporkan/", {"reason": "fake", "text": "Tidak pernah ada."})
    report = AidReport.objects.get()
    staff = Client()
    staff.force_login(moderator)
    staff.post(f"/staf/laporan-bantuan/{report.pk}/", {"reason": "Sudah dicek, benar ada"})
    assert AidReport.objects.get().status == "dismissed"
    assert Offer.objects.get().status == "open"
    again = staff.post(f"/staf/laporan-bantuan/{report.pk}/", {"close": "on", "reason": "x"})
    assert again.status_code == 302
    assert Offer.objects.get().status == "open"


def test_bad_reports_change_nothing(client, moderator):
    need = need_open(moderator)
    assert (
        client.post(f"/kebutuhan/{need.pk}/laporkan/", {"reason": "x", "text": TEXT}).status_code
        == 400
    )
    short = client.post(f"/kebutuhan/{need.pk}/laporkan/", {"reason": "fake", "text": "pendek"})
    assert short.status_code == 400
    assert client.get(f"/kebutuhan/{need_draft().pk}/laporkan/").status_code == 404
    assert AidReport.objects.count() == 0
    client.force_login(UserFactory())
    report = AidReport.objects.create(need=need, reason="fake", text=TEXT)
    assert client.post(f"/staf/laporan-bantuan/{report.pk}/", {"reason": "x"}).status_code == 403
    assert AidReport.objects.get().status == "open"
