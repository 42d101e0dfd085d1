"""GET /api/v1/regions and /api/v1/regions/<code>."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_without_parent_the_provinces_by_name(client, regions):
    response = client.get("/api/v1/regions")
    assert response.status_code == 200
    assert response.json() == [
        {"code": "32", "name": "Jawa Barat", "level": 1, "kind": "provinsi", "path": "Jawa Barat"},
        {
            "code": "73",
            "name": "Sulawesi Selatan",
            "level": 1,
            "kind": "provinsi",
            "path": "Sulawesi Selatan",
        },
    ]


@pytest.mark.parametrize("parent", ["73.71", "7371"])
def test_children_of_a_parent_by_name(client, regions, parent):
    body = client.get(f"/api/v1/regions?parent={parent}").json()
    assert len(body) == 15
    assert [r["name"] for r in body] == sorted(r["name"] for r in body)
    tallo = next(r for r in body if r["code"] == "73.71.07")
    assert tallo == {
        "code": "73.71.07",
        "name": "Tallo",
        "level": 3,
        "kind": "kecamatan",
        "path": "Tallo, Kota Makassar, Sulawesi Selatan",
    }
    villages = client.get("/api/v1/regions?parent=73.71.07").json()
    assert {(r["level"], r["kind"]) for r in villages} == {(4, "kelurahan")}
    assert client.get("/api/v1/regions?parent=73.71.07.1007").json() == []


def test_unknown_parent_is_404(client, regions):
    response = client.get("/api/v1/regions?parent=99.99")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "detail": "Wilayah tidak ditemukan.",
        "errors": {},
    }


@pytest.mark.parametrize("parent", ["abc", "737", "73.7", "73%00", "1" * 5000, "73.71.07.1"])
def test_malformed_parent_is_422_in_the_error_shape(client, regions, parent):
    response = client.get("/api/v1/regions", {"parent": parent})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Data tidak valid."
    assert list(body["errors"]) == ["parent"]
    assert "Kode wilayah tidak sah" in body["errors"]["parent"][0]


def test_detail(client, regions):
    response = client.get("/api/v1/regions/73.71.07.1007")
    assert response.status_code == 200
    assert response.json() == {
        "code": "73.71.07.1007",
        "name": "Tallo",
        "level": 4,
        "kind": "kelurahan",
        "path": "Tallo, Tallo, Kota Makassar, Sulawesi Selatan",
        "postal_code": "90212",
        "parent": "73.71.07",
        "parents": [
            {"code": "73", "name": "Sulawesi Selatan", "level": 1},
            {"code": "73.71", "name": "Kota Makassar", "level": 2},
            {"code": "73.71.07", "name": "Tallo", "level": 3},
        ],
        "children_count": 0,
    }
    province = client.get("/api/v1/regions/73").json()
    assert (province["parent"], province["parents"], province["postal_code"]) == (None, [], "")
    assert province["children_count"] == 1  # only Kota Makassar is loaded here
    assert client.get("/api/v1/regions/7371").json()["children_count"] == 15


def test_detail_unknown_is_404_and_malformed_422(client, regions):
    missing = client.get("/api/v1/regions/73.72")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Wilayah tidak ditemukan."
    bad = client.get("/api/v1/regions/73.7x")
    assert bad.status_code == 422
    assert list(bad.json()["errors"]) == ["code"]


def test_search(client, regions):
    first = client.get("/api/v1/regions", {"q": "kota makassar"}).json()[0]
    assert (first["code"], first["kind"]) == ("73.71", "kota")
    assert client.get("/api/v1/regions", {"q": "kab bogor"}).json()[0]["code"] == "32.01"
    tallo = client.get("/api/v1/regions", {"q": "tallo", "parent": "73.71"}).json()
    assert [r["code"] for r in tallo[:2]] == ["73.71.07", "73.71.07.1007"]
    assert client.get("/api/v1/regions", {"q": "tallo", "parent": "32.01"}).json() == []


@pytest.mark.parametrize("q", ["%", "_", "'", "\x00", "🙂", "' OR 1=1 --", "x" * 100])
def test_hostile_search_is_an_empty_list(client, regions, q):
    response = client.get("/api/v1/regions", {"q": q})
    assert response.status_code == 200
    assert response.json() == []


def test_too_long_a_search_is_422(client, regions):
    response = client.get("/api/v1/regions", {"q": "x" * 101})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["q"]


def test_the_schema_lists_both_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert paths["/api/v1/regions"]["get"]["operationId"] == "regions_list"
    assert paths["/api/v1/regions/{code}"]["get"]["operationId"] == "region_get"
    parameters = {p["name"] for p in paths["/api/v1/regions"]["get"]["parameters"]}
    assert parameters == {"parent", "q"}
