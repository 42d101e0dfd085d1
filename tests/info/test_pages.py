from __future__ import annotations

import pytest

from gotong.info.models import InfoPost
from gotong.info.services import info_mark_false, info_post_edit, info_verify
from tests.info.conftest import old_user, post

pytestmark = pytest.mark.usefixtures("makassar")


def test_the_list_shows_live_posts_of_a_region_and_when_they_were_checked(client, verifier):
    live = post(title="Posko sembako RW 04")
    wrong = post(title="Posko palsu")
    info_mark_false(post=wrong, actor=verifier, note="Tidak ada", evidence="foto")
    page = client.get("/info/", {"region": "73.71"}).content.decode()
    assert live.title in page
    assert wrong.title not in page
    assert "terakhir diperiksa" in page
    assert client.get("/info/", {"kind": "gosip", "region": "x" * 100}).status_code == 200


def test_a_post_shows_its_sources_history_and_each_revisions_changes(client, verifier):
    p = post()
    info_verify(post=p, actor=verifier, note="Ditelepon ketua RW", evidence="https://x.id/b")
    info_post_edit(
        post=p,
        actor=p.author,
        title=p.title,
        what=p.what,
        when_text="Minggu 6 Desember, 09.00-12.00",
        where_text=p.where_text,
    )
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert "saya melihat langsung" in page
    assert "belum diverifikasi → <strong>terverifikasi</strong> — Ditelepon ketua RW" in page
    assert "terverifikasi → <strong>belum diverifikasi</strong>" in page
    assert "<del>Sabtu 5</del>" in page
    assert "<ins>Minggu 6</ins>" in page
    assert page.count('data-testid="info-revision"') == 2


def test_a_false_post_stays_readable_with_a_banner_and_hostile_text_is_inert(client, verifier):
    p = post(title="<script>alert(1)</script>")
    info_mark_false(post=p, actor=verifier, note="Hoaks", evidence="cek fakta")
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert 'data-testid="info-banner"' in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert client.get("/info/999999/").status_code == 404


def test_a_region_page_lists_its_help_information(client):
    p = post(title="Dapur umum Tallo")
    page = client.get("/wilayah/73.71/").content.decode()
    assert "Info bantuan di Kota Makassar (1)" in page
    assert p.title in page


def test_a_post_is_shared_with_the_picker_and_a_source(client):
    client.force_login(old_user())
    form = {
        "provinsi": "73",
        "kabupaten": "73.71",
        "kind": "dapur_umum",
        "title": "Dapur umum RW 04",
        "what": "Makan siang gratis untuk warga isolasi.",
        "when_text": "Setiap hari 11.00-13.00",
        "where_text": "Masjid Nurul Iman",
        "source_kind": "url",
        "source_url": "javascript:alert(1)",
        "source_date": "2026-11-30",
    }
    refused = client.post("/info/baru/", form)
    assert refused.status_code == 400
    assert InfoPost.objects.count() == 0
    response = client.post("/info/baru/", form | {"source_url": "https://ig.com/p/x"})
    created = InfoPost.objects.get()
    assert response["Location"].endswith(f"/info/{created.pk}/")
    assert created.region_id == "73.71"
    assert list(created.sources.values_list("url", flat=True)) == ["https://ig.com/p/x"]


def test_votes_and_a_verdict_from_the_page(client, verifier):
    p = post()
    voters = [old_user() for _ in range(3)]
    for voter, kecamatan in zip(voters, ("73.71.07", "73.71.07", "73.71.01"), strict=True):
        client.force_login(voter)
        page = client.get(f"/info/{p.pk}/").content.decode()
        assert 'data-testid="info-vote"' in page
        client.post(
            f"/info/{p.pk}/tanggapan/",
            {"still_true": "1", "group_kind": "kecamatan", "kecamatan": kecamatan},
        )
    p.refresh_from_db()
    assert p.status == "dikonfirmasi_warga"
    client.force_login(voters[0])
    assert client.post(f"/info/{p.pk}/putusan/", {"verdict": "verify"}).status_code == 403
    client.force_login(verifier)
    bad = client.post(f"/info/{p.pk}/putusan/", {"verdict": "verify", "note": "x", "evidence": ""})
    assert bad.status_code == 400
    client.post(
        f"/info/{p.pk}/putusan/",
        {"verdict": "verify", "note": "Ditelepon", "evidence": "https://x.id/b"},
    )
    p.refresh_from_db()
    assert p.status == "terverifikasi"
