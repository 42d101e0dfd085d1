from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gotong.info.models import InfoVote
from gotong.info.transitions import InfoStatus
from gotong.info.votes import info_vote
from tests.factories import UserFactory
from tests.info.conftest import OTHER_KECAMATAN, TALLO, old_user, post

pytestmark = pytest.mark.usefixtures("makassar")


def vote(p, who, *, true=True, kecamatan=TALLO, org=None):
    return info_vote(
        post=p,
        voter=who,
        still_true=true,
        group_kind="organisasi" if org else "kecamatan",
        group_key=org or kecamatan,
    )


def status(p) -> str:
    p.refresh_from_db()
    return p.status


def test_three_from_one_kecamatan_do_not_confirm_but_a_second_group_does():
    p = post()
    for _ in range(3):
        vote(p, old_user())
    assert status(p) == InfoStatus.UNVERIFIED
    vote(p, old_user(), kecamatan=OTHER_KECAMATAN)
    assert status(p) == InfoStatus.COMMUNITY


def test_an_organisation_is_a_group_too():
    p = post()
    vote(p, old_user())
    vote(p, old_user())
    vote(p, old_user(), org="  Karang Taruna  RW 04 ")
    assert status(p) == InfoStatus.COMMUNITY
    assert InfoVote.objects.filter(group_key="karang taruna rw 04").exists()


def test_a_two_day_old_account_is_heard_but_not_counted():
    p = post()
    vote(p, old_user())
    vote(p, old_user())
    vote(p, UserFactory(), kecamatan=OTHER_KECAMATAN)  # joined just now
    assert status(p) == InfoStatus.UNVERIFIED
    assert InfoVote.objects.filter(counts=False).count() == 1


def test_the_same_person_twice_counts_once_and_may_change_their_mind():
    p = post()
    same = old_user()
    vote(p, same)
    vote(p, same, kecamatan=OTHER_KECAMATAN)
    vote(p, old_user())
    assert InfoVote.objects.filter(post=p).count() == 2
    assert status(p) == InfoStatus.UNVERIFIED


def test_denials_from_two_groups_dispute_a_post():
    p = post()
    vote(p, old_user(), true=False)
    vote(p, old_user(), true=False)
    assert status(p) == InfoStatus.UNVERIFIED
    vote(p, old_user(), true=False, org="Posko Peduli")
    assert status(p) == InfoStatus.DISPUTED


@pytest.mark.parametrize(
    ("kind", "key"),
    [("kecamatan", "73.71"), ("kecamatan", "99.99.99"), ("organisasi", "x"), ("geng", "a")],
)
def test_a_vote_needs_a_real_group(kind, key):
    p = post()
    with pytest.raises(ValidationError):
        info_vote(post=p, voter=old_user(), still_true=True, group_kind=kind, group_key=key)
    assert InfoVote.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_votes_of_one_person_count_once():
    from gotong.regions.services import regions_load

    regions_load(within="73.71.07")
    p = post()
    same = old_user()
    start = threading.Barrier(16)

    def attempt(_n: int) -> None:
        try:
            start.wait()
            vote(p, same)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(attempt, range(16)))
    assert InfoVote.objects.filter(post=p, voter=same).count() == 1
    assert status(p) == InfoStatus.UNVERIFIED


def test_the_author_does_not_confirm_their_own_post():
    p = post()
    with pytest.raises(ValidationError):
        vote(p, p.author)
    assert InfoVote.objects.count() == 0
