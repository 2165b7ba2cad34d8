"""What a valid feed and a valid export are, written from the specifications (RFC 4287 for Atom,
jsonfeed.org/version/1.1 for JSON Feed) and the schemas in generator/publish/schemas/; shared by
the unit, hostile-corpus and end-to-end tests (imported as ``feed_checks``)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "generator" / "publish" / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
# Absolute IRIs: a scheme, a colon and something after it.
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
# Every element an Atom document of ours may have (RFC 4287 names only).
ATOM_ELEMENTS = {"feed", "id", "title", "subtitle", "updated", "link", "author", "name",
                 "entry", "published", "category", "summary"}

# JSON Feed 1.1: the required fields and the types of the ones we write, from the spec.
JSON_FEED_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string"},
        "feed_url": {"type": "string"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "authors": {"type": "array", "minItems": 1,
                    "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "not": {"required": ["content_html"]},  # ours are plain text only
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string"},
                    "title": {"type": "string"},
                    "content_text": {"type": "string"},
                    "date_published": {"type": "string", "pattern": RFC3339.pattern},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "authors": {"type": "array", "items": {"type": "object"}},
                },
            },
        },
    },
}


def _one(parent: ET.Element, tag: str, where: str) -> ET.Element:
    found = parent.findall(ATOM + tag)
    assert len(found) == 1, f"{where}: {len(found)} <{tag}> elements, RFC 4287 wants one"
    return found[0]


def check_atom(text: str, where: str = "feed") -> ET.Element:
    """Parse ``text`` (a well-formed XML document, else ET raises) and check what RFC 4287
    requires of a feed and its entries; returns the root."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == ATOM + "feed", root.tag
    for element in root.iter():
        assert element.tag.startswith(ATOM), f"{where}: foreign element {element.tag}"
        assert element.tag.removeprefix(ATOM) in ATOM_ELEMENTS, f"{where}: {element.tag}"
        assert element.get("type") in (None, "text", "application/atom+xml", "text/html",
                                       "application/feed+json"), element.attrib
    assert ABSOLUTE_IRI.fullmatch(_one(root, "id", where).text or "")
    _one(root, "title", where)
    assert RFC3339.fullmatch(_one(root, "updated", where).text or "")
    selves = [link for link in root.findall(ATOM + "link") if link.get("rel") == "self"]
    assert len(selves) == 1, where
    feed_author = root.findall(ATOM + "author")
    ids = []
    for entry in root.findall(ATOM + "entry"):
        ids.append(_one(entry, "id", where).text)
        assert ABSOLUTE_IRI.fullmatch(ids[-1] or "")
        _one(entry, "title", where)
        assert RFC3339.fullmatch(_one(entry, "updated", where).text or "")
        assert feed_author or entry.findall(ATOM + "author"), f"{where}: no author"
        alternates = [link for link in entry.findall(ATOM + "link")
                      if link.get("rel", "alternate") == "alternate"]
        assert alternates and all(link.get("href") for link in alternates), where
        for category in entry.findall(ATOM + "category"):
            assert category.get("term"), where
    assert len(ids) == len(set(ids)), f"{where}: two entries share an id"
    return root


def check_json_feed(text: str, where: str = "feed") -> dict:
    document = json.loads(text)
    jsonschema.validate(document, JSON_FEED_SCHEMA)
    ids = [item["id"] for item in document["items"]]
    assert len(ids) == len(set(ids)), f"{where}: two items share an id"
    return document


def export_schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def check_export(name: str, text: str) -> dict:
    """Parse the export ``name`` and validate it against its schema (draft 2020-12)."""
    assert text.endswith("}\n") and not text.endswith("\n\n")
    document = json.loads(text)
    schema = export_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    return document
