from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from gotong.audit.models import AuditEntry
from gotong.inkind.catalogue import Item
from gotong.inkind.models import Pledge
from gotong.inkind.pledges import pledge_accept, pledge_create
from gotong.inkind.transitions import NeedStatus, PledgeStatus
from tests.factories import UserFactory
from tests.inkind.conftest import HELPER_PHONE, need_draft, need_open, photo

pytestmark = pytest.mark.usefixtures("tallo")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_whole_pledge_through_the_pages(moderator):
    need = need_open(moderator)
    line = need.lines.get(item=Item.MASKER)
    helper = UserFactory(display_name="Bu Ani")
    as_helper, as_poster = signed_in(helper), signed_in(need.poster)
    as_stranger = signed_in(UserFactory())

    as_helper.post(
        f"/kebutuhan/{need.pk}/janji/",
        {
            "line": line.pk,
            "quantity": 100,
            "deliver_by": str(timezone.localdate() + datetime.timedelta(days=2)),
            "whatsapp": HELPER_PHONE,
        },
    )
    pledge = Pledge.objects.get()
    url = f"/janji/{pledge.pk}/"
    poster_need_page = as_poster.get(f"/kebutuhan/{need.pk}/").content.decode()
    assert "100 Masker dari Bu Ani" in poster_need_page
    before = as_helper.get(url).content.decode()
    assert "wa.me" not in before
    assert as_stranger.get(url).status_code == 404
    assert Client().get(url).status_code == 302

    assert as_helper.post(f"{url}terima/").status_code == 403  # not the helper's to accept
    assert Pledge.objects.get().status == PledgeStatus.PROPOSED
    as_poster.post(f"{url}terima/")
    helper_page = as_helper.get(url).content.decode()
    assert "https://wa.me/6281234567001" in helper_page
    assert "RT 02 / RW 04, dekat masjid" in helper_page
    code = re.search(r'class="code-big">(\d{6})<', helper_page).group(1)
    poster_page = as_poster.get(url).content.decode()
    assert "https://wa.me/6281398765002" in poster_page
    assert 'class="code-big"' not in poster_page  # the code travels with the goods
    assert AuditEntry.objects.filter(action="contact.reveal").count() == 2

    assert as_helper.post(f"{url}kirim/", {}).status_code == 400
    assert as_helper.post(f"{url}kirim/", {"photo": photo()}).status_code == 302
    assert Pledge.objects.get().status == PledgeStatus.DELIVERED

    wrong = as_poster.post(f"{url}konfirmasi/", {"code": "000000" if code != "000000" else "1"})
    assert wrong.status_code == 400
    assert "Kode serah terima salah." in wrong.content.decode()
    assert as_poster.post(f"{url}konfirmasi/", {"code": code}).status_code == 302
    assert Pledge.objects.get().status == PledgeStatus.CONFIRMED
    public = Client().get(f"/kebutuhan/{need.pk}/").content.decode()
    assert "100 / 200 lembar diterima" in public


def test_a_poster_sees_and_submits_their_draft_which_nobody_else_sees():
    need = need_draft()
    as_poster = signed_in(need.poster)
    page = as_poster.get(f"/kebutuhan/{need.pk}/").content.decode()
    assert 'data-testid="need-submit"' in page
    assert Client().get(f"/kebutuhan/{need.pk}/").status_code == 404
    assert signed_in(UserFactory()).post(f"/kebutuhan/{need.pk}/ajukan/").status_code == 404
    as_poster.post(f"/kebutuhan/{need.pk}/ajukan/")
    need.refresh_from_db()
    assert need.status == NeedStatus.IN_REVIEW


def test_a_dispute_from_the_page_needs_a_reason(moderator):
    need = need_open(moderator)
    helper = UserFactory()
    pledge = pledge_create(
        actor=helper,
        line=need.lines.first(),
        quantity=5,
        deliver_by=timezone.localdate() + datetime.timedelta(days=1),
        whatsapp=HELPER_PHONE,
    )
    pledge_accept(pledge=pledge, actor=need.poster)
    as_poster = signed_in(need.poster)
    assert as_poster.post(f"/janji/{pledge.pk}/persoalkan/", {"reason": ""}).status_code == 400
    as_poster.post(f"/janji/{pledge.pk}/persoalkan/", {"reason": "Barang tidak datang"})
    assert Pledge.objects.get().status == PledgeStatus.DISPUTED


def test_my_page_lists_my_needs_and_pledges(moderator):
    need = need_open(moderator)
    page = signed_in(need.poster).get("/kebutuhan/saya/").content.decode()
    assert need.title in page
