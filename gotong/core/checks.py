"""System checks that keep a misconfigured production instance from starting.

They are deploy checks: `manage.py check --deploy` runs them, and so does gunicorn before it
serves anything (deploy/gunicorn.conf.py), so a machine with DEBUG off and no collected static
files refuses to start instead of answering every page with a 500. They are not run by every
management command: `migrate` may come before `collectstatic` in a release."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import Error, register
from django.core.files.storage import storages

COLLECTSTATIC = "python manage.py collectstatic --noinput"


@register(deploy=True)
def static_manifest_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    """With DEBUG off, the hashed static files' manifest must exist: every page needs it."""
    if settings.DEBUG:
        return []
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.manifest_storage.exists(storage.manifest_name):
        return []
    return [
        Error(
            f"DEBUG is off and the static files manifest {storage.manifest_name} is missing "
            f"from STATIC_ROOT ({settings.STATIC_ROOT}): every page would answer 500.",
            hint=f"Run `{COLLECTSTATIC}` on this machine before starting the web server.",
            id="gotong.E001",
        )
    ]
