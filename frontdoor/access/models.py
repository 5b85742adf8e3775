"""Users and their roles.

A user has exactly one role. Council staff belong to a team; partner agency officers belong to an
agency. What each role may do is decided in one place: `access/policies.py`.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    CONTACT_OFFICER = "contact_officer", "Contact officer"
    SCREENER = "screener", "Screening social worker"
    HUB_WORKER = "hub_worker", "Hub social worker"
    MANAGER = "manager", "MASH manager"
    AREA_WORKER = "area_worker", "Area team social worker"
    PARTNER = "partner", "Partner agency officer"
    AUDITOR = "auditor", "Quality assurance auditor"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    ADMIN = "admin", "System administrator"


class User(AbstractUser):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.CONTACT_OFFICER)
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    job_title = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            # A partner officer always belongs to an agency; council staff never do.
            models.CheckConstraint(
                condition=(models.Q(role="partner", agency__isnull=False))
                | (~models.Q(role="partner") & models.Q(agency__isnull=True)),
                name="user_partner_has_agency",
            ),
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def __str__(self) -> str:
        return self.display_name


class ApiToken(models.Model):
    """A service account's bearer token. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for")
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
