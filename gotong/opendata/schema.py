"""What a dataset of the open data package is: its table schema's fields (Frictionless Table
Schema, descriptions in Indonesian and English), keys and rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


def field(name: str, type_: str, id_: str, en: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, "description": f"{id_} / {en}", **extra}


def refers(name: str, resource: str, to: str) -> dict[str, Any]:
    """A foreign key: `name` is a value of the field `to` of the dataset `resource`."""
    return {"fields": [name], "reference": {"resource": resource, "fields": [to]}}


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    fields: list[dict[str, Any]]
    primary_key: list[str]
    rows: Callable[[], Iterator[dict[str, Any]]]
    foreign_keys: tuple[dict[str, Any], ...] = ()
    description: str = ""
