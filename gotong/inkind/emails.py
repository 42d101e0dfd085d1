"""The emails of a pledge, each sent once after the move that causes it: a new pledge to the
side that answers, an acceptance to the side that proposed, a delivery to the recipient with
a link that confirms receipt. No phone number or address is in them: those stay on the
pledge's page, for the two people, audited."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from gotong.core.delivery import delivery_send
from gotong.inkind.models import Pledge, PledgeEmail, PledgeEmailKind, ProposedBy

CONFIRM_SALT = "gotong.inkind.confirm-link"
CONFIRM_MAX_AGE = 30 * 24 * 3600


def confirm_token(pledge: Pledge) -> str:
    """A link token that confirms this delivery for its recipient, bound to the acceptance."""
    assert pledge.accepted_at is not None
    return signing.dumps([pledge.pk, pledge.accepted_at.isoformat()], salt=CONFIRM_SALT)


def confirm_token_valid(pledge: Pledge, token: str) -> bool:
    try:
        pk, accepted = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return False
    return (
        pledge.accepted_at is not None
        and pk == pledge.pk
        and accepted == pledge.accepted_at.isoformat()
    )


def _addressee(pledge: Pledge, kind: str) -> str:
    poster = pledge.line.need.poster
    if kind == PledgeEmailKind.PROPOSED:
        answers = poster if pledge.proposed_by == ProposedBy.HELPER else pledge.helper
        return answers.email
    if kind == PledgeEmailKind.ACCEPTED:
        proposed = pledge.helper if pledge.proposed_by == ProposedBy.HELPER else poster
        return proposed.email
    return poster.email


def pledge_email_send(*, pledge_id: int, kind: str) -> bool:
    """Send the `kind` email of a pledge once; True when this call sent it."""
    pledge = Pledge.objects.select_related("line__need__poster", "helper").get(pk=pledge_id)
    to = _addressee(pledge, kind)
    claim, _created = PledgeEmail.objects.get_or_create(
        pledge=pledge, kind=kind, defaults={"email": to}
    )
    base = settings.PUBLIC_BASE_URL
    context = {
        "pledge": pledge,
        "need": pledge.line.need,
        "pledge_url": base + reverse("inkind:pledge-detail", args=[pledge.pk]),
        "confirm_url": base
        + reverse("inkind:pledge-confirm-link", args=[pledge.pk, confirm_token(pledge)])
        if kind == PledgeEmailKind.DELIVERED
        else "",
    }
    message = EmailMessage(
        subject=render_to_string(f"emails/pledge_{kind}_subject.txt", context).strip(),
        body=render_to_string(f"emails/pledge_{kind}.txt", context),
        to=[to],
    )
    return delivery_send(model=PledgeEmail, pk=claim.pk, message=message)


@task()
def send_pledge_email(pledge_id: int, kind: str) -> bool:
    """The email a pledge's move causes, once; queued after the move commits."""
    return pledge_email_send(pledge_id=pledge_id, kind=kind)


def pledge_email_queue(*, pledge: Pledge, kind: str) -> None:
    """In the transaction of the move: queue its email for after the commit."""
    transaction.on_commit(
        partial(send_pledge_email.enqueue, pledge_id=pledge.pk, kind=kind), robust=True
    )
