"""Public, read-only JSON endpoints of the transparency log, modelled on RFC 6962 §4
(get-sth, get-entries, get-proof-by-hash, get-sth-consistency). docs/transparency.md"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import FileResponse, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from gotong.transparency import selectors
from gotong.transparency.models import TreeHead

MAX_ENTRIES = 1000
_NUMBER = re.compile(r"[0-9]{1,18}")  # ASCII digits only; 18 digits fit a signed 64-bit column


class BadRequest(Exception):
    pass


def _json_errors(view: Callable[[HttpRequest], JsonResponse]) -> Callable[..., JsonResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest) -> JsonResponse:
        try:
            return view(request)
        except BadRequest as exc:
            return JsonResponse({"error": str(exc)}, status=400)
        except selectors.LogCorrupted as exc:
            return JsonResponse({"error": f"the stored log is inconsistent: {exc}"}, status=500)

    return require_GET(wrapper)


def _number(request: HttpRequest, name: str) -> int:
    value = request.GET.get(name)
    if value is None or value == "":
        raise BadRequest(f"missing parameter `{name}` (a non-negative integer)")
    if not _NUMBER.fullmatch(value):
        raise BadRequest(f"parameter `{name}` must be a non-negative integer, got {value[:40]!r}")
    return int(value)


def _sealed(size: int) -> int:
    if size == 0:
        raise BadRequest("the log has no leaves yet")
    return size


def _head_json(head: TreeHead) -> dict[str, Any]:
    return {
        "tree_size": head.tree_size,
        "timestamp": head.timestamp,
        "root_hash": head.root_hash,
        "signature": head.signature,
        "public_key": head.public_key,
    }


@_json_errors
def head(request: HttpRequest) -> JsonResponse:
    latest = selectors.log_head_latest()
    if latest is None:
        return JsonResponse({"error": "the log has no signed tree head yet"}, status=404)
    return JsonResponse(_head_json(latest))


def _leaf_data(leaf: bytes) -> Any:
    try:
        return json.loads(leaf)
    except ValueError:
        return None


@_json_errors
def entries(request: HttpRequest) -> JsonResponse:
    """Leaves start..end inclusive; at most MAX_ENTRIES, fewer at the end of the log."""
    start, end = _number(request, "start"), _number(request, "end")
    if start > end:
        raise BadRequest("`start` must not be greater than `end`")
    size = _sealed(selectors.log_size())
    if start >= size:
        raise BadRequest(f"`start` must be below the tree size ({size})")
    end = min(end, size - 1, start + MAX_ENTRIES - 1)
    rows = selectors.log_leaves(start=start, end=end)
    return JsonResponse(
        {
            "entries": [
                {
                    "leaf_index": index,
                    "leaf": base64.b64encode(leaf).decode(),
                    "data": _leaf_data(leaf),
                }
                for index, leaf in rows
            ]
        }
    )


@_json_errors
def inclusion_proof(request: HttpRequest) -> JsonResponse:
    leaf_index, tree_size = _number(request, "leaf_index"), _number(request, "tree_size")
    size = _sealed(selectors.log_size())
    if not 0 < tree_size <= size:
        raise BadRequest(f"`tree_size` must be between 1 and the sealed tree size ({size})")
    if leaf_index >= tree_size:
        raise BadRequest("`leaf_index` must be below `tree_size`")
    path = selectors.log_inclusion_proof(leaf_index=leaf_index, tree_size=tree_size)
    return JsonResponse(
        {"leaf_index": leaf_index, "tree_size": tree_size, "audit_path": [h.hex() for h in path]}
    )


@_json_errors
def consistency_proof(request: HttpRequest) -> JsonResponse:
    first, second = _number(request, "first"), _number(request, "second")
    size = _sealed(selectors.log_size())
    if not 0 < first <= second:
        raise BadRequest("need 0 < `first` <= `second`")
    if second > size:
        raise BadRequest(f"`second` must not exceed the sealed tree size ({size})")
    proof = selectors.log_consistency_proof(first=first, second=second)
    return JsonResponse({"first": first, "second": second, "proof": [h.hex() for h in proof]})


@_json_errors
def delivery(request: HttpRequest) -> JsonResponse:
    """A confirmed delivery's leaf with its inclusion proof against the latest signed head (the
    shape of an e-kuitansi's `log`), for `verify_log.py --delivery`."""
    pledge_id = _number(request, "pledge_id")
    found = selectors.log_delivery_leaf(pledge_id=pledge_id)
    latest = selectors.log_head_latest()
    if found is None or latest is None or found[0] >= latest.tree_size:
        missing = f"pledge {pledge_id} has no delivery in the log: not confirmed, or not sealed"
        return JsonResponse({"error": missing}, status=404)
    leaf_index, leaf = found
    path = selectors.log_inclusion_proof(leaf_index=leaf_index, tree_size=latest.tree_size)
    return JsonResponse(
        {
            "pledge_id": pledge_id,
            "leaf_index": leaf_index,
            "leaf": base64.b64encode(leaf).decode(),
            "tree_head": _head_json(latest),
            "audit_path": [h.hex() for h in path],
        }
    )


@_json_errors
def info_history(request: HttpRequest) -> JsonResponse:
    """The sealed status changes of one help-information post: each leaf with its inclusion
    proof against the latest signed head, for `verify_log.py --info`, which compares them with
    the post's public history (`/api/v1/info/<id>`)."""
    post_id = _number(request, "post_id")
    latest = selectors.log_head_latest()
    if latest is None:
        return JsonResponse({"error": "the log has no signed head yet"}, status=404)
    leaves = selectors.log_info_leaves(post_id=post_id, below=latest.tree_size)
    return JsonResponse(
        {
            "post_id": post_id,
            "tree_head": _head_json(latest),
            "leaves": [
                {
                    "change_id": change_id,
                    "leaf_index": leaf_index,
                    "leaf": base64.b64encode(leaf).decode(),
                    "audit_path": [
                        h.hex()
                        for h in selectors.log_inclusion_proof(
                            leaf_index=leaf_index, tree_size=latest.tree_size
                        )
                    ],
                }
                for change_id, leaf_index, leaf in leaves
            ],
        }
    )


@require_GET
def verifier(request: HttpRequest) -> FileResponse:
    """`tools/verify_log.py` itself, the one file an outsider needs to check this log."""
    script = settings.BASE_DIR / "tools" / "verify_log.py"
    return FileResponse(
        script.open("rb"),
        as_attachment=True,
        filename="verify_log.py",
        content_type="text/x-python; charset=utf-8",
    )
