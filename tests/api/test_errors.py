"""Every error of the API in one shape, `{"code", "detail", "errors"}`, in Indonesian (or in
English with Accept-Language: en), django-ninja's own checks and 404s included."""

from __future__ import annotations

import json

import pytest

from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

# Words of pydantic's and django-ninja's English messages that must not reach a client.
ENGLISH = ("Input should", "Field required", "Not Found", "Unauthorized", "Cannot parse")


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "detail", "errors"}
    assert body["code"] == code
    assert body["detail"]
    assert not any(word in response.content.decode() for word in ENGLISH), body
    return body


def test_not_found_names_what_was_not_found(client):
    body = assert_error(client.get("/api/v1/campaigns/tidak-ada"), 404, "not_found")
    assert body == {"code": "not_found", "detail": "Kampanye tidak ditemukan.", "errors": {}}
    body = assert_error(client.get("/api/v1/donations/GTG-0-x"), 404, "not_found")
    assert body["detail"] == "Donasi tidak ditemukan."
    body = assert_error(client.get("/api/v1/needs/999999"), 404, "not_found")
    assert body["detail"] == "Kebutuhan tidak ditemukan."
    body = assert_error(client.get("/api/v1/info/999999"), 404, "not_found")
    assert body["detail"] == "Info tidak ditemukan."
    assert_error(client.get("/api/v1/campaigns/tidak-ada/donations"), 404, "not_found")


def test_an_address_the_api_does_not_have_is_a_json_404(client):
    for path in ("/api/v1/tidak-ada", "/api/v1/campaigns/a/b/c", "/api/v1/"):
        body = assert_error(client.get(path), 404, "not_found")
        assert body["detail"] == "Alamat API ini tidak ada."


def test_ninjas_own_validation_speaks_indonesian(client):
    body = assert_error(client.get("/api/v1/campaigns?page=x"), 422, "invalid")
    assert body["errors"] == {"page": ["Harus bilangan bulat."]}
    body = assert_error(client.get("/api/v1/campaigns?page=0"), 422, "invalid")
    assert body["errors"] == {"page": ["Paling kecil 1."]}
    body = assert_error(client.get("/api/v1/campaigns?category=judi"), 422, "invalid")
    (message,) = body["errors"]["category"]
    assert message.startswith("Harus salah satu dari: 'medis', 'bencana-alam',")
    assert " or " not in message
    body = assert_error(client.get("/api/v1/needs/abc"), 422, "invalid")
    assert body["errors"] == {"need_id": ["Harus bilangan bulat."]}
    body = assert_error(client.get("/api/v1/needs?region=7x"), 422, "invalid")
    assert body["errors"] == {"region": ["Formatnya tidak sesuai."]}


def test_a_donation_with_bad_fields_gets_every_field_in_indonesian(client):
    campaign = CampaignFactory()
    url = f"/api/v1/campaigns/{campaign.slug}/donations"
    schema = client.post(url, json.dumps({"amount": "x"}), content_type="application/json")
    body = assert_error(schema, 422, "invalid")
    assert body["errors"] == {"amount": ["Harus bilangan bulat."], "name": ["Wajib diisi."]}
    too_long = {"amount": 50_000, "name": "x" * 201}
    body = assert_error(
        client.post(url, json.dumps(too_long), content_type="application/json"), 422, "invalid"
    )
    assert body["errors"] == {"name": ["Paling banyak 200 karakter."]}
    rules = {"amount": 5, "name": "Siti", "email": "bukan-email"}
    body = assert_error(
        client.post(url, json.dumps(rules), content_type="application/json"), 422, "invalid"
    )
    assert body["errors"] == {
        "amount": ["Donasi minimal Rp 10.000."],
        "email": ["Alamat email tidak valid."],
    }
    broken = client.post(url, "{bukan json", content_type="application/json")
    assert_error(broken, 400, "bad_request")


def test_signing_in_is_asked_for_in_indonesian(client):
    response = client.post("/api/v1/needs/1/pledges", "{}", content_type="application/json")
    body = assert_error(response, 401, "unauthenticated")
    assert body["detail"] == "Masuk terlebih dahulu."


def test_english_when_the_request_asks_for_it(client):
    campaign = CampaignFactory()
    url = f"/api/v1/campaigns/{campaign.slug}/donations"
    rules = json.dumps({"amount": 5, "name": "Siti", "email": "bukan-email"})
    english = client.post(
        url, rules, content_type="application/json", headers={"accept-language": "en-US,en;q=0.9"}
    )
    assert english.status_code == 422
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    assert english.json()["code"] == "invalid"
    assert english.json()["errors"] == {
        "amount": ["The minimum donation is Rp 10,000."],
        "email": ["That email address is not valid."],
    }
    indonesian = client.post(
        url, rules, content_type="application/json", headers={"accept-language": "id-ID,id"}
    )
    assert indonesian["Content-Language"] == "id"
    assert indonesian.json()["errors"]["email"] == ["Alamat email tidak valid."]
    unknown = client.get("/api/v1/tidak-ada", headers={"accept-language": "en"})
    assert (unknown.status_code, unknown["Content-Language"]) == (404, "en")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/api/v1/campaigns", {"GET"}),
        ("put", "/api/v1/needs", {"GET", "POST"}),
        ("post", "/api/v1/campaigns", {"GET"}),
    ],
    ids=["delete-campaigns", "put-needs", "post-campaigns"],
)
def test_a_method_an_address_lacks_is_a_json_405_with_allow(client, method, path, allowed):
    body = assert_error(getattr(client, method)(path), 405, "method_not_allowed")
    assert body["detail"] == f"Metode {method.upper()} tidak tersedia di alamat ini."
    response = getattr(client, method)(path)
    assert {m.strip() for m in response["Allow"].split(",")} == allowed


def test_a_405_speaks_english_when_asked(client):
    response = client.delete("/api/v1/campaigns", headers={"Accept-Language": "en"})
    assert response.status_code == 405
    assert response["Content-Language"] == "en"
    assert response.json()["code"] == "method_not_allowed"
