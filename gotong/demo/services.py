"""Demo data through the real services: campaigns are created, submitted and published, and
donations are settled by the same code that applies gateway notifications."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.utils import timezone

from gotong.accounts.models import User
from gotong.campaigns import services as campaign_services
from gotong.campaigns.models import Campaign
from gotong.demo.covers import demo_cover
from gotong.demo.data import CAMPAIGNS
from gotong.demo.info import demo_info_seed
from gotong.demo.inkind import HELPER_EMAIL, RESIDENT_EMAIL, demo_inkind_seed
from gotong.donations import services as donation_services
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from gotong.regions.models import RegionLevel
from gotong.regions.selectors import regions_search

CAMPAIGNER_EMAIL = "penggalang@gotong.local"
CAMPAIGNER_PASSWORD = "gotong-demo-2026"  # noqa: S105 (demo account, printed on purpose)
STAFF_EMAIL = "staf@gotong.local"
STAFF_PASSWORD = "gotong-staf-2026"  # noqa: S105
# The demo staff account's authenticator app (staff need one, decision 30): a base32 TOTP
# secret printed by seed_demo for any authenticator app; `manage.py demo_totp` prints the
# current code. Demo data only, like the passwords above.
STAFF_TOTP_SECRET = "GOTONGDEMOSTAFFXXSECRETXXXXXXXXX"  # noqa: S105


@dataclass
class SeedResult:
    campaigns_created: int
    campaigns_existing: int
    donations_settled: int
    needs_created: int
    info_created: int


def _user(email: str, password: str, *, staff: bool, display_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        if staff:
            user = User.objects.create_superuser(email, password, display_name=display_name)
        else:
            user = User.objects.create_user(email, password, display_name=display_name)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _region_of(location: str) -> str:
    """The kabupaten/kota a demo location names ("Bangkalan, Jawa Timur"), found by name in the
    region table, or "" (none) when the table does not hold it."""
    name, _sep, province = location.partition(",")
    found = [
        region
        for region in regions_search(query=name.strip(), limit=10)
        if region.level == RegionLevel.REGENCY and region.path.endswith(province.strip())
    ]
    return found[0].code if found else ""


def demo_seed() -> SeedResult:
    """Idempotent: campaigns already present (by slug) are left as they are."""
    campaigner = _user(
        CAMPAIGNER_EMAIL, CAMPAIGNER_PASSWORD, staff=False, display_name="Komunitas Gotong Demo"
    )
    staff = _user(STAFF_EMAIL, STAFF_PASSWORD, staff=True, display_name="Staf Yayasan")
    if not Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(staff, STAFF_TOTP_SECRET)
    created = existing = settled = 0
    today = timezone.localdate()
    for demo in CAMPAIGNS:
        if Campaign.objects.filter(slug=demo.key).exists():
            existing += 1
            continue
        campaign = campaign_services.campaign_create(
            owner=campaigner,
            details=campaign_services.CampaignDetails(
                title=demo.title,
                summary=demo.summary,
                story=demo.story,
                target=demo.target,
                deadline=today + datetime.timedelta(days=demo.days_left),
                category=demo.category,
                beneficiary=demo.beneficiary,
                location=demo.location,
                region_code=_region_of(demo.location),
                cover=demo_cover(demo),
            ),
            slug=demo.key,
        )
        campaign_services.campaign_submit(campaign=campaign, actor=campaigner)
        campaign = campaign_services.campaign_publish(
            campaign=campaign, actor=staff, reason="Data demo"
        )
        if demo.featured:
            campaign_services.campaign_feature(
                campaign=campaign, actor=staff, featured=True, reason="Data demo"
            )
        for gift in demo.donations:
            donation = donation_services.donation_create(
                campaign=campaign,
                amount=gift.amount,
                name=gift.name,
                is_anonymous=gift.anonymous,
                message=gift.message,
            )
            donation_event_apply(
                donation=donation,
                event=DonationEvent.PAID,
                report=donation_services.GatewayReport(
                    event=DonationEvent.PAID, transaction_status="settlement", payment_type="qris"
                ),
            )
            settled += 1
        created += 1
    needs = demo_inkind_seed(
        campaigner=campaigner,
        staff=staff,
        resident=_user(
            RESIDENT_EMAIL, CAMPAIGNER_PASSWORD, staff=False, display_name="Pak RT Demo"
        ),
        helper=_user(HELPER_EMAIL, CAMPAIGNER_PASSWORD, staff=False, display_name="Relawan Demo"),
    )
    info = demo_info_seed(author=campaigner, verifier=staff)
    return SeedResult(
        campaigns_created=created,
        campaigns_existing=existing,
        donations_settled=settled,
        needs_created=needs,
        info_created=info,
    )


def demo_totp_code(*, at: float | None = None) -> str:
    """The demo staff account's current 6-digit code (RFC 6238, allauth's own HOTP)."""
    step = int((time.time() if at is None else at) // 30)
    return format_hotp_value(hotp_value(STAFF_TOTP_SECRET, step))
