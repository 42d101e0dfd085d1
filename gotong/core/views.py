"""The site's identity at fixed root addresses: `/favicon.ico` (browsers and crawlers ask for it
without reading any page) and the web app manifest. The files themselves are static
(static/gotong/brand/, docs/design.md). And `/media/`: public uploads, streamed from the
default storage, on disk or in a bucket (gotong/core/storage.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

BRAND_DIR = Path(__file__).resolve().parent / "static" / "gotong" / "brand"
THEME_COLOUR = "#0b7a5a"
BACKGROUND_COLOUR = "#f6f8f7"
MAX_AGE = 24 * 3600


@cache
def _favicon_bytes() -> bytes:
    return (BRAND_DIR / "favicon.ico").read_bytes()


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_favicon_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@require_safe
def web_manifest(request: HttpRequest) -> JsonResponse:
    icons = [
        {"src": static("gotong/brand/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        {"src": static("gotong/brand/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("gotong/brand/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("gotong/brand/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    manifest = {
        "name": _("Gotong — galang dana transparan"),
        "short_name": "Gotong",
        "description": _("Galang dana dan saling bantu, transparan sampai rupiah terakhir."),
        "lang": "id",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }
    response = JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@require_safe
def media_file(request: HttpRequest, path: str) -> FileResponse:
    """A public upload. Stored names are never reused (a new cover gets a new name), so a day
    of caching is safe; identity documents are in another storage and unreachable here."""
    try:
        handle = default_storage.open(path, "rb")
    except (OSError, SuspiciousOperation) as exc:  # missing, a folder, or outside the storage
        raise Http404 from exc
    response = FileResponse(handle)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
