"""A campaigner signs up, verifies the email, writes a campaign and submits it; a moderator
publishes it; an anonymous visitor then finds it on the home page and in the campaign list."""

from __future__ import annotations

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from gotong.campaigns.models import Campaign, CampaignStatus
from tests.browser.people import sign_in
from tests.factories import staff_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAMPAIGNER_EMAIL = "penggalang@contoh.id"
CAMPAIGNER_PASSWORD = "Gotong-Royong-2025!"
TITLE = "Operasi jantung untuk Bu Sari"
STORY = (
    "Bu Sari, penjual sayur di Pasar Minggu, harus segera **operasi katup jantung**.\n\n"
    "Dana dipakai untuk biaya operasi dan rawat inap selama dua minggu."
)


def cover_jpeg(path):
    """A 1200x675 JPEG with a bit of structure (a flat image compresses suspiciously well)."""
    image = Image.new("RGB", (1200, 675), (11, 110, 79))
    for x in range(0, 1200, 100):
        image.paste((240, 200, 80), (x, 0, x + 50, 675))
    image.save(path, format="JPEG", quality=85)
    return path


def test_campaigner_signs_up_and_staff_publish(new_context, shot, tmp_path):
    page = new_context().new_page()

    # Sign up; verification is mandatory, the mail lands in the locmem outbox.
    page.goto("/akun/signup/")
    page.locator("#id_email").fill(CAMPAIGNER_EMAIL)
    page.locator("#id_display_name").fill("Komunitas Peduli Jantung")
    page.locator("#id_password1").fill(CAMPAIGNER_PASSWORD)
    page.locator("#id_password2").fill(CAMPAIGNER_PASSWORD)
    shot(page, "signup-filled")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/akun/confirm-email/$"))
    shot(page, "verification-sent")

    sent = [m for m in mail.outbox if CAMPAIGNER_EMAIL in m.to]
    assert len(sent) == 1, [m.to for m in mail.outbox]
    link = re.search(r"https?://\S+/akun/confirm-email/[^/\s]+/", sent[0].body)
    assert link, sent[0].body
    page.goto(link.group(0))
    expect(page.locator("main")).to_contain_text(CAMPAIGNER_EMAIL)
    shot(page, "confirm-email")
    page.locator("main form button[type=submit]").click()
    # Confirming in the browser that signed up signs in and lands on the dashboard.
    expect(page).to_have_url(re.compile(r"/dasbor/$"))
    expect(page.get_by_test_id("account")).to_have_text("Dasbor")
    shot(page, "email-confirmed-dashboard")
    assert EmailAddress.objects.filter(email=CAMPAIGNER_EMAIL, verified=True).exists()

    page.goto("/galang-dana/baru/")
    expect(page).to_have_url(re.compile(r"/galang-dana/baru/$"))

    deadline = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Judul").fill(TITLE)
    page.get_by_label("Ringkasan singkat").fill("Biaya operasi katup jantung penjual sayur.")
    page.get_by_label("Kategori").select_option("medis")
    page.get_by_label("Penerima manfaat").fill("Sari Rahayu")
    page.get_by_label("Target donasi (Rp)").fill("25.000.000")
    page.get_by_label("Batas waktu").fill(deadline.isoformat())
    page.get_by_label("Cerita").fill(STORY)
    page.get_by_label("Foto sampul").set_input_files(cover_jpeg(tmp_path / "sampul.jpg"))
    shot(page, "campaign-form-filled", full_page=True)
    page.get_by_test_id("save-campaign").click()

    expect(page).to_have_url(re.compile(r"/kampanye/operasi-jantung-untuk-bu-sari/$"))
    expect(page.locator(".notice")).to_contain_text("Status: Draf")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    cover = page.locator("img.cover")
    # A phone gets the cover at phone width, as WebP, from the responsive sizes (the owner of
    # a draft too: the sizes follow the page's own visibility).
    expect(cover).to_have_attribute("src", re.compile(r"/sampul-480\.jpg\?v=\w+$"))
    expect(cover).to_have_js_property("complete", True)
    assert cover.evaluate("img => img.naturalWidth") > 0  # density-corrected, not 480
    assert re.search(r"/sampul-480\.webp\?v=\w+$", cover.evaluate("img => img.currentSrc"))
    shot(page, "draft-saved")
    page.get_by_test_id("submit-review").click()
    expect(page.locator(".notice")).to_contain_text("Status: Dalam tinjauan")
    expect(page.get_by_test_id("submit-review")).to_have_count(0)
    shot(page, "submitted-for-review")

    campaign = Campaign.objects.get(title=TITLE)
    assert campaign.status == CampaignStatus.IN_REVIEW
    assert (campaign.target, campaign.category, campaign.deadline) == (
        25_000_000,
        "medis",
        deadline,
    )
    assert campaign.owner.email == CAMPAIGNER_EMAIL

    # Log out (a POST form), then log in as staff in the same tab.
    page.goto("/akun/logout/")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("link", name="Masuk", exact=True)).to_be_visible()
    staff = staff_with_role("moderator", email="staf@contoh.id")  # review is a moderator's job
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    sign_in(page, staff.email)  # password, then the authenticator's code (staff have one)
    page.get_by_test_id("menu").click()  # staff links live in the header's menu
    expect(page.get_by_role("link", name="Tinjauan", exact=True)).to_be_visible()

    page.goto("/staf/tinjauan/")
    shot(page, "review-queue")
    page.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(rf"/staf/tinjauan/{campaign.slug}/$"))
    page.get_by_label("Alasan").fill("Dokumen medis lengkap dan penerima terverifikasi.")
    shot(page, "review-detail", full_page=True)
    page.get_by_test_id("publish").click()
    expect(page).to_have_url(re.compile(r"/staf/tinjauan/$"))
    expect(page.get_by_role("status")).to_contain_text("Kampanye diterbitkan")
    expect(page.locator("main")).to_contain_text("Tidak ada kampanye yang menunggu tinjauan")
    shot(page, "published")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PUBLISHED

    # An anonymous visitor finds it on the home page and in the list, and can open it.
    visitor = new_context().new_page()
    visitor.goto("/")
    card = visitor.locator("article.card", has_text=TITLE)
    expect(card).to_be_visible()
    expect(card.locator(".tag")).to_have_text("Medis")
    card.scroll_into_view_if_needed()
    shot(visitor, "home-lists-new-campaign")
    visitor.goto("/kampanye/")
    card = visitor.locator("article.card", has_text=TITLE)
    expect(card).to_be_visible()
    shot(visitor, "campaign-list")
    card.get_by_role("link").click()
    expect(visitor).to_have_url(re.compile(rf"/kampanye/{campaign.slug}/$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator(".notice")).to_have_count(0)
    expect(visitor.get_by_test_id("collected")).to_have_text("Rp 0")
    expect(visitor.locator("#progress")).to_contain_text("terkumpul dari target Rp 25.000.000")
    expect(visitor.locator(".story strong")).to_have_text("operasi katup jantung")
    expect(visitor.get_by_test_id("donate-button")).to_be_visible()
    shot(visitor, "public-campaign-page")
