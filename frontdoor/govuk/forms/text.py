"""Small text rules for error messages built from a field's label."""


def lower_first(text: str) -> str:
    """ "Date of birth" → "date of birth", for the middle of a sentence ("Enter date of birth").

    Leaves acronyms alone: "PPN reference" stays "PPN reference".
    """
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
