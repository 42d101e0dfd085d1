"""Search covers help information: /cari/ shows the best listed posts in their own section
("Informasi bantuan"), /info/?q= lists them all; title, what and where are searched, a false or
expired post is never found, an edit is found by its new words."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gotong.info.selectors import info_search
from gotong.info.services import info_mark_false, info_post_edit, infos_expire
from gotong.search.services import search_index_update
from tests.factories import CampaignFactory
from tests.info.conftest import OTHER_KECAMATAN, post

pytestmark = pytest.mark.usefixtures("makassar")


def campaign(title: str) -> None:
    """An open campaign, in the search index as the campaign services would put it."""
    search_index_update(campaign=CampaignFactory(title=title))


def titles(q: str, **kwargs) -> list[str]:
    return [p.title for p in info_search(q=q, **kwargs).posts]


def test_title_what_and_where_are_searched_with_stems():
    kitchen = post(
        title="Dapur umum Masjid Nurul Iman",
        what="Makan siang gratis untuk warga isolasi mandiri.",
        where_text="Jl. Kandea, belakang pasar",
    )
    post(title="Pembagian sembako di Posko RW 04")
    assert titles("dapur umum") == [kitchen.title]
    assert titles("makanan gratis") == [kitchen.title]  # "makan" from "makanan"
    assert titles("kandea") == [kitchen.title]
    assert titles("sembako") == ["Pembagian sembako di Posko RW 04"]
    assert titles("membagikan sembako") == ["Pembagian sembako di Posko RW 04"]
    assert titles("kapal selam") == []


def test_a_title_match_ranks_above_a_match_in_what():
    in_what = post(title="Posko kesehatan RW 02", what="Ada juga pembagian masker gratis.")
    in_title = post(title="Masker gratis di Puskesmas Tallo", what="Untuk semua warga.")
    assert titles("masker") == [in_title.title, in_what.title]


def test_false_and_expired_posts_are_never_found_and_an_edit_is_found_by_its_new_words(
    verifier,
):
    wrong = post(title="Bansos tunai lewat pesan berantai")
    info_mark_false(post=wrong, actor=verifier, note="Hoaks", evidence="dinsos")
    old = post(title="Vaksin keliling Kelurahan Lembo", ttl_days=1)
    infos_expire(now=old.expires_at + datetime.timedelta(minutes=1))
    assert titles("bansos") == []
    assert titles("vaksin") == []
    live = post(title="Posko air bersih", where_text="Lapangan Karuwisi")
    info_post_edit(
        post=live,
        actor=live.author,
        title=live.title,
        what=live.what,
        when_text=live.when_text,
        where_text="Halaman Kantor Camat",
    )
    assert titles("karuwisi") == []
    assert titles("kantor camat") == [live.title]


def test_a_query_with_no_post_having_every_word_finds_posts_with_some():
    p = post(title="Dapur umum Tallo")
    found = info_search(q="dapur umum kapal selam")
    assert [x.title for x in found.posts] == [p.title]
    assert found.match == "any"


def test_region_and_kind_narrow_the_search():
    tallo = post(title="Dapur umum Tallo", kind="dapur_umum")
    mariso = post(title="Dapur umum Mariso", kind="dapur_umum", region_code=OTHER_KECAMATAN)
    post(title="Dapur sehat posyandu", kind="faskes", region_code=OTHER_KECAMATAN)
    assert titles("dapur", region="73.71.07") == [tallo.title]
    assert set(titles("dapur", kind="dapur_umum")) == {tallo.title, mariso.title}


def test_the_search_page_shows_help_information_in_its_own_section(client, verifier):
    p = post(title="Dapur umum Masjid Nurul Iman")
    wrong = post(title="Dapur umum palsu")
    info_mark_false(post=wrong, actor=verifier, note="Tidak ada", evidence="foto")
    campaign("Dapur umum untuk korban banjir")
    html = client.get("/cari/", {"q": "dapur umum"}).content.decode()
    assert "1 kampanye untuk “dapur umum”" in html
    section = html[html.index('data-testid="search-info"') :]
    assert "Informasi bantuan" in section
    assert "1 info bantuan untuk “dapur umum”" in section
    assert f'href="/info/{p.pk}/"' in section
    assert "belum diverifikasi" in section  # the status badge
    assert "Kota Makassar" in section  # the region
    assert wrong.title not in html


def test_the_section_shows_when_no_campaign_matches_and_hides_when_no_post_does(client):
    post(title="Tes usap gratis di Puskesmas Tallo")
    html = client.get("/cari/", {"q": "tes usap"}).content.decode()
    assert "Tidak ada kampanye yang cocok dengan “tes usap”." in html
    assert 'data-testid="search-info-post"' in html
    nothing = client.get("/cari/", {"q": "kapal selam"}).content.decode()
    assert 'data-testid="search-info"' not in nothing
    assert 'data-testid="search-info"' not in client.get("/cari/").content.decode()


def test_more_matches_than_the_section_shows_link_to_the_info_list(client):
    for n in range(7):
        post(title=f"Posko sembako nomor {n}")
    html = client.get("/cari/", {"q": "sembako"}).content.decode()
    assert html.count('data-testid="search-info-post"') == 5
    assert "7 info bantuan untuk “sembako”" in html
    assert 'href="/info/?q=sembako"' in html
    listed = client.get("/info/", {"q": "sembako"}).content.decode()
    assert listed.count("Posko sembako nomor") == 7
    assert 'value="sembako"' in listed


def test_the_info_list_searches_pages_and_says_when_nothing_matches(client):
    for n in range(23):
        post(title=f"Dapur umum nomor {n}")
    first = client.get("/info/", {"q": "dapur", "region": "73.71"}).content.decode()
    assert "Halaman 1 dari 2" in first
    last = client.get("/info/", {"q": "dapur", "halaman": 99})
    assert last.status_code == 200
    assert last.content.decode().count("Dapur umum nomor") == 3
    none = client.get("/info/", {"q": "kapal selam"}).content.decode()
    assert "Tidak ada info bantuan yang cocok dengan “kapal selam”." in none
    long = client.get("/info/", {"q": "dapur " * 40}).content.decode()
    assert "Kata pencarian terlalu panjang: paling banyak 200 karakter." in long
    assert (
        "Kata pencarian berisi karakter yang tidak sah."
        in client.get("/info/", {"q": "dapur\x00"}).content.decode()
    )


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE info_infopost; --", '"NEAR(a b)" OR *', "\U0001f600", "x\x00y", "a" * 201],
)
def test_hostile_queries_give_an_ordinary_page(client, query):
    post(title="Dapur umum Tallo")
    assert client.get("/cari/", {"q": query}).status_code == 200
    assert client.get("/info/", {"q": query}).status_code == 200
    assert info_search(q=query[:200]).total == 0


def _queries(client, q: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/cari/", {"q": q}).status_code == 200
    return len(captured)


def test_the_search_page_takes_a_fixed_number_of_queries_whatever_the_posts(
    client, django_assert_max_num_queries
):
    post(title="Dapur umum nomor 0")
    campaign("Dapur umum untuk korban banjir")
    one = _queries(client, "dapur")
    for n in range(1, 8):
        post(title=f"Dapur umum nomor {n}")
    assert _queries(client, "dapur") == one
    # The campaigns' words and lengths, their page and count, their rows; info ids, posts.
    with django_assert_max_num_queries(5):
        client.get("/cari/", {"q": "dapur"})


def test_search_reindex_rebuilds_the_info_index(capsys):
    p = post(title="Dapur umum Tallo")
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM search_document"
            if connection.vendor == "postgresql"
            else "DELETE FROM search_document_fts"
        )
    assert titles("dapur") == []
    call_command("search_reindex")
    assert "info posts indexed: 1" in capsys.readouterr().out
    assert titles("dapur") == [p.title]
    call_command("search_reindex")  # again: no duplicates
    assert info_search(q="dapur").total == 1
