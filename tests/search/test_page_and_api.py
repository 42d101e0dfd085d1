"""The /cari/ page and GET /api/v1/campaigns with `q`, `category` and `sort`."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_page_shows_ranked_cards(client, corpus):
    response = client.get("/cari/", {"q": "operasi jantung"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 kampanye untuk “operasi jantung”" in html
    first = html.index("/kampanye/operasi-jantung-aisyah/")
    assert first < html.index("/kampanye/pemulihan-pak-darto/")
    assert 'value="operasi jantung"' in html
    assert "<title>Cari “operasi jantung”" in html


def test_the_page_without_a_query_lists_open_campaigns_with_filters(client, corpus):
    html = client.get("/cari/", {"kategori": "pendidikan", "urutkan": "mendesak"}).content.decode()
    assert "3 kampanye terbuka" in html
    assert '<option value="pendidikan" selected>' in html
    assert '<option value="mendesak" selected>' in html
    # Taman baca (14 days left) before the scholarship (30) and the madrasah (75).
    order = [html.index(f"/kampanye/{slug}/") for slug in (
        "taman-baca-batu-belek-lombok", "beasiswa-yatim-padang", "atap-madrasah-ende",
    )]  # fmt: skip
    assert order == sorted(order)


def test_the_page_says_when_nothing_matches(client, corpus):
    html = client.get("/cari/", {"q": "kapal selam", "kategori": "medis"}).content.decode()
    assert "Tidak ada kampanye yang cocok dengan “kapal selam”." in html
    assert "Coba kata lain, atau cari di semua kategori." in html


def test_the_page_paginates_and_keeps_the_query(client, corpus):
    first = client.get("/cari/", {"q": "untuk", "urutkan": "terbaru"}).content.decode()
    assert "Halaman 1 dari" in first
    assert "?q=untuk&amp;urutkan=terbaru&amp;halaman=2" in first
    last = client.get("/cari/", {"q": "untuk", "urutkan": "terbaru", "halaman": 99})
    assert last.status_code == 200
    assert "Halaman 2 dari 2" in last.content.decode()


def test_cari_without_a_slash_redirects_with_the_query(client, corpus):
    response = client.get("/cari?q=banjir")
    assert response.status_code == 301
    assert response["Location"] == "/cari/?q=banjir"


def test_every_page_has_the_search_box(client, corpus):
    html = client.get("/").content.decode()
    assert 'action="/cari/"' in html
    assert 'name="q"' in html


def test_the_api_searches_with_q_category_and_sort(client, corpus):
    body = client.get("/api/v1/campaigns", {"q": "operasi jantung"}).json()
    assert body["count"] == 2
    assert [item["slug"] for item in body["items"]] == [
        "operasi-jantung-aisyah", "pemulihan-pak-darto",
    ]  # fmt: skip
    assert body["items"][0]["location"] == "Bangkalan, Jawa Timur"
    medis = client.get("/api/v1/campaigns", {"q": "pengobatan", "category": "medis"}).json()
    assert medis["count"] == 4
    assert {item["category"] for item in medis["items"]} == {"medis"}
    urgent = client.get("/api/v1/campaigns", {"q": "sekolah", "sort": "mendesak"}).json()
    deadlines = [item["deadline"] for item in urgent["items"]]
    assert deadlines == sorted(deadlines)


def test_the_api_pages_search_results(client, corpus):
    one = client.get("/api/v1/campaigns", {"q": "banjir", "page_size": 1, "page": 2}).json()
    assert one["count"] == 3
    assert len(one["items"]) == 1
    everything = client.get("/api/v1/campaigns", {"q": "banjir"}).json()
    assert one["items"][0] == everything["items"][1]


def test_the_api_without_q_keeps_its_old_answer(client, corpus):
    plain = client.get("/api/v1/campaigns").json()
    empty_q = client.get("/api/v1/campaigns", {"q": "  "}).json()
    assert plain == empty_q
    assert plain["count"] == 22
    newest = client.get("/api/v1/campaigns", {"sort": "terbaru"}).json()
    assert [i["slug"] for i in newest["items"]] == [i["slug"] for i in plain["items"]]
    funded = client.get("/api/v1/campaigns", {"sort": "donatur", "category": "medis"}).json()
    assert {i["category"] for i in funded["items"]} == {"medis"}


def test_the_api_refuses_a_long_query_with_a_structured_error(client, corpus):
    response = client.get("/api/v1/campaigns", {"q": "x" * 201})
    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid",
        "detail": "Data tidak valid.",
        "errors": {"q": ["Kata pencarian paling banyak 200 karakter."]},
    }


def test_the_openapi_schema_documents_the_search_parameters(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/campaigns"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "category", "sort", "page"} <= names
    assert "422" in operation["responses"]
