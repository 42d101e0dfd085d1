"""Help information through the browser, on phones: a resident of Tallo posts a sembako
distribution with a photo as its source; three people from two kecamatan confirm it and it shows
`dikonfirmasi warga`; a verifikator verifies it with a note; the author edits the time and it
goes back to review, the page showing both revisions and every status change; time passes and
it becomes `kedaluwarsa`; the link in the author's re-confirmation email brings it back;
tools/verify_log.py --info verifies the history against the transparency log."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from gotong.accounts.models import User
from gotong.info.models import InfoPost
from gotong.info.tasks import expire_info, remind_info
from gotong.info.transitions import InfoStatus
from gotong.regions.services import regions_load
from gotong.transparency.services import log_seal
from tests.browser.people import sign_in
from tests.browser.regions import pick
from tests.factories import UserFactory, staff_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
VERIFY_LOG = Path(__file__).resolve().parents[2] / "tools" / "verify_log.py"
RENEW_LINK = re.compile(r"https?://[^\s\"<>]+/info/[0-9]+/masih-berlaku/[^\s\"<>]+/")


def person(email: str, name: str, *, days_old: int = 60) -> User:
    user = UserFactory(
        email=email,
        display_name=name,
        date_joined=timezone.now() - datetime.timedelta(days=days_old),
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def photo(folder: Path) -> Path:
    path = folder / "pengumuman-posko.jpg"
    Image.new("RGB", (900, 600), (200, 160, 40)).save(path, format="JPEG")
    return path


def status_is(page: Page, label: str) -> None:
    expect(page.get_by_test_id("info-status").first).to_contain_text(label)


def confirm(page: Page, email: str, url: str, kecamatan: str) -> None:
    sign_in(page, email)
    page.goto(url)
    page.get_by_label("Masih benar").check()
    page.locator("input[name=group_kind][value=kecamatan]").check()
    page.locator("select[name=kecamatan]").select_option(label=kecamatan)
    page.get_by_test_id("info-vote").click()
    expect(page.locator(".msg-success, .msg-info").first).to_be_visible()


def test_a_post_is_confirmed_verified_corrected_expired_and_renewed(new_context, shot, tmp_path):
    regions_load(within="73.71")
    author = person("warga.tallo@contoh.id", "Bu Rina")
    voters = [
        (person("ani@contoh.id", "Ani"), "Tallo"),
        (person("budi@contoh.id", "Budi"), "Tallo"),
        (person("citra@contoh.id", "Citra"), "Ujung Pandang"),
    ]
    verifier = staff_with_role("verifikator", email="verifikator@gotong.id")
    EmailAddress.objects.create(user=verifier, email=verifier.email, verified=True, primary=True)

    # The resident posts the distribution with a photo of the announcement as its source.
    page = new_context().new_page()
    sign_in(page, author.email)
    page.goto("/info/")
    page.get_by_test_id("info-new").click()
    pick(page, "provinsi", "Sulawesi Selatan")
    expect(page.locator("select[name=kabupaten]")).to_be_visible()
    pick(page, "kabupaten", "Kota Makassar")
    expect(page.locator("select[name=kecamatan]")).to_be_visible()
    pick(page, "kecamatan", "Tallo")
    page.locator("select[name=kind]").select_option(value="distribusi_sembako")
    page.get_by_label("Judul").fill("Pembagian sembako di Posko RW 04")
    page.get_by_label("Apa", exact=True).fill("Paket sembako untuk 200 keluarga terdampak.")
    page.get_by_label("Kapan").fill("Sabtu 5 Desember, 09.00-12.00")
    page.get_by_label("Di mana").fill("Balai RW 04, Jl. Sunu")
    page.locator("input[name=source_kind][value=file]").check()
    page.locator("input[name=source_file]").set_input_files(str(photo(tmp_path)))
    shot(page, "info-new-filled")
    page.get_by_test_id("info-post").click()
    expect(page).to_have_url(re.compile(r"/info/[0-9]+/$"))
    status_is(page, "belum diverifikasi")
    post_url = page.url
    post = InfoPost.objects.get()
    assert post.sources.get().file.name.endswith(".jpg")

    # Three people from two kecamatan say it is still true.
    for voter, kecamatan in voters:
        confirm(new_context().new_page(), voter.email, post_url, kecamatan)
    page.reload()
    status_is(page, "dikonfirmasi warga")
    shot(page, "info-confirmed")

    # The verifikator verifies it, with a note and evidence.
    checker = new_context().new_page()
    sign_in(checker, verifier.email)
    checker.goto(post_url)
    checker.get_by_label("Terverifikasi").check()
    checker.get_by_label("Catatan pemeriksaan").fill("Ditelepon ketua RW 04, jadwal benar.")
    checker.get_by_label("Bukti (tautan, foto, siapa yang ditelepon)").fill("Pak RW, 5 Des")
    checker.get_by_test_id("info-verdict").click()
    status_is(checker, "terverifikasi")

    # The author moves the time: it goes back to review, both revisions and every change shown.
    page.goto(post_url)
    page.get_by_test_id("info-edit").click()
    page.get_by_label("Kapan").fill("Minggu 6 Desember, 09.00-12.00")
    page.get_by_test_id("info-save").click()
    status_is(page, "belum diverifikasi")
    expect(page.get_by_test_id("info-revision")).to_have_count(2)
    history = page.get_by_test_id("info-history")
    for label in ("dikonfirmasi warga", "terverifikasi", "Ditelepon ketua RW 04"):
        expect(history).to_contain_text(label)
    expect(history.locator("li")).to_have_count(4)
    expect(page.locator("ins").first).to_contain_text("Minggu")
    shot(page, "info-corrected")

    # Time passes: a reminder comes before it runs out, then it runs out.
    post.refresh_from_db()
    with time_machine.travel(post.expires_at - datetime.timedelta(hours=12), tick=False):
        remind_info.call()
    with time_machine.travel(post.expires_at + datetime.timedelta(hours=1), tick=False):
        expire_info.call()
    post.refresh_from_db()
    assert post.status == InfoStatus.EXPIRED
    page.goto(post_url)
    status_is(page, "kedaluwarsa")
    expect(page.get_by_test_id("info-banner")).to_be_visible()
    page.goto("/info/")
    expect(page.get_by_text("Pembagian sembako di Posko RW 04")).to_have_count(0)

    # The re-confirmation email's link, opened without signing in, brings it back.
    to_author = [m for m in mail.outbox if author.email in m.to]
    links = {link for m in to_author for link in RENEW_LINK.findall(m.body)}
    assert links, [m.subject for m in to_author]
    inbox = new_context().new_page()
    inbox.goto(sorted(links)[-1])
    expect(inbox.get_by_text("Pembagian sembako di Posko RW 04").first).to_be_visible()
    shot(inbox, "info-renew-link")
    inbox.get_by_test_id("renew-by-link").click()
    expect(inbox.get_by_test_id("renew-done").first).to_be_visible()
    page.goto(post_url)
    status_is(page, "belum diverifikasi")
    post.refresh_from_db()
    assert post.expires_at > timezone.now()

    # The whole history is in the transparency log, and verifies.
    log_seal()
    result = subprocess.run(
        [sys.executable, str(VERIFY_LOG), page.evaluate("location.origin"), "--info", str(post.pk)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "INFO HISTORY VERIFIED" in result.stdout
