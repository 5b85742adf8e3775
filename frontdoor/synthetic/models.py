"""The hidden truth behind a synthetic county: which true identity each person record is.

Kept apart from the person records (no foreign key, so nothing about a person record depends on
it) and filled only by `manage.py generate_county`. Benchmarks read it to score matching
accuracy; a real council's database leaves it empty.
"""

from __future__ import annotations

from django.db import models


class TrueIdentity(models.Model):
    person_id = models.UUIDField(primary_key=True)
    identity = models.PositiveIntegerField(db_index=True)
    profile = models.CharField(max_length=20)

    def __str__(self) -> str:
        return f"{self.person_id} is identity {self.identity}"
