from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gotong.audit.models import AuditEntry
from gotong.inkind.catalogue import MAX_QUANTITY, Item
from gotong.inkind.models import AidEvent, Need, NeedLine
from gotong.inkind.needs import (
    LineInput,
    need_approve,
    need_close,
    need_merge,
    need_reject,
    need_submit,
    needs_expire,
)
from gotong.inkind.transitions import NEED_TRANSITIONS, NeedEvent, NeedStatus
from tests.factories import UserFactory
from tests.inkind.conftest import DESA, need_draft, need_open

pytestmark = pytest.mark.usefixtures("tallo")


def test_a_draft_stores_its_lines_with_catalogue_units_and_the_phone_as_digits():
    need = need_draft()
    assert need.status == NeedStatus.DRAFT
    assert need.region_id == DESA
    assert need.contact_whatsapp == "6281234567001"
    lines = list(need.lines.values_list("item", "quantity", "unit", "pledged", "delivered"))
    assert lines == [("masker", 200, "lembar", 0, 0), ("paket_sembako", 50, "paket", 0, 0)]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"lines": [LineInput(item=Item.MASKER, quantity=0)]}, "lines"),
        ({"lines": [LineInput(item=Item.MASKER, quantity=-5)]}, "lines"),
        ({"lines": [LineInput(item=Item.MASKER, quantity=10**12)]}, "lines"),
        ({"lines": [LineInput(item=Item.MASKER, quantity=MAX_QUANTITY + 1)]}, "lines"),
        ({"lines": [LineInput(item="senjata", quantity=1)]}, "lines"),
        ({"lines": [LineInput(item=Item.LAINNYA, quantity=3)]}, "lines"),
        ({"region": "99.99.99.9999"}, "region"),
        ({"region": "73.71.07"}, "region"),  # a kecamatan, not a desa
        ({"needed_by": datetime.date(2020, 1, 1)}, "needed_by"),
        ({"contact_whatsapp": "12345"}, "contact_whatsapp"),
        ({"people_served": 0}, "people_served"),
        ({"place_detail": "  "}, "place_detail"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_creates_nothing(kwargs, field):
    with pytest.raises(ValidationError) as raised:
        need_draft(**kwargs)
    assert field in raised.value.message_dict
    assert all(raised.value.message_dict[field])
    assert Need.objects.count() == 0
    assert NeedLine.objects.count() == 0


def test_lainnya_takes_the_posters_words_and_unit():
    need = need_draft(
        lines=[LineInput(item=Item.LAINNYA, quantity=3, item_other="Tenda", unit="unit")]
    )
    line = need.lines.get()
    assert (line.label, line.unit) == ("Tenda", "unit")


def test_a_first_need_goes_to_review_and_opens_when_a_moderator_approves(moderator):
    need = need_draft()
    assert need_submit(need=need, actor=need.poster).status == NeedStatus.IN_REVIEW
    moved = need_approve(need=need, actor=moderator, reason="Dicek lewat telepon")
    assert moved.applied
    assert moved.status == NeedStatus.OPEN
    need.refresh_from_db()
    assert need.opened_at is not None
    audit = AuditEntry.objects.get(action="need.approve")
    assert (audit.actor, audit.target_id) == (moderator, str(need.pk))


def test_after_an_approved_need_the_next_one_opens_without_review(moderator):
    first = need_open(moderator)
    second = need_draft(first.poster, lines=[LineInput(item=Item.BERAS, quantity=100)])
    assert need_submit(need=second, actor=first.poster).status == NeedStatus.OPEN


def test_the_same_items_in_the_same_desa_within_14_days_are_flagged_and_reviewed(moderator):
    first = need_open(moderator)
    again = need_draft(first.poster)
    assert again.possible_duplicate_of == first
    assert need_submit(need=again, actor=first.poster).status == NeedStatus.IN_REVIEW
    other_items = need_draft(lines=[LineInput(item=Item.BERAS, quantity=5)])
    assert other_items.possible_duplicate_of is None


def test_a_moderator_merges_a_duplicate_into_the_original(moderator):
    first = need_open(moderator)
    again = need_draft(first.poster)
    need_submit(need=again, actor=first.poster)
    moved = need_merge(need=again, into=first, actor=moderator, reason="sama")
    again.refresh_from_db()
    assert moved.applied
    assert again.status == NeedStatus.CLOSED
    assert again.merged_into == first
    assert AuditEntry.objects.filter(action="need.merge", target_id=str(again.pk)).exists()


def test_review_is_for_moderators_who_did_not_post_it(moderator):
    need = need_draft(moderator)
    need_submit(need=need, actor=moderator)
    with pytest.raises(PermissionDenied):
        need_approve(need=need, actor=moderator)
    with pytest.raises(PermissionDenied):
        need_approve(need=need, actor=UserFactory())
    with pytest.raises(PermissionDenied):
        need_submit(need=need, actor=UserFactory())


def test_a_rejection_needs_a_reason_and_returns_the_need_to_draft(moderator):
    need = need_draft()
    need_submit(need=need, actor=need.poster)
    with pytest.raises(ValidationError):
        need_reject(need=need, actor=moderator, reason=" ")
    moved = need_reject(need=need, actor=moderator, reason="Foto tidak jelas")
    need.refresh_from_db()
    assert moved.status == NeedStatus.DRAFT
    assert need.review_note == "Foto tidak jelas"


def test_a_move_the_table_refuses_is_recorded_not_raised(moderator):
    need = need_open(moderator)
    moved = need_approve(need=need, actor=moderator)
    assert not moved.applied
    assert "refused" in moved.reason
    refused = AidEvent.objects.get(outcome="refused")
    assert (refused.event, refused.from_status, refused.to_status) == ("approve", "open", "open")
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_open_needs_past_their_date_expire_with_an_audit_row_and_no_actor(moderator):
    need = need_open(moderator)
    later = need.needed_by + datetime.timedelta(days=1)
    assert needs_expire(today=need.needed_by) == 0
    assert needs_expire(today=later) == 1
    need.refresh_from_db()
    assert need.status == NeedStatus.EXPIRED
    audit = AuditEntry.objects.get(action="need.expire")
    assert audit.actor is None
    assert needs_expire(today=later) == 0


def test_the_poster_or_a_moderator_closes_a_need(moderator):
    need = need_open(moderator)
    with pytest.raises(PermissionDenied):
        need_close(need=need, actor=UserFactory())
    assert need_close(need=need, actor=need.poster).status == NeedStatus.CLOSED
    assert not AuditEntry.objects.filter(action="need.close").exists()
    other = need_open(moderator, lines=[LineInput(item=Item.APD, quantity=4)])
    need_close(need=other, actor=moderator, reason="palsu")
    assert AuditEntry.objects.filter(action="need.close", actor=moderator).exists()


def test_every_status_is_reachable_and_closed_and_expired_are_final():
    reachable = {NeedStatus.DRAFT} | set(NEED_TRANSITIONS.values())
    assert reachable == set(NeedStatus.values)
    for final in (NeedStatus.CLOSED, NeedStatus.EXPIRED):
        assert not [key for key in NEED_TRANSITIONS if key[0] == final]
    assert {event for _s, event in NEED_TRANSITIONS} == set(NeedEvent.values)


def test_needed_by_today_is_allowed():
    assert need_draft(needed_by=timezone.localdate()).pk
