from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from gotong.campaigns.models import Campaign
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("tallo")


def _form(**extra):
    return {
        "title": "Bantu renovasi musala Al-Ikhlas",
        "category": "rumah-ibadah",
        "beneficiary": "Jamaah Musala Al-Ikhlas",
        "target": "25.000.000",
        "deadline": (timezone.localdate() + datetime.timedelta(days=45)).isoformat(),
        "story": "Atap musala kami bocor di banyak titik. Setiap hujan jamaah harus pindah.",
    } | extra


def test_a_campaign_may_name_its_region_with_the_picker_or_none(client):
    client.force_login(UserFactory())
    client.post("/galang-dana/baru/", _form(provinsi="73", kabupaten="73.71"))
    assert Campaign.objects.get().region_id == "73.71"
    client.post("/galang-dana/baru/", _form(title="Bantu renovasi musala kedua"))
    assert Campaign.objects.get(title="Bantu renovasi musala kedua").region is None
    edit = client.get(f"/galang-dana/{Campaign.objects.get(region__isnull=False).slug}/ubah/")
    assert 'option value="73.71" selected' in edit.content.decode()
