"""Read replicas: which database a query goes to (decision 28).

Every query goes to the primary (`default`) unless it is a read made inside a *public read
scope* (`public_reads()`, opened by `gotong.core.replica_reads.ReplicaMiddleware` for the public
pages' GETs) and outside any transaction on the primary. Even then, sessions and accounts stay
on the primary: who is signed in and with which rights is never read from a copy that may lag.
Once anything in a scope writes to the primary, the rest of the scope reads the primary. One
scope reads one replica, chosen when it opens, so a page never mixes two replicas' pasts.
A replica that cannot be reached when a scope opens is left out for
`DATABASE_REPLICA_RETRY_SECONDS` (in this process) and the scope reads another, or the primary.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction

logger = logging.getLogger(__name__)

# Apps whose rows decide who someone is and what they may do: always read on the primary.
PRIMARY_APPS = frozenset({"sessions", "accounts", "auth", "account", "socialaccount"})


@dataclass
class _Scope:
    alias: str | None
    wrote: bool = False


_scope: ContextVar[_Scope | None] = ContextVar("gotong_public_reads", default=None)


def replica_aliases() -> list[str]:
    """The configured replicas' database aliases (`replica1`, …); empty without replicas."""
    return list(settings.DATABASE_REPLICAS)


# alias -> time.monotonic() until which this process leaves the replica out
_down_until: dict[str, float] = {}


def _reachable_replica(aliases: list[str]) -> str | None:
    """A replica this process can connect to now, at random; None when none can be reached
    (the scope then reads the primary). One that fails is left out for a while, so only one
    request per process and period waits for its connect timeout."""
    now = time.monotonic()
    candidates = [alias for alias in aliases if _down_until.get(alias, 0.0) <= now]
    random.shuffle(candidates)  # spreads the load; nothing secret depends on it
    for alias in candidates:
        try:
            connections[alias].ensure_connection()
        except DatabaseError as error:
            _down_until[alias] = now + settings.DATABASE_REPLICA_RETRY_SECONDS
            logger.warning("replica %s unreachable, reading the primary: %s", alias, error)
            continue
        return alias
    return None


def _watch(scope: _Scope, execute: Callable[..., Any], sql: object, *args: Any) -> Any:
    # Anything but a plain SELECT on the primary (an INSERT, an UPDATE, a raw statement) may
    # have written: what follows in the scope, after-commit work included, reads the primary.
    if not (isinstance(sql, str) and sql.lstrip()[:6].upper() == "SELECT"):
        scope.wrote = True
    return execute(sql, *args)


@contextmanager
def public_reads() -> Iterator[str | None]:
    """Let the reads made inside go to one replica (yields its alias, or None without one),
    until something inside writes to the primary."""
    scope = _Scope(alias=_reachable_replica(replica_aliases()))
    token = _scope.set(scope)
    try:
        with connections[DEFAULT_DB_ALIAS].execute_wrapper(partial(_watch, scope)):
            yield scope.alias
    finally:
        _scope.reset(token)


class ReplicaRouter:
    """Writes, migrations and every read outside a public read scope use `default`.

    The router always names a database: were it to answer None, Django would read a related
    object on the database its instance came from, and an instance read on a replica would
    then pull its relations from the replica inside a later transaction.
    """

    def db_for_read(self, model: type[models.Model], **hints: Any) -> str:
        scope = _scope.get()
        if scope is None or scope.alias is None or scope.wrote:
            return DEFAULT_DB_ALIAS
        if model._meta.app_label in PRIMARY_APPS:
            return DEFAULT_DB_ALIAS
        if transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return DEFAULT_DB_ALIAS
        return scope.alias

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool:
        # Replicas hold the same rows as the primary: an object read on one may point at one
        # read on the other.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
