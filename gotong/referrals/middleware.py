from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gotong.referrals.attribution import REF_PARAM, referral_remember


class ReferralMiddleware:
    """Sets the `gotong_ref` cookie when a campaign page is opened through a fundraiser link.

    It acts on the response, after the view: a page served from the anonymous page cache gets
    the cookie too, and the page cache never stores it (the view's own response sets no cookie;
    the cache keys ignore `ref`). Only successful GETs count, never a 404 or a redirect.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        code = request.GET.get(REF_PARAM)
        if code and request.method in ("GET", "HEAD") and response.status_code == 200:
            referral_remember(request=request, response=response, code=code)
        return response
