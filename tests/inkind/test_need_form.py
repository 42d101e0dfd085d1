from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from gotong.inkind.models import Need
from gotong.inkind.transitions import NeedStatus
from tests.factories import UserFactory
from tests.inkind.conftest import DESA, photo

pytestmark = pytest.mark.usefixtures("tallo")


def form(**extra):
    return {
        "provinsi": "73",
        "kabupaten": "73.71",
        "kecamatan": "73.71.07",
        "desa": DESA,
        "place_detail": "RT 02 / RW 04",
        "title": "Masker untuk RW 04",
        "people_served": "120",
        "needed_by": str(timezone.localdate() + datetime.timedelta(days=5)),
        "urgency": "mendesak",
        "story": "Warga isolasi mandiri.",
        "contact_whatsapp": "0812 3456 7001",
        "line1_item": "masker",
        "line1_quantity": "200",
        "line2_item": "paket_sembako",
        "line2_quantity": "50",
    } | extra


def test_a_first_need_is_posted_and_waits_for_review(client):
    client.force_login(UserFactory())
    response = client.post("/kebutuhan/baru/", form(photo=photo()))
    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/kebutuhan/{need.pk}/")
    assert need.status == NeedStatus.IN_REVIEW
    assert need.region_id == DESA
    assert need.photo
    assert list(need.lines.values_list("item", "quantity")) == [
        ("masker", 200),
        ("paket_sembako", 50),
    ]


def test_without_javascript_the_picker_refresh_keeps_what_was_typed(client):
    client.force_login(UserFactory())
    response = client.post(
        "/kebutuhan/baru/",
        {"provinsi": "73", "title": "Masker untuk RW 04", "region_refresh": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Masker untuk RW 04"' in page
    assert 'name="kabupaten"' in page
    assert "Kota Makassar" in page
    assert Need.objects.count() == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"line1_quantity": "0"}, ""),
        ({"line1_quantity": str(10**12)}, ""),
        ({"line2_quantity": ""}, "Isi barang dan jumlahnya"),
        ({"desa": "73.71.07.9999"}, "Wilayah tidak dikenal."),
        ({"desa": ""}, "Pilih desa/kelurahan."),
        ({"kecamatan": "73.71.01", "desa": DESA}, "Wilayah tidak dikenal."),
        ({"needed_by": "2020-01-01"}, "Tanggal dibutuhkan tidak boleh di masa lalu."),
        ({"contact_whatsapp": "123"}, "Tulis nomor WhatsApp"),
        ({"line1_item": "lainnya"}, "Untuk &#x27;Lainnya&#x27;"),
    ],
)
def test_bad_input_shows_a_message_and_creates_nothing(client, extra, message):
    client.force_login(UserFactory())
    response = client.post("/kebutuhan/baru/", form(**extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Need.objects.count() == 0


def test_signed_out_people_are_sent_to_sign_in(client):
    assert client.get("/kebutuhan/baru/").status_code == 302


def test_date_fields_carry_their_default_in_the_format_a_date_input_reads(client):
    client.force_login(UserFactory())
    page = client.get("/kebutuhan/baru/").content.decode()
    default = timezone.localdate() + datetime.timedelta(days=7)
    assert f'name="needed_by" value="{default.isoformat()}"' in page
