"""Untrusted YAML text → one composed node tree, or a :class:`YamlError` with its line.

Used for article front-matter (``read.py``) and for the registries (``registry.py``); both
are written by contributors, so the reader is restricted where YAML is dangerous or
surprising:

- no tags (``!!python/object``, ``!!binary``, ``!custom``) and no anchors or aliases: each
  is refused at the parser event where it appears, before any node exists, so an alias
  bomb ("billion laughs") never expands;
- a key written twice in one mapping is an error at the second occurrence (PyYAML keeps
  the last value silently, which once dropped a whole registry);
- only ``true``/``false`` are booleans (``yes``, ``no``, ``on``, ``off`` stay text);
- nesting deeper than :data:`MAX_DEPTH` is refused, so nothing that walks the tree can
  run out of stack.

The result is PyYAML's node tree (``ScalarNode``, ``SequenceNode``, ``MappingNode``); no
Python values are constructed. Every node keeps ``start_mark.line``, so callers can name
the file line of any value without reading the file again. Scalars keep their text as
written, with the tag the strict resolver gives them (``…:str``, ``…:int``, ``…:bool``,
``…:null``, ``…:timestamp``, …); callers decide what each field accepts.

Events come from libyaml when PyYAML has it (six times faster on a large registry)
and from PyYAML's own parser otherwise; the composer here is a loop, not a recursion.
"""

from __future__ import annotations

import re

import yaml

MAX_DEPTH = 64

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class YamlError(Exception):
    """The text is not acceptable YAML; ``line`` is a file line (see :func:`compose`)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def printable(text: str) -> str:
    """``text`` with every character a terminal would not show as itself (controls, escape
    sequences, bidi overrides, zero-width characters) written as its Python escape, e.g.
    ``\\x1b`` or ``\\u202e``; letters of any script are kept."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


class _StrictResolver(yaml.resolver.Resolver):
    """YAML 1.1 resolution except that only true/false are booleans (``title: yes`` is text)."""


_StrictResolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_RESOLVER = _StrictResolver()
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Mapping:
    """A mapping being composed: its node, the line of each key so far, a pending key."""

    def __init__(self, node: yaml.MappingNode) -> None:
        self.node = node
        self.keys: dict[str, int] = {}
        self.key: yaml.Node | None = None


def _attach(stack: list[yaml.SequenceNode | _Mapping], node: yaml.Node,
            first_line: int) -> yaml.Node | None:
    """Put a finished ``node`` into the collection open on top of ``stack``; return it when
    it is the document's root."""
    if not stack:
        return node
    parent = stack[-1]
    if isinstance(parent, yaml.SequenceNode):
        parent.value.append(node)
    elif parent.key is None:
        if isinstance(node, yaml.ScalarNode):
            line = first_line + node.start_mark.line
            if node.value in parent.keys:
                raise YamlError(line, f"duplicate key '{printable(node.value)}' (first "
                                f"written on line {parent.keys[node.value]})")
            parent.keys[node.value] = line
        parent.key = node
    else:
        parent.node.value.append((parent.key, node))
        parent.key = None
    return None


def _events(text: str, first_line: int):
    """The parser events of ``text``, with parser errors as :class:`YamlError`."""
    parser = _PARSER(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlError(line, f"invalid YAML: {printable(str(error.problem or error))}") \
            from None
    except yaml.YAMLError as error:
        raise YamlError(first_line, f"invalid YAML: {printable(str(error))}") from None
    except UnicodeEncodeError:
        # libyaml reads UTF-8: a lone surrogate cannot be handed to it (nor is it text).
        raise YamlError(first_line, "invalid YAML: the text holds a lone surrogate "
                        "character") from None
    finally:
        parser.dispose()


def compose(text: str, first_line: int = 1) -> yaml.Node | None:
    """The node tree of the single YAML document in ``text`` (None when it is empty).

    ``first_line`` is the file line of the text's first line: every line in a
    :class:`YamlError` and its message is a file line.
    """
    stack: list[yaml.SequenceNode | _Mapping] = []
    root: yaml.Node | None = None
    documents = 0
    events = _events(text, first_line)
    try:
        for event in events:
            line = first_line + event.start_mark.line
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlError(line, "YAML anchors and aliases are not allowed")
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise YamlError(line, f"YAML tag '{printable(tag)}' is not allowed")
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError(line, "only one YAML document is allowed; remove the "
                                    "second '---'")
            elif isinstance(event, yaml.ScalarEvent):
                resolved = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
                root = _attach(stack, yaml.ScalarNode(resolved, event.value, event.start_mark,
                                                      event.end_mark, event.style),
                               first_line) or root
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(line, f"nested more than {MAX_DEPTH} levels deep")
                if isinstance(event, yaml.SequenceStartEvent):
                    stack.append(yaml.SequenceNode(_SEQ, [], event.start_mark, None,
                                                   event.flow_style))
                else:
                    stack.append(_Mapping(yaml.MappingNode(_MAP, [], event.start_mark, None,
                                                           event.flow_style)))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = stack.pop()
                node = done.node if isinstance(done, _Mapping) else done
                node.end_mark = event.end_mark
                root = _attach(stack, node, first_line) or root
    finally:
        events.close()  # release the parser even when a refusal stops the loop early
    return root


def is_text(node: yaml.Node) -> bool:
    """True for a scalar that YAML reads as a string (quoted, or plain and not a number,
    date, boolean or null)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == _STR
