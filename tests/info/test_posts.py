from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gotong.audit.models import AuditEntry
from gotong.info.models import InfoPost, InfoRevision, InfoStatusChange, SourceKind
from gotong.info.services import (
    info_mark_false,
    info_post_edit,
    info_renew,
    info_verify,
    infos_expire,
)
from gotong.info.sources import SourceInput
from gotong.info.transitions import TRANSITIONS, InfoEvent, InfoStatus
from tests.factories import UserFactory
from tests.info.conftest import post, seen

pytestmark = pytest.mark.usefixtures("makassar")
JS = "javascript:alert(1)"


def history(p: InfoPost) -> list[tuple[str, str, str]]:
    return list(
        InfoStatusChange.objects.filter(post=p, outcome="applied").values_list(
            "event", "from_status", "to_status"
        )
    )


def test_a_post_is_published_unverified_as_revision_one_with_its_source():
    p = post()
    assert p.status == InfoStatus.UNVERIFIED
    assert p.revisions.get().number == 1
    assert p.sources.get().kind == SourceKind.SEEN
    assert history(p) == [("publish", "", "belum_diverifikasi")]
    assert p.expires_at - p.checked_at == datetime.timedelta(days=7)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sources": []}, "sources"),
        (
            {"sources": [SourceInput(kind="url", seen_on=datetime.date(2026, 1, 1), url=JS)]},
            "sources",
        ),
        (
            {
                "sources": [
                    SourceInput(kind="url", seen_on=datetime.date(2026, 1, 1), url="ftp://x")
                ]
            },
            "sources",
        ),
        ({"sources": [SourceInput(kind="file", seen_on=datetime.date(2026, 1, 1))]}, "sources"),
        ({"sources": [SourceInput(kind="seen", seen_on=datetime.date(2099, 1, 1))]}, "sources"),
        ({"title": ""}, "title"),
        ({"what": "x" * 3001}, "what"),
        ({"region_code": "99"}, "region"),
        ({"kind": "gosip"}, "kind"),
        ({"ttl_days": 400}, "ttl_days"),
    ],
)
def test_no_source_no_publication_and_bad_input_creates_nothing(kwargs, field):
    with pytest.raises(ValidationError) as raised:
        post(**kwargs)
    assert field in raised.value.message_dict
    assert InfoPost.objects.count() == 0


def test_hostile_text_is_stored_as_text():
    p = post(title="<script>alert(1)</script>", what="<img src=x onerror=alert(1)>\x00")
    assert p.title == "<script>alert(1)</script>"
    assert "\x00" not in p.what


def test_only_a_verifier_who_is_not_the_author_verifies_with_note_and_evidence(verifier):
    p = post()
    with pytest.raises(PermissionDenied):
        info_verify(post=p, actor=UserFactory(), note="ok", evidence="foto")
    with pytest.raises(ValidationError):
        info_verify(post=p, actor=verifier, note="", evidence="foto")
    with pytest.raises(ValidationError):
        info_verify(post=p, actor=verifier, note="Ditelepon", evidence=" ")
    own = post(author=verifier)
    with pytest.raises(PermissionDenied):
        info_verify(post=own, actor=verifier, note="x", evidence="y")
    moved = info_verify(post=p, actor=verifier, note="Ditelepon ketua RW", evidence="https://x.id")
    assert moved.status == InfoStatus.VERIFIED
    change = InfoStatusChange.objects.get(post=p, event="verify")
    assert (change.role, change.actor, change.evidence) == ("verifikator", verifier, "https://x.id")
    assert AuditEntry.objects.filter(action="info.verify", actor=verifier).exists()


def test_an_edit_is_a_revision_and_a_change_of_time_sends_a_verified_post_back(verifier):
    p = post()
    info_verify(post=p, actor=verifier, note="Dicek", evidence="foto posko")
    info_post_edit(
        post=p,
        actor=p.author,
        title=p.title,
        what=p.what,
        when_text="Minggu 6 Desember, 09.00-12.00",
        where_text=p.where_text,
    )
    p.refresh_from_db()
    assert p.status == InfoStatus.UNVERIFIED
    assert p.revision == 2
    assert list(InfoRevision.objects.filter(post=p).values_list("when_text", flat=True)) == [
        "Sabtu 5 Desember, 09.00-12.00",
        "Minggu 6 Desember, 09.00-12.00",
    ]
    assert [e for e, *_ in history(p)] == ["publish", "verify", "correct"]
    assert InfoStatusChange.objects.get(post=p, event="correct").reason == "Diubah: kapan"
    with pytest.raises(PermissionDenied):
        info_post_edit(
            post=p, actor=UserFactory(), title="x", what="x", when_text="x", where_text="x"
        )


def test_a_title_only_edit_keeps_the_status(verifier):
    p = post()
    info_verify(post=p, actor=verifier, note="Dicek", evidence="foto")
    info_post_edit(
        post=p,
        actor=p.author,
        title="Sembako RW 04",
        what=p.what,
        when_text=p.when_text,
        where_text=p.where_text,
    )
    p.refresh_from_db()
    assert (p.status, p.revision) == (InfoStatus.VERIFIED, 2)


def test_freshness_runs_out_and_the_author_renews_it():
    p = post(ttl_days=3)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert infos_expire() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        assert infos_expire() == 1
        p.refresh_from_db()
        assert p.status == InfoStatus.EXPIRED
        assert AuditEntry.objects.get(action="info.expire").actor is None
        with pytest.raises(PermissionDenied):
            info_renew(post=p, actor=UserFactory())
        assert info_renew(post=p, actor=p.author).status == InfoStatus.UNVERIFIED
        p.refresh_from_db()
        assert p.expires_at > timezone.now() + datetime.timedelta(days=2)


def test_a_false_post_is_final_and_refused_moves_are_recorded(verifier):
    p = post()
    info_mark_false(post=p, actor=verifier, note="Posko tutup sejak 2025", evidence="foto")
    moved = info_verify(post=p, actor=verifier, note="x", evidence="y")
    assert not moved.applied
    assert InfoStatusChange.objects.filter(post=p, outcome="refused", event="verify").exists()
    assert info_renew(post=p, actor=p.author).applied is False
    with pytest.raises(ValidationError):
        info_post_edit(post=p, actor=p.author, title="x", what="x", when_text="x", where_text="x")


def test_every_status_is_reachable_and_false_is_final():
    reachable = {InfoStatus.UNVERIFIED} | set(TRANSITIONS.values())
    assert reachable == set(InfoStatus.values)
    assert not [key for key in TRANSITIONS if key[0] == InfoStatus.FALSE]
    assert {event for _s, event in TRANSITIONS} | {InfoEvent.PUBLISH} == set(InfoEvent.values)


def test_a_url_source_is_kept_with_the_date_it_was_seen():
    p = post(
        sources=[
            SourceInput(kind="url", seen_on=timezone.localdate(), url="https://dinsos.id/x"),
            seen(),
        ]
    )
    assert list(p.sources.values_list("kind", "url")) == [
        ("url", "https://dinsos.id/x"),
        ("seen", ""),
    ]
