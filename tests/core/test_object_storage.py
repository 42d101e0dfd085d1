"""Uploads in an S3-compatible bucket (decision 31), against moto's S3 server started here on a
free port: STORAGES comes from config/settings.py read with STORAGE_S3_* set, uploads go through
the real forms, and the bucket is inspected with boto3 as an operator would."""

from __future__ import annotations

import importlib.util
import io
import re
import socket
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from moto.server import ThreadedMotoServer
from PIL import Image

from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.verification.models import CampaignerVerification
from tests.campaigns.test_lifecycle import form_data, jpeg
from tests.disbursements.test_usage_reports import paid, pdf  # noqa: F401 (fixture)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "config" / "settings.py"
BUCKET = "gotong-uploads"
PRIVATE_BUCKET = "gotong-kyc"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def storages_from_env(env: dict[str, str]) -> dict[str, Any]:
    """STORAGES as config/settings.py builds it with these environment variables."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        spec = importlib.util.spec_from_file_location("settings_with_s3", SETTINGS_FILE)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return dict(module.STORAGES)


@pytest.fixture(params=["prefix", "bucket"], ids=["kyc-under-private-prefix", "kyc-own-bucket"])
def s3(request, s3_server, settings):
    """Empty buckets and the platform's uploads in them; KYC documents either under the
    private/ prefix of the one bucket or in a bucket of their own."""
    requests.post(f"{s3_server}/moto-api/reset", timeout=5)
    env = {
        "STORAGE_S3_BUCKET": BUCKET,
        "STORAGE_S3_ENDPOINT_URL": s3_server,
        "STORAGE_S3_ACCESS_KEY_ID": "gotong-test",
        "STORAGE_S3_SECRET_ACCESS_KEY": "gotong-test-secret",
        "STORAGE_S3_REGION": "ap-southeast-3",
    }
    if request.param == "bucket":
        env["STORAGE_S3_PRIVATE_BUCKET"] = PRIVATE_BUCKET
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="gotong-test",
        aws_secret_access_key="gotong-test-secret",
        region_name="ap-southeast-3",
    )
    location = {"LocationConstraint": "ap-southeast-3"}
    for bucket in {BUCKET, env.get("STORAGE_S3_PRIVATE_BUCKET", BUCKET)}:
        client.create_bucket(Bucket=bucket, CreateBucketConfiguration=location)
    settings.STORAGES = storages_from_env(env)
    client.private_bucket = env.get("STORAGE_S3_PRIVATE_BUCKET", BUCKET)
    client.endpoint = s3_server
    return client


def keys(client, bucket: str, prefix: str = "") -> list[str]:
    listed = client.list_objects_v2(Bucket=bucket, Prefix=prefix)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def photo(name: str) -> Any:
    out = io.BytesIO()
    Image.new("RGB", (800, 500), (200, 180, 150)).save(out, format="JPEG")
    out.name = name
    out.seek(0)
    return out


def cover_urls(html: str, slug: str) -> list[str]:
    return re.findall(rf"/kampanye/{slug}/sampul-\d+\.(?:webp|jpg)\?v=\w+", html)


def test_without_configuration_uploads_stay_on_disk_and_static_files_never_move():
    local = storages_from_env({"STORAGE_S3_BUCKET": ""})
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["private"]["BACKEND"] == "gotong.core.storage.PrivateFileSystemStorage"
    in_bucket = storages_from_env({"STORAGE_S3_BUCKET": BUCKET})
    assert in_bucket["staticfiles"] == local["staticfiles"]


def test_a_cover_uploaded_through_the_form_lands_in_the_bucket_and_is_served(client, s3):
    client.force_login(UserFactory())
    assert client.post("/galang-dana/baru/", {**form_data(), "cover": jpeg()}).status_code == 302
    campaign = Campaign.objects.get()
    assert keys(s3, BUCKET, "public/covers/") == [f"public/{campaign.cover.name}"]

    original = client.get(campaign.cover.url)  # /media/…, streamed by the platform
    assert campaign.cover.url.startswith("/media/covers/")
    assert original.status_code == 200
    assert original["Content-Type"] == "image/jpeg"
    stored = s3.get_object(Bucket=BUCKET, Key=f"public/{campaign.cover.name}")["Body"].read()
    assert body(original) == stored

    page = client.get(campaign.get_absolute_url()).content.decode()
    urls = cover_urls(page, campaign.slug)
    assert urls
    sized = client.get(urls[0])
    assert sized.status_code == 200
    assert Image.open(io.BytesIO(body(sized))).width in {480, 800, 1200}
    assert keys(s3, BUCKET, f"public/covers/sizes/{campaign.pk}/")


def test_a_replaced_cover_gets_a_new_object_and_new_urls_and_a_deleted_one_is_gone(client, s3):
    owner = UserFactory()
    client.force_login(owner)
    client.post("/galang-dana/baru/", {**form_data(), "cover": jpeg()})
    campaign = Campaign.objects.get()
    first = campaign.cover.name
    first_urls = cover_urls(client.get(campaign.get_absolute_url()).content.decode(), campaign.slug)

    edit = f"/galang-dana/{campaign.slug}/ubah/"
    replaced = client.post(edit, {**form_data(), "cover": jpeg(1200, 675, "PNG")})
    assert replaced.status_code == 302
    campaign.refresh_from_db()
    assert campaign.cover.name != first  # a second cover.jpg never overwrites the first
    assert f"public/{campaign.cover.name}" in keys(s3, BUCKET, "public/covers/")
    new_urls = cover_urls(client.get(campaign.get_absolute_url()).content.decode(), campaign.slug)
    assert new_urls
    assert set(new_urls).isdisjoint(first_urls)
    assert client.get(new_urls[0]).status_code == 200

    name = campaign.cover.name
    campaign.cover.delete()
    assert f"public/{name}" not in keys(s3, BUCKET)
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(new_urls[0]).status_code == 404


def test_the_open_graph_card_is_drawn_from_the_cover_in_the_bucket(client, s3):
    client.force_login(UserFactory())
    client.post("/galang-dana/baru/", {**form_data(), "cover": jpeg()})
    campaign = Campaign.objects.get()
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.PUBLISHED)
    client.logout()
    card = client.get(f"/kampanye/{campaign.slug}/og.jpg")
    assert card.status_code == 200
    assert card.content[:2] == b"\xff\xd8"


def test_receipts_of_use_photo_and_pdf_are_stored_and_served(client, s3, paid):  # noqa: F811
    slug = paid.campaign.slug
    client.force_login(paid.campaign.owner)
    report = client.post(
        f"/galang-dana/{slug}/pencairan/{paid.pk}/laporan/",
        {
            "text": "Dana dipakai untuk biaya operasi sesuai nota terlampir.",
            "receipts": [jpeg(), pdf()],
        },
    )
    assert report.status_code == 302
    client.logout()
    receipts = paid.usage_report.receipts.order_by("pk")
    assert sorted(f"public/{r.file.name}" for r in receipts) == keys(s3, BUCKET, "public/receipts/")
    photo_receipt, pdf_receipt = receipts
    served_pdf = client.get(pdf_receipt.file.url)
    assert served_pdf.status_code == 200
    assert served_pdf["Content-Type"] == "application/pdf"
    assert body(served_pdf).startswith(b"%PDF")
    thumb_url = f"/kampanye/{slug}/bukti/{photo_receipt.pk}-kecil.jpg"
    assert thumb_url in client.get(paid.campaign.get_absolute_url()).content.decode()
    thumb = client.get(thumb_url)
    assert thumb.status_code == 200
    assert Image.open(io.BytesIO(body(thumb))).width == 240
    assert keys(s3, BUCKET, "public/receipts/thumbs/")


def test_kyc_documents_are_private_in_the_bucket_and_only_moderators_see_them(
    client, s3, moderator
):
    user = UserFactory()
    client.force_login(user)
    sent = client.post(
        "/verifikasi/",
        {
            "ktp_photo": photo("ktp.jpg"),
            "selfie_photo": photo("selfie.jpg"),
            "phone": "0812 3456 7890",
        },
    )
    assert sent.status_code == 302
    v = CampaignerVerification.objects.get(user=user)
    stored = keys(s3, s3.private_bucket, "private/kyc/")
    assert stored == sorted([f"private/{v.ktp_photo.name}", f"private/{v.selfie_photo.name}"])
    assert not keys(s3, BUCKET, "public/kyc/")
    with pytest.raises(ValueError, match="no URL"):
        _ = v.ktp_photo.url

    anonymous = requests.get(f"{s3.endpoint}/{s3.private_bucket}/{stored[0]}", timeout=5)
    assert anonymous.status_code == 403
    # The refusal is the object's privacy: one the operator made public-read would be served.
    s3.put_object(Bucket=s3.private_bucket, Key="control", Body=b"x", ACL="public-read")
    assert requests.get(f"{s3.endpoint}/{s3.private_bucket}/control", timeout=5).status_code == 200
    assert client.get(f"/media/../private/{v.ktp_photo.name}").status_code == 404
    assert client.get(f"/media/%2E%2E/private/{v.ktp_photo.name}").status_code == 404

    document = f"/staf/verifikasi/{v.pk}/ktp"
    assert client.get(document).status_code == 403  # not even the owner
    client.force_login(moderator)
    response = client.get(document)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert body(response)[:2] == b"\xff\xd8"


def test_on_disk_media_serves_public_uploads_only(client, settings):
    client.force_login(UserFactory())
    client.post("/galang-dana/baru/", {**form_data(), "cover": jpeg()})
    cover = Campaign.objects.get().cover
    served = client.get(cover.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "public, max-age=86400"
    assert body(served) == (Path(settings.MEDIA_ROOT) / cover.name).read_bytes()
    user = UserFactory()
    client.force_login(user)
    client.post(
        "/verifikasi/",
        {"ktp_photo": photo("ktp.jpg"), "selfie_photo": photo("s.jpg"), "phone": "0812 3456 7890"},
    )
    ktp = CampaignerVerification.objects.get(user=user).ktp_photo.name
    for missing in ["covers/", "covers/2020/01/none.jpg", f"../private/{ktp}", "/etc/hostname"]:
        assert client.get(f"/media/{missing}").status_code == 404, missing
