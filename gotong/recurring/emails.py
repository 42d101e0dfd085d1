"""Plan emails: claimed in the transaction of their cause, sent once after commit through the
task queue (`core.delivery.delivery_send`), one per (plan, period, kind). Every one carries the
donor's signed plan link; reminders carry the period's one-tap payment link and a WhatsApp
link that sends it to the donor themselves."""

from __future__ import annotations

import datetime
from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from gotong.core.delivery import CLAIM_LEASE, delivery_send
from gotong.core.i18n import language_or_default
from gotong.notifications.emails import donor_email_build
from gotong.recurring.models import Plan, PlanEmail, PlanEmailKind
from gotong.recurring.tokens import pay_token_make, plan_key_make
from gotong.recurring.transitions import PAYABLE, RUNNING, PlanEvent, PlanStatus

REMINDERS = frozenset({PlanEmailKind.REMINDER, PlanEmailKind.REMINDER_AGAIN})


def plan_url(*, plan: Plan) -> str:
    with translation.override(language_or_default(plan.language)):
        path = reverse("recurring:plan", kwargs={"plan_id": plan.pk})
    return f"{settings.PUBLIC_BASE_URL}{path}?kunci={plan_key_make(plan_id=plan.pk)}"


def pay_url(*, plan: Plan, start: datetime.date) -> str:
    token = pay_token_make(plan_id=plan.pk, start=start)
    with translation.override(language_or_default(plan.language)):
        path = reverse("recurring:pay", kwargs={"token": token})
    return f"{settings.PUBLIC_BASE_URL}{path}"


def whatsapp_self_url(text: str) -> str:
    """wa.me without a number: the donor picks the chat (their own, "Message yourself")."""
    return f"https://wa.me/?text={quote(text, safe='')}"


def plan_email_build(*, plan: Plan, email: PlanEmail) -> EmailMultiAlternatives:
    context: dict[str, object] = {
        "plan": plan,
        "kind": email.kind,
        "period_start": email.period_start,
        "plan_url": plan_url(plan=plan),
    }
    if email.kind in REMINDERS:
        link = pay_url(plan=plan, start=email.period_start)
        with translation.override(language_or_default(plan.language)):
            text = _("Pengingat donasi rutin untuk “%(title)s”: %(url)s") % {
                "title": plan.campaign.title,
                "url": link,
            }
        context |= {"pay_url": link, "whatsapp_url": whatsapp_self_url(text)}
    if email.kind == PlanEmailKind.FAILED:
        failed = plan.moves.filter(event=PlanEvent.FAIL, applied=True).order_by("-pk").first()
        context["reason"] = failed.reason if failed is not None else ""
    return donor_email_build(
        template=f"plan_{email.kind}",
        to=email.email,
        campaign=plan.campaign,
        context=context,
        language=plan.language,
    )


def _still_due(plan: Plan, email: PlanEmail) -> bool:
    """A reminder is not sent for a period paid or skipped since its claim, nor for a plan
    paused or cancelled meanwhile; a notice only while the plan runs."""
    if email.kind == PlanEmailKind.STARTED:
        return True
    if email.kind == PlanEmailKind.FAILED:
        return plan.status == PlanStatus.PAUSED
    if plan.status not in RUNNING:
        return False
    if email.kind in REMINDERS:
        period = plan.periods.filter(start=email.period_start).first()
        return period is not None and period.status in PAYABLE
    return True


def plan_email_send(*, email_id: int) -> bool:
    email = PlanEmail.objects.get(pk=email_id)
    plan = Plan.objects.select_related("campaign").get(pk=email.plan_id)
    if email.sent_at is not None or not _still_due(plan, email):
        return False
    return delivery_send(
        model=PlanEmail, pk=email.pk, message=plan_email_build(plan=plan, email=email)
    )


@task()
def send_plan_email(email_id: int) -> bool:
    return plan_email_send(email_id=email_id)


def plan_email_queue(*, plan: Plan, period_start: datetime.date, kind: str) -> bool:
    """In the transaction of its cause: claim the email and queue its send after commit. A claim
    already made is queued again only while unsent and older than `CLAIM_LEASE` (its task was
    lost); two schedulers make one claim (the unique constraint) and one email."""
    email, created = PlanEmail.objects.get_or_create(
        plan=plan, period_start=period_start, kind=kind, defaults={"email": plan.email}
    )
    if email.sent_at is not None:
        return False
    if not created and email.created_at > timezone.now() - CLAIM_LEASE:
        return False
    transaction.on_commit(partial(send_plan_email.enqueue, email_id=email.pk), robust=True)
    return True
