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
    # Answers "who looked at this child" and hears about every break-glass access.
    IG_LEAD = "ig_lead", "Information governance lead"
    # Receives children stepped down to early help (issue 18): their team's handovers only.
    EARLY_HELP_WORKER = "early_help_worker", "Early help worker"


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
    # Another system's account for the API (a police force's case system, a screening tool).
    # Only a service account may hold API tokens, and a service account cannot sign in to the
    # pages: it has no usable password. It still has a role (and, for a partner's system, an
    # agency), so the API's answers are decided by the same policy as a person's.
    is_service_account = models.BooleanField(
        default=False, help_text="Another system's account for the API, never a person's"
    )

    class Meta:
        constraints = [
            # A partner officer always belongs to an agency; council staff never do.
            models.CheckConstraint(
                condition=(models.Q(role="partner", agency__isnull=False))
                | (~models.Q(role="partner") & models.Q(agency__isnull=True)),
                name="user_partner_has_agency",
            ),
            # A bearer token must never carry the Django admin's powers.
            models.CheckConstraint(
                condition=models.Q(is_service_account=False)
                | models.Q(is_staff=False, is_superuser=False),
                name="user_service_account_is_not_staff",
            ),
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def __str__(self) -> str:
        return self.display_name


class ApiToken(models.Model):
    """A service account's bearer token. Only a hash is stored; the token is shown once.

    It works until `expires_at` (settings.FRONTDOOR_API_TOKEN_DAYS after it was issued) unless
    it is revoked first, and only while its user is an active service account."""

    # For URLs (the administrator's revoke page): not guessable, unlike the row id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for")
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    # Written at most once a minute (tokens.TOUCH_EVERY), so a busy API does not write a row
    # on every call.
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


# --- Restricted records (../shared/SECURITY.md, 4) ---------------------------------------------


class RestrictedRecord(models.Model):
    """A person whose record only an allow-list may open: a member of staff or their relative,
    or a child in the public eye. Everyone else sees a "Restricted record" placeholder."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="restriction"
    )
    reason = models.TextField()
    restricted_at = models.DateTimeField()
    restricted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Restricted record {self.person_id}"


class AccessGrant(models.Model):
    """One user on a restricted record's allow-list, until `expires_at`. Grants always expire:
    need to know is reviewed, not assumed to last for ever."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    restriction = models.ForeignKey(
        RestrictedRecord, on_delete=models.PROTECT, related_name="grants"
    )
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_grants")
    reason = models.TextField()
    granted_at = models.DateTimeField()
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"], name="grant_user_expiry")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("granted_at")),
                name="grant_expires_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Grant to {self.user_id} until {self.expires_at:%Y-%m-%d}"


class BreakGlass(models.Model):
    """An emergency opening of a restricted record by someone not on its allow-list: after
    re-authentication, with a typed reason, for a short time, and always reported to the
    information governance lead."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    restriction = models.ForeignKey(
        RestrictedRecord, on_delete=models.PROTECT, related_name="break_glass"
    )
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"], name="break_glass_user_expiry")]
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"Break-glass by {self.user_id} at {self.opened_at:%Y-%m-%d %H:%M}"


# --- Answers kept across a sign-out (../shared/SECURITY.md, 17) --------------------------------


class KeptAnswers(models.Model):
    """What someone had typed into a long form when their session timed out, kept against them
    (never in the session, which is gone) and given back once, when they sign in again and
    return to the same page. Old ones are deleted after the absolute session limit."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    # The form's fields as lists of values (a QueryDict's lists), without the CSRF token.
    data = models.JSONField(default=dict)
    kept_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "path"], name="kept_answers_user_path")]

    def __str__(self) -> str:
        return f"Answers kept for {self.path}"
