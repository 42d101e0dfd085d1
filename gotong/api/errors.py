"""The API's error answers: one shape for every error, `{"code", "detail", "errors"}`.

`code` is a fixed English word a client may branch on (`invalid`, `not_found`, …); `detail`
says what went wrong in words, and `errors` maps each field to its messages (422 only). The
words are Indonesian, or English when the request asks for it (`Accept-Language: en`): every
operation runs in that language (`in_request_language`), so the handlers' messages, the
services' and those made here for django-ninja's own checks (pydantic's, translated by error
type) come out in it, and the answer says which (`Content-Language`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from gotong.api.tokens import TokenReadOnly, TokenUnknown
from gotong.core.ratelimit import rate_limit_wait


class ErrorCode(enum.StrEnum):
    INVALID = "invalid"  # 422: see `errors`
    BAD_REQUEST = "bad_request"  # 400: the body could not be read
    UNAUTHENTICATED = "unauthenticated"  # 401
    FORBIDDEN = "forbidden"  # 403
    MFA_REQUIRED = "mfa_required"  # 403: staff without a second factor (decision 30)
    CSRF_FAILED = "csrf_failed"  # 403: signed in with the session cookie, no CSRF token
    NOT_FOUND = "not_found"  # 404
    METHOD_NOT_ALLOWED = "method_not_allowed"  # 405: `Allow` names the methods there are
    TOO_MANY_REQUESTS = "too_many_requests"  # 429
    GATEWAY_UNAVAILABLE = "gateway_unavailable"  # 502
    ERROR = "error"  # anything else


def request_language(request: HttpRequest) -> str:
    """The language of the API's words for `request`: English when its Accept-Language (or
    the site's language cookie) prefers it, else Indonesian. API addresses have no language
    prefix, so the header decides here, unlike on people's pages."""
    return translation.get_language_from_request(request)


