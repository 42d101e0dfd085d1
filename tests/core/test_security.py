"""Security headers (decision 29): Content-Security-Policy without inline code and
Permissions-Policy on every answer, Strict-Transport-Security over https when switched on, and
`check --deploy` silent with the production values .env.example documents."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import CampaignFactory
from tests.info.conftest import post
from tests.inkind.conftest import need_open

ROOT = Path(settings.BASE_DIR)
LINE = re.compile(r'^([A-Z][A-Z0-9_]*)=("[^"]*"|[^#]*?)\s*(?:#\s*(.*))?$')
PRODUCTION = re.compile(r"production: (\S+)")


def production_environment() -> dict[str, str]:
    """Every variable of .env.example, with its documented production value where it has one."""
    env: dict[str, str] = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = LINE.match(line.strip())
        if not match:
            continue
        name, value, comment = match.groups()
        production = PRODUCTION.search(comment or "")
        env[name] = production.group(1) if production else value.strip('"')
    return env


def test_env_example_documents_the_production_security_values():
    env = production_environment()
    assert env["DEBUG"] == "false"
    assert env["SECURE_SSL_REDIRECT"] == "true"
    assert env["SECURE_HSTS_SECONDS"] == "31536000"
    assert env["BEHIND_TLS_PROXY"] == "true"
    assert env["TRUSTED_PROXY_COUNT"] == "1"


def test_check_deploy_with_the_production_values_has_no_warnings(tmp_path):
    example = production_environment()
    # The secret is the one value .env.example cannot give.
    example |= {"SECRET_KEY": secrets.token_urlsafe(50), "GOTONG_VAR_DIR": str(tmp_path)}
    # As after the `collectstatic` every deploy runs (gotong.E001 checks for its manifest).
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    # Nothing else from this process (browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, for one).
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ} | example
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def pages(db, tallo, moderator):
    campaign = CampaignFactory()
    return [
        "/",
        "/kampanye/",
        f"/kampanye/{campaign.slug}/",
        f"/kampanye/{campaign.slug}/donasi/",
        f"/kampanye/{campaign.slug}/laporkan/",
        f"/kebutuhan/{need_open(moderator).pk}/",
        "/kebutuhan/",
        f"/info/{post().pk}/",
        "/info/",
        "/transparansi/",
        "/en/",
        "/api/v1/campaigns",
        "/halaman-yang-tidak-ada/",
    ]


def test_every_page_carries_the_csp_and_the_permissions_policy(client, pages):
    for url in pages:
        for _ in range(2):  # the second answer may come from the page cache
            response = client.get(url)
            assert response.status_code in (200, 404), url
            csp = directives(response["Content-Security-Policy"])
            assert csp["default-src"] == ["'self'"], url
            assert csp["script-src"] == ["'self'"], url
            assert csp["style-src"] == ["'self'"], url
            assert csp["img-src"] == ["'self'", "blob:"], url
            assert csp["object-src"] == ["'none'"], url
            assert csp["base-uri"] == ["'self'"], url
            assert csp["frame-ancestors"] == ["'none'"], url
            assert csp["form-action"][0] == "'self'", url
            policy = response["Permissions-Policy"]
            for feature in ("camera", "microphone", "geolocation", "payment"):
                assert f"{feature}=()" in policy, url
            assert "Strict-Transport-Security" not in response, url  # plain http


def test_the_donation_form_may_redirect_to_snap():
    snap = settings.MIDTRANS_SNAP_BASE_URL
    origin = "/".join(snap.split("/")[:3])
    assert origin in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"]


def test_only_swagger_ui_allows_data_images(client, db):
    docs = directives(client.get("/api/v1/docs")["Content-Security-Policy"])
    assert docs["img-src"] == ["'self'", "blob:", "data:"]
    assert docs["script-src"] == ["'self'"]
    assert docs["style-src"] == ["'self'"]


def test_hsts_over_https_when_switched_on(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    behind_proxy = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert (
        behind_proxy["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    )
    assert "Strict-Transport-Security" not in client.get("/")


def test_ssl_redirect_when_switched_on(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/kampanye/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/kampanye/"


PAGE_TEMPLATES = [
    path
    for path in (ROOT / "gotong").rglob("templates/**/*.html")
    if "emails" not in path.parts  # mail clients need inline styles, and no CSP applies there
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>")
HANDLER = re.compile(r"\son[a-z]+=", re.IGNORECASE)


def test_page_templates_have_no_inline_scripts_styles_or_handlers():
    assert len(PAGE_TEMPLATES) > 100
    for path in PAGE_TEMPLATES:
        text = path.read_text()
        name = path.relative_to(ROOT)
        assert "style=" not in text, name
        assert "<style" not in text, name
        assert not INLINE_SCRIPT.search(text), name
        assert not HANDLER.search(text), name
        assert "javascript:" not in text, name


def test_htmx_injects_no_style_element(client, db):
    page = client.get("/").content.decode()
    assert '"includeIndicatorStyles":false' in page
