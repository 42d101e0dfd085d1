"""A donor's own donations: a signed-in person's (given while signed in, or with an address
they verified), or one address's (by the emailed link). Newest first; never anyone else's."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.db.models.lookups import Exact, In

from gotong.accounts.models import User
from gotong.donations.models import Donation


def _donations() -> QuerySet[Donation]:
    return Donation.objects.select_related("campaign").order_by("-created_at", "-id")


def donations_of_user(*, user: User) -> QuerySet[Donation]:
    """Given by `user` while signed in, or to an address `user` has verified. An address the
    person only typed (unverified) is not theirs yet: it may be someone else's."""
    verified = [
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]
    # Lower(email) as the index donation_email_lower has it.
    return _donations().filter(Q(donor=user) | Q(In(Lower("email"), verified)))


def donations_of_email(*, email: str) -> QuerySet[Donation]:
    """Given with this address (any case), signed in or not."""
    return _donations().filter(Exact(Lower("email"), email.strip().lower()))
