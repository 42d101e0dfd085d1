from __future__ import annotations

import pytest

from gotong.info.services import info_mark_false, info_post_edit, info_verify
from tests.info.conftest import post

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
