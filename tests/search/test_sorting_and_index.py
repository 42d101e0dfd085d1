"""Sorting, the category filter, what may be found at all, and the index kept in step by the
campaign services (and rebuilt by `search_reindex`)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from gotong.accounts.models import User
from gotong.accounts.roles import Role
from gotong.campaigns import services as campaign_services
from gotong.campaigns.models import CampaignStatus
from gotong.search.selectors import Match, SearchSort, campaigns_search
from gotong.search.services import search_index_rebuild
from tests.factories import CampaignFactory, staff_with_role

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def owner():
    return User.objects.create(email="pemilik@contoh.id")  # no password: nothing to hash


@pytest.fixture
def wells(owner):
    """Four open campaigns about wells, differing in every sort key, plus one about a school.
    Made directly (a fixture, not a flow), so they are indexed by a rebuild."""
    now = timezone.now()
    rows = {
        # slug: (category, deadline, collected of 10,000,000, donors, published hours ago)
        "sumur-a": ("lingkungan", days(40), 9_000_000, 5, 1),
        "sumur-b": ("lingkungan", days(5), 1_000_000, 50, 3),
        "sumur-c": ("kemanusiaan", days(20), 7_000_000, 20, 2),
        "sumur-d": ("lingkungan", days(60), 0, 0, 4),
    }
    for slug, (category, deadline, collected, donors, hours) in rows.items():
        CampaignFactory(
            owner=owner,
            slug=slug,
            title=f"Sumur bor untuk desa {slug[-1].upper()}",
            category=category,
            deadline=deadline,
            target=10_000_000,
            collected=collected,
            donor_count=donors,
            published_at=now - datetime.timedelta(hours=hours),
        )
    CampaignFactory(owner=owner, slug="sekolah-e", title="Atap sekolah desa E")
    search_index_rebuild()


def slugs(**kwargs) -> list[str]:
    return [c.slug for c in campaigns_search(limit=50, **kwargs).campaigns]


@pytest.mark.parametrize(
    ("sort", "searched", "browsed"),
    [
        (SearchSort.MENDESAK, "bcad", "bcead"),
        (SearchSort.TERBARU, "acbd", "eacbd"),
        (SearchSort.DONATUR, "bcad", "bcaed"),
    ],
)
def test_sorts_with_and_without_a_query(wells, sort, searched, browsed):
    """With `q` only the wells; without it every open campaign (sekolah-e is the newest, has
    nothing collected and no donors; ties go to the newest)."""
    name = {x: f"sumur-{x}" for x in "abcd"} | {"e": "sekolah-e"}
    assert slugs(q="sumur", sort=sort) == [name[x] for x in searched]
    assert slugs(q="", sort=sort) == [name[x] for x in browsed]


def test_nearly_funded_lists_only_campaigns_at_70_percent_or_more_not_yet_funded(wells, owner):
    """sumur-a has 90 % and sumur-c exactly 70 %; sumur-b 10 %, sumur-d nothing. A campaign
    that reached its target is not "nearly" there."""
    for slug, collected in (("sumur-f", 1_000_000), ("sumur-g", 699_999)):
        CampaignFactory(
            owner=owner, slug=slug, title=f"Sumur {slug}", target=1_000_000, collected=collected
        )
    search_index_rebuild()
    assert slugs(q="sumur", sort=SearchSort.HAMPIR_TERCAPAI) == ["sumur-a", "sumur-c"]
    assert slugs(q="", sort=SearchSort.HAMPIR_TERCAPAI) == ["sumur-a", "sumur-c"]
    assert campaigns_search(q="", sort=SearchSort.HAMPIR_TERCAPAI).total == 2


def test_relevance_without_a_query_is_newest_first(wells):
    assert slugs(q="") == slugs(q="", sort=SearchSort.TERBARU)
    assert campaigns_search(q="").match == Match.BROWSE
    assert campaigns_search(q="").total == 5


@pytest.mark.parametrize("sort", list(SearchSort), ids=[s.value for s in SearchSort])
def test_browsing_loads_the_owners_with_the_page(wells, sort, django_assert_num_queries):
    # A count, the page, its owners: the owners are not joined (decision 32).
    with django_assert_num_queries(3):
        results = campaigns_search(q="", sort=sort)
        owners = [c.owner.display_name for c in results.campaigns]
    assert len(owners) == len(results.campaigns) > 0


def test_category_filters_search_and_browse(wells):
    assert slugs(q="sumur", category="kemanusiaan") == ["sumur-c"]
    assert set(slugs(q="", category="kemanusiaan")) == {"sumur-c", "sekolah-e"}
    assert slugs(q="sumur", category="medis") == []
    assert campaigns_search(q="sumur", category="medis").match == Match.NONE


def test_pages_and_totals(wells):
    first = campaigns_search(q="sumur desa", sort=SearchSort.MENDESAK, limit=3)
    second = campaigns_search(q="sumur desa", sort=SearchSort.MENDESAK, limit=3, offset=3)
    past = campaigns_search(q="sumur desa", sort=SearchSort.MENDESAK, limit=3, offset=30)
    assert (first.total, second.total, past.total) == (4, 4, 4)
    assert [c.slug for c in [*first.campaigns, *second.campaigns]] == [
        "sumur-b", "sumur-c", "sumur-a", "sumur-d",
    ]  # fmt: skip
    assert past.campaigns == []


def test_a_query_matching_some_words_falls_back_to_any(wells):
    results = campaigns_search(q="sumur sekolah")
    assert results.match == Match.ANY
    assert {c.slug for c in results.campaigns} == {f"sumur-{x}" for x in "abcd"} | {"sekolah-e"}


@pytest.mark.parametrize(
    "changes",
    [
        {"status": CampaignStatus.DRAFT, "published_at": None},
        {"status": CampaignStatus.IN_REVIEW, "published_at": None},
        {"status": CampaignStatus.ENDED},
        {"status": CampaignStatus.SUSPENDED},
        {"status": CampaignStatus.CLOSED},
        {"deadline": days(-1)},
    ],
    ids=["draft", "in_review", "ended", "suspended", "closed", "deadline-passed"],
)
def test_only_open_published_campaigns_are_found(owner, changes):
    CampaignFactory(owner=owner, slug="terlihat", title="Perahu untuk nelayan Tegal")
    CampaignFactory(owner=owner, slug="tersembunyi", title="Perahu untuk nelayan Tuban", **changes)
    search_index_rebuild()
    assert slugs(q="perahu nelayan") == ["terlihat"]
    assert slugs(q="tuban") == []
    assert "tersembunyi" not in slugs(q="")


def test_the_services_keep_the_index_in_step(owner):
    """Created, edited as a draft, submitted, published: found by its latest words only once
    published, with no rebuild."""
    moderator = staff_with_role(Role.MODERATOR)
    details = campaign_services.CampaignDetails(
        title="Perahu untuk nelayan Tegal",
        story="Nelayan Tegal kehilangan perahu dalam badai. " * 3,
        target=20_000_000,
        deadline=days(30),
        category="kemanusiaan",
        beneficiary="Kelompok nelayan",
        location="Tegal, Jawa Tengah",
    )
    campaign = campaign_services.campaign_create(owner=owner, details=details)
    assert slugs(q="perahu") == []  # a draft
    edited = campaign_services.CampaignDetails(
        **{**details.__dict__, "title": "Jaring dan perahu baru untuk nelayan Tegal"}
    )
    campaign_services.campaign_update(campaign=campaign, actor=owner, details=edited)
    campaign_services.campaign_submit(campaign=campaign, actor=owner)
    assert slugs(q="jaring") == []  # in review
    campaign_services.campaign_publish(campaign=campaign, actor=moderator)
    assert slugs(q="jaring") == [campaign.slug]
    assert slugs(q="menjaring") == [campaign.slug]  # stemmed on SQLite, indonesian on PG
    assert slugs(q="tegal jawa tengah") == [campaign.slug]  # the location is searched
    campaign.refresh_from_db()
    assert campaign.location == "Tegal, Jawa Tengah"


def test_an_update_without_a_location_keeps_it(owner):
    details = campaign_services.CampaignDetails(
        title="Perahu untuk nelayan Tegal",
        story="Nelayan Tegal kehilangan perahu dalam badai. " * 3,
        target=20_000_000,
        deadline=days(30),
        category="kemanusiaan",
        beneficiary="Kelompok nelayan",
        location="Tegal, Jawa Tengah",
    )
    campaign = campaign_services.campaign_create(owner=owner, details=details)
    unchanged = campaign_services.CampaignDetails(**{**details.__dict__, "location": None})
    campaign_services.campaign_update(campaign=campaign, actor=owner, details=unchanged)
    campaign.refresh_from_db()
    assert campaign.location == "Tegal, Jawa Tengah"


def test_search_reindex_builds_the_index_from_scratch(owner, capsys):
    CampaignFactory(owner=owner, slug="perahu", title="Perahu untuk nelayan Tegal")
    assert slugs(q="perahu") == []  # made without the services: not indexed yet
    call_command("search_reindex")
    assert "campaigns indexed: 1" in capsys.readouterr().out
    assert slugs(q="perahu") == ["perahu"]
    call_command("search_reindex")  # again: no duplicates
    assert campaigns_search(q="perahu").total == 1
