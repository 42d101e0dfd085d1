"""The index of postings (gotong/search/postings.py, matching.py; decision 32): scores as
ts_rank gives one word, every way of reading a page giving the same campaigns, totals counted
up to a cap and then flagged as a lower bound, word lengths kept in step."""

from __future__ import annotations

import math

import pytest
from django.db import connection

from gotong.search import matching
from gotong.search.postings import word_scores
from gotong.search.selectors import SearchSort, campaigns_search
from gotong.search.services import search_index_rebuild

pytestmark = pytest.mark.django_db

QUERIES = [
    "operasi jantung",
    "pengobatan",
    "banjir",
    "sekolah anak",
    "bantuan untuk korban banjir di kalimantan",
    "mangrove kanker",  # no campaign has both: some of the words
    "untuk",
]


def test_a_word_scores_its_occurrences_by_field_and_rank():
    scores = word_scores([(1.0, ["a", "b"]), (0.4, ["a"]), (0.1, ["a", "c"])])
    zeta = math.pi**2 / 6
    assert scores["a"] == pytest.approx((1.0 + 0.4 / 4 + 0.1 / 9) / zeta)
    assert scores["b"] == pytest.approx(1.0 / zeta)
    assert scores["c"] == pytest.approx(0.1 / zeta)


def test_on_postgresql_a_word_scores_what_ts_rank_gives_it(corpus):
    if connection.vendor != "postgresql":
        pytest.skip("ts_rank is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.score, ts_rank('{0.05, 0.1, 0.4, 1.0}',"
            " setweight(to_tsvector('indonesian', c.title), 'A')"
            " || setweight(to_tsvector('indonesian', concat_ws(' ', c.summary, c.beneficiary,"
            " c.location)), 'B') || setweight(to_tsvector('indonesian', c.story), 'C'),"
            " quote_literal(p.word)::tsquery)"
            " FROM search_posting p JOIN campaigns_campaign c ON c.id = p.campaign_id"
            " WHERE p.word IN ('obat', 'banjir', 'jantung', 'sekolah')"
        )
        rows = cursor.fetchall()
    assert rows
    # The category's names are indexed too (weight B), after the location: a word that is
    # not one of them scores the same.
    assert all(score == pytest.approx(rank, rel=1e-5) for score, rank in rows)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("sort", list(SearchSort), ids=[s.value for s in SearchSort])
def test_every_way_of_reading_gives_the_same_page(corpus, monkeypatch, query, sort):
    """Scoring the best postings only (a window of one), walking the campaigns in the sort's
    order (every word common) or gathering and sorting them: the same campaigns, in order."""
    expected = campaigns_search(q=query, sort=sort, limit=50)
    monkeypatch.setattr(matching, "WINDOW", 1)
    monkeypatch.setattr(matching, "COMMON", 0)
    found = campaigns_search(q=query, sort=sort, limit=50)
    assert [c.slug for c in found.campaigns] == [c.slug for c in expected.campaigns]
    assert (found.total, found.match) == (expected.total, expected.match)


@pytest.fixture
def cap_of_two(monkeypatch):
    monkeypatch.setattr(matching, "COUNT_CAP", 2)


def test_past_the_cap_the_total_is_a_lower_bound(corpus, cap_of_two):
    first = campaigns_search(q="untuk", limit=1)
    assert (first.total, first.total_is_lower_bound) == (2, True)
    # Counted as far as the page asked for, then one more.
    deep = campaigns_search(q="untuk", limit=3, offset=3)
    assert (deep.total, deep.total_is_lower_bound) == (6, True)
    browsed = campaigns_search(q="", limit=1)
    assert (browsed.total, browsed.total_is_lower_bound) == (2, True)
    few = campaigns_search(q="operasi jantung")
    assert (few.total, few.total_is_lower_bound) == (2, False)


def test_the_api_says_when_its_count_is_a_lower_bound(client, corpus, cap_of_two):
    body = client.get("/api/v1/campaigns", {"q": "untuk", "page_size": 1}).json()
    assert (body["count"], body["total_is_lower_bound"], len(body["items"])) == (2, True, 1)
    exact = client.get("/api/v1/campaigns", {"q": "operasi jantung"}).json()
    assert (exact["count"], exact["total_is_lower_bound"]) == (2, False)
    plain = client.get("/api/v1/campaigns").json()
    assert plain["total_is_lower_bound"] is False
    schema = client.get("/api/v1/openapi.json").json()
    assert "total_is_lower_bound" in str(schema["components"]["schemas"])


def test_the_page_says_more_than_and_still_offers_the_next_page(client, corpus, cap_of_two):
    """Counted to the end of the first page (12, past the cap of 2): "more than 12"."""
    html = client.get("/cari/", {"q": "untuk"}).content.decode()
    assert "Lebih dari 12 kampanye untuk “untuk”" in html
    assert "halaman=2" in html
    assert "Halaman 1" in html
    assert "Halaman 1 dari" not in html
    browsed = client.get("/cari/", {"urutkan": "terbaru"}).content.decode()
    assert "Lebih dari 12 kampanye terbuka" in browsed


def _lengths() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, campaigns FROM search_posting_length WHERE campaigns > 0")
        return dict(cursor.fetchall())


def _recounted() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, count(*) FROM search_posting GROUP BY word")
        return dict(cursor.fetchall())


def test_word_lengths_follow_every_update_and_the_rebuild(corpus):
    """The corpus is made through the services (create, edit, submit, publish): each
    re-indexing counts a campaign's words once, however often it is indexed."""
    assert _lengths() == _recounted()
    search_index_rebuild()
    assert _lengths() == _recounted()
