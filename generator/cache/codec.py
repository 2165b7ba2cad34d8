"""Frozen dataclasses of :mod:`generator.model` ⇄ plain JSON values, type-checked both ways.

In: a value whose type is a frozen dataclass, tuple, ``X | None``, ``Literal``, ``str``,
``int``, ``bool`` or ``datetime.date`` (and any nesting of these). Out: lists, dicts,
strings, numbers and ``None``; :func:`decode` rebuilds the value from its type's annotations
and raises :class:`BadEntry` at the first field of the wrong shape, so a corrupted or foreign
cache entry is refused rather than trusted. Nothing is ever evaluated or imported from an
entry (unlike pickle, which runs code).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import types
import typing
from typing import Any, Literal, Union


class BadEntry(Exception):
    """A stored value does not have the shape its type requires."""


def encode(value: Any) -> Any:
    """``value`` as JSON data: dataclasses become dicts of their fields, tuples lists,
    dates ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: encode(getattr(value, item.name))
                for item in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(name): encode(item) for name, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, re.Pattern):
        # Written for digests only (a registry's chrome patterns); never read back.
        return [value.pattern, value.flags]
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((item.name, hints[item.name]) for item in dataclasses.fields(cls))


def decode(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that :func:`encode` turned into ``data``; raises
    :class:`BadEntry` when ``data`` cannot be one."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        for option in options:
            if option is type(None):
                continue
            try:
                return decode(option, data)
            except BadEntry:
                continue
        raise BadEntry(f"{data!r:.60} is none of {kind}")
    if origin is Literal:
        if data not in typing.get_args(kind) or type(data) is bool:
            raise BadEntry(f"{data!r:.60} is not one of {typing.get_args(kind)}")
        return data
    if origin is tuple:
        arguments = typing.get_args(kind)
        if not isinstance(data, list):
            raise BadEntry(f"expected a list, found {type(data).__name__}")
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(decode(arguments[0], item) for item in data)
        if len(arguments) != len(data):
            raise BadEntry(f"expected {len(arguments)} items, found {len(data)}")
        return tuple(decode(argument, item) for argument, item in zip(arguments, data,
                                                                      strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise BadEntry(f"expected a mapping for {kind.__name__}")
        fields = _fields(kind)
        if set(data) != {name for name, _hint in fields}:
            raise BadEntry(f"wrong fields for {kind.__name__}")
        return kind(**{name: decode(hint, data[name]) for name, hint in fields})
    if kind is dt.date:
        if not isinstance(data, str):
            raise BadEntry("a date must be written as text")
        try:
            return dt.date.fromisoformat(data)
        except ValueError:
            raise BadEntry(f"{data!r:.60} is not a date") from None
    if kind is bool:
        if type(data) is not bool:
            raise BadEntry(f"{data!r:.60} is not true or false")
        return data
    if kind is int:
        if type(data) is not int:
            raise BadEntry(f"{data!r:.60} is not a whole number")
        return data
    if kind is str:
        if not isinstance(data, str):
            raise BadEntry(f"{data!r:.60} is not text")
        return data
    raise BadEntry(f"no way to read a {kind}")
