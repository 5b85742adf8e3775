"""Code lists: national (DfE CIN census) and local lists, held as data.

A code list changes every year or two (the CIN census specification) or differs between councils
(concern categories). Holding every list in one table, keyed by list name, lets a data migration
add a year's codes and an administrator retire one, without a code change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CodeList(models.TextChoices):
    REFERRAL_SOURCE = "referral_source", "Referral source (CIN census)"
    PRIMARY_NEED = "primary_need", "Primary need (CIN census)"
    ASSESSMENT_FACTOR = "assessment_factor", "Assessment factor (CIN census)"
    CLOSURE_REASON = "closure_reason", "Reason for closure (CIN census)"
    ABUSE_CATEGORY = "abuse_category", "Category of abuse (CIN census)"
    CONCERN_CATEGORY = "concern_category", "Concern category (local)"
    LEVEL_OF_NEED = "level_of_need", "Level of need (local)"
    # The person's characteristics for the census (issue 16).
    ETHNICITY = "ethnicity", "Ethnicity (DfE)"
    DISABILITY = "disability", "Disability (CIN census)"
    UPN_UNKNOWN = "upn_unknown", "Reason the UPN is unknown (CIN census)"
    FIRST_LANGUAGE = "first_language", "First language (DfE)"
    # The English councils by their DfE LA number (the CIN census's <LEA>): where a child the
    # MASH refers to another council is referred to (issue 18).
    LOCAL_AUTHORITY = "local_authority", "Local authority (DfE LA number)"


class CodeQuerySet(models.QuerySet["Code"]):
    def of(self, code_list: str) -> CodeQuerySet:
        return self.filter(code_list=code_list, active=True).order_by("order", "code")

    def other_councils(self) -> CodeQuerySet:
        """The councils a child may be referred to: every English council but this one (its own
        LA number is the setting FRONTDOOR_DFE_LA_NUMBER, as in the census header)."""
        return self.of(CodeList.LOCAL_AUTHORITY).exclude(code=settings.FRONTDOOR_DFE_LA_NUMBER)


class Code(models.Model):
    code_list = models.CharField(max_length=40, choices=CodeList.choices)
    code = models.CharField(max_length=20)
    label = models.CharField(max_length=200)
    # A grouping heading within a list, e.g. "Health" for the referral sources 3A–3F.
    group = models.CharField(max_length=100, blank=True)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    objects = CodeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code_list", "code"], name="code_unique_in_list"),
        ]
        ordering = ["code_list", "order", "code"]

    def __str__(self) -> str:
        if self.code_list in (CodeList.CONCERN_CATEGORY, CodeList.LOCAL_AUTHORITY):
            return self.label
        return f"{self.code} {self.label}"
