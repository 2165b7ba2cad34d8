"""Page headers are written with representation trees built by generator/front_matter.py and
checked on the composed tree; that must give the bytes ``yaml.dump`` gives and the verdict
``yaml.load(text) == meta`` gives, for any header (hypothesis against PyYAML itself)."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.front_matter import reads_back, yaml_text

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SHARED_DATE = dt.date(2025, 3, 4)
SHARED_LIST = ["Kaja Kallas"]

# Strings YAML would read as something else when written plain, and plain text.
TEXT = st.one_of(
    st.sampled_from(["yes", "No", "on", "123", "0x1F", "1_000", "12:30", "null", "~", "", " ",
                     "2024-01-01", "2024-01-01 10:00:00", "- item", "key: value", "#note",
                     "<<", "=", "---", "...", "&anchor", "*alias", "!tag", "'", '"', "\n",
                     "a\nb", "“quoted”", "\u2028", "\ufeff", "é", "\x85", "1e3", ".inf"]),
    st.text(max_size=20),
)
SCALAR = st.one_of(TEXT, st.integers(-10**6, 10**6), st.booleans(), st.none(),
                   st.dates(), st.just(SHARED_DATE), st.floats(allow_nan=True),
                   st.datetimes(), st.just(SHARED_LIST))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)
META = st.dictionaries(TEXT, VALUE, max_size=6)


def dumped(meta: dict) -> str:
    return yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10_000)


@given(META)
def test_the_text_is_what_yaml_dump_writes(meta):
    assert yaml_text(meta) == dumped(meta)


@given(META, META)
def test_the_verdict_is_that_of_loading_the_text(meta, other):
    for text in (dumped(meta), dumped(other)):
        assert reads_back(text, meta) == (yaml.load(text, Loader=LOADER) == meta)


def test_a_header_written_by_hand_is_read_as_yaml_reads_it():
    meta = {"title": "Talks", "date": dt.date(2025, 3, 4), "block": 3}
    assert reads_back("title: Talks\ndate: 2025-03-04\nblock: 3\n", meta)
    assert not reads_back("title: Talks\ndate: '2025-03-04'\nblock: 3\n", meta)
    assert reads_back("title: Talks\ntitle: Talks\ndate: 2025-03-04\nblock: 0x3\n", meta)
    assert reads_back("<<: {title: Talks}\ndate: 2025-03-04\nblock: 3\n", meta)
