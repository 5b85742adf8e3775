"""The mistakes people make when they write down a name or a date: typos, nicknames, other
spellings, day and month swapped, a digit wrong. Pure functions of a seeded `random.Random`, so
every profile is the same on every machine."""

from __future__ import annotations

import random
from datetime import date

from frontdoor.synthetic.name_lists import NICKNAMES, SURNAME_SPELLINGS

# Neighbouring keys on a UK keyboard: the usual slip of a finger.
_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_NEIGHBOURS: dict[str, str] = {}
for _row in _ROWS:
    for _i, _key in enumerate(_row):
        _NEIGHBOURS[_key] = _row[max(0, _i - 1) : _i] + _row[_i + 1 : _i + 2]


def typo(rng: random.Random, word: str) -> str:
    """One slip: a neighbouring key, a letter dropped, doubled or two letters swapped. The
    first letter is kept more often than not, as it is in real typing errors."""
    if len(word) < 3:
        return word
    position = rng.randint(1, len(word) - 1) if rng.random() < 0.85 else 0
    letter = word[position]
    kind = rng.random()
    if kind < 0.3 and letter.lower() in _NEIGHBOURS:
        swap = rng.choice(_NEIGHBOURS[letter.lower()])
        swap = swap.upper() if letter.isupper() else swap
        return word[:position] + swap + word[position + 1 :]
    if kind < 0.55 and len(word) > 3:
        return word[:position] + word[position + 1 :]
    if kind < 0.7:
        return word[:position] + letter + word[position:]
    if position < len(word) - 1:
        first, second = word[position], word[position + 1]
        if first != second:
            return word[:position] + second + first + word[position + 2 :]
    return word[:position] + word[position + 1 :] if len(word) > 3 else word + letter


def nickname(rng: random.Random, first: str) -> str | None:
    choices = NICKNAMES.get(first.lower())
    return rng.choice(choices) if choices else None


def other_spelling(rng: random.Random, surname: str) -> str | None:
    choices = SURNAME_SPELLINGS.get(surname.lower().replace("'", ""))
    return rng.choice(choices) if choices else None


def swap_day_month(value: date) -> date | None:
    """The same date written the American way, if that is a real, different date."""
    if value.day > 12 or value.day == value.month:
        return None
    return value.replace(month=value.day, day=value.month)


def one_digit(rng: random.Random, value: date, *, latest: date) -> date:
    """The date with one digit of the day, month or year mistyped (still a real date, and not
    after `latest`)."""
    text = value.strftime("%d%m%Y")
    for _ in range(20):
        position = rng.choice([0, 1, 2, 3, 6, 7])
        digit = str(rng.randint(0, 9))
        if digit == text[position]:
            continue
        changed = text[:position] + digit + text[position + 1 :]
        try:
            result = date(int(changed[4:]), int(changed[2:4]), int(changed[:2]))
        except ValueError:
            continue
        if result <= latest:
            return result
    return value
