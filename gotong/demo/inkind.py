"""Demo in-kind aid through the real services: needs in six provinces (one linked to the Tallo
campaign), two offers, pledges accepted, delivered and confirmed with the handover code."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.inkind import needs as need_services
from gotong.inkind import pledges as pledge_services
from gotong.inkind.catalogue import Item
from gotong.inkind.models import Need, Offer, Urgency
from gotong.inkind.offers import offer_create
from gotong.inkind.transitions import NeedStatus
from gotong.regions.models import Region
from gotong.regions.services import regions_load

RESIDENT_EMAIL = "warga@gotong.local"
HELPER_EMAIL = "relawan@gotong.local"


@dataclass(frozen=True)
class DemoPledge:
    item: str
    quantity: int
    confirmed: bool = False  # accepted, delivered and confirmed; else only proposed


@dataclass(frozen=True)
class DemoNeed:
    title: str
    desa: str
    place: str
    lines: tuple[tuple[str, int], ...]
    people: int
    story: str
    urgency: str = Urgency.NORMAL
    campaign: str = ""  # slug of the demo campaign it is linked to (the campaigner posts it)
    pledges: tuple[DemoPledge, ...] = field(default_factory=tuple)


NEEDS = (
    DemoNeed(
        "Masker dan sembako untuk warga isolasi RW 04",
        "73.71.07.1001",
        "RT 02 / RW 04, belakang masjid",
        ((Item.MASKER, 200), (Item.SEMBAKO, 50)),
        140,
        "Tiga puluh keluarga di RW 04 menjalani isolasi mandiri. Mereka butuh masker untuk "
        "anggota keluarga yang sehat dan paket sembako selama dua minggu.",
        Urgency.URGENT,
        campaign="sehat-bersama-rw04-tallo",
        pledges=(DemoPledge(Item.MASKER, 100, confirmed=True), DemoPledge(Item.SEMBAKO, 20)),
    ),
    DemoNeed(
        "Sembako untuk pengemudi ojek dan pedagang angkringan",
        "34.71.01.1001",
        "Pos ronda RT 05, Kricak",
        ((Item.SEMBAKO, 80), (Item.PEKERJA_INFORMAL, 40)),
        80,
        "Pendapatan pengemudi ojek dan pedagang angkringan di Kricak turun drastis.",
        pledges=(DemoPledge(Item.SEMBAKO, 30, confirmed=True),),
    ),
    DemoNeed(
        "Penyemprotan disinfektan balai warga dan musala",
        "32.01.01.1001",
        "Balai warga RW 03",
        ((Item.DISINFECTION, 4), (Item.HAND_SANITIZER, 20)),
        300,
        "Balai warga dipakai untuk posyandu; musala dipakai setiap hari.",
    ),
    DemoNeed(
        "APD untuk kader posyandu",
        "35.78.01.1001",
        "Posyandu Melati, RW 02",
        ((Item.APD, 30), (Item.HAND_SANITIZER, 100)),
        30,
        "Kader posyandu tetap melayani ibu dan balita dan butuh APD.",
        Urgency.EMERGENCY,
        pledges=(DemoPledge(Item.APD, 30, confirmed=True),),
    ),
    DemoNeed(
        "Air bersih untuk kampung nelayan",
        "31.72.01.1001",
        "Gang Nelayan, RT 08",
        ((Item.AIR_BERSIH, 2000),),
        200,
        "Air PAM mati sejak seminggu. Warga membeli air jeriken dengan harga mahal.",
        Urgency.URGENT,
    ),
    DemoNeed(
        "Relawan pengantar makanan untuk lansia",
        "51.71.01.1001",
        "Banjar Dukuh",
        ((Item.RELAWAN, 40),),
        25,
        "Lansia yang tinggal sendiri butuh diantarkan makanan setiap hari selama isolasi.",
    ),
)


def demo_inkind_seed(*, campaigner: User, staff: User, resident: User, helper: User) -> int:
    """Needs, offers, pledges and deliveries, once (a need already there by title is left);
    returns how many needs were created. The campaigner posts the need linked to their
    campaign, `resident` the others, `helper` pledges."""
    today = timezone.localdate()
    created = 0
    for demo in NEEDS:
        if Need.objects.filter(title=demo.title).exists():
            continue
        if not Region.objects.filter(code=demo.desa).exists():
            regions_load(within=demo.desa)
        poster = campaigner if demo.campaign else resident
        need = need_services.need_create(
            poster=poster,
            region_code=demo.desa,
            place_detail=demo.place,
            contact_whatsapp="0812 0000 1111" if poster == resident else "0812 0000 2222",
            title=demo.title,
            story=demo.story,
            people_served=demo.people,
            needed_by=today + datetime.timedelta(days=10),
            urgency=demo.urgency,
            lines=[need_services.LineInput(item=item, quantity=q) for item, q in demo.lines],
        )
        if need_services.need_submit(need=need, actor=poster).status == NeedStatus.IN_REVIEW:
            need_services.need_approve(need=need, actor=staff, reason="Data demo")
        if demo.campaign:
            campaign = Campaign.objects.filter(slug=demo.campaign).first()
            if campaign is not None:
                need_services.need_campaign_link(need=need, campaign=campaign, actor=poster)
        for promised in demo.pledges:
            _pledge(need, helper, promised, today)
        created += 1
    _offers(helper)
    return created


def _pledge(need: Need, helper: User, promised: DemoPledge, today: datetime.date) -> None:
    pledge = pledge_services.pledge_create(
        actor=helper,
        line=need.lines.get(item=promised.item),
        quantity=promised.quantity,
        deliver_by=today + datetime.timedelta(days=3),
        whatsapp="0813 0000 3333",
        note="Saya antar sore hari.",
    )
    if promised.confirmed:
        pledge_services.pledge_accept(pledge=pledge, actor=need.poster)
        pledge.refresh_from_db()
        pledge_services.pledge_confirm(
            pledge=pledge, actor=need.poster, code=pledge_services.handover_code(pledge)
        )


OFFERS = (
    ("Dapur umum Tallo: 50 porsi makan siang setiap hari", "73.71", Item.LAINNYA, 50),
    ("Masker kain dari konveksi warga", "35", Item.MASKER, 1000),
)


def _offers(owner: User) -> None:
    for title, region, item, quantity in OFFERS:
        if Offer.objects.filter(title=title).exists() or not Region.objects.filter(code=region):
            continue
        standing = item == Item.LAINNYA
        offer_create(
            owner=owner,
            title=title,
            region_codes=[region],
            lines=[
                need_services.LineInput(
                    item=item,
                    quantity=quantity,
                    item_other="Nasi bungkus" if standing else "",
                    unit="porsi" if standing else "",
                )
            ],
            contact_whatsapp="0813 0000 3333",
            standing=standing,
            available_until=None
            if standing
            else timezone.localdate() + datetime.timedelta(days=30),
        )
