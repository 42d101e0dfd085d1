from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gotong.audit.models import AuditEntry
from gotong.campaigns.models import CampaignStatus
from gotong.inkind.needs import need_campaign_link
from tests.factories import CampaignFactory, UserFactory
from tests.inkind.conftest import need_open

pytestmark = pytest.mark.usefixtures("tallo")


def test_a_poster_links_their_need_to_their_campaign_and_both_pages_show_it(client, moderator):
    need = need_open(moderator)
    campaign = CampaignFactory(owner=need.poster)
    need_campaign_link(need=need, campaign=campaign, actor=need.poster)
    campaign_page = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    assert "Bantuan barang untuk kampanye ini" in campaign_page
    assert need.title in campaign_page
    assert "0 / 200 lembar diterima" in campaign_page
    need_page = client.get(f"/kebutuhan/{need.pk}/").content.decode()
    assert campaign.title in need_page


def test_only_ones_own_published_campaign_or_a_moderator(moderator):
    need = need_open(moderator)
    with pytest.raises(PermissionDenied):
        need_campaign_link(need=need, campaign=CampaignFactory(), actor=need.poster)
    with pytest.raises(PermissionDenied):
        need_campaign_link(need=need, campaign=None, actor=UserFactory())
    draft = CampaignFactory(owner=need.poster, status=CampaignStatus.DRAFT)
    with pytest.raises(ValidationError):
        need_campaign_link(need=need, campaign=draft, actor=need.poster)
    need_campaign_link(need=need, campaign=CampaignFactory(), actor=moderator)
    assert AuditEntry.objects.filter(action="need.campaign_link", actor=moderator).exists()
