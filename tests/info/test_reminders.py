"""Freshness of help information on a frozen clock: the author is asked "masih berlaku?" once
before the post runs out, the post becomes `kedaluwarsa` when it does (and the author is told,
once), and the one-click link of either email renews it."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import signing
from django.test import Client

from gotong.info.emails import RENEW_LINK_SALT, info_email_send, renew_token
from gotong.info.models import InfoPost, InfoReminder, InfoStatusChange
from gotong.info.reminders import reminder_lead
from gotong.info.services import info_mark_false
from gotong.info.tasks import expire_info, remind_info
from gotong.info.transitions import InfoStatus
from tests.info.conftest import hoax, old_user, post

pytestmark = pytest.mark.usefixtures("makassar")

T0 = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
DAY = datetime.timedelta(days=1)
LINK = re.compile(r"https?://[^/\s]+(/info/\d+/masih-berlaku/[^/\s]+/)")


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def scheduler(django_capture_on_commit_callbacks):
    """One tick of `manage.py scheduler` for the info tasks, their emails sent after commit."""

    def tick() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            expire_info.enqueue()
            remind_info.enqueue()

    return tick


def link_of(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def state(p: InfoPost) -> tuple:
    p = InfoPost.objects.get(pk=p.pk)
    return (p.status, p.checked_at, p.expires_at, InfoStatusChange.objects.filter(post=p).count())


def test_the_lead_time_is_two_days_or_a_third_of_a_short_time_to_live():
    assert reminder_lead(7) == 2 * DAY
    assert reminder_lead(365) == 2 * DAY
    assert reminder_lead(3) == DAY
    assert reminder_lead(1) == datetime.timedelta(hours=8)


def test_the_author_is_reminded_once_two_days_before_expiry(clock, scheduler, mailoutbox):
    p = post(title="Posko sembako RW 04")  # a 7-day distribution schedule
    far = hoax(title="Klarifikasi: air PDAM aman")  # 365 days
    clock.shift(5 * DAY - datetime.timedelta(minutes=1))
    scheduler()
    assert mailoutbox == []  # not yet: due 2 days before the 7th day
    clock.shift(datetime.timedelta(minutes=2))
    scheduler()
    scheduler()  # the next tick, or a second scheduler: still one email
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [p.author.email]
    assert message.subject == "Apakah info “Posko sembako RW 04” masih berlaku?"
    assert "Gotong" in message.body
    assert "berlaku sampai 8 Desember 2026, 08.00" in message.body
    assert "127.0.0.1" not in message.subject
    html = message.alternatives[0][0]
    assert "Ya, masih berlaku" in html
    assert link_of(message) in html
    reminder = InfoReminder.objects.get()
    sent_at = T0 + 5 * DAY + datetime.timedelta(minutes=1)
    assert (reminder.post, reminder.kind, reminder.sent_at) == (p, "soon", sent_at)
    assert not info_email_send(reminder_id=reminder.pk)  # sent once
    assert not InfoReminder.objects.filter(post=far).exists()


def test_no_reminder_for_a_post_that_is_not_live(clock, scheduler, mailoutbox, verifier):
    p = post()
    info_mark_false(post=p, actor=verifier, note="Tidak ada posko", evidence="foto lokasi")
    inactive = post(author=old_user(is_active=False))
    clock.shift(6 * DAY)
    scheduler()
    assert mailoutbox == []
    assert not InfoReminder.objects.filter(post__in=[p, inactive]).exists()


def test_a_reminder_claimed_before_a_renewal_is_not_sent(
    clock, mailoutbox, django_capture_on_commit_callbacks
):
    p = post()
    clock.shift(6 * DAY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        remind_info.enqueue()
    assert len(callbacks) == 1
    clock.shift(datetime.timedelta(hours=1))
    Client().post(f"/info/{p.pk}/masih-berlaku/{renew_token(p)}/")  # before the send ran
    for callback in callbacks:
        callback()
    assert mailoutbox == []
    assert InfoReminder.objects.get().sent_at is None


def test_the_link_renews_a_live_post_and_get_changes_nothing(clock, scheduler, mailoutbox):
    p = post(title="Dapur umum Masjid Nurul Iman")
    clock.shift(5 * DAY + datetime.timedelta(hours=1))
    scheduler()
    path = link_of(mailoutbox[0])
    clock.shift(datetime.timedelta(hours=1))
    before = state(p)
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)  # a mail scanner, or the author reading first
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    text = page.content.decode()
    assert "Apakah informasi ini masih berlaku?" in text
    assert "Dapur umum Masjid Nurul Iman" in text
    assert p.author.email not in text
    assert state(p) == before
    assert client.post(path).status_code == 403  # no CSRF token: refused
    assert state(p) == before
    done = client.post(path, {"csrfmiddlewaretoken": page.cookies["csrftoken"].value})
    assert done.status_code == 200
    assert "Terima kasih, diperiksa ulang hari ini" in done.content.decode()
    renewed = InfoPost.objects.get(pk=p.pk)
    now = T0 + 5 * DAY + datetime.timedelta(hours=2)
    assert (renewed.status, renewed.checked_at, renewed.expires_at) == (
        InfoStatus.UNVERIFIED,
        now,
        now + 7 * DAY,
    )
    clock.shift(4 * DAY)
    scheduler()
    assert len(mailoutbox) == 1  # a new period: its reminder comes two days before its end
    clock.shift(DAY)
    scheduler()
    assert len(mailoutbox) == 2


def test_an_expired_post_is_emailed_once_and_the_link_brings_it_back(
    clock, scheduler, mailoutbox, client
):
    p = post(title="Posko sembako RW 04")
    clock.shift(7 * DAY + datetime.timedelta(minutes=1))
    scheduler()
    scheduler()
    p.refresh_from_db()
    assert p.status == InfoStatus.EXPIRED
    assert p.title not in client.get("/info/").content.decode()  # gone from default lists
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert 'data-testid="info-banner"' in page
    expired = [m for m in mailoutbox if "kedaluwarsa" in m.subject]
    assert len(expired) == 1
    assert expired[0].subject == "Info Anda sudah kedaluwarsa: “Posko sembako RW 04”"
    assert "Jika masih berlaku, klik tautan ini" in expired[0].body
    path = link_of(expired[0])
    clock.shift(3 * DAY)
    before = state(p)
    assert "sudah kedaluwarsa dan tidak tampil di daftar" in client.get(path).content.decode()
    assert state(p) == before
    done = client.post(path)
    assert "kembali ditinjau" in done.content.decode()
    p.refresh_from_db()
    assert p.status == InfoStatus.UNVERIFIED
    assert p.expires_at == T0 + 10 * DAY + datetime.timedelta(minutes=1) + 7 * DAY
    last = InfoStatusChange.objects.filter(post=p).last()
    assert (last.event, last.from_status, last.to_status, last.outcome, last.actor) == (
        "renew",
        "kedaluwarsa",
        "belum_diverifikasi",
        "applied",
        p.author,
    )
    assert p.title in client.get("/info/").content.decode()


@pytest.mark.parametrize("which", ["tampered", "other post", "old", "not a token"])
def test_a_bad_link_answers_400_with_a_message_and_changes_nothing(clock, client, which):
    p, other = post(), post()
    token = {
        "tampered": renew_token(p)[:-2] + "xx",
        "other post": renew_token(other),
        "old": renew_token(p),
        "not a token": "x",
    }[which]
    if which == "old":
        clock.shift(31 * DAY)
    before = state(p)
    for response in (
        client.get(f"/info/{p.pk}/masih-berlaku/{token}/"),
        client.post(f"/info/{p.pk}/masih-berlaku/{token}/"),
    ):
        assert response.status_code == 400
        text = response.content.decode()
        assert "Tautan tidak dapat dipakai" in text
        assert ("sudah kedaluwarsa" if which == "old" else "tidak sah") in text
    assert state(p) == before


def test_a_token_for_another_author_is_refused(client):
    p = post()
    forged = signing.dumps({"p": p.pk, "a": p.author_id + 1}, salt=RENEW_LINK_SALT)
    assert client.post(f"/info/{p.pk}/masih-berlaku/{forged}/").status_code == 400
    assert client.post(f"/info/999999/masih-berlaku/{renew_token(p)}/").status_code == 404


def test_an_old_link_still_works_after_the_post_expired(clock, scheduler, client):
    p = post(ttl_days=1)
    token = renew_token(p)
    clock.shift(20 * DAY)
    scheduler()
    assert InfoPost.objects.get(pk=p.pk).status == InfoStatus.EXPIRED
    client.post(f"/info/{p.pk}/masih-berlaku/{token}/")
    assert InfoPost.objects.get(pk=p.pk).status == InfoStatus.UNVERIFIED


def test_a_false_post_cannot_be_renewed_by_its_link_and_the_refusal_is_recorded(client, verifier):
    p = post()
    info_mark_false(post=p, actor=verifier, note="Tidak ada posko", evidence="foto lokasi")
    path = f"/info/{p.pk}/masih-berlaku/{renew_token(p)}/"
    page = client.get(path)
    assert page.status_code == 200
    assert 'data-testid="renew-by-link"' not in page.content.decode()
    response = client.post(path)
    assert response.status_code == 400
    assert "tidak bisa dinyatakan masih berlaku" in response.content.decode()
    assert InfoPost.objects.get(pk=p.pk).status == InfoStatus.FALSE
    refused = InfoStatusChange.objects.filter(post=p).last()
    assert (refused.event, refused.outcome, refused.actor) == ("renew", "refused", p.author)


def test_the_author_sees_when_the_reminder_comes_and_when_it_was_sent(clock, scheduler, client):
    p = post()
    clock.shift(3 * DAY)
    client.force_login(p.author)
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert "terakhir diperiksa 3\xa0hari lalu" in page
    assert "ke email Anda sekitar 6 Des 2026 08:00" in page
    clock.shift(3 * DAY)
    scheduler()
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert "sudah dikirim ke email Anda pada 7 Des 2026 08:00" in page
    client.force_login(old_user())
    assert 'data-testid="info-reminder"' not in client.get(f"/info/{p.pk}/").content.decode()


def refuse(self) -> None:
    raise ConnectionRefusedError


def test_a_refused_send_is_retried_by_a_later_tick(clock, scheduler, mailoutbox, monkeypatch):
    post()
    clock.shift(6 * DAY)
    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        scheduler()
    assert mailoutbox == []
    assert InfoReminder.objects.get().claimed_at is None  # released for a later run
    clock.shift(datetime.timedelta(minutes=5))
    scheduler()
    assert mailoutbox == []  # its task may still be on its way: not queued twice so soon
    clock.shift(datetime.timedelta(minutes=10))
    scheduler()
    assert len(mailoutbox) == 1
