"""The /wilayah/ pages: the provinces, one region, search."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def links(page: str) -> list[str]:
    return re.findall(r'href="(/wilayah/[0-9.]+/)"', page)


def test_index_lists_the_provinces_and_a_search_box(client, regions):
    page = html(client.get("/wilayah/"))
    assert "<h1>Wilayah Indonesia</h1>" in page
    assert links(page) == ["/wilayah/32/", "/wilayah/73/"]
    assert "2 provinsi" in page
    assert 'action="/wilayah/cari/"' in page
    assert 'name="q"' in page
    assert 'name="provinsi"' in page  # the picker, to search inside a region


def test_region_page(client, regions):
    page = html(client.get("/wilayah/73.71/"))
    assert "<h1>Kota Makassar</h1>" in page
    assert "<title>Kota Makassar, Sulawesi Selatan" in page
    crumbs = page.split('<nav class="crumbs"')[1].split("</nav>")[0]
    assert 'href="/wilayah/"' in crumbs
    assert '<a href="/wilayah/73/">Sulawesi Selatan</a>' in crumbs
    assert '<li aria-current="page">Kota Makassar</li>' in crumbs
    assert '<span class="tag">Kota</span>' in page
    assert "Kecamatan di Kota Makassar (15)" in page
    children = links(page.split('data-testid="region-children"')[1])
    assert len(children) == 15
    assert children[0] == "/wilayah/73.71.11/"  # Biringkanaya, first by name


def test_village_page_has_its_postal_code_and_no_children(client, regions):
    page = html(client.get("/wilayah/73.71.07.1007/"))
    assert "<h1>Tallo</h1>" in page
    assert '<span class="tag">Kelurahan</span>' in page
    assert '<strong data-testid="postal-code">90212</strong>' in page
    assert 'data-testid="region-children"' not in page
    kecamatan = html(client.get("/wilayah/73.71.07/"))
    assert "Desa/kelurahan di Tallo (15)" in kecamatan
    assert "Kelurahan · 90212" in kecamatan
    assert 'data-testid="postal-code"' not in kecamatan


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/wilayah/7371/", "/wilayah/73.71/"),
        ("/wilayah/7371071007/", "/wilayah/73.71.07.1007/"),
        ("/en/wilayah/737107/", "/en/wilayah/73.71.07/"),
    ],
)
def test_undotted_codes_redirect_permanently(client, regions, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.parametrize(
    "path", ["/wilayah/74/", "/wilayah/9999/", "/wilayah/73.7/", "/wilayah/737/", "/wilayah/x/"]
)
def test_unknown_or_malformed_codes_are_404(client, regions, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_region_page_queries(client, regions, django_assert_max_num_queries):
    # The region, its parents, its children, its open needs, offers, campaigns and info with counts
    # (tests/inkind/test_region_sections.py: the same for one need or many).
    with django_assert_max_num_queries(17):
        html(client.get("/wilayah/73.71.07/"))


def test_region_page_in_english(client, regions):
    page = html(client.get("/en/wilayah/73.71/"))
    assert '<html lang="en">' in page
    assert 'href="/en/wilayah/73.71.07/"' in page


def test_search_page(client, regions):
    page = html(client.get("/wilayah/cari/", {"q": "tallo"}))
    results = page.split('data-testid="region-results"')[1].split("</ul>")[0]
    assert links(results)[:2] == ["/wilayah/73.71.07/", "/wilayah/73.71.07.1007/"]
    assert "Kecamatan · Tallo, Kota Makassar, Sulawesi Selatan" in results
    assert 'value="tallo"' in page
    first = html(client.get("/wilayah/cari/", {"q": "kota makassar"}))
    assert links(first.split('data-testid="region-results"')[1])[0] == "/wilayah/73.71/"


def test_search_inside_a_region_picked(client, regions):
    page = html(client.get("/wilayah/cari/", {"q": "a", "provinsi": "73", "kabupaten": "73.71"}))
    assert "di Kota Makassar" in page
    found = links(page.split('data-testid="region-results"')[1])
    assert found
    assert all(link.startswith("/wilayah/73.71") for link in found)
    # the picker shows the choices made and the next level
    assert '<option value="73.71" selected>Kota Makassar</option>' in page
    assert 'name="kecamatan"' in page


def test_search_with_a_bad_pick_says_why(client, regions):
    page = html(
        client.get("/wilayah/cari/", {"q": "tallo", "provinsi": "32", "kabupaten": "73.71"})
    )
    assert "Kota Makassar tidak berada di Jawa Barat. Pilih lagi." in page
    assert 'data-testid="region-results"' not in page


@pytest.mark.parametrize(
    "q",
    [
        "",
        " ",
        "%",
        "_",
        "'",
        "\x00",
        "🙂",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "x" * 10_000,
        "\\",
        "kota",
    ],
)
def test_any_query_gives_a_normal_page(client, regions, q):
    page = html(client.get("/wilayah/cari/", {"q": q}))
    assert "<h1>Cari wilayah</h1>" in page
    assert "<script>alert(1)</script>" not in page


def test_search_page_says_what_went_wrong(client, regions):
    assert "karakter yang tidak sah" in html(client.get("/wilayah/cari/", {"q": "a\x00"}))
    assert "paling banyak 100 karakter" in html(client.get("/wilayah/cari/", {"q": "x" * 101}))
    empty = html(client.get("/wilayah/cari/", {"q": "zzzz"}))
    assert "Tidak ada wilayah bernama “zzzz”." in empty
    assert "Ketik nama wilayah" in html(client.get("/wilayah/cari/"))
