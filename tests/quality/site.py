"""A production-like Gotong for the quality tests: gunicorn with DEBUG off, static files
collected by whitenoise's compressed, cache-busting storage, the demo data on its own SQLite
file. Nothing of the test database or the live server is shared with it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# The pages a donor sees, found in the demo data: the most supported published campaign, a
# settled donation to it, an open need, a verified info post, the transparency page and the
# province of the most supported campaign that has a region (both with their charts).
PICK = """
import json
from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation
from gotong.info.models import InfoPost
from gotong.inkind.models import Need
campaign = Campaign.objects.filter(status="published").order_by("-donor_count").first()
donation = Donation.objects.filter(campaign=campaign, status="settled").order_by("pk").first()
need = Need.objects.filter(status="open").order_by("pk").first()
info = InfoPost.objects.filter(status="terverifikasi").order_by("pk").first()
placed = Campaign.objects.filter(status="published").exclude(region=None).order_by("-donor_count")
province = placed.first().region_id.split(".")[0] if placed.exists() else ""
print(json.dumps({
    "home": "/",
    "campaign": f"/kampanye/{campaign.slug}/",
    "donate": f"/kampanye/{campaign.slug}/donasi/",
    "thank-you": f"/donasi/{donation.order_id}/",
    "receipt": f"/kuitansi/{donation.order_id}/",
    "need": f"/kebutuhan/{need.pk}/",
    "info": f"/info/{info.pk}/",
    "transparency": "/transparansi/",
    "region": f"/wilayah/{province}/" if province else "/wilayah/",
}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Site:
    base: str
    pages: dict[str, str]  # name -> path
    server: subprocess.Popen

    def url(self, name: str) -> str:
        return self.base + self.pages[name]

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=10)


def site_start(var: Path) -> Site:
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{var / 'site.sqlite3'}",
        "GOTONG_VAR_DIR": str(var),
        "DEBUG": "false",
        "SECRET_KEY": "quality-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
    }

    def manage(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout

    manage("migrate", "--noinput")
    manage("seed_demo")
    manage("collectstatic", "--noinput")
    pages = json.loads(manage("shell", "-v", "0", "-c", PICK).strip().splitlines()[-1])
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    return Site(f"http://127.0.0.1:{port}", pages, server)
