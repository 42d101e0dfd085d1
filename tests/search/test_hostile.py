"""Whatever is typed into the search box: a normal page (200) or, on the API, a structured 422;
never a server error, never a draft, never markup from the query in the page."""

from __future__ import annotations

import pytest

from gotong.accounts.models import User
from gotong.campaigns.models import CampaignStatus
from gotong.search.selectors import Match, campaigns_search
from gotong.search.services import search_index_update
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

LONG = "banjir " * 1500  # 10,500 characters

HOSTILE = [
    "",
    " ",
    LONG[:10_000],
    "' OR 1=1 --",
    "'; DROP TABLE campaigns_campaign; --",
    "<script>alert('x')</script>",
    '"unbalanced',
    "*",
    "banjir*",
    "NEAR(banjir kebanjiran)",
    "banjir OR 1",
    "title:banjir",
    "^banjir",
    "-banjir",
    "banjir & | ! ( ) : <-> ''",
    "🙏🙏🙏",
    "banjir 🌊",
    "ban\x00jir",
    "\x00",
    "!!!",
    "%",
    "_",
    "\\",
    "\uff42\uff41\uff4e\uff4a\uff49\uff52",  # full-width "banjir"
    "ي",
    "a" * 200,
    "%%s %(q)s {0}",
]


@pytest.fixture
def campaigns():
    """One open campaign and one draft with the same words; only the first may be found."""
    owner = User.objects.create(email="pemilik@contoh.id")  # no password: nothing to hash
    open_one = CampaignFactory(
        owner=owner, title="Bantu korban banjir di Banjar", slug="banjir-terbuka"
    )
    draft = CampaignFactory(
        owner=owner,
        title="Draf banjir rahasia",
        slug="banjir-draf",
        status=CampaignStatus.DRAFT,
        published_at=None,
    )
    for campaign in (open_one, draft):
        search_index_update(campaign=campaign)
    return open_one, draft


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_the_page_answers_every_query(client, campaigns, query):
    response = client.get("/cari/", {"q": query, "kategori": "bencana-alam", "urutkan": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "banjir-draf" not in html


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_the_api_answers_every_query(client, campaigns, query):
    response = client.get("/api/v1/campaigns", {"q": query})
    if len(query.strip()) > 200:
        assert response.status_code == 422
        body = response.json()
        assert body["detail"] == "Data tidak valid."
        assert "200" in body["errors"]["q"][0]
    else:
        assert response.status_code == 200, response.content
        body = response.json()
        assert "banjir-draf" not in {item["slug"] for item in body["items"]}
        assert body["count"] == len(body["items"]) <= 1


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_the_selector_takes_any_text(campaigns, query):
    results = campaigns_search(q=query)
    assert {c.slug for c in results.campaigns} <= {"banjir-terbuka"}


def test_a_query_that_is_too_long_gets_a_message_not_a_search(client, campaigns):
    response = client.get("/cari/", {"q": LONG})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kata pencarian terlalu panjang: paling banyak 200 karakter." in html
    assert "banjir-terbuka" not in html
    # The box keeps what fits.
    assert f'value="{LONG[:200]}"' in html


def test_a_query_without_letters_gets_a_message(client, campaigns):
    response = client.get("/cari/", {"q": "🙏🙏"})
    assert "Kata pencarian harus berisi huruf atau angka." in response.content.decode()
    assert campaigns_search(q="🙏").match == Match.NO_WORDS


def test_bad_category_sort_and_page_fall_back_with_a_message(client, campaigns):
    response = client.get(
        "/cari/", {"q": "banjir", "kategori": "judi", "urutkan": "acak", "halaman": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kategori itu tidak ada; menampilkan semua kategori." in html
    assert "Urutan itu tidak dikenal; menampilkan yang paling relevan." in html
    assert "banjir-terbuka" in html
    for page in ("-1", "0", "99999999999999999999999", "1e9"):
        assert client.get("/cari/", {"q": "banjir", "halaman": page}).status_code == 200


def test_the_api_refuses_unknown_sort_and_category(client, campaigns):
    for params in ({"q": "banjir", "sort": "acak"}, {"q": "banjir", "category": "judi"}):
        response = client.get("/api/v1/campaigns", params)
        assert response.status_code == 422
        assert set(response.json()) == {"code", "detail", "errors"}


def test_the_api_survives_absurd_pages(client, campaigns):
    for page in ("999999", "99999999999999999999"):
        response = client.get("/api/v1/campaigns", {"q": "banjir", "page": page})
        assert response.status_code in (200, 422)
        if response.status_code == 200:
            body = response.json()
            assert body == {"items": [], "count": 1, "total_is_lower_bound": False}
