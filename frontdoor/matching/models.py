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


class PersonKey(models.Model):
    """One search key a person is filed under (see keys.py). The primary key is (key, person),
    so looking up a key reads one range of one index and nothing else."""

    pk = models.CompositePrimaryKey("key", "person")
    key = models.CharField(max_length=40)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return self.key


class PersonSearch(models.Model):
    """A search for a person, as shown to the user: what they searched for and what they were
    offered (each candidate's person id, score and reasons). Written once, never changed."""

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
