"""Demo data through the real services: campaigns are created, submitted and published, and
donations are settled by the same code that applies gateway notifications."""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from gotong.accounts.models import User
from gotong.campaigns import services as campaign_services
from gotong.campaigns.models import Campaign
from gotong.demo.data import CAMPAIGNS, DemoCampaign
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

COLOURS = {
    "medis": ((214, 64, 69), (250, 200, 180)),
    "bencana-alam": ((40, 90, 160), (160, 200, 230)),
    "pendidikan": ((240, 160, 40), (255, 230, 160)),
    "rumah-ibadah": ((20, 120, 100), (170, 225, 200)),
    "kemanusiaan": ((150, 60, 140), (230, 190, 225)),
    "pekerja-informal": ((200, 100, 30), (250, 215, 170)),
    "lingkungan": ((40, 130, 60), (190, 230, 170)),
    "lainnya": ((90, 90, 110), (210, 210, 225)),
}


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


def _cover(demo: DemoCampaign) -> SimpleUploadedFile:
    """A simple generated picture, so the demo needs no stock photos."""
    rng = random.Random(demo.key)  # noqa: S311 (decoration, not security)
    dark, light = COLOURS.get(demo.category, COLOURS["lainnya"])
    image = Image.new("RGB", (960, 540), light)
    draw = ImageDraw.Draw(image)
    for y in range(540):
        t = y / 539
        draw.line(
            [(0, y), (960, y)], fill=tuple(int(light[i] * (1 - t) + dark[i] * t) for i in range(3))
        )
    for _ in range(9):
        r = rng.randint(30, 140)
        x, y = rng.randint(0, 960), rng.randint(0, 540)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=rng.randint(2, 6))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return SimpleUploadedFile("cover.jpg", out.getvalue(), content_type="image/jpeg")


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
                cover=_cover(demo),
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
