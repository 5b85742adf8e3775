"""Contacts: concerns about children, as they arrive and as the front door works them.

A *family contact* is what the contact officer records: one concern, from one referrer, about
one or more children in a household. It holds one *contact* per child, because each child needs
their own screening, decision and (for the CIN census) their own referral; the grouping keeps
brothers and sisters together in every queue.

Status changes only through `contacts/actions/` (compare-and-set on status and version).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.contacts.workflow import OPEN_STATES, Outcome, Rag, Status
from frontdoor.people.models import RelationshipKind, Sex

if TYPE_CHECKING:
    from frontdoor.access.models import User


class FamilyKnows(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class FamilyContact(AboutAChild):
    child_paths = ("contacts__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The one short reference the MASH, the partners and the referrer all quote
    # ("WX-26-004187"): the council's prefix, the year received and a number in that year,
    # given by `contacts.actions.references` however the contact arrives.
    reference = models.CharField(max_length=20, unique=True)
    received_at = models.DateTimeField(db_index=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Who raised it.
    referral_source = models.ForeignKey(
        "codelists.Code", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    # Set only when a partner agency officer submitted the contact themselves (the
    # professionals' referral form or the partner API), from their own user, never from input.
    # It is what lets that agency see the submission, and nothing else (frontdoor/partners).
    submitted_by_agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    referrer_is_public = models.BooleanField(default=False)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)
    referrer_email = models.EmailField(blank=True)
    # The concern.
    incident_date = models.DateField(null=True, blank=True)
    concern_categories = models.ManyToManyField("codelists.Code", related_name="+", blank=True)
    narrative = models.TextField()
    family_knows = models.CharField(max_length=20, choices=FamilyKnows.choices)
    family_knows_detail = models.TextField(blank=True)
    # Routing. Siblings go to one hub together.
    hub = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_to_hub_at = models.DateTimeField(null=True, blank=True)
    # A client-chosen key (API header, or the form's draft id) that makes a retried submission
    # return the first contact instead of creating a second.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    # Who is working the family in the queue it waits in now (`claimed_in`, a queue's slug), so
    # two screeners never open the same family. A claim is for one queue: when the family moves
    # on (screened and sent to a hub, proposed for a decision) it waits unclaimed in the next
    # one. Written only by `contacts.actions.claims` (docs/adr/0026).
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    claimed_in = models.CharField(max_length=60, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_at"]
        # Management information: contacts by month received and source, from the index alone.
        indexes = [
            models.Index(
                fields=["received_at", "referral_source", "id"], name="family_received_source"
            )
        ]

    def __str__(self) -> str:
        return f"Contact {self.reference}"

    def claimant_in(self, queue_slug: str) -> User | None:
        """Who has claimed the family in this queue, if anyone (a claim in an earlier queue
        has lapsed)."""
        if self.claimed_by_id is not None and self.claimed_in == queue_slug:
            return self.claimed_by
        return None


class Contact(AboutAChild):
    """One child's part of a family contact."""

    child_paths = ("person",)
    placeholder_field = "first_name"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(FamilyContact, on_delete=models.PROTECT, related_name="contacts")
    position = models.PositiveSmallIntegerField(default=0)
    # The child as the referrer described them. Kept as told, even after linking to a person.
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )

    status = models.CharField(
        max_length=30, choices=Status.choices, default=Status.AWAITING_SCREENING
    )
    version = models.PositiveIntegerField(default=1)

    # Clocks, stored when they start so that queues sort in SQL (timescales/).
    screening_due_at = models.DateTimeField()
    decision_due_at = models.DateTimeField()

    # Screening.
    rag = models.CharField(max_length=10, choices=Rag.choices, blank=True)
    level_of_need = models.ForeignKey(
        "codelists.Code", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    screening_summary = models.TextField(blank=True)
    screening_recommendation = models.TextField(blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)

    # The hub's analysis: risk, need and strength (worries, what is working well, what needs to
    # happen, and a 0–10 scale), and the outcome the hub proposes.
    worries = models.TextField(blank=True)
    working_well = models.TextField(blank=True)
    needs_to_happen = models.TextField(blank=True)
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    proposed_outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    analysed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["family", "position"]
        indexes = [
            models.Index(fields=["status", "screening_due_at"], name="contact_status_screen_due"),
            models.Index(fields=["status", "decision_due_at"], name="contact_status_decide_due"),
            # Management information reads these from the index alone: each family's children
            # screened when, and each decided contact's clock and family.
            models.Index(fields=["family", "screened_at", "id"], name="contact_family_screened"),
            models.Index(fields=["id", "decision_due_at", "family"], name="contact_due_family"),
            # The backlog: open contacts only, a small part of all. SQLite uses it only for this
            # exact condition, in this order (`insight.measures.workload.backlog_by_age`).
            models.Index(
                fields=["status", "family", "id"],
                condition=models.Q(status__in=sorted(OPEN_STATES)),
                name="contact_open",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True) | models.Q(scale__lte=10),
                name="contact_scale_0_to_10",
            ),
        ]

    def __str__(self) -> str:
        return self.child_name

    @property
    def child_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


