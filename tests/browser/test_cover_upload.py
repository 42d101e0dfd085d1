"""The campaign form's cover in a browser: limits told first, a preview, a photo refused next to
the field before anything is sent, the upload's progress, and the same form without JavaScript.
Then the moderator's review page, at phone and desktop width."""

from __future__ import annotations

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from gotong.campaigns.models import Campaign, CampaignStatus
from tests.browser.people import PASSWORD, sign_in
from tests.factories import UserFactory, staff_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Perbaiki atap Madrasah Nurul Huda"


def person(email, **kwargs):
    user = UserFactory(email=email, **kwargs)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def picture(path, width, height, *, noise=False):
    """A photo-like JPEG; with `noise`, one that does not compress (some 1 MB at 1600x900)."""
    image = Image.effect_noise((width, height), 90).convert("RGB") if noise else None
    image = image or Image.new("RGB", (width, height), (11, 110, 79))
    for x in range(0, width, 80):
        image.paste((240, 200, 80), (x, height * 2 // 3, x + 40, height))
    image.save(path, format="JPEG", quality=85)
    return path


def fill(page: Page) -> None:
    page.get_by_label("Judul").fill(TITLE)
    page.get_by_label("Ringkasan singkat").fill(
        "Atap tiga kelas roboh; 120 santri belajar di teras."
    )
    page.get_by_label("Kategori").select_option("pendidikan")
    page.get_by_label("Penerima manfaat").fill("Santri Madrasah Nurul Huda")
    page.get_by_label("Target donasi (Rp)").fill("45.000.000")
    deadline = timezone.localdate() + datetime.timedelta(days=40)
    page.get_by_label("Batas waktu").fill(deadline.isoformat())
    page.get_by_label("Cerita").fill("Angin kencang merobohkan atap tiga kelas madrasah. " * 3)


def test_cover_preview_refusal_and_progress(new_context, shot, tmp_path):
    owner = person("penggalang@contoh.id")
    page = new_context().new_page()
    sign_in(page, owner.email)
    page.goto("/galang-dana/baru/")
    limits = page.get_by_test_id("cover-limits")
    expect(limits).to_contain_text("JPEG, PNG, atau WebP, paling besar 8 MB.")
    expect(limits).to_contain_text("Lebar minimal 400 piksel.")
    expect(limits).to_contain_text("16:9")
    cover = page.get_by_label("Foto sampul")

    # Too narrow: refused at once, next to the field, and the choice is dropped.
    cover.set_input_files(picture(tmp_path / "kecil.jpg", 300, 200))
    error = page.locator("[data-cover-error]")
    expect(error).to_have_text("Foto ini kurang lebar: minimal 400 piksel. Pilih foto lain.")
    expect(page.locator("[data-cover-preview]")).to_be_hidden()
    assert cover.evaluate("input => input.files.length") == 0
    page.locator(".cover-field").scroll_into_view_if_needed()
    shot(page, "refused-next-to-field")

    # Upright: shown as pages will cut it, with a word about the crop.
    cover.set_input_files(picture(tmp_path / "tegak.jpg", 900, 1200))
    expect(error).to_be_hidden()
    expect(page.locator("[data-cover-preview] img")).to_be_visible()
    expect(page.locator("[data-cover-note]")).to_contain_text("tidak 16:9")

    # A good cover: previewed, then sent with a progress bar, over a slow phone connection
    # (Chromium's own throttling: 250 kB a second up, a 1 MB photo).
    cover.set_input_files(picture(tmp_path / "sampul.jpg", 1600, 900, noise=True))
    expect(page.locator("[data-cover-note]")).to_be_hidden()
    expect(page.locator("[data-cover-caption]")).to_have_text("Pratinjau sampul baru")
    fill(page)
    shot(page, "form-filled", full_page=True)
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 50, "downloadThroughput": -1, "uploadThroughput": 250_000},
    )
    page.get_by_test_id("save-campaign").click()
    progress = page.locator("[data-cover-progress]")
    expect(progress).to_be_visible()
    expect(page.locator("[data-cover-note]")).to_have_text(re.compile(r"^Mengunggah… [1-9]\d?%$"))
    page.locator(".cover-field").scroll_into_view_if_needed()
    shot(page, "upload-progress")
    assert 0 < progress.evaluate("bar => bar.value") < 100

    expect(page).to_have_url(
        re.compile(r"/kampanye/perbaiki-atap-madrasah-nurul-huda/$"), timeout=60_000
    )
    expect(page.get_by_role("status")).to_contain_text("Draf kampanye tersimpan")
    campaign = Campaign.objects.get()
    assert campaign.cover
    assert campaign.title == TITLE


