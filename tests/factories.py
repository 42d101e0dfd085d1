from __future__ import annotations

import datetime

import factory
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
    """A staff member holding `role` (moderator or finance). get_or_create: transactional tests
    flush the groups that the migration created."""
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user
