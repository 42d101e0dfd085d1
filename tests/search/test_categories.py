"""A campaign is found by its category's names, Indonesian and English, on both databases."""

from __future__ import annotations

import pytest

from gotong.search.selectors import Match, campaigns_search
from gotong.search.services import search_index_rebuild

pytestmark = pytest.mark.django_db


def category_slugs(corpus, category: str) -> set[str]:
    return {c.slug for c in corpus.values() if c.category == category}


@pytest.mark.parametrize(
    ("query", "category"),
    [
        ("pendidikan", "pendidikan"),
        ("Pendidikan", "pendidikan"),
        ("education", "pendidikan"),
        ("rumah ibadah", "rumah-ibadah"),
        ("pekerja informal", "pekerja-informal"),
        ("lingkungan", "lingkungan"),
    ],
)
def test_a_category_name_finds_every_campaign_of_the_category(corpus, query, category):
    results = campaigns_search(q=query, limit=50)
    assert results.match == Match.ALL
    assert category_slugs(corpus, category) <= {c.slug for c in results.campaigns}


def test_category_names_survive_a_rebuild(corpus):
    search_index_rebuild()
    results = campaigns_search(q="pendidikan", limit=50)
    assert category_slugs(corpus, "pendidikan") <= {c.slug for c in results.campaigns}
    assert campaigns_search(q="pendidkan").suggestion == "pendidikan"


def test_the_page_finds_the_category(client, corpus):
    html = client.get("/cari/", {"q": "pendidikan"}).content.decode()
    for slug in category_slugs(corpus, "pendidikan"):
        assert f"/kampanye/{slug}/" in html
