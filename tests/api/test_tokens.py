"""Personal API tokens (decision 30): made on the account page (shown once, only a hash kept),
listed and revoked there with audit rows; `Authorization: Bearer` acts as the token's user, a
`read` token cannot write (403), a revoked or unknown one is refused (401)."""

from __future__ import annotations

import datetime
import hashlib
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gotong.accounts.models import ApiToken
from gotong.api.tokens import api_token_create
from gotong.audit.models import AuditAction, AuditEntry
from gotong.inkind.models import Need, Pledge
from tests.factories import CampaignFactory, UserFactory
from tests.inkind.conftest import DESA, HELPER_PHONE, POSTER_PHONE, need_open

pytestmark = pytest.mark.usefixtures("tallo")


def need_payload(**overrides):
    return {
        "region": DESA,
        "place_detail": "RT 02 / RW 04, dekat masjid",
        "contact_whatsapp": POSTER_PHONE,
        "title": "Air bersih untuk RW 04",
        "story": "Sumur warga tercemar banjir.",
        "people_served": 80,
        "needed_by": str(timezone.localdate() + datetime.timedelta(days=5)),
        "lines": [{"item": "air_bersih", "quantity": 40}],
    } | overrides


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post_need(client, token: str, **overrides):
    return client.post(
        "/api/v1/needs",
        json.dumps(need_payload(**overrides)),
        content_type="application/json",
        **bearer(token),
    )


def test_the_account_page_makes_a_token_shown_once_and_keeps_only_its_hash(client):
    partner = UserFactory()
    client.force_login(partner)
    page = client.post(reverse("accounts:tokens"), {"name": "Aplikasi posko", "scope": "write"})
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    secret = re.search(r'data-testid="token-value">(gtg_[^<]+)<', page.content.decode())[1]
    token = ApiToken.objects.get(user=partner)
    assert (token.name, token.scope, token.revoked_at) == ("Aplikasi posko", "write", None)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {getattr(token, f.attname) for f in ApiToken._meta.fields}
    entry = AuditEntry.objects.get(action=AuditAction.API_TOKEN_CREATE)
    assert (entry.actor, entry.target_id, entry.data["scope"]) == (partner, str(token.pk), "write")
    assert secret not in json.dumps(entry.data)

    listed = client.get(reverse("accounts:tokens")).content.decode()
    assert f"gtg_{token.prefix}_…" in listed
    assert secret not in listed
    assert post_need(client, secret).status_code == 201


def test_bad_input_on_the_account_page_says_so(client):
    client.force_login(UserFactory())
    page = client.post(reverse("accounts:tokens"), {"name": " ", "scope": "admin"})
    assert page.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoking_a_token_refuses_it_from_then_on(client):
    partner = UserFactory()
    token, secret = api_token_create(user=partner, name="Mitra", scope="write")
    client.force_login(UserFactory())
    assert client.post(reverse("accounts:token-revoke", args=[token.pk])).status_code == 404
    client.force_login(partner)
    response = client.post(reverse("accounts:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(
        action=AuditAction.API_TOKEN_REVOKE, actor=partner, target_id=str(token.pk)
    ).exists()
    client.logout()
    refused = post_need(client, secret)
    assert refused.status_code == 401
    assert refused.json()["code"] == "unauthenticated"
    assert "dicabut" in refused.json()["detail"]
    assert not Need.objects.exists()


@pytest.mark.parametrize("token", ["gtg_000000000000_bukan-token", "acak", "gtg__"])
def test_unknown_tokens_are_401_json(client, token):
    api_token_create(user=UserFactory(), name="Mitra", scope="write")
    response = post_need(client, token)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert not Need.objects.exists()


def test_a_token_with_a_known_prefix_but_a_wrong_secret_is_refused(client):
    _token, secret = api_token_create(user=UserFactory(), name="Mitra", scope="write")
    assert post_need(client, secret[:-2] + "xx").status_code == 401


def test_a_write_token_posts_a_need_as_its_user_without_csrf(settings):
    from django.test import Client

    partner = UserFactory()
    _token, secret = api_token_create(user=partner, name="Mitra", scope="write")
    response = post_need(Client(enforce_csrf_checks=True), secret)
    assert response.status_code == 201
    need = Need.objects.get(pk=response.json()["id"])
    assert need.poster == partner
    assert response.json()["status"] == need.status == "in_review"
    assert need.lines.get().quantity == 40


def test_a_write_token_answers_bad_needs_with_422(client):
    _token, secret = api_token_create(user=UserFactory(), name="Mitra", scope="write")
    response = post_need(client, secret, region="73.71.07", lines=[])
    assert response.status_code == 422
    assert "region" in response.json()["errors"]
    assert not Need.objects.exists()


def test_a_read_token_cannot_write(client, moderator):
    _token, secret = api_token_create(user=UserFactory(), name="Dasbor", scope="read")
    response = post_need(client, secret)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "read" in response.json()["detail"]
    need = need_open(moderator)
    line = need.lines.first()
    pledge = {
        "line_id": line.pk,
        "quantity": 1,
        "deliver_by": str(timezone.localdate() + datetime.timedelta(days=1)),
        "whatsapp": HELPER_PHONE,
    }
    refused = client.post(
        f"/api/v1/needs/{need.pk}/pledges",
        json.dumps(pledge),
        content_type="application/json",
        **bearer(secret),
    )
    assert refused.status_code == 403
    assert not Need.objects.exclude(pk=need.pk).exists()
    assert not Pledge.objects.exists()


def test_a_read_token_reads_its_users_data(client):
    owner = UserFactory()
    campaign = CampaignFactory(owner=owner)
    _token, secret = api_token_create(user=owner, name="Laporan", scope="read")
    url = f"/api/v1/campaigns/{campaign.slug}/referrers"
    assert client.get(url).status_code == 401
    assert client.get(url, **bearer(secret)).status_code == 200
    _other, stranger = api_token_create(user=UserFactory(), name="Lain", scope="read")
    assert client.get(url, **bearer(stranger)).status_code == 403


def test_last_used_is_written_at_most_once_a_minute(client):
    token, secret = api_token_create(user=UserFactory(), name="Mitra", scope="read")
    url = "/api/v1/campaigns/tidak-ada/referrers"
    client.get(url, **bearer(secret))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get(url, **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == first
    earlier = timezone.now() - datetime.timedelta(seconds=61)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    client.get(url, **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at > earlier + datetime.timedelta(seconds=60)


def test_the_schema_has_the_bearer_security_scheme(client):
    schema = client.get("/api/v1/openapi.json").json()
    scheme = schema["components"]["securitySchemes"]["TokenAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    post = schema["paths"]["/api/v1/needs"]["post"]
    assert {"TokenAuth": []} in post["security"]
    assert post["operationId"] == "need_create"
