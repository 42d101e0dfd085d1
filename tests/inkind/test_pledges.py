from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gotong.audit.models import AuditEntry
from gotong.inkind.catalogue import Item
from gotong.inkind.models import Need, NeedLine, Offer, Pledge
from gotong.inkind.needs import LineInput, need_close
from gotong.inkind.pledges import (
    MAX_CODE_ATTEMPTS,
    handover_code,
    pledge_accept,
    pledge_confirm,
    pledge_contact_reveal,
    pledge_create,
    pledge_decline,
    pledge_deliver,
    pledge_dispute,
    pledge_resolve,
    pledges_lapse,
)
from gotong.inkind.transitions import NeedStatus, PledgeStatus
from tests.factories import UserFactory
from tests.inkind.conftest import HELPER_PHONE, need_open, photo

pytestmark = pytest.mark.usefixtures("tallo")


def soon(days: int = 3) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def pledge(line, helper=None, quantity=100, **kwargs):
    return pledge_create(
        actor=helper or UserFactory(),
        line=line,
        quantity=quantity,
        deliver_by=kwargs.pop("deliver_by", soon()),
        whatsapp=HELPER_PHONE,
        **kwargs,
    )


def counts(line) -> tuple[int, int, int]:
    line = NeedLine.objects.get(pk=line.pk)
    return line.quantity, line.pledged, line.delivered


@pytest.fixture
def need(moderator):
    return need_open(moderator)


@pytest.fixture
def masker(need):
    return need.lines.get(item=Item.MASKER)


def test_a_pledge_holds_its_quantity_and_a_confirmed_delivery_counts(need, masker):
    promised = pledge(masker)
    assert counts(masker) == (200, 100, 0)
    assert pledge_accept(pledge=promised, actor=need.poster).status == PledgeStatus.ACCEPTED
    promised.refresh_from_db()
    pledge_deliver(pledge=promised, actor=promised.helper, photo=photo())
    promised.refresh_from_db()
    assert promised.status == PledgeStatus.DELIVERED
    assert promised.delivery_photo
    assert counts(masker) == (200, 100, 0)  # delivered is only what the recipient confirms
    moved = pledge_confirm(pledge=promised, actor=need.poster, code=handover_code(promised))
    assert moved.status == PledgeStatus.CONFIRMED
    assert counts(masker) == (200, 100, 100)
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN  # 100 of 200 masker, no sembako yet


def test_the_code_given_at_handover_confirms_and_fulfils_the_need(moderator):
    need = need_open(moderator, lines=[LineInput(item=Item.BERAS, quantity=30)])
    line = need.lines.get()
    promised = pledge(line, quantity=30)
    pledge_accept(pledge=promised, actor=need.poster)
    promised.refresh_from_db()
    code = handover_code(promised)
    with pytest.raises(PermissionDenied):  # only the recipient confirms what they received
        pledge_confirm(pledge=promised, actor=promised.helper, code=code)
    moved = pledge_confirm(pledge=promised, actor=need.poster, code=code)
    assert moved.status == PledgeStatus.CONFIRMED
    need.refresh_from_db()
    assert need.status == NeedStatus.FULFILLED


def test_nobody_pledges_more_than_the_unpledged_rest(need, masker):
    pledge(masker, quantity=150)
    with pytest.raises(ValidationError) as raised:
        pledge(masker, quantity=51)
    assert "tinggal 50" in str(raised.value)
    pledge(masker, quantity=50)
    assert counts(masker) == (200, 200, 0)
    assert Pledge.objects.count() == 2


@pytest.mark.parametrize("quantity", [0, -1, 10**12])
def test_bad_quantities_are_refused(masker, quantity):
    with pytest.raises(ValidationError):
        pledge(masker, quantity=quantity)
    assert counts(masker) == (200, 0, 0)


