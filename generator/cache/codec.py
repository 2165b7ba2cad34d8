"""Frozen dataclasses of :mod:`generator.model` ⇄ plain JSON values, type-checked both ways.

In: a value whose type is a frozen dataclass, tuple, frozenset, dict with text keys, ``X | None``,
``Literal``, ``str``, ``int``, ``bool``, ``datetime.date`` or a compiled pattern (and any nesting of
these). Out: lists (a frozenset's sorted, so that equal sets give equal entries), dicts,
strings, numbers and ``None``; :func:`decode` rebuilds the value from its type's annotations
and raises :class:`BadEntry` at the first field of the wrong shape, so a corrupted or foreign
cache entry is refused rather than trusted. Nothing is ever evaluated or imported from an
entry (unlike pickle, which runs code).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
import types
import typing
from collections.abc import Callable
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
    if isinstance(value, frozenset):
        return [encode(item) for item in sorted(value, key=lambda item: (type(item).__name__,
                                                                         item))]
    if isinstance(value, dict):
        return {str(name): encode(item) for name, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, re.Pattern):
        # A registry's chrome patterns, as vetted by generator.patterns when first loaded.
        return [value.pattern, value.flags]
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value  # JSON writes the shortest repr, which reads back to the same float
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


def decode(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that :func:`encode` turned into ``data``; raises
    :class:`BadEntry` when ``data`` cannot be one."""
    return _decoder(kind)(data)


@functools.cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """A function checking and rebuilding values of ``kind`` (made once per type: entries
    hold thousands of values of a few types)."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        optional = len(options) < len(typing.get_args(kind))
        decoders = [_decoder(option) for option in options]

        def union(data: Any) -> Any:
            if data is None and optional:
                return None
            for decoder in decoders:
                try:
                    return decoder(data)
                except BadEntry:
                    continue
            raise BadEntry(f"{data!r:.60} is none of {kind}")
        return union
    if origin is Literal:
        allowed = typing.get_args(kind)

        def literal(data: Any) -> Any:
            if type(data) is bool or data not in allowed:
                raise BadEntry(f"{data!r:.60} is not one of {allowed}")
            return data
        return literal
    if origin is tuple:
        return _tuple_decoder(typing.get_args(kind))
    if origin is frozenset:
        return _frozenset_decoder(typing.get_args(kind)[0])
    if origin is dict:
        return _dict_decoder(*typing.get_args(kind))
    if origin is re.Pattern or kind is re.Pattern:
        return _pattern
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    if kind is dt.date:
        return _date
    if kind is float:
        def number(data: Any) -> float:
            if type(data) not in (int, float):
                raise BadEntry(f"{data!r:.60} is not a number")
            return float(data)
        return number
    if kind in (bool, int, str):
        def plain(data: Any) -> Any:
            if type(data) is not kind:
                raise BadEntry(f"{data!r:.60} is not a {kind.__name__}")
            return data
        return plain
    raise BadEntry(f"no way to read a {kind}")


def _tuple_decoder(arguments: tuple) -> Callable[[Any], Any]:
    if arguments == (str, Ellipsis):
        def texts(data: Any) -> tuple:
            if type(data) is not list or not all(type(value) is str for value in data):
                raise BadEntry("expected a list of texts")
            return tuple(data)
        return texts
    if len(arguments) == 2 and arguments[1] is Ellipsis:
        item = _decoder(arguments[0])

        def repeated(data: Any) -> tuple:
            if type(data) is not list:
                raise BadEntry(f"expected a list, found {type(data).__name__}")
            return tuple(item(value) for value in data)
        return repeated
    decoders = [_decoder(argument) for argument in arguments]

    def fixed(data: Any) -> tuple:
        if type(data) is not list or len(data) != len(decoders):
            raise BadEntry(f"expected a list of {len(decoders)} items")
        return tuple(decoder(value) for decoder, value in zip(decoders, data, strict=True))
    return fixed


def _frozenset_decoder(kind: Any) -> Callable[[Any], Any]:
    if kind is str:
        def texts(data: Any) -> frozenset:
            if type(data) is not list or not all(type(value) is str for value in data):
                raise BadEntry("expected a list of texts")
            return frozenset(data)
        return texts
    item = _decoder(kind)

    def members(data: Any) -> frozenset:
        if type(data) is not list:
            raise BadEntry(f"expected a list, found {type(data).__name__}")
        return frozenset(item(value) for value in data)
    return members


def _dict_decoder(key: Any, value: Any) -> Callable[[Any], Any]:
    if key is not str:
        raise BadEntry(f"no way to read a dict with keys of {key}")
    if value is str:
        def texts(data: Any) -> dict:
            if type(data) is not dict or not all(type(item) is str for item in data.values()):
                raise BadEntry("expected a mapping of texts")
            return data
        return texts
    item = _decoder(value)

    def mapping(data: Any) -> dict:
        if type(data) is not dict:
            raise BadEntry(f"expected a mapping, found {type(data).__name__}")
        return {name: item(entry) for name, entry in data.items()}
    return mapping


def _dataclass_decoder(cls: type) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls)
    names = [item.name for item in dataclasses.fields(cls)]
    expected = set(names)
    decoders: list[tuple[str, Callable[[Any], Any]]] = []

    # Every field checked and set, without the generated __init__ (which would set them
    # one by one through object.__setattr__, a frozen class's way): a warm run rebuilds
    # tens of thousands of these. Only for plain dataclasses, as the pipeline's are.
    plain = not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__") and all(
        item.init for item in dataclasses.fields(cls))

    def instance(data: Any) -> Any:
        if type(data) is not dict or data.keys() != expected:
            raise BadEntry(f"expected the fields of {cls.__name__}")
        if not decoders:  # filled on first use: a field's type may be this class again
            decoders.extend((name, _decoder(hints[name])) for name in names)
        values = {name: decoder(data[name]) for name, decoder in decoders}
        if not plain:
            return cls(**values)
        made = object.__new__(cls)
        made.__dict__.update(values)
        return made
    return instance


def _pattern(data: Any) -> re.Pattern[str]:
    if type(data) is not list or len(data) != 2 or type(data[0]) is not str or \
            type(data[1]) is not int:
        raise BadEntry("a pattern must be written as [source, flags]")
    try:
        return re.compile(data[0], data[1])
    except (re.error, ValueError, RecursionError, OverflowError):
        raise BadEntry("the pattern does not compile") from None


def _date(data: Any) -> dt.date:
    if type(data) is not str:
        raise BadEntry("a date must be written as text")
    try:
        return dt.date.fromisoformat(data)
    except ValueError:
        raise BadEntry(f"{data!r:.60} is not a date") from None
