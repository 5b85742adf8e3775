"""Council teams: the front door, the MASH hubs and the area teams.

Hubs are teams of kind HUB. Their number, names and order are data (each council has its own),
so nothing in the code names a particular hub.
"""

from __future__ import annotations

import uuid

from django.db import models


class TeamKind(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door (contacts and screening)"
    HUB = "hub", "MASH hub"
    AREA = "area", "Area team"
    EARLY_HELP = "early_help", "Early help"
    # The council's main case system (Liquidlogic, Mosaic, Eclipse): a receiver outside
    # Frontdoor whose members are service accounts answering through the API (issue 18).
    MAIN_SYSTEM = "main_system", "The council's main case system"
    OTHER = "other", "Other"


class TeamQuerySet(models.QuerySet["Team"]):
    def hubs(self) -> TeamQuerySet:
        return self.filter(kind=TeamKind.HUB, active=True).order_by("order", "name")

    def receiving_teams(self) -> TeamQuerySet:
        """Teams a manager can name as the ones who will see the child."""
        return self.filter(kind__in=[TeamKind.AREA, TeamKind.HUB], active=True).order_by(
            "kind", "order", "name"
        )


class Team(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=TeamKind.choices)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "order", "name"]

    def __str__(self) -> str:
        return self.name
