"""Gotong royong in kind through the browser, on phones: a resident of RW 04 in Tallo posts a
need for 200 masks and 50 sembako parcels, picking the desa with the cascading region picker;
a moderator approves it; a helper finds it from /wilayah/, pledges 100 masks; the poster accepts;
only then does each see the other's WhatsApp link; the helper marks it delivered with a photo
and hands over the code; the recipient confirms with it; the need shows 100 / 200 delivered;
tools/verify_log.py verifies the log, the delivery's leaf included."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from PIL import Image
from playwright.sync_api import expect

from gotong.accounts.models import User
from gotong.audit.models import AuditEntry
from gotong.inkind.models import Need, Pledge
from gotong.inkind.transitions import NeedStatus, PledgeStatus
from gotong.regions.services import regions_load
from gotong.transparency.services import log_seal
from tests.browser.people import sign_in
from tests.browser.regions import pick
from tests.factories import UserFactory, staff_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
VERIFY_LOG = Path(__file__).resolve().parents[2] / "tools" / "verify_log.py"

POSTER_PHONE, POSTER_WA = "0812 3456 7001", "https://wa.me/6281234567001"
HELPER_PHONE, HELPER_WA = "0813 9876 5002", "https://wa.me/6281398765002"


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def handover_photo(folder: Path) -> Path:
    path = folder / "serah-terima.jpg"
    Image.new("RGB", (800, 600), (40, 130, 90)).save(path, format="JPEG")
    return path


def test_a_need_is_posted_pledged_matched_delivered_and_confirmed(new_context, shot, tmp_path):
    regions_load(within="73.71.07")
    poster = verified(UserFactory(email="warga.tallo@contoh.id", display_name="Pak Amir"))
    helper = verified(UserFactory(email="bu.ani@contoh.id", display_name="Bu Ani"))
    moderator = verified(staff_with_role("moderator", email="moderator@gotong.id"))

    # The resident posts the need.
    resident = new_context().new_page()
    sign_in(resident, poster.email)
    resident.goto("/kebutuhan/")
    resident.get_by_test_id("need-new").click()
    pick(resident, "provinsi", "Sulawesi Selatan")
    expect(resident.locator("select[name=kabupaten]")).to_be_visible()
    pick(resident, "kabupaten", "Kota Makassar")
    expect(resident.locator("select[name=kecamatan]")).to_be_visible()
    pick(resident, "kecamatan", "Tallo")
    expect(resident.locator("select[name=desa]")).to_be_visible()
    pick(resident, "desa", "Pannampu")
    resident.locator("select[name=line1_item]").select_option(label="Masker")
    resident.locator("input[name=line1_quantity]").fill("200")
    resident.locator("select[name=line2_item]").select_option(label="Paket sembako")
    resident.locator("input[name=line2_quantity]").fill("50")
    resident.get_by_label("Judul").fill("Masker dan sembako untuk RW 04")
    resident.get_by_label("RT/RW atau patokan").fill("RT 02 / RW 04, belakang masjid")
    resident.get_by_label("Berapa orang yang terbantu?").fill("140")
    resident.get_by_label("Cerita singkat").fill("Tiga puluh keluarga isolasi mandiri.")
    resident.get_by_label("Nomor WhatsApp Anda").fill(POSTER_PHONE)
    shot(resident, "need-form", full_page=True)
    resident.get_by_test_id("need-post").click()
    expect(resident.get_by_test_id("need-status")).to_have_text("menunggu peninjauan")
    need = Need.objects.get()
    assert need.region_id == "73.71.07.1001"

    # A moderator approves it.
    staff = new_context().new_page()
    sign_in(staff, moderator.email)
    staff.goto("/staf/kebutuhan/")
    staff.get_by_test_id("review-need").click()
    staff.get_by_label("Setujui dan buka").check()
    staff.get_by_test_id("review-submit").click()
    expect(staff).to_have_url(re.compile(r"/staf/kebutuhan/$"))
    assert Need.objects.get().status == NeedStatus.OPEN

    # A helper finds it from the region pages and pledges 100 masks.
    volunteer = new_context().new_page()
    sign_in(volunteer, helper.email)
    volunteer.goto("/wilayah/")
    volunteer.get_by_role("link", name="Sulawesi Selatan").click()
    volunteer.get_by_role("link", name=re.compile("^Kota Makassar")).click()
    volunteer.get_by_role("link", name=re.compile("^Tallo")).click()
    expect(volunteer.get_by_test_id("region-needs")).to_contain_text("(1)")
    shot(volunteer, "region-page", full_page=True)
    volunteer.get_by_role("link", name="Masker dan sembako untuk RW 04").first.click()
    masker = need.lines.get(item="masker").pk
    volunteer.locator(f"input[name=line][value='{masker}']").check()
    volunteer.get_by_label("Jumlah").fill("100")
    volunteer.get_by_label("Nomor WhatsApp Anda").fill(HELPER_PHONE)
    volunteer.get_by_test_id("pledge-submit").click()
    expect(volunteer.locator("main")).to_contain_text("100 dijanjikan")
    pledge = Pledge.objects.get()
    volunteer.goto(f"/janji/{pledge.pk}/")
    expect(volunteer.get_by_test_id("whatsapp-link")).to_have_count(0)

    # The poster accepts; only now do both see the other's WhatsApp.
    resident.goto(f"/kebutuhan/{need.pk}/")
    resident.get_by_test_id("incoming-pledge").click()
    expect(resident.get_by_test_id("whatsapp-link")).to_have_count(0)
    resident.get_by_test_id("pledge-accept").click()
    expect(resident.get_by_test_id("whatsapp-link")).to_have_attribute("href", HELPER_WA)
    volunteer.reload()
    expect(volunteer.get_by_test_id("whatsapp-link")).to_have_attribute("href", POSTER_WA)
    expect(volunteer.get_by_test_id("contact")).to_contain_text("RT 02 / RW 04")
    code = volunteer.get_by_test_id("handover-code").locator(".code-big").inner_text()
    shot(volunteer, "matched-helper", full_page=True)

    # The helper hands over with a photo; the recipient confirms with the code.
    volunteer.locator("input[name=photo]").set_input_files(handover_photo(tmp_path))
    volunteer.get_by_test_id("pledge-deliver").click()
    expect(volunteer.get_by_test_id("pledge-status")).to_have_text("ditandai terkirim")
    resident.reload()
    resident.get_by_label("Kode serah terima dari penolong").fill(code)
    shot(resident, "confirm", full_page=True)
    resident.get_by_test_id("pledge-confirm").click()
    expect(resident.get_by_test_id("pledge-status")).to_contain_text("dikonfirmasi")
    assert Pledge.objects.get().status == PledgeStatus.CONFIRMED

    anyone = new_context().new_page()
    anyone.goto(f"/kebutuhan/{need.pk}/")
    expect(anyone.get_by_test_id("line-masker")).to_contain_text("100 / 200 lembar diterima")
    expect(anyone.locator("main")).not_to_contain_text("RW 04, belakang")
    expect(anyone.locator("main")).not_to_contain_text("6281234567001")
    shot(anyone, "need-after", full_page=True)
    assert AuditEntry.objects.filter(action="contact.reveal").count() >= 2

    # The delivery is a leaf of the transparency log, and the standalone verifier agrees.
    log_seal()
    base = anyone.evaluate("location.origin")
    checked = subprocess.run(
        [sys.executable, str(VERIFY_LOG), base, "--state", str(tmp_path / "head.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    one = subprocess.run(
        [sys.executable, str(VERIFY_LOG), base, "--delivery", str(pledge.pk)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert one.returncode == 0, one.stdout + one.stderr
