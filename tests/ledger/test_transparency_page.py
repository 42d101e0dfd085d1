"""/transparansi/ links what anyone needs to check the books: every campaign's ledger, the
latest signed log head, the verifier (downloadable from the instance) and the receipt check."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from gotong.campaigns.models import CampaignStatus
from gotong.transparency.services import log_seal
from tests.factories import CampaignFactory, DonationFactory
from tests.transparency.helpers import TEST_KEY, settle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _log_settings(settings, tmp_path):
    settings.LOG_SIGNING_KEY = TEST_KEY
    settings.VAR_DIR = tmp_path


def test_the_page_links_every_public_campaign_ledger_and_the_checks(client):
    published = CampaignFactory(title="Jembatan desa")
    ended = CampaignFactory(title="Sumur warga", status=CampaignStatus.ENDED)
    draft = CampaignFactory(title="Draf", status=CampaignStatus.DRAFT)
    html = client.get("/transparansi/").content.decode()
    for campaign in (published, ended):
        assert f'href="/kampanye/{campaign.slug}/buku-besar/"' in html
        assert f'href="/kampanye/{campaign.slug}/buku-besar.csv"' in html
        assert f'href="/kampanye/{campaign.slug}/buku-besar.json"' in html
    assert draft.slug not in html
    assert 'href="/kuitansi/periksa/"' in html
    assert 'href="/transparency/log/head"' in html
    assert 'href="/transparency/verify_log.py"' in html
    assert "python verify_log.py" in html
    assert 'data-testid="total-collected"' in html  # the figures stay


def test_the_latest_signed_head_is_shown(client):
    html = client.get("/transparansi/").content.decode()
    assert "Log belum punya kepala bertanda tangan" in html
    settle(DonationFactory())
    head = log_seal().head
    assert head is not None
    html = client.get("/en/transparansi/").content.decode()
    assert head.root_hash in html
    assert f"python verify_log.py http://127.0.0.1:8000 --public-key {head.public_key}" in html
    assert f'data-testid="head-size">{head.tree_size}<' in html
    assert 'href="/en/kuitansi/periksa/"' in html


def test_the_verifier_is_served_as_it_is_in_the_repository(client):
    response = client.get("/transparency/verify_log.py")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="verify_log.py"'
    script = django_settings.BASE_DIR / "tools" / "verify_log.py"
    assert b"".join(response.streaming_content) == script.read_bytes()