def in_request_language(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run an operation (its checks, handler and error answers) in the request's language."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = request_language(request)
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper


def error_body(
    code: ErrorCode, detail: str, errors: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    return {"code": code.value, "detail": detail, "errors": errors or {}}


class NotFound(Http404):
    """Http404 with the words to answer (`raise NotFound(_("Kampanye tidak ditemukan."))`)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


# pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/), in words;
# %(name)s takes the error's context. Any other type: "Nilai tidak valid."
FIELD_MESSAGES = {
    "missing": gettext_lazy("Wajib diisi."),
    "int_parsing": gettext_lazy("Harus bilangan bulat."),
    "int_type": gettext_lazy("Harus bilangan bulat."),
    "int_from_float": gettext_lazy("Harus bilangan bulat."),
    "float_parsing": gettext_lazy("Harus angka."),
    "float_type": gettext_lazy("Harus angka."),
    "bool_parsing": gettext_lazy("Harus true atau false."),
    "bool_type": gettext_lazy("Harus true atau false."),
    "string_type": gettext_lazy("Harus teks."),
    "string_too_short": gettext_lazy("Paling sedikit %(min_length)s karakter."),
    "string_too_long": gettext_lazy("Paling banyak %(max_length)s karakter."),
    "string_pattern_mismatch": gettext_lazy("Formatnya tidak sesuai."),
    "enum": gettext_lazy("Harus salah satu dari: %(expected)s."),
    "literal_error": gettext_lazy("Harus salah satu dari: %(expected)s."),
    "greater_than": gettext_lazy("Harus lebih dari %(gt)s."),
    "greater_than_equal": gettext_lazy("Paling kecil %(ge)s."),
    "less_than": gettext_lazy("Harus kurang dari %(lt)s."),
    "less_than_equal": gettext_lazy("Paling besar %(le)s."),
    "date_parsing": gettext_lazy("Harus tanggal dengan format YYYY-MM-DD."),
    "date_type": gettext_lazy("Harus tanggal dengan format YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Harus tanggal dengan format YYYY-MM-DD."),
    "datetime_parsing": gettext_lazy("Harus waktu dengan format ISO 8601."),
    "datetime_type": gettext_lazy("Harus waktu dengan format ISO 8601."),
    "json_invalid": gettext_lazy("Bukan JSON yang sah."),
    "model_attributes_type": gettext_lazy("Harus objek JSON."),
    "model_type": gettext_lazy("Harus objek JSON."),
    "dict_type": gettext_lazy("Harus objek JSON."),
    "list_type": gettext_lazy("Harus daftar."),
    "too_long": gettext_lazy("Paling banyak %(max_length)s butir."),
}


def field_message(error: dict[str, Any]) -> str:
    """One validation error in words. Errors the handlers raise carry only `msg`, already in
    the request's language; pydantic's carry a `type`, whose English `msg` is not used."""
    kind = error.get("type")
    if kind is None:
        return str(error.get("msg") or _("Nilai tidak valid."))
    template = FIELD_MESSAGES.get(kind)
    if template is None:
        return _("Nilai tidak valid.")
    context = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    if "expected" in context:  # pydantic's "'a', 'b' or 'c'"
        context["expected"] = context["expected"].replace(" or ", ", ")
    try:
        return str(template) % context
    except (KeyError, ValueError):
        return _("Nilai tidak valid.")


def invalid(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    """422 for the schema's checks and the handlers' own (ninja's ValidationError with the
    field as `loc`)."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [
            str(part)
            for part in error.get("loc", [])
            if part not in ("body", "payload", "query", "path")
        ]
        errors.setdefault(".".join(loc) or "__all__", []).append(field_message(error))
    body = error_body(ErrorCode.INVALID, _("Data tidak valid."), errors)
    return api.create_response(request, body, status=422)


def not_found(request: HttpRequest, exc: Http404, api: NinjaAPI) -> HttpResponse:
    detail = exc.detail if isinstance(exc, NotFound) else _("Tidak ditemukan.")
    return api.create_response(request, error_body(ErrorCode.NOT_FOUND, detail), status=404)


def http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    """ninja's own HTTP errors, whose messages are English: told again in the request's words."""
    if isinstance(exc, TokenUnknown):
        code, detail = ErrorCode.UNAUTHENTICATED, _("Token API tidak dikenal atau sudah dicabut.")
    elif isinstance(exc, TokenReadOnly):
        code, detail = ErrorCode.FORBIDDEN, _("Token ini hanya untuk membaca (cakupan read).")
    elif isinstance(exc, AuthenticationError):
        code, detail = ErrorCode.UNAUTHENTICATED, _("Masuk terlebih dahulu.")
    elif isinstance(exc, Throttled):
        code, detail = ErrorCode.TOO_MANY_REQUESTS, _("Terlalu banyak permintaan. Coba lagi nanti.")
    elif exc.status_code == 400:
        code, detail = (
            ErrorCode.BAD_REQUEST,
            _("Isi permintaan tidak dapat dibaca (JSON tidak sah)."),
        )
    elif exc.status_code == 403 and exc.message == "CSRF check Failed":
        code, detail = ErrorCode.CSRF_FAILED, _("Token CSRF tidak ada atau tidak cocok.")
    elif exc.status_code == 403:
        code, detail = ErrorCode.FORBIDDEN, _("Tidak diizinkan.")
    else:
        code, detail = ErrorCode.ERROR, str(exc)
    response = api.create_response(request, error_body(code, detail), status=exc.status_code)
    if isinstance(exc, Throttled) and exc.wait:
        response.headers["Retry-After"] = str(exc.wait)
    return response


def rate_limit_check(request: HttpRequest, scope: str) -> None:
    """Count one write of `scope` (gotong/core/ratelimit.py); over the limit, a 429."""
    wait = rate_limit_wait(request=request, scope=scope)
    if wait:
        raise Throttled(wait)


def unknown_address(request: HttpRequest, rest: str = "") -> HttpResponse:
    """404 for an address under the API that no operation has."""
    language = request_language(request)
    with translation.override(language):
        body = error_body(ErrorCode.NOT_FOUND, _("Alamat API ini tidak ada."))
    response = JsonResponse(body, status=404)
    response.headers["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    return response


def method_not_allowed_as_json(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap one of django-ninja's address views, whose answer to a method it has no operation
    for is a plain-text 405: the same 405, `Allow` header kept, in the one error shape."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        language = request_language(request)
        with translation.override(language):
            body = error_body(
                ErrorCode.METHOD_NOT_ALLOWED,
                _("Metode %(method)s tidak tersedia di alamat ini.") % {"method": request.method},
            )
        answer = JsonResponse(body, status=405)
        answer.headers["Allow"] = response.headers.get("Allow", "")
        answer.headers["Content-Language"] = language
        patch_vary_headers(answer, ["Accept-Language"])
        return answer

    return wrapper


def errors_install(api: NinjaAPI) -> None:
    """Answer every error of `api` in the one shape, in the request's language."""
    api.add_decorator(in_request_language, mode="view")
    api.add_exception_handler(ValidationError, partial(invalid, api=api))
    api.add_exception_handler(Http404, partial(not_found, api=api))
    api.add_exception_handler(HttpError, partial(http_error, api=api))
