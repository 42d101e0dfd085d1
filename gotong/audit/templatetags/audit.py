from __future__ import annotations

from django import template

from gotong.audit.labels import action_label

register = template.Library()


@register.filter
def audit_label(action: str) -> str:
    return action_label(action)
