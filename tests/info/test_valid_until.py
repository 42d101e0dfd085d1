"""A post can last until a day its author chooses (a distribution on Saturday), within its
kind's bounds; without one it lasts its kind's default."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from gotong.info.models import InfoPost
from tests.info.conftest import old_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("makassar")]
TODAY = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


def form(**extra) -> dict[str, str]:
    return {
        "provinsi": "73",
        "kabupaten": "73.71",
        "kecamatan": "73.71.07",
        "kind": "distribusi_sembako",
        "title": "Pembagian sembako Sabtu",
        "what": "Paket sembako untuk 200 keluarga.",
        "when_text": "Sabtu 5 Desember, 09.00-12.00",
        "where_text": "Balai RW 04",
        "source_kind": "seen",
        "source_date": "2026-12-01",
    } | extra


def test_a_post_lasts_until_the_end_of_the_day_its_author_chose(client, time_machine):
    time_machine.move_to(TODAY, tick=False)
    client.force_login(old_user())
    assert client.post("/info/baru/", form(valid_until="2026-12-05")).status_code == 302
    post = InfoPost.objects.get()
    end = timezone.localtime(post.expires_at)
    assert (end.date(), end.hour, end.minute) == (datetime.date(2026, 12, 5), 23, 59)
    assert post.ttl_days == 4


def test_without_a_day_it_lasts_its_kind_default(client, time_machine):
    time_machine.move_to(TODAY, tick=False)
    client.force_login(old_user())
    client.post("/info/baru/", form())
    assert InfoPost.objects.get().expires_at == TODAY + datetime.timedelta(days=7)


@pytest.mark.parametrize("day", ["2026-12-01", "2027-01-15"], ids=["past", "too-far"])
def test_a_day_outside_the_bounds_is_refused_with_a_message(client, time_machine, day):
    time_machine.move_to(TODAY, tick=False)
    client.force_login(old_user())
    answer = client.post("/info/baru/", form(valid_until=day))
    assert answer.status_code == 400
    assert "Pilih tanggal antara hari ini dan" in answer.content.decode()
    assert not InfoPost.objects.exists()
