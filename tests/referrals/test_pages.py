"""The campaign page's button and "Penggalang teratas", the link page, and the dashboard."""

from __future__ import annotations

import pytest

from gotong.campaigns.models import CampaignStatus
from gotong.referrals.models import ReferralCode
from tests.factories import CampaignFactory, UserFactory
from tests.referrals.helpers import code_of, referred

pytestmark = pytest.mark.django_db


def test_campaign_page_lists_top_fundraisers_by_public_name(client):
    campaign = CampaignFactory()
    ani = UserFactory(display_name="Ani", email="ani.rahasia@contoh.id")
    referred(campaign=campaign, referrer=ani, amount=150_000)
    referred(
        campaign=campaign, referrer=UserFactory(display_name="Budi"), amount=90_000, settled=False
    )
    html = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    assert "Penggalang teratas" in html
    section = html.split('data-testid="top-fundraisers"')[1].split("</section>")[0]
    assert "Ani" in section
    assert "Rp 150.000" in section
    assert "1 donasi" in section
    assert "Budi" not in section
    assert "ani.rahasia" not in html


def test_campaign_page_without_referred_donations_has_no_list(client):
    campaign = CampaignFactory()
    html = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    assert "Penggalang teratas" not in html
    assert "Dapatkan tautan penggalangan Anda" in html


def test_visitors_are_asked_to_sign_in_before_getting_a_link(client):
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/tautan-saya/"
    assert f'href="{url}"' in client.get(f"/kampanye/{campaign.slug}/").content.decode()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/?next=")
    assert client.post(url).status_code == 302
    assert ReferralCode.objects.count() == 0


def test_a_signed_in_person_gets_their_link(client, settings):
    settings.PUBLIC_BASE_URL = "https://gotong.example"
    person = UserFactory(display_name="Sari")
    campaign = CampaignFactory()
    client.force_login(person)
    page = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    assert f'action="/kampanye/{campaign.slug}/tautan-saya/"' in page
    before = client.get(f"/kampanye/{campaign.slug}/tautan-saya/").content.decode()
    assert "Buat tautan saya" in before
    assert ReferralCode.objects.count() == 0  # looking creates nothing

    response = client.post(f"/kampanye/{campaign.slug}/tautan-saya/", follow=True)
    code = ReferralCode.objects.get(user=person).code
    html = response.content.decode()
    link = f"https://gotong.example/kampanye/{campaign.slug}/?ref={code}"
    assert f'value="{link}"' in html
    assert "https://wa.me/?text=" in html
    assert "Nama yang tampil: Sari" in html
    assert "Belum ada donasi lewat tautan Anda." in html
    client.post(f"/kampanye/{campaign.slug}/tautan-saya/")
    assert ReferralCode.objects.count() == 1


def test_the_link_page_shows_what_the_link_raised(client):
    person = UserFactory()
    campaign = CampaignFactory()
    code_of(person)
    referred(campaign=campaign, referrer=person, amount=60_000)
    referred(campaign=campaign, referrer=person, amount=40_000)
    client.force_login(person)
    html = client.get(f"/kampanye/{campaign.slug}/tautan-saya/").content.decode()
    assert "Rp 100.000" in html
    assert "2 donasi berhasil" in html


def test_no_link_for_a_campaign_that_is_not_public(client):
    client.force_login(UserFactory())
    draft = CampaignFactory(status=CampaignStatus.DRAFT, published_at=None)
    assert client.get(f"/kampanye/{draft.slug}/tautan-saya/").status_code == 404
    assert client.post(f"/kampanye/{draft.slug}/tautan-saya/").status_code == 404
    assert client.get("/kampanye/tidak-ada/tautan-saya/").status_code == 404
    assert ReferralCode.objects.count() == 0


def test_an_ended_campaign_offers_no_new_link(client):
    campaign = CampaignFactory(status=CampaignStatus.ENDED)
    html = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    assert "Dapatkan tautan penggalangan Anda" not in html


def test_dashboard_shows_what_the_person_s_links_raised(client):
    person = UserFactory()
    first, second = CampaignFactory(title="Sumur desa"), CampaignFactory(title="Buku sekolah")
    referred(campaign=first, referrer=person, amount=20_000)
    referred(campaign=second, referrer=person, amount=50_000)
    referred(campaign=second, referrer=person, amount=10_000, settled=False)
    client.force_login(person)
    html = client.get("/dasbor/").content.decode()
    section = html.split('data-testid="referral-totals"')[1].split("</section>")[0]
    assert "Tautan Anda menghasilkan" in html
    assert section.index("Buku sekolah") < section.index("Sumur desa")
    assert "Rp 50.000" in section
    assert "Rp 20.000" in section
    assert "Rp 60.000" not in section


def test_dashboard_without_referred_donations_explains_how(client):
    client.force_login(UserFactory())
    html = client.get("/dasbor/").content.decode()
    assert "Belum ada donasi lewat tautan Anda." in html
