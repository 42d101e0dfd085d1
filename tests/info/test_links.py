""" "Info terkait": a campaign's owner and a need's poster link posts by number or address and
unlink them; the public campaign and need pages show the posts with their status, and warn
about one that turned false or expired."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from gotong.info.links import MAX_LINKS, info_link_add, post_reference
from gotong.info.models import InfoLink
from gotong.info.services import info_mark_false, infos_expire
from tests.factories import CampaignFactory, UserFactory
from tests.info.conftest import post
from tests.inkind.conftest import need_open

pytestmark = pytest.mark.usefixtures("makassar")


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def campaign(owner):
    return CampaignFactory(owner=owner)


@pytest.fixture
def need(owner, moderator):
    return need_open(moderator, owner)


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        (" #12 ", 12),
        ("https://gotong.id/info/12/", 12),
        ("https://gotong.id/en/info/12/?utm=wa#riwayat", 12),
        ("/info/12", 12),
        ("gotong.id/info/12/", 12),
        ("https://gotong.id/kampanye/12/", None),
        ("dua belas", None),
        ("", None),
        ("1" * 13, None),
    ],
)
def test_a_post_is_named_by_its_number_or_address(text, number):
    assert post_reference(text) == number


def test_the_owner_links_a_post_and_the_public_page_shows_it(client, owner, campaign):
    p = post(title="Dapur umum Masjid Nurul Iman")
    client.force_login(owner)
    response = client.post(
        f"/kampanye/{campaign.slug}/info-terkait/", {"reference": f"https://x.id/info/{p.pk}/"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/kampanye/{campaign.slug}/#info-terkait"
    link = InfoLink.objects.get()
    assert (link.post, link.campaign, link.need, link.added_by) == (p, campaign, None, owner)
    client.logout()
    html = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    section = html[html.index('data-testid="info-links"') :]
    assert "Info terkait" in section
    assert f'href="/info/{p.pk}/"' in section
    assert "belum diverifikasi" in section
    assert "Kota Makassar" in section
    assert "info-link-warn" not in section
    assert 'name="reference"' not in html  # the form is the owner's only


def test_a_campaign_without_links_shows_no_section_to_visitors_but_the_form_to_its_owner(
    client, owner, campaign
):
    assert (
        'data-testid="info-links"' not in client.get(f"/kampanye/{campaign.slug}/").content.decode()
    )
    client.force_login(owner)
    html = client.get(f"/kampanye/{campaign.slug}/").content.decode()
    assert f'action="/kampanye/{campaign.slug}/info-terkait/"' in html


def test_bad_references_get_a_message_and_change_nothing(client, owner, campaign, verifier):
    p = post()
    wrong = post(title="Posko palsu")
    info_mark_false(post=wrong, actor=verifier, note="Tidak ada", evidence="foto")
    client.force_login(owner)
    url = f"/kampanye/{campaign.slug}/info-terkait/"
    cases = {
        "kampanye saya": "Tulis nomor info atau tautannya",
        "999999": "Info #999999 tidak ditemukan.",
        str(wrong.pk): "Info yang salah atau kedaluwarsa tidak bisa ditautkan.",
        "": "Tulis nomor info atau tautannya.",
        "x" * 600: "Tulis nomor info atau tautannya.",
    }
    for reference, message in cases.items():
        response = client.post(url, {"reference": reference}, follow=True)
        assert response.status_code == 200
        assert message in messages_of(response), reference
    assert not InfoLink.objects.exists()
    client.post(url, {"reference": p.pk})
    again = client.post(url, {"reference": f"#{p.pk}"}, follow=True)
    assert "Info ini sudah ditautkan." in messages_of(again)
    assert InfoLink.objects.count() == 1


def test_at_most_ten_posts_per_campaign(owner, campaign):
    for n in range(MAX_LINKS):
        info_link_add(actor=owner, reference=str(post(title=f"Info {n}").pk), campaign=campaign)
    with pytest.raises(Exception, match=r"Paling banyak 10 info terkait\."):
        info_link_add(actor=owner, reference=str(post().pk), campaign=campaign)
    assert InfoLink.objects.count() == MAX_LINKS


def test_only_the_owner_links_and_unlinks(client, owner, campaign):
    p = post()
    url = f"/kampanye/{campaign.slug}/info-terkait/"
    assert client.post(url, {"reference": p.pk})["Location"].startswith("/akun/login/")
    client.force_login(UserFactory())
    assert client.post(url, {"reference": p.pk}).status_code == 404
    assert client.get(url).status_code in (404, 405)
    assert not InfoLink.objects.exists()
    link = info_link_add(actor=owner, reference=str(p.pk), campaign=campaign)
    assert client.post(f"/info-terkait/{link.pk}/hapus/").status_code == 404
    assert InfoLink.objects.count() == 1
    client.force_login(owner)
    response = client.post(f"/info-terkait/{link.pk}/hapus/")
    assert response["Location"] == f"/kampanye/{campaign.slug}/#info-terkait"
    assert not InfoLink.objects.exists()
    assert client.post("/info-terkait/999999/hapus/").status_code == 404


def test_the_poster_links_a_post_to_their_need(client, owner, need):
    p = post(title="Posko sembako RW 04")
    url = f"/kebutuhan/{need.pk}/info-terkait/"
    client.force_login(UserFactory())
    assert client.post(url, {"reference": p.pk}).status_code == 404
    client.force_login(owner)
    assert client.get(f"/kebutuhan/{need.pk}/").content.decode().count(f'action="{url}"') == 1
    response = client.post(url, {"reference": f"/info/{p.pk}/"})
    assert response["Location"] == f"/kebutuhan/{need.pk}/#info-terkait"
    assert InfoLink.objects.get().need == need
    client.logout()
    html = client.get(f"/kebutuhan/{need.pk}/").content.decode()
    assert f'href="/info/{p.pk}/"' in html[html.index('data-testid="info-links"') :]
    assert f'action="{url}"' not in html
    client.force_login(owner)
    link = InfoLink.objects.get()
    assert client.post(f"/info-terkait/{link.pk}/hapus/")["Location"].endswith("#info-terkait")
    assert not InfoLink.objects.exists()


def test_a_post_that_turns_false_or_expires_stays_linked_with_a_warning(
    client, owner, campaign, need, verifier
):
    wrong = post(title="Bansos lewat pesan berantai")
    old = post(title="Vaksin keliling", ttl_days=1)
    for p in (wrong, old):
        info_link_add(actor=owner, reference=str(p.pk), campaign=campaign)
        info_link_add(actor=owner, reference=str(p.pk), need=need)
    info_mark_false(post=wrong, actor=verifier, note="Hoaks", evidence="dinsos")
    infos_expire(now=old.expires_at + datetime.timedelta(minutes=1))
    for page in (f"/kampanye/{campaign.slug}/", f"/kebutuhan/{need.pk}/"):
        html = client.get(page).content.decode()
        assert html.count("info-link-warn") == 2, page
        assert "Info ini dinyatakan salah oleh verifikator." in html
        assert "Info ini sudah lewat masa berlakunya." in html
        assert "info-salah" in html
        assert "info-kedaluwarsa" in html


def test_a_link_is_from_exactly_one_campaign_or_need(owner, campaign, need):
    p = post()
    with pytest.raises(ValueError, match="one campaign or one need"):
        info_link_add(actor=owner, reference=str(p.pk), campaign=campaign, need=need)
    for subject in ({}, {"campaign": campaign, "need_id": need.pk}):
        with pytest.raises(IntegrityError), transaction.atomic():
            InfoLink.objects.create(post=p, added_by=owner, **subject)


def _page_queries(client, url: str) -> int:
    cache.clear()  # the campaign's chart is kept until its total moves: count it every time
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_links_take_one_query_on_the_campaign_and_need_pages(
    client, owner, campaign, need, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # count the page's own queries, not the cache's
    info_link_add(actor=owner, reference=str(post().pk), campaign=campaign)
    info_link_add(actor=owner, reference=str(post().pk), need=need)
    pages = (f"/kampanye/{campaign.slug}/", f"/kebutuhan/{need.pk}/")
    for page in pages:  # the campaign's chart is read once, then kept until money moves
        _page_queries(client, page)
    one = [_page_queries(client, page) for page in pages]
    for n in range(4):
        p = post(title=f"Info {n}", region_code="73.71.01")
        info_link_add(actor=owner, reference=str(p.pk), campaign=campaign)
        info_link_add(actor=owner, reference=str(p.pk), need=need)
    assert [_page_queries(client, page) for page in pages] == one
    with django_assert_max_num_queries(8):  # the need page's cap (tests/inkind/test_pages.py)
        client.get(f"/kebutuhan/{need.pk}/")
