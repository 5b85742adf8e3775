"""One rule for what text can be stored (frontdoor/govuk/text.py): whatever arrives, what the
rule lets through encodes as UTF-8 without a NUL, and what it stops is marked, never dropped."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.govuk.text import (
    UNSTORABLE,
    is_one_line,
    is_storable,
    storable_key,
    storable_values,
)

# Every code point, lone surrogates and NUL included (hypothesis leaves surrogates out unless
# asked).
any_text = st.text(st.characters(codec=None, categories=None), max_size=30)
loose_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), any_text),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(any_text, inner, max_size=3)
    ),
    max_leaves=8,
)


def _storable_in_postgresql(text: str) -> bool:
    try:
        return "\x00" not in text.encode("utf-8").decode("utf-8")
    except UnicodeEncodeError:
        return False


@given(any_text)
def test_text_the_rule_lets_through_can_be_stored(text):
    if is_storable(text):
        assert _storable_in_postgresql(text)
    if is_one_line(text):
        assert is_storable(text) and "\n" not in text and "\r" not in text


@given(loose_json)
def test_any_loose_json_comes_out_storable_with_its_shape(value):
    cleaned = storable_values(value)
    as_json = json.dumps(cleaned, ensure_ascii=False)
    assert _storable_in_postgresql(as_json)
    if isinstance(value, list):
        assert isinstance(cleaned, list) and len(cleaned) == len(value)


def test_a_nul_or_a_lone_surrogate_is_marked_not_dropped():
    assert storable_values({"a": "x\x00", "b": ["\ud800", "fine"], "c": 1}) == {
        "a": UNSTORABLE,
        "b": [UNSTORABLE, "fine"],
        "c": 1,
    }
    assert storable_key("a\x00b") == "a\\u0000b"
    assert is_storable("tab\tand\nlines") and not is_one_line("tab\tand\nlines")
