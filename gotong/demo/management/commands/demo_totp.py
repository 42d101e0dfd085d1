from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gotong.demo.services import STAFF_EMAIL, demo_totp_code


class Command(BaseCommand):
    help = f"Print the current sign-in code of the demo staff account ({STAFF_EMAIL})."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(demo_totp_code())
