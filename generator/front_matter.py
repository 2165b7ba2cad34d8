"""A page's header as YAML: a dict of plain values → the text ``yaml.dump`` writes for it, and
whether that text reads back as the same values.

In: a header dict as :mod:`generator.render` and :mod:`generator.pages` make them (strings,
numbers, booleans, None, dates, and lists and dicts of them). Out: YAML text, and a yes or no.
PyYAML's representer and constructor are pure Python and cost more than the rest of rendering
a page. For such values this module builds the representation tree itself — the very nodes
``SafeRepresenter`` makes, so libyaml's emitter writes the same bytes — and checks the text
read back against the values on the composed tree, as ``SafeConstructor`` would construct it.
Anything else (another type, an object met twice, which the dumper writes as an alias, a tag
or a key the check does not know) goes through ``yaml.dump`` and ``yaml.load`` themselves.
"""

from __future__ import annotations

import datetime as dt

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# libyaml's emitter and parser (shipped in PyYAML's wheels) are ten times faster than the
# pure-Python ones; both write the same YAML for the plain values used here.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
WIDTH = 10_000  # no value is ever folded onto a second line

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


def yaml_text(meta: dict) -> str:
    """``yaml.dump(meta)`` with the safe dumper, keys in their order, Unicode as is, and no
    line folded."""
    node = _node(meta, set())
    if node is None:
        return yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=WIDTH)
    return yaml.serialize(node, Dumper=_DUMPER, allow_unicode=True, width=WIDTH)


def reads_back(text: str, meta: dict) -> bool:
    """True when the safe loader reads ``text`` as a value equal to ``meta``."""
    return _holds(yaml.compose(text, Loader=_LOADER), meta) or \
        yaml.load(text, Loader=_LOADER) == meta


def _node(value: object, seen: set[int]) -> Node | None:
    """The node ``SafeRepresenter`` makes of ``value`` (block style, as ``yaml.dump`` has it);
    None for a value of another type, or for a date, list or dict met before: the
    representer would make the same node again, written as an anchor and an alias."""
    kind = type(value)
    if kind is str:
        return ScalarNode(_STR, value)
    if kind is bool:
        return ScalarNode(_BOOL, "true" if value else "false")
    if kind is int:
        return ScalarNode(_INT, str(value))
    if value is None:
        return ScalarNode(_NULL, "null")
    if kind not in (dt.date, list, dict) or id(value) in seen:
        return None
    seen.add(id(value))
    if isinstance(value, dt.date):
        return ScalarNode(_TIMESTAMP, value.isoformat())
    if isinstance(value, list):
        items = [_node(item, seen) for item in value]
        return None if None in items else SequenceNode(_SEQ, items, flow_style=False)
    assert isinstance(value, dict)
    pairs = []
    for key, item in value.items():
        pair = (_node(key, seen), _node(item, seen))
        if None in pair:
            return None
        pairs.append(pair)
    return MappingNode(_MAP, pairs, flow_style=False)


def _holds(node: Node | None, value: object) -> bool:
    """True when ``SafeConstructor`` makes of ``node`` a value equal to ``value``; False
    when it does not, or when this cannot tell (then the caller loads the text itself)."""
    kind = type(value)
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            return kind is str and node.value == value
        if node.tag == _INT and kind is int:
            # The constructor reads a plain decimal as int(): str(value) is one.
            return node.value == str(value)
        if node.tag in (_BOOL, _NULL, _TIMESTAMP) and kind in (bool, type(None), dt.date):
            return SafeConstructor().construct_object(node, deep=True) == value
        return False
    if isinstance(node, SequenceNode):
        return node.tag == _SEQ and kind is list and len(node.value) == len(value) and all(
            _holds(item, wanted) for item, wanted in zip(node.value, value, strict=True))
    if isinstance(node, MappingNode) and node.tag == _MAP and kind is dict:
        read: dict[str, Node] = {}
        for key, item in node.value:
            if not (isinstance(key, ScalarNode) and key.tag == _STR):
                return False  # a merge key, or a key of another type
            read[key.value] = item  # a repeated key: the last one counts, as in a load
        return all(type(key) is str for key in value) and read.keys() == value.keys() and all(
            _holds(item, value[key]) for key, item in read.items())
    return False
