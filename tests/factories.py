from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import struct
import time

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign, CampaignStatus, Category
from gotong.core.markdown import render_markdown
from gotong.donations.models import Donation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"orang{n}@contoh.id")
    display_name = factory.Sequence(lambda n: f"Orang {n}")
    password = factory.PostGenerationMethodCall("set_password", "sandi-rahasia-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        """Staff get an authenticator app, as they must have one (decision 30); pass
        `mfa=False` for staff who have not enrolled yet."""
        if create and obj.is_staff and extracted is not False:
            totp_enrol(obj)


def totp_enrol(user: User) -> str:
    """Give `user` an authenticator app (allauth's TOTP); returns its base32 secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_step_wait(margin: float = 8.0) -> None:
    """Sleep into the next 30-second step when fewer than `margin` seconds are left of this one:
    allauth accepts the current step's code only (MFA_TOTP_TOLERANCE 0), and a slow machine
    may post a code computed at the end of a step in the next."""
    left = 30 - time.time() % 30
    if left < margin:
        time.sleep(left + 0.2)


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The current 6-digit code for `secret`, per RFC 6238 (HOTP of 30-second steps, SHA-1),
    computed here rather than by allauth so the sign-in is checked against the standard."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class CampaignFactory(factory.django.DjangoModelFactory):
    """A published campaign open for donations (status set directly: a fixture, not a flow)."""

    class Meta:
        model = Campaign

    slug = factory.Sequence(lambda n: f"kampanye-uji-{n}")
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Bantu warga desa nomor {n}")
    story = "Warga desa membutuhkan bantuan untuk memperbaiki jembatan yang rusak diterjang banjir."
    story_html = factory.LazyAttribute(lambda o: render_markdown(o.story))
    category = Category.KEMANUSIAAN
    beneficiary = "Warga desa"
    target = 50_000_000
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = CampaignStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class DonationFactory(factory.django.DjangoModelFactory):
    """A pending donation; settle it through the services, never by setting its status."""

    class Meta:
        model = Donation

    order_id = factory.Sequence(lambda n: f"GTG-TEST-{n:06d}")
    campaign = factory.SubFactory(CampaignFactory)
    amount = 50_000
    name = "Budi"
    email = "budi@contoh.id"


def staff_with_role(role: str, **kwargs) -> User:
    """A staff member holding `role` (moderator, finance or verifikator), with an authenticator
    app unless `mfa=False`. get_or_create: transactional tests flush the groups that the
    migration created."""
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user
