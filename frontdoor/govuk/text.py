"""What text the service can store: one rule for the API's schemas, the import parsers and the
forms (../shared/SECURITY.md, 23).

PostgreSQL refuses a NUL character in text and in JSON, and UTF-8 cannot encode a lone
surrogate ("\\ud800"), which JSON and a Python string can both carry. Either, reaching a save,
was a 500 half-way through an import (issue 15: 18 of them). Other C0 control characters are
storable but never meant, and would break a CSV export or a terminal. Tab, line feed and
carriage return are allowed in long text (a narrative has paragraphs), not on one line.

A parser that receives loose JSON (a police batch) first makes every value storable with
`storable_values`: a string that is not becomes `UNSTORABLE`, which the parser reports against
its field like any other mistake, so the rest of the row and the batch still import. The marker
is itself storable text, so the raw rows can wait in the database for the task worker.
"""

from __future__ import annotations

import re
from typing import Any

# C0 control characters other than tab, line feed and carriage return; and lone surrogates.
UNSTORABLE_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
# The same, with tab, line feed and carriage return too: text that must stay on one line.
NOT_ONE_LINE = re.compile(r"[\x00-\x1f\ud800-\udfff]")
# The same rules for an OpenAPI document (JSON Schema regular expressions).
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
LINE_PATTERN = r"^[^\x00-\x1f]*$"

UNSTORABLE_MESSAGE = "must not contain control characters"


# Stands in for a string that held unstorable text. U+FFFE is a noncharacter: no real value
# holds it, and one that did would only be told it holds control characters.
UNSTORABLE = "\ufffeunstorable\ufffe"


def is_storable(text: str) -> bool:
    return UNSTORABLE_CHARACTERS.search(text) is None


def is_one_line(text: str) -> bool:
    return NOT_ONE_LINE.search(text) is None


def storable_key(key: str) -> str:
    """A key (a column or field name) as it can be stored and quoted back in a message."""
    if is_storable(key):
        return key
    return UNSTORABLE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", key)


def storable_values(value: Any) -> Any:
    """`value` with every string that cannot be stored replaced by `UNSTORABLE`, and every key
    made storable, through nested dicts and lists."""
    if isinstance(value, str):
        return value if is_storable(value) else UNSTORABLE
    if isinstance(value, dict):
        return {storable_key(str(k)): storable_values(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [storable_values(item) for item in value]
    return value
