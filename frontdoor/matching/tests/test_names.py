"""Names as matching sees them: folded, split, and compared by variant, sound and spelling."""

from __future__ import annotations

import pytest

from frontdoor.matching.names import (
    are_variants,
    codes_for,
    fold,
    name_forms,
    similar_spelling,
    sound_alike,
)


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Zoë", "zoe"),
        ("O'Brien", "obrien"),
        ("  Smith ", "smith"),
        ("Łucja", "lucja"),
        ("Søren", "soren"),
        ("", ""),
    ],
)
def test_matching_folds_names_to_plain_letters(typed, folded):
    assert fold(typed) == folded


def test_matching_reads_every_part_of_a_double_barrelled_surname():
    assert name_forms("Smith-Jones") == ["smithjones", "smith", "jones"]
    assert name_forms("Smith Jones") == ["smithjones", "smith", "jones"]
    assert name_forms("Smith") == ["smith"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("jon", "john"), ("mohammed", "muhammad"), ("libby", "elizabeth"), ("kate", "catherine")],
)
def test_matching_knows_nicknames_and_other_spellings(a, b):
    assert are_variants(a, b)
    assert codes_for([a]) & codes_for([b])


def test_matching_does_not_call_unrelated_names_variants():
    assert not are_variants("oliver", "harry")
    assert not are_variants("john", "john")  # the same name is "same", not a variant


@pytest.mark.parametrize(
    ("a", "b"), [("smith", "smyth"), ("catherine", "katherine"), ("jon", "jhon")]
)
def test_matching_hears_names_that_sound_alike(a, b):
    assert sound_alike(a, b)


@pytest.mark.parametrize(("a", "b"), [("emily", "emliy"), ("jessica", "jesica")])
def test_matching_sees_names_one_slip_apart(a, b):
    assert similar_spelling(a, b)


def test_matching_does_not_call_different_names_alike():
    assert not sound_alike("oliver", "harry")
    assert not similar_spelling("ellie", "oscar")