def test_bad_dates_and_own_needs_and_closed_needs_are_refused(need, masker):
    with pytest.raises(ValidationError):
        pledge(masker, deliver_by=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        pledge(masker, deliver_by=soon(365))
    with pytest.raises(ValidationError):
        pledge(masker, helper=need.poster)
    need_close(need=need, actor=need.poster)
    with pytest.raises(ValidationError):
        pledge(masker)
    assert Pledge.objects.count() == 0


def test_a_declined_pledge_frees_its_quantity_and_only_the_other_side_answers(need, masker):
    promised = pledge(masker)
    with pytest.raises(PermissionDenied):
        pledge_accept(pledge=promised, actor=promised.helper)
    with pytest.raises(PermissionDenied):
        pledge_accept(pledge=promised, actor=UserFactory())
    pledge_decline(pledge=promised, actor=need.poster)
    assert counts(masker) == (200, 0, 0)


def test_contacts_are_revealed_only_to_the_two_people_once_matched_and_audited(need, masker):
    promised = pledge(masker)
    assert pledge_contact_reveal(pledge=promised, viewer=promised.helper) is None
    pledge_accept(pledge=promised, actor=need.poster)
    promised.refresh_from_db()
    assert pledge_contact_reveal(pledge=promised, viewer=UserFactory()) is None
    to_helper = pledge_contact_reveal(pledge=promised, viewer=promised.helper)
    assert to_helper.wa_link == "https://wa.me/6281234567001"
    assert to_helper.place_detail == "RT 02 / RW 04, dekat masjid"
    to_poster = pledge_contact_reveal(pledge=promised, viewer=need.poster)
    assert to_poster.whatsapp == "6281398765002"
    assert to_poster.place_detail == ""
    reveals = AuditEntry.objects.filter(action="contact.reveal", target_id=str(promised.pk))
    assert sorted(reveals.values_list("actor", flat=True)) == sorted(
        [promised.helper.pk, need.poster.pk]
    )


def test_wrong_codes_are_counted_and_stop_after_five(need, masker):
    promised = pledge(masker)
    pledge_accept(pledge=promised, actor=need.poster)
    promised.refresh_from_db()
    right = handover_code(promised)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(MAX_CODE_ATTEMPTS):
        with pytest.raises(ValidationError):
            pledge_confirm(pledge=promised, actor=need.poster, code=wrong)
    with pytest.raises(ValidationError):
        pledge_confirm(pledge=promised, actor=need.poster, code=right)
    assert counts(masker) == (200, 100, 0)
    assert Pledge.objects.get(pk=promised.pk).code_attempts == MAX_CODE_ATTEMPTS


def test_a_dispute_is_decided_by_a_moderator_who_is_neither_side(need, masker, moderator):
    kept, dropped = pledge(masker, quantity=60), pledge(masker, quantity=40)
    for p in (kept, dropped):
        pledge_accept(pledge=p, actor=need.poster)
        pledge_dispute(pledge=p, actor=need.poster, reason="Belum sampai")
    with pytest.raises(PermissionDenied):
        pledge_resolve(pledge=kept, actor=kept.helper, delivered=True, reason="x")
    pledge_resolve(pledge=kept, actor=moderator, delivered=True, reason="Foto cocok")
    pledge_resolve(pledge=dropped, actor=moderator, delivered=False, reason="Tidak datang")
    assert counts(masker) == (200, 60, 60)
    assert AuditEntry.objects.filter(action="pledge.resolve").count() == 2


def test_undelivered_pledges_lapse_a_day_after_their_date(need, masker):
    promised = pledge(masker, deliver_by=soon(2))
    assert pledges_lapse(today=soon(3)) == 0
    assert pledges_lapse(today=soon(4)) == 1
    assert Pledge.objects.get(pk=promised.pk).status == PledgeStatus.LAPSED
    assert counts(masker) == (200, 0, 0)
    assert AuditEntry.objects.get(action="pledge.lapse").actor is None


def test_a_poster_asks_an_open_offer_and_its_owner_accepts(need, masker):
    owner = UserFactory()
    offer = Offer.objects.create(owner=owner, title="Dapur umum", contact_whatsapp="6281100002222")
    asked = pledge_create(
        actor=need.poster, line=masker, quantity=20, deliver_by=soon(), offer=offer
    )
    assert (asked.helper, asked.proposed_by, asked.helper_whatsapp) == (
        owner,
        "recipient",
        "6281100002222",
    )
    with pytest.raises(PermissionDenied):
        pledge_accept(pledge=asked, actor=need.poster)
    assert pledge_accept(pledge=asked, actor=owner).status == PledgeStatus.ACCEPTED


def test_a_photo_that_is_not_an_image_is_refused(need, masker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    promised = pledge(masker)
    pledge_accept(pledge=promised, actor=need.poster)
    with pytest.raises(ValidationError) as raised:
        pledge_deliver(
            pledge=promised,
            actor=promised.helper,
            photo=SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg"),
        )
    assert "photo" in raised.value.message_dict
    assert Pledge.objects.get(pk=promised.pk).status == PledgeStatus.ACCEPTED


def test_need_stays_unchanged_by_a_refused_pledge_move(need, masker):
    promised = pledge(masker)
    moved = pledge_dispute(pledge=promised, actor=need.poster, reason="?")
    assert not moved.applied
    assert Need.objects.get(pk=need.pk).status == NeedStatus.OPEN
