from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from gotong.inkind.catalogue import Item
from gotong.inkind.emails import pledge_email_send
from gotong.inkind.models import Pledge
from gotong.inkind.pledges import pledge_accept, pledge_create, pledge_deliver
from gotong.inkind.transitions import PledgeStatus
from tests.factories import UserFactory
from tests.inkind.conftest import HELPER_PHONE, need_open, photo

pytestmark = pytest.mark.usefixtures("tallo")


def test_each_move_emails_the_other_person_once_and_the_link_confirms(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    need = need_open(moderator)
    helper = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        pledge = pledge_create(
            actor=helper,
            line=need.lines.get(item=Item.MASKER),
            quantity=100,
            deliver_by=timezone.localdate() + datetime.timedelta(days=2),
            whatsapp=HELPER_PHONE,
        )
    with django_capture_on_commit_callbacks(execute=True):
        pledge_accept(pledge=pledge, actor=need.poster)
    pledge.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        pledge_deliver(pledge=pledge, actor=helper, photo=photo())
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([need.poster.email], f"Janji bantuan baru untuk “{need.title}”"),
        ([helper.email], f"Janji bantuan Anda diterima: “{need.title}”"),
        ([need.poster.email], f"Sudah menerima bantuan untuk “{need.title}”?"),
    ]
    for message in mailoutbox:
        assert "6281" not in message.body
        assert "RT 02" not in message.body
    assert not pledge_email_send(pledge_id=pledge.pk, kind="delivered")  # sent once
    link = re.search(r"https?://\S+/terima-barang/\S+/", mailoutbox[2].body).group(0)
    path = "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200  # no sign-in needed: the link is the proof
    assert Pledge.objects.get().status == PledgeStatus.DELIVERED
    client.post(path)
    assert Pledge.objects.get().status == PledgeStatus.CONFIRMED
    assert client.get(path.replace("/terima-barang/", "/terima-barang/x")).status_code == 404
