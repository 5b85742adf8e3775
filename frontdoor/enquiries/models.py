"""Consent, MASH enquiries to partner agencies, their answers and attachments.

Every request to a partner and every answer is recorded: who asked, what, on what lawful basis,
with what consent position, when it was due and when it came back (domain brief, section 7).
What the partner was shown (the children and adults named, the consent position) is copied onto
the enquiry when it is sent, so the record says exactly what was shared.

Written only by `enquiries/actions/`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.contacts.workflow import Rag
from frontdoor.enquiries.workflow import ConsentPosition, ConsentStatus, EnquiryStatus


class ReasonList(models.TextChoices):
    LAWFUL_BASIS = "lawful_basis", "Lawful basis for asking"
    WITHOUT_CONSENT = "without_consent", "Reason for proceeding without consent"


class ListedReason(models.Model):
    """A lawful basis for an enquiry, or a reason for proceeding without consent: data, seeded
    by migration and kept by an administrator, so that practice wording changes without code."""

    reason_list = models.CharField(max_length=30, choices=ReasonList.choices)
    text = models.CharField(max_length=300)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["reason_list", "order", "text"]
        constraints = [
            models.UniqueConstraint(fields=["reason_list", "text"], name="listed_reason_unique"),
        ]

    def __str__(self) -> str:
        return self.text


class Consent(AboutAChild):
    """The family's consent to information being shared, for one family contact."""

    child_paths = ("family__contacts__person",)

    family = models.OneToOneField(
        "contacts.FamilyContact", on_delete=models.PROTECT, related_name="consent"
    )
    position = models.CharField(max_length=20, choices=ConsentPosition.choices)
    status = models.CharField(max_length=30, choices=ConsentStatus.choices)
    # Who in the family was asked (or who refused), and when; for "not sought", when the
    # decision not to seek it was made.
    person_asked = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    # Proceeding without consent: a reason from the list, why it applies, and a manager.
    without_consent_reason = models.ForeignKey(
        ListedReason, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    without_consent_detail = models.TextField(blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorisation_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.get_status_display()

    @property
    def sought(self) -> bool:
        return self.position != ConsentPosition.NOT_SOUGHT


class Enquiry(AboutAChild):
    """One request for information to one partner agency about one family contact."""

    child_paths = ("family__contacts__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(
        "contacts.FamilyContact", on_delete=models.PROTECT, related_name="enquiries"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="enquiries"
    )
    status = models.CharField(
        max_length=20, choices=EnquiryStatus.choices, default=EnquiryStatus.SENT
    )
    version = models.PositiveIntegerField(default=1)
    question = models.TextField()
    lawful_basis = models.ForeignKey(ListedReason, on_delete=models.PROTECT, related_name="+")
    # What the partner is shown, as it was when sent: the consent position in words, and the
    # children and adults named (as the referrer described them).
    consent_position = models.CharField(max_length=20, choices=ConsentPosition.choices)
    consent_summary = models.TextField()
    subjects = models.JSONField(default=list)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()
    # The clock: from the family's most urgent RAG when sent (timescales enquiry_red/amber/
    # green, in working hours from settings), stored so that queues sort in SQL.
    rag = models.CharField(max_length=10, choices=Rag.choices)
    due_at = models.DateTimeField()
    # Set once each by the sweep: chased when overdue, escalated after a second interval.
    chased_at = models.DateTimeField(null=True, blank=True)
    escalate_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    # The send form's one-time key: a double-submitted form sends each agency one enquiry.
    send_key = models.CharField(max_length=64)

    class Meta:
        ordering = ["due_at", "sent_at"]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"], name="enquiry_agency_queue"),
            models.Index(fields=["status", "due_at"], name="enquiry_status_due"),
            models.Index(fields=["sent_at"], name="enquiry_sent_at"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["send_key", "agency"], name="enquiry_sent_once"),
        ]
        verbose_name_plural = "enquiries"

    def __str__(self) -> str:
        return f"Enquiry to {self.agency_id} due {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def reference(self) -> str:
        """The family contact's own reference: the partner quotes the same one as the MASH."""
        return self.family.reference


class KnownToAgency(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class Answer(AboutAChild):
    """The agency's answer, in writing. One per enquiry: the database refuses a second."""

    child_paths = ("enquiry__family__contacts__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    enquiry = models.OneToOneField(Enquiry, on_delete=models.PROTECT, related_name="answer")
    known = models.CharField(max_length=10, choices=KnownToAgency.choices)
    summary = models.TextField()
    known_risks = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField()
    # The client's key (the form's one-time token, or the API's Idempotency-Key): a retry with
    # it gets this answer back instead of an error.
    idempotency_key = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"Answer to {self.enquiry_id}"


class Attachment(AboutAChild):
    """A file sent with an answer. Kept in the database, in the answer's transaction: nothing
    half-saved, and the backup that holds the answer holds its files. Served only through
    `queries.get_attachment_for`, as a download, to those who may read the answer."""

    child_paths = ("answer__enquiry__family__contacts__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()

    class Meta:
        ordering = ["filename"]

    def __str__(self) -> str:
        return self.filename
