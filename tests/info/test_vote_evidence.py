"""A vote's optional evidence (a link or a photo) and the page's list of votes: each voice with
its group, never who spoke."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gotong.info.models import InfoVote
from tests.factories import UserFactory
from tests.info.conftest import old_user, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("makassar")]


def phone_photo(width: int = 640) -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x8825] = {2: (5.0, 8.0, 0.0)}  # GPSInfo: where it was taken
    out = io.BytesIO()
    Image.new("RGB", (width, 480), (40, 130, 90)).save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("posko.jpg", out.getvalue(), content_type="image/jpeg")


def vote(client, p, **extra):
    data = {"still_true": "1", "group_kind": "kecamatan", "kecamatan": "73.71.07"} | extra
    return client.post(f"/info/{p.pk}/tanggapan/", data)


def test_a_vote_with_a_photo_is_listed_with_its_group_and_never_its_voter(client):
    p = post()
    voter = old_user(display_name="Pak Rahmat Tallo")
    client.force_login(voter)
    assert vote(client, p, evidence_photo=phone_photo()).status_code == 302
    stored = InfoVote.objects.get()
    with Image.open(stored.evidence_photo) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    client.logout()
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert 'data-testid="info-votes"' in page
    assert "Masih benar" in page
    assert "Kec. Tallo" in page
    assert stored.evidence_photo.url in page
    assert "Pak Rahmat Tallo" not in page
    assert voter.email not in page


def test_a_second_vote_replaces_the_first_and_its_photo(client):
    p = post()
    client.force_login(old_user())
    vote(client, p, evidence_photo=phone_photo())
    vote(client, p, still_true="0", evidence_url="https://kabar.example/tutup")
    stored = InfoVote.objects.get()
    assert (stored.still_true, stored.evidence_photo.name) == (False, "")
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert "Sudah tidak benar" in page
    assert 'href="https://kabar.example/tutup"' in page


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.jpg", b"<html><script>alert(1)</script>", content_type="image/jpeg"),
        phone_photo(width=120),
    ],
    ids=["not-a-photo", "too-small"],
)
def test_a_bad_photo_is_refused_with_a_message_and_no_vote(client, upload):
    p = post()
    client.force_login(old_user())
    answer = vote(client, p, evidence_photo=upload)
    assert answer.status_code == 400
    assert 'role="alert"' in answer.content.decode() or "msg-error" in answer.content.decode()
    assert not InfoVote.objects.exists()


def test_a_new_account_is_heard_but_marked_not_counted(client):
    p = post()
    client.force_login(UserFactory())
    vote(client, p)
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert "belum dihitung (akun baru)" in page
