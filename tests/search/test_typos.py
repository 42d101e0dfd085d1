"""Typo tolerance, on both databases: a word that occurs in no campaign is replaced by the most
similar word of the vocabulary (pg_trgm on PostgreSQL, edit distance on SQLite)."""

from __future__ import annotations

import pytest

from gotong.search.selectors import Match, campaigns_search

pytestmark = pytest.mark.django_db

TYPOS = [
    ("jantumg", "operasi-jantung-aisyah"),
    ("operasi jantumg", "operasi-jantung-aisyah"),
    ("banjr", "banjir-kabupaten-banjar"),
    ("mangrov", "mangrove-sayung-demak"),
    ("surabya", "operasi-jantung-aisyah"),
    ("disinfektn", "sehat-bersama-rw04-tallo"),
    ("kursi rodda", "kursi-roda-kupang"),
    ("atap miftahl", "atap-madrasah-ende"),
    ("kemoterapy", "ratna-berobat-kanker"),
    ("pedagang pekalongn", "modal-pedagang-pasar-pekalongan"),
]


@pytest.mark.parametrize(("query", "first"), TYPOS, ids=[t[0] for t in TYPOS])
def test_a_misspelt_query_finds_the_campaign(corpus, query, first):
    results = campaigns_search(q=query)
    assert results.match == Match.CORRECTED
    assert [c.slug for c in results.campaigns][:1] == [first]


def test_a_misspelt_word_is_replaced_by_the_closest_known_word(corpus):
    results = campaigns_search(q="pedagang pekalongn")
    assert results.match == Match.CORRECTED
    assert results.suggestion == "pedagang pekalongan"
    assert [c.slug for c in results.campaigns] == ["modal-pedagang-pasar-pekalongan"]
    # Words far apart in the title, one misspelt: each word is corrected on its own.
    results = campaigns_search(q="aisyah surabya")
    assert (results.match, results.suggestion) == (Match.CORRECTED, "aisyah surabaya")


def test_similarity_respects_the_category_and_knows_when_to_stop(corpus):
    assert campaigns_search(q="jantumg", category="pendidikan").campaigns == []
    assert campaigns_search(q="qwrtzx").match == Match.NONE


def test_words_that_exist_are_not_treated_as_typos(corpus):
    """Each word occurs somewhere, just not together: campaigns with some of them, not
    look-alike titles."""
    results = campaigns_search(q="mangrove kanker")
    assert results.match == Match.ANY
    assert {c.slug for c in results.campaigns} == {"mangrove-sayung-demak", "ratna-berobat-kanker"}


def test_the_page_says_what_it_searched_for_instead(client, corpus):
    html = client.get("/cari/", {"q": "jantumg"}).content.decode()
    assert "Menampilkan hasil untuk “jantung”." in html
    assert "/kampanye/operasi-jantung-aisyah/" in html


def test_a_misspelt_category_is_corrected_and_finds_its_campaigns(corpus):
    results = campaigns_search(q="pendidkan", limit=50)
    assert (results.match, results.suggestion) == (Match.CORRECTED, "pendidikan")
    pendidikan = {c.slug for c in corpus.values() if c.category == "pendidikan"}
    assert pendidikan <= {c.slug for c in results.campaigns}


def test_some_words_found_still_offers_the_correction(corpus):
    """ "mangrove kankr": corrected, no campaign has both words; the campaigns with some of the
    words are shown, and the corrected query is offered."""
    results = campaigns_search(q="mangrove kankr")
    assert (results.match, results.suggestion) == (Match.ANY, "mangrove kanker")
    assert [c.slug for c in results.campaigns] == ["mangrove-sayung-demak"]


def test_the_page_offers_the_correction_as_a_link(client, corpus):
    html = client.get("/cari/", {"q": "pendidkan", "urutkan": "terbaru"}).content.decode()
    assert 'Maksud Anda: <a href="?q=pendidikan&amp;urutkan=terbaru">pendidikan</a>?' in html
    assert "Tidak ada yang cocok dengan “pendidkan”. Menampilkan hasil untuk “pendidikan”." in html
    for campaign in corpus.values():
        if campaign.category == "pendidikan":
            assert f"/kampanye/{campaign.slug}/" in html
    html = client.get("/cari/", {"q": "mangrove kankr"}).content.decode()
    assert 'Maksud Anda: <a href="?q=mangrove+kanker">mangrove kanker</a>?' in html
    assert "/kampanye/mangrove-sayung-demak/" in html