class ContactAdult(AboutAChild):
    """An adult in the child's household, as the referrer described them, and once a worker
    has said who they are, the adult's own person record (issue 17): their relationships to
    the children are then recorded between the two person records (`people.Relationship`,
    several for one pair), so they follow the adult to the next contact."""

    # The adult's own record may be restricted (a member of staff) as well as the children's.
    child_paths = ("family__contacts__person", "person")

    family = models.ForeignKey(FamilyContact, on_delete=models.PROTECT, related_name="adults")
    position = models.PositiveSmallIntegerField(default=0)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    # Set by `contacts.actions.adults.link_adult` (compare-and-set on it being empty), and
    # emptied again by `unlink_adult` when it was the wrong record (a manager's correction).
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="named_in_contacts",
    )
    # Bumped by every link and unlink (SECURITY.md 27): a worker who read the adult before
    # someone else linked or unlinked them is told so, and changes nothing.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["family", "position"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class AdultRelationship(AboutAChild):
    """How one adult in the household is related to one child in the contact, as the referrer
    told it: several rows for one adult and child when they are several things to the child
    ("Parent's partner" and "Alleged perpetrator": issue 17)."""

    child_paths = ("contact__person",)

    adult = models.ForeignKey(ContactAdult, on_delete=models.PROTECT, related_name="relationships")
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="adult_relationships"
    )
    kind = models.CharField(max_length=30, choices=RelationshipKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["adult", "contact", "kind"], name="adult_relationship_kind_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.adult} is {self.contact}'s {self.get_kind_display().lower()}"


class Decision(AboutAChild):
    """A manager's decision about one child: what happens next, why, and how quickly."""

    child_paths = ("contact__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    rationale = models.TextField()
    # For a social work response the manager must say when and by whom the child is seen.
    see_by = models.DateTimeField(null=True, blank=True)
    see_by_team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # For a referral to another council: which one (a code of the local_authority list).
    other_council = models.ForeignKey(
        "codelists.Code", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rag = models.CharField(max_length=10, choices=Rag.choices, blank=True)
    # For a strategy discussion: serious injury or recent sexual abuse means it is held the same
    # day rather than within 24 hours (a local timescale).
    strategy_same_day = models.BooleanField(default=False)
    decided_from = models.CharField(max_length=30, choices=Status.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(db_index=True)

    class Meta:
        # Management information: decisions by month, outcome and contact, from the index alone.
        indexes = [
            models.Index(fields=["decided_at", "outcome", "contact"], name="decision_month_outcome")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome__in=["assessment", "strategy_discussion"])
                | (models.Q(see_by__isnull=False) & models.Q(see_by_team__isnull=False)),
                name="decision_social_work_response_has_see_by",
            ),
            # A referral to another council names the council, and only that outcome does.
            models.CheckConstraint(
                condition=(
                    models.Q(outcome="other_council", other_council__isnull=False)
                    | (~models.Q(outcome="other_council") & models.Q(other_council__isnull=True))
                ),
                name="decision_other_council_named",
            ),
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()


class ReferenceCounter(models.Model):
    """The last number given in a year's references: one row per year, locked while a number
    is taken (contacts.actions.references)."""

    year = models.PositiveSmallIntegerField(primary_key=True)  # two digits: 26 for 2026
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"References of 20{self.year:02d}: {self.last} given"


class ContactDraft(models.Model):
    """A contact being typed in, kept on the server after every step so that nothing typed is
    lost to a timeout, a closed tab or a crash. Its id is the idempotency key of the contact it
    becomes, so submitting the same draft twice records one contact."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Draft contact {self.id.hex[:8].upper()}"


class SiblingAnswer(models.TextChoices):
    NO_ACTION = "no_action", "No action"
    ADD = "add", "Add to this family contact"


class SiblingConsideration(AboutAChild):
    """At screening, a brother or sister on record who is not in the contact was considered.

    The inspected MASH did not always consider brothers and sisters. Screening a child with a
    sibling on record is not possible until the screener has said, for each one, whether to add
    them to this family contact (frontdoor/contacts/sibling_prompts.py)."""

    child_paths = ("contact__person", "sibling")

    family = models.ForeignKey(
        FamilyContact, on_delete=models.PROTECT, related_name="siblings_considered"
    )
    # The child whose screening prompted it.
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+")
    sibling = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=20, choices=SiblingAnswer.choices)
    # The sibling's own contact, when they were added to this family contact.
    added_contact = models.OneToOneField(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="added_as_sibling"
    )
    considered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    considered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["family", "sibling"], name="contact_sibling_considered_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sibling} considered: {self.get_answer_display()}"