def test_a_wrong_file_after_sending_is_explained_next_to_the_field(new_context, tmp_path):
    """Through htmx, the form comes back in place with the server's word at the cover."""
    owner = person("penggalang@contoh.id")
    page = new_context().new_page()
    sign_in(page, owner.email)
    page.goto("/galang-dana/baru/")
    fill(page)
    # A GIF named .jpg: the browser shows it (and trusts the name's type), the server reads
    # the bytes and refuses it.
    gif = tmp_path / "sampul.jpg"
    Image.new("RGB", (800, 450), (11, 110, 79)).save(gif, format="GIF")
    page.get_by_label("Foto sampul").set_input_files(gif)
    expect(page.locator("[data-cover-preview] img")).to_be_visible()
    page.get_by_test_id("save-campaign").click()
    expect(page.get_by_test_id("cover-error")).to_have_text(
        "Foto harus berformat JPEG, PNG, atau WebP."
    )
    expect(page).to_have_url(re.compile(r"/galang-dana/baru/$"))
    expect(page.get_by_label("Judul")).to_have_value(TITLE)
    assert not Campaign.objects.exists()


def test_without_javascript_the_limits_and_the_refusal_are_there(new_context, shot, tmp_path):
    owner = person("penggalang@contoh.id")
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/akun/login/")
    form = page.locator("main form[action*='/akun/login/']")
    form.locator("input[name=login]").fill(owner.email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.goto("/galang-dana/baru/")
    expect(page.get_by_test_id("cover-limits")).to_contain_text("paling besar 8 MB")
    fill(page)
    page.get_by_label("Foto sampul").set_input_files(picture(tmp_path / "kecil.jpg", 300, 200))
    page.get_by_test_id("save-campaign").click()
    expect(page.get_by_test_id("cover-error")).to_have_text("Lebar foto minimal 400 piksel.")
    page.locator(".cover-field").scroll_into_view_if_needed()
    shot(page, "refused-without-js")
    page.get_by_label("Foto sampul").set_input_files(picture(tmp_path / "sampul.jpg", 1200, 675))
    page.get_by_test_id("save-campaign").click()
    expect(page).to_have_url(re.compile(r"/kampanye/perbaiki-atap-madrasah-nurul-huda/$"))
    expect(page.get_by_role("status")).to_contain_text("Draf kampanye tersimpan")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_review_page_at_phone_and_desktop_width(new_context, shot, tmp_path, width):
    owner = person("penggalang@contoh.id", display_name="Komunitas Peduli Santri")
    page = new_context().new_page()
    sign_in(page, owner.email)
    page.goto("/galang-dana/baru/")
    fill(page)
    page.get_by_label("Foto sampul").set_input_files(picture(tmp_path / "sampul.jpg", 1600, 900))
    page.get_by_test_id("save-campaign").click()
    page.get_by_test_id("submit-review").click()
    assert Campaign.objects.get().status == CampaignStatus.IN_REVIEW

    moderator = staff_with_role("moderator", email="moderator@contoh.id")
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    staff = new_context(viewport={"width": width, "height": 900}).new_page()
    sign_in(staff, moderator.email)
    staff.goto("/staf/tinjauan/")
    row = staff.get_by_test_id("review-row")
    expect(row).to_contain_text("Komunitas Peduli Santri")
    expect(row).to_contain_text("Belum mengirim dokumen")
    shot(staff, f"queue-{width}", full_page=True)
    row.get_by_role("link", name=TITLE).click()
    cover = staff.locator(".review-main img.cover")
    expect(cover).to_have_js_property("complete", True)
    assert cover.evaluate("img => img.naturalWidth") > 0
    expect(staff.get_by_test_id("review-summary")).to_contain_text("120 santri")
    expect(staff.get_by_test_id("review-facts")).to_contain_text("Rp 45.000.000")
    expect(staff.get_by_test_id("kyc-status")).to_have_text("Belum mengirim dokumen")
    shot(staff, f"review-{width}", full_page=True)
    if width >= 900:  # side by side: the facts beside the cover, not under the story
        main, side = staff.locator(".review-main"), staff.locator(".review-side")
        assert side.bounding_box()["x"] > main.bounding_box()["x"] + main.bounding_box()["width"]
