"""The front door's figures kept as they happen (docs/adr/0024).

- `ContactTally`: what one contact counts for, as of its rows now: the London day it was
  received and its referral source, whether it was screened within 4 hours and became a
  referral; the day of its manager's decision, whether in time, stepped down or a social work
  response; the day of its referral and whether it was a re-referral. One row per contact, kept
  so that a change to a contact can take back exactly what it counted before.
- `FrontDoorMonth`: the sums of the tallies for each London calendar month and referral source:
  what the management information page reads (a year and a half of months, a few hundred rows,
  not every contact).
- `Caseload`: the sums for each team and social worker of the children on their caseload now
  and not yet seen (a row for each worker, not every allocation ever made).

Neither names a child: a contact's id and its referral's person id are keys, nothing more, and
the page shows only sums. Both are written only by `frontdoor/rollups/tally.py`.
"""

from django.db import models


class ContactTally(models.Model):
    contact_id = models.UUIDField(primary_key=True)
    # The referral's person (for re-referrals: another referral of the same child within 365
    # days before), None without a referral.
    person_id = models.UUIDField(null=True)
    source_id = models.BigIntegerField()
    received_on = models.DateField()
    screened_in_time = models.BooleanField(default=False)
    referred = models.BooleanField(default=False)
    decided_on = models.DateField(null=True)
    decided_in_time = models.BooleanField(default=False)
    stepped_down = models.BooleanField(default=False)
    social_work = models.BooleanField(default=False)
    referral_on = models.DateField(null=True)
    re_referral = models.BooleanField(default=False)
    # Its allocation now: the team and the social worker (ids), whether the child is on the
    # worker's caseload (allocated, assessment not yet authorised) and not yet seen.
    team_id = models.UUIDField(null=True)
    worker_id = models.BigIntegerField(null=True)
    on_caseload = models.BooleanField(default=False)
    not_seen = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["person_id"], name="rollup_tally_person")]

    def __str__(self) -> str:
        return f"Tally of contact {self.contact_id}"


# The counters of a month, in the order the upsert writes them.
COUNTERS = (
    "contacts",
    "screened_in_time",
    "referred",
    "decisions",
    "decided_in_time",
    "stepped_down",
    "social_work",
    "referrals",
    "re_referrals",
)


class FrontDoorMonth(models.Model):
    """One London calendar month (its first day) and referral source: contacts received, decisions
    made and referrals dated that month (each counted in its own month)."""

    month = models.DateField()
    source_id = models.BigIntegerField()
    contacts = models.IntegerField(default=0)
    screened_in_time = models.IntegerField(default=0)
    referred = models.IntegerField(default=0)
    decisions = models.IntegerField(default=0)
    decided_in_time = models.IntegerField(default=0)
    stepped_down = models.IntegerField(default=0)
    social_work = models.IntegerField(default=0)
    referrals = models.IntegerField(default=0)
    re_referrals = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "source_id"], name="rollup_month_source")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} source {self.source_id}: {self.contacts} contacts"


class Caseload(models.Model):
    """A social worker's caseload in a team, now: children allocated whose assessment is not yet
    authorised, and how many of them the worker has not yet seen."""

    team_id = models.UUIDField()
    worker_id = models.BigIntegerField()
    children = models.IntegerField(default=0)
    not_seen = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team_id", "worker_id"], name="rollup_caseload_worker")
        ]

    def __str__(self) -> str:
        return f"Worker {self.worker_id} in team {self.team_id}: {self.children} children"
