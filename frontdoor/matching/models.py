"""Person matching's own tables: the search keys, and the record of every search shown.

`PersonKey` is derived data, like a database index: rebuilt at will from the person records
(`manage.py index_people`), never edited by hand. `PersonSearch` is the record that a search
happened and what it offered, so that a new person record made at screening can be traced to
the search that came before it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild


class PersonKey(models.Model):
    """One search key a person is filed under (see keys.py). The primary key is (key, person),
    so looking up a key reads one range of one index and nothing else."""

    pk = models.CompositePrimaryKey("key", "person")
    key = models.CharField(max_length=40)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return self.key


class PersonSearch(AboutAChild):
    """A search for a person, as shown to the user: what they searched for and what they were
    offered (each candidate's person id, score and reasons). Written once, never changed."""

    child_paths = ("contact__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    searched_at = models.DateTimeField()
    searched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The child's contact the search was made for, at screening; empty for a search from the
    # "Find a person" page or the API without a contact.
    contact = models.ForeignKey(
        "contacts.Contact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person_searches",
    )
    criteria = models.JSONField()
    offered = models.JSONField()
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["contact", "searched_by", "searched_at"], name="search_contact"),
            models.Index(fields=["searched_by", "searched_at"], name="search_user_time"),
        ]

    def __str__(self) -> str:
        return f"Person search at {self.searched_at:%Y-%m-%d %H:%M}"


class PairStatus(models.TextChoices):
    AWAITING_REVIEW = "awaiting_review", "Awaiting review"
    NOT_DUPLICATES = "not_duplicates", "Not the same person"
    MERGED = "merged", "Merged"


class DuplicatePair(AboutAChild):
    """Two person records the duplicate job (duplicates.py) thinks are one person, with the
    score and reasons a reviewer sees. `first` sorts before `second` by id, so a pair is found
    once whichever way round."""

    child_paths = ("first", "second")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    first = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    reasons = models.JSONField(default=list)
    status = models.CharField(
        max_length=20, choices=PairStatus.choices, default=PairStatus.AWAITING_REVIEW
    )
    version = models.PositiveIntegerField(default=1)
    found_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "found_at"]
        indexes = [models.Index(fields=["status", "score"], name="duplicate_pair_queue")]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_once"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="duplicate_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"Possible duplicate ({self.score})"


class Merge(AboutAChild):
    """One merge: which rows were moved from the merged record to the kept one, and which rows
    had to be set aside because the kept record already had their like, so that undoing it
    puts every row back exactly where it was."""

    child_paths = ("kept", "merged")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pair = models.ForeignKey(DuplicatePair, on_delete=models.PROTECT, related_name="merges")
    kept = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    # [{"model": "contacts.contact", "field": "person", "pks": [...]}, …]
    moved = models.JSONField(default=list)
    # Rows that would have clashed on the kept record, serialised as Django fixtures.
    set_aside = models.JSONField(default=list)
    # The kept record's blank details filled from the merged one: field -> the value before.
    filled = models.JSONField(default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField()
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Merge at {self.merged_at:%Y-%m-%d %H:%M}"
