"""Laporkan on help information: anyone signed in reports a post (one open report per person
and post), the report waits in the verifikator's queue at /staf/info/, where a verifikator
dismisses it or declares the post false; each decision is audited."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gotong.audit.models import AuditEntry
from gotong.info.models import InfoPost, InfoReport
from gotong.info.reports import info_report_create
from gotong.info.services import info_mark_false, infos_expire
from tests.factories import UserFactory, staff_with_role
from tests.info.conftest import post

pytestmark = pytest.mark.usefixtures("makassar")
TEXT = "Nomor HP pribadi warga ditulis di sini."


def report(p, reporter=None, reason="data_pribadi"):
    return info_report_create(post=p, reporter=reporter or UserFactory(), reason=reason, text=TEXT)


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_signed_in_person_reports_a_post_and_it_waits_in_the_queue(client, verifier):
    p = post(title="Posko relawan Jl. Sunu")
    assert f'href="/info/{p.pk}/laporkan/"' in client.get(f"/info/{p.pk}/").content.decode()
    url = f"/info/{p.pk}/laporkan/"
    assert client.get(url)["Location"].startswith("/akun/login/")
    reporter = UserFactory(display_name="Bu Rina")
    client.force_login(reporter)
    assert "Hoaks atau menyesatkan" in client.get(url).content.decode()
    response = client.post(url, {"reason": "hoaks", "text": "Posko ini sudah tutup sejak Senin."})
    assert response["Location"] == f"/info/{p.pk}/"
    saved = InfoReport.objects.get()
    assert (saved.post, saved.reporter, saved.reason, saved.status) == (
        p,
        reporter,
        "hoaks",
        "open",
    )
    assert "sudah tutup sejak Senin" not in client.get(f"/info/{p.pk}/").content.decode()
    client.force_login(verifier)
    queue = client.get("/staf/info/").content.decode()
    row = queue[queue.index('data-testid="info-report"') :]
    assert p.title in row
    assert "Hoaks atau menyesatkan" in row
    assert "Posko ini sudah tutup sejak Senin." in row
    assert "Bu Rina" in row


def test_bad_reports_get_a_message_and_change_nothing(client):
    p = post()
    client.force_login(p.author)
    own = client.post(f"/info/{p.pk}/laporkan/", {"reason": "spam", "text": TEXT})
    assert own.status_code == 400
    assert "Ini info Anda sendiri" in own.content.decode()
    client.force_login(UserFactory())
    for bad in (
        {"reason": "gosip", "text": TEXT},
        {"reason": "spam", "text": "pendek"},
        {"reason": "spam", "text": "x" * 2001},
        {"reason": "spam", "text": "\x00" * 20},
        {},
    ):
        assert client.post(f"/info/{p.pk}/laporkan/", bad).status_code == 400, bad
    assert (
        client.post("/info/999999/laporkan/", {"reason": "spam", "text": TEXT}).status_code == 404
    )
    assert not InfoReport.objects.exists()


def test_one_open_report_per_person_and_post(client, verifier):
    p = post()
    reporter = UserFactory()
    first = report(p, reporter)
    client.force_login(reporter)
    again = client.post(f"/info/{p.pk}/laporkan/", {"reason": "spam", "text": TEXT})
    assert again.status_code == 400
    assert "Anda sudah melaporkan info ini." in again.content.decode()
    report(p)  # someone else may
    client.force_login(verifier)
    client.post(
        f"/staf/info/laporan/{first.pk}/", {"decision": "dismiss", "reason": "Nomor itu kantor"}
    )
    client.force_login(reporter)
    assert (
        client.post(f"/info/{p.pk}/laporkan/", {"reason": "spam", "text": TEXT}).status_code == 302
    )
    assert InfoReport.objects.filter(reporter=reporter).count() == 2


def test_a_verifier_dismisses_a_report_with_a_reason_and_it_is_audited(client, verifier):
    p = post()
    r = report(p)
    client.force_login(verifier)
    url = f"/staf/info/laporan/{r.pk}/"
    empty = client.post(url, {"decision": "dismiss", "reason": " "}, follow=True)
    assert "Tuliskan alasan tindakan ini." in messages_of(empty)
    assert client.post(url, {"decision": "lupakan"}).status_code == 302
    r.refresh_from_db()
    assert r.status == "open"
    assert not AuditEntry.objects.filter(action__startswith="info_report").exists()
    response = client.post(url, {"decision": "dismiss", "reason": "Nomor itu nomor kantor"})
    assert response["Location"] == "/staf/info/"
    r.refresh_from_db()
    assert (r.status, r.decided_by) == ("dismissed", verifier)
    assert InfoPost.objects.get(pk=p.pk).status == "belum_diverifikasi"
    entry = AuditEntry.objects.get(action="info_report.dismiss")
    assert (entry.actor, entry.target_id, entry.reason) == (
        verifier,
        str(r.pk),
        "Nomor itu nomor kantor",
    )
    twice = client.post(url, {"decision": "dismiss", "reason": "Lagi"}, follow=True)
    assert "Laporan ini sudah diputuskan." in messages_of(twice)
    assert AuditEntry.objects.filter(action="info_report.dismiss").count() == 1
    assert "Tidak ada laporan baru." in client.get("/staf/info/").content.decode()


def test_a_verifier_declares_a_reported_post_false_which_answers_every_report(client, verifier):
    p = post(title="Pendaftaran bansos lewat pesan berantai")
    r = report(p, reason="hoaks")
    report(p, reason="spam")
    client.force_login(verifier)
    url = f"/staf/info/laporan/{r.pk}/"
    missing = client.post(url, {"decision": "false", "note": "Hoaks", "evidence": ""}, follow=True)
    assert "Sertakan bukti pemeriksaan." in messages_of(missing)
    assert InfoPost.objects.get(pk=p.pk).status == "belum_diverifikasi"
    response = client.post(
        url, {"decision": "false", "note": "Bukan dari dinas sosial", "evidence": "dinsos.id"}
    )
    assert response["Location"] == "/staf/info/"
    assert InfoPost.objects.get(pk=p.pk).status == "salah"
    assert list(InfoReport.objects.values_list("status", flat=True)) == ["actioned", "actioned"]
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert (
        "verifikator: belum diverifikasi → <strong>salah</strong> — Bukan dari dinas sosial" in page
    )
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "target_id", "actor"))
    assert actions == [
        ("info.false", str(p.pk), verifier.pk),
        ("info_report.action", str(r.pk), verifier.pk),
    ]


def test_a_verdict_on_the_post_page_answers_open_reports_too(verifier):
    p = post()
    r = report(p)
    info_mark_false(post=p, actor=verifier, note="Tidak ada", evidence="foto")
    r.refresh_from_db()
    assert (r.status, r.decided_by) == ("actioned", verifier)


def test_an_expired_post_cannot_be_declared_false_from_a_report_but_its_report_dismissed(
    client, verifier
):
    p = post(ttl_days=1)
    r = report(p)
    infos_expire(now=p.expires_at + datetime.timedelta(minutes=1))
    client.force_login(verifier)
    url = f"/staf/info/laporan/{r.pk}/"
    refused = client.post(
        url, {"decision": "false", "note": "Hoaks", "evidence": "foto"}, follow=True
    )
    assert "Info ini sudah salah atau kedaluwarsa" in messages_of(refused)
    assert InfoPost.objects.get(pk=p.pk).status == "kedaluwarsa"
    assert 'data-testid="info-report-false"' not in refused.content.decode()
    client.post(url, {"decision": "dismiss", "reason": "Sudah kedaluwarsa"})
    r.refresh_from_db()
    assert r.status == "dismissed"


def test_only_a_verifier_who_did_not_write_the_post_decides(client, moderator):
    author = staff_with_role("verifikator")
    p = post(author=author)
    r = report(p)
    data = {"decision": "dismiss", "reason": "Alasan"}
    for person, status in ((moderator, 403), (UserFactory(), 403), (author, 403)):
        client.force_login(person)
        assert client.post(f"/staf/info/laporan/{r.pk}/", data).status_code == status
    client.logout()
    assert client.post(f"/staf/info/laporan/{r.pk}/", data)["Location"].startswith("/akun/login/")
    r.refresh_from_db()
    assert r.status == "open"
    client.force_login(staff_with_role("verifikator"))
    assert client.post("/staf/info/laporan/999999/", data).status_code == 404


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/staf/info/").status_code == 200
    return len(captured)


def test_the_queue_takes_a_fixed_number_of_queries(client, verifier):
    report(post())
    client.force_login(verifier)
    one = _queue_queries(client)
    for n in range(5):
        report(post(title=f"Info {n}", region_code="73.71.01"))
    assert _queue_queries(client) == one
