"""Audit actions are members of AuditAction, stored under the codes rows have always had, and
shown in words in both languages; changes the platform makes by itself are recorded with no
actor and shown as the system."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from gotong.audit.models import AuditAction, AuditEntry
from gotong.audit.services import audit_record
from gotong.campaigns.models import CampaignStatus
from gotong.campaigns.tasks import end_expired_campaigns
from tests.factories import CampaignFactory, staff_with_role

# The codes existing rows hold: a member may be added, never renamed.
STORED_CODES = {
    "campaign.publish",
    "campaign.reject",
    "campaign.feature",
    "campaign.unfeature",
    "campaign.suspend",
    "campaign.close_refund",
    "campaign.end",
    "disbursement.approve",
    "disbursement.reject",
    "disbursement.paid",
    "report.dismiss",
    "report.request_info",
    "verification.approve",
    "verification.reject",
}


def test_the_stored_codes_stay_as_they_were():
    missing = STORED_CODES - set(AuditAction.values)
    assert not missing, f"renamed or removed: {sorted(missing)}"


@pytest.mark.parametrize("action", list(AuditAction), ids=str)
def test_labels_are_words_in_both_languages(action):
    with translation.override("id"):
        indonesian = str(action.label)
    with translation.override("en"):
        english = str(action.label)
    assert action.value not in (indonesian, english)
    assert indonesian != english


def test_a_misspelt_code_is_refused():
    with pytest.raises(ValueError, match=r"report\.dismis"):
        AuditAction("report.dismis")


def past_deadline(**kwargs):
    return CampaignFactory(deadline=timezone.localdate() - datetime.timedelta(days=1), **kwargs)


@pytest.mark.django_db
def test_the_scheduler_ending_a_campaign_leaves_an_audit_row_without_actor():
    campaign = past_deadline()
    CampaignFactory()  # still open
    end_expired_campaigns.enqueue()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_id) == (
        None,
        AuditAction.CAMPAIGN_END,
        str(campaign.pk),
    )
    assert entry.data == {"deadline": campaign.deadline.isoformat()}
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.ENDED
    assert campaign.ended_at is not None
    end_expired_campaigns.enqueue()  # the next tick finds nothing to end
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "system"), [("", "Sistem"), ("/en", "System")])
def test_staff_pages_show_the_platform_as_the_system(client, prefix, system):
    campaign = past_deadline()
    end_expired_campaigns.enqueue()
    client.force_login(staff_with_role("moderator"))
    page = client.get(f"{prefix}/staf/laporan/{campaign.slug}/").content.decode()
    with translation.override(prefix.strip("/") or "id"):
        label = str(AuditAction.CAMPAIGN_END.label)
    assert f"{system} · {label}" in page
    assert "campaign.end" not in page


@pytest.mark.django_db
def test_the_public_page_lists_moderators_actions_only(client):
    moderator = staff_with_role("moderator")
    campaign = past_deadline()
    audit_record(
        actor=moderator, action=AuditAction.CAMPAIGN_FEATURE, target=campaign, reason="Pilihan"
    )
    end_expired_campaigns.enqueue()
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert str(AuditAction.CAMPAIGN_FEATURE.label) in page
    assert str(AuditAction.CAMPAIGN_END.label) not in page


@pytest.mark.django_db
def test_a_row_without_actor_reads_as_the_system():
    entry = audit_record(actor=None, action=AuditAction.CAMPAIGN_END, target=past_deadline())
    with translation.override("en"):
        assert entry.get_actor_display() == "System"
        assert " System campaign.end " in str(entry)
