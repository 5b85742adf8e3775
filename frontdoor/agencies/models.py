"""Partner agencies: police, health, education and the rest. Agencies are data.

An *agency type* says what sort of partner an agency is (a GP practice, a health visiting
service, a school nursing team, a hospital, a probation service …): a data list seeded by
migration, which a council extends without a code change. Its broad `kind` (police, health …)
is what code asks about (for example, only a police force may notify a missing episode).
"""

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


class AgencyType(models.Model):
    """What sort of partner an agency is: GP, health visiting, school nursing, hospital … Data."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=30, choices=AgencyKind.choices)
    # The CIN census referral source a contact from this sort of agency usually carries.
    referral_source = models.ForeignKey(
        "codelists.Code", on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=AgencyKind.choices)
    agency_type = models.ForeignKey(
        AgencyType, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies"
    )
    # The CIN census referral source a contact from this agency carries by default.
    referral_source = models.ForeignKey(
        "codelists.Code", on_delete=models.PROTECT, related_name="+"
    )
    mailbox = models.EmailField(blank=True, help_text="Secure mailbox for requests and chasers")
    # Hears when a MASH enquiry to the agency is escalated (still unanswered after its chaser).
    lead_email = models.EmailField(
        blank=True, help_text="The agency's safeguarding lead, for escalated enquiries"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def type_name(self) -> str:
        return self.agency_type.name if self.agency_type_id and self.agency_type else ""
