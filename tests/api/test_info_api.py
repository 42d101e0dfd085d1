from __future__ import annotations

import pytest
from django.utils import timezone

from gotong.info.services import info_mark_false, info_verify
from gotong.info.sources import SourceInput
from tests.info.conftest import post

pytestmark = pytest.mark.usefixtures("makassar")


def test_info_list_and_detail_carry_sources_and_history(client, verifier):
    p = post(
        sources=[SourceInput(kind="url", seen_on=timezone.localdate(), url="https://dinsos.id/a")]
    )
    info_verify(post=p, actor=verifier, note="Ditelepon ketua RW", evidence="https://x.id/b")
    wrong = post(title="Posko palsu")
    info_mark_false(post=wrong, actor=verifier, note="Tidak ada", evidence="foto lokasi")
    listed = client.get("/api/v1/info", {"region": "73"}).json()["items"]
    assert [i["id"] for i in listed] == [p.pk]  # `salah` leaves default lists
    assert client.get("/api/v1/info", {"status": "salah"}).json()["items"][0]["id"] == wrong.pk
    one = client.get(f"/api/v1/info/{p.pk}").json()
    assert one["status"] == "terverifikasi"
    assert one["sources"] == [
        {
            "kind": "url",
            "url": "https://dinsos.id/a",
            "file_url": "",
            "seen_on": str(timezone.localdate()),
        }
    ]
    assert [(h["event"], h["role"]) for h in one["history"]] == [
        ("publish", "penulis"),
        ("verify", "verifikator"),
    ]
    assert one["history"][1]["evidence"] == "https://x.id/b"
    text = client.get(f"/api/v1/info/{p.pk}").content.decode()
    assert p.author.email not in text
    assert verifier.email not in text


@pytest.mark.parametrize("query", [{"region": "99"}, {"region": "x"}, {"kind": "gosip"}])
def test_bad_filters_are_422(client, query):
    assert client.get("/api/v1/info", query).status_code == 422


def test_an_unknown_post_is_404(client):
    assert client.get("/api/v1/info/999999").status_code == 404


def test_the_schema_describes_sources_history_and_claim(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    post = schemas["InfoOut"]["properties"]
    assert {"sources", "history", "claim", "status", "region"} <= set(post)
    assert "id" in schemas["InfoHistoryOut"]["properties"]
