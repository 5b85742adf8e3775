"""Shared for the police notification tests: the sample files, a known family, the API client."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from frontdoor.api.tests.conftest import anonymous_api, api_as  # noqa: F401
from frontdoor.contacts.tests import factories as f
from frontdoor.police.formats import rows_from_csv
from frontdoor.police.workflow import Kind

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"


def sample(kind: str) -> list[tuple[str, int, dict]]:
    name = (
        "police-domestic-abuse.csv" if kind == Kind.DOMESTIC_ABUSE else "police-missing-persons.csv"
    )
    content = (SAMPLES / name).read_bytes()
    return [(kind, number, raw) for number, raw in rows_from_csv(content, kind)]


@pytest.fixture
def known_amy(db):
    """Amy Smith is known to children's services (no postcode on her record)."""
    return f.person("Amy", "Smith", date(2019, 3, 27))


@pytest.fixture
def two_kyles(db):
    """Two records that each look like Kyle Jones: the import must not choose between them."""
    return [
        f.person("Kyle", "Jones", date(2018, 11, 9)),
        f.person("Kyle", "Jones", date(2018, 11, 9)),
    ]
