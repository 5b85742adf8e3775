"""Partner agencies: police, health, education and the rest. Agencies are data."""

from __future__ import annotations

import uuid

from django.db import models


class AgencyKind(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    ADULT_SERVICES = "adult_services", "Adult services"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    VOLUNTARY = "voluntary", "Voluntary sector"
    PUBLIC = "public", "Member of the public"
    OTHER = "other", "Other"


class Agency(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=AgencyKind.choices)
    # The CIN census referral source a contact from this agency carries by default.
    referral_source = models.ForeignKey(
        "codelists.Code", on_delete=models.PROTECT, related_name="+"
    )
    mailbox = models.EmailField(blank=True, help_text="Secure mailbox for requests and chasers")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name
