"""The readers of contacts: who sees what, and the queues.

Every open contact is in exactly one queue, by construction: the queues partition the open
states (screening; one queue per hub; awaiting decision), and a test checks the partition. The
inspected MASH had 194 children in a tray that nobody watched; here there is no such tray.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Window
from django.http import Http404
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.access.policies import can
from frontdoor.access.records import get_openable, open_record, reading_as
from frontdoor.audit.models import Event, ViewKind
from frontdoor.contacts.models import AdultRelationship, Contact, ContactAdult, FamilyContact
from frontdoor.contacts.workflow import OPEN_STATES, Status
from frontdoor.matching.queries import criteria_for_adult, find_people
from frontdoor.people.models import Person
from frontdoor.people.queries import FamilyMember, shown_to_reader, sibling_ids, siblings_of
from frontdoor.teams.models import Team, TeamKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User
    from frontdoor.codelists.models import Code
    from frontdoor.people.models import Person


REFERENCE_SHAPE = re.compile(r"[A-Z]{1,6}-\d{2}-\d{6}")


def visible_family_contacts(user: User | AnonymousUser) -> QuerySet[FamilyContact]:
    if can(user, "view_contact"):
        return FamilyContact.objects.read_as(user)
    return FamilyContact.objects.none()


def visible_contacts(user: User | AnonymousUser) -> QuerySet[Contact]:
    if can(user, "view_contact"):
        return Contact.objects.read_as(user)
    return Contact.objects.none()


def get_family_contact_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> FamilyContact:
    """The family contact, with its children; a 404 if the user may not see it. Logged."""
    families = (
        visible_family_contacts(user)
        .select_related("referral_source", "agency", "hub", "recorded_by", "claimed_by")
        .prefetch_related(
            "concern_categories",
            Prefetch(
                "contacts",
                queryset=Contact.objects.select_related(
                    "person", "level_of_need", "decision", "decision__see_by_team", "referral"
                ),
            ),
            "adults__relationships__contact",
        )
    )
    return open_record(
        user,
        families,
        pk,
        path=path,
        kind=ViewKind.CONTACT,
        logged_as=lambda family: {"family_contact": family},
    )


def get_contact_for(
    user: User, pk: str | uuid.UUID, *, path: str = "", log: bool = False
) -> Contact:
    """One child's contact, for an action on it (the family's page logs the view); a 404 if
    the user may not see it. A page that shows the child's contact itself (the link page)
    reads it with `log=True` and its path: logged as a view of the child and the contact."""
    contacts = visible_contacts(user).select_related("family", "person", "level_of_need")
    return open_record(
        user,
        contacts,
        pk,
        path=path,
        log=log,
        logged_as=lambda contact: {"person": contact.person, "family_contact": contact.family},
    )


def get_family_to_claim(user: User, pk: str | uuid.UUID) -> FamilyContact:
    """The family contact a worker claims or releases (the queue's page, not the record, is
    what they see: not logged as a view); a 404 if the user may not open it."""
    families = visible_family_contacts(user).select_related("claimed_by")
    return open_record(user, families, pk, log=False)


def family_with_reference(user: User, text: str) -> FamilyContact | None:
    """The family contact a reference names ("wx-26-004187" or "WX-26-4187"), if the user may
    open it; None for a reference that names nothing and for one the user may not open alike."""
    reference = normalised_reference(text)
    if reference is None:
        return None
    try:
        return get_openable(user, visible_family_contacts(user), reference, key="reference")
    except FamilyContact.DoesNotExist:
        return None


def normalised_reference(text: str) -> str | None:
    """A reference as typed, in its one written form; None if it cannot be one."""
    parts = text.strip().upper().replace(" ", "").split("-")
    if len(parts) != 3 or not parts[0].isalpha() or not (parts[1] + parts[2]).isdigit():
        return None
    if len(parts[1]) != 2 or len(parts[2]) > 6:
        return None
    return f"{parts[0]}-{parts[1]}-{int(parts[2]):06d}"


# --- Queues -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    slug: str
    name: str
    statuses: frozenset[str]
    deadline_field: str
    deadline_label: str
    # The step the queue waits for: who may take it may claim the queue's families.
    work_action: str
    hub: Team | None = None

    def contacts(self) -> QuerySet[Contact]:
        qs = Contact.objects.filter(status__in=self.statuses)
        if self.hub is not None:
            qs = qs.filter(family__hub=self.hub)
        return qs


SCREENING = Queue(
    slug="screening",
    name="Screening",
    statuses=frozenset({Status.AWAITING_SCREENING, Status.SCREENED}),
    deadline_field="screening_due_at",
    deadline_label="Pass to a hub by",
    work_action="record_screening",
)
DECISIONS = Queue(
    slug="decisions",
    name="Awaiting a manager's decision",
    statuses=frozenset({Status.AWAITING_DECISION}),
    deadline_field="decision_due_at",
    deadline_label="Decide by",
    work_action="record_decision",
)


def hub_queue(hub: Team) -> Queue:
    return Queue(
        slug=hub.slug,
        name=hub.name if hub.active else f"{hub.name} (closed hub)",
        statuses=frozenset({Status.IN_HUB}),
        deadline_field="decision_due_at",
        deadline_label="Decide by",
        work_action="record_analysis",
        hub=hub,
    )


def all_queues() -> list[Queue]:
    # Every hub, closed ones too: a child left in a closed hub must still be in a queue.
    hubs = Team.objects.filter(kind=TeamKind.HUB).order_by("-active", "order", "name")
    return [SCREENING, *[hub_queue(h) for h in hubs], DECISIONS]


def queues_waiting_in(family: FamilyContact, children: list[Contact]) -> list[Queue]:
    """The queues the family waits in now (brothers and sisters may be at different steps)."""
    statuses = {child.status for child in children}
    queues = [SCREENING] if statuses & SCREENING.statuses else []
    if Status.IN_HUB in statuses and family.hub is not None:
        queues.append(hub_queue(family.hub))
    if statuses & DECISIONS.statuses:
        queues.append(DECISIONS)
    return queues


def find_queue(slug: str) -> Queue:
    for queue in all_queues():
        if queue.slug == slug:
            return queue
    raise Http404


# What a queue's page shows of each child (contacts/jinja2/contacts/_queue_rows.html): the
# rest of a child's row (clocks, screening and analysis text) is not read for the list.
QUEUE_ROW_CHILD_FIELDS = (
    "family",
    "position",
    "first_name",
    "last_name",
    "date_of_birth",
    "person",
    "status",
    "rag",
)
# And of each family (the rows and contacts/jinja2/contacts/_claim.html): not the referrer,
# the narrative or the claimant's password hash, which the list never shows (docs/benchmarks.md,
# queue page, fourth pass). A field read that is not here costs a query per row, which
# `test_queue_page_runs_the_same_number_of_queries_however_long_the_queue` would catch.
QUEUE_ROW_FAMILY_FIELDS = (
    "reference",
    "received_at",
    "referral_source__label",
    "agency__name",
    "claimed_by__username",
    "claimed_by__first_name",
    "claimed_by__last_name",
    "claimed_in",
)


def queue_families(
    user: User, queue: Queue, *, child_fields: tuple[str, ...] = ()
) -> QuerySet[FamilyContact]:
    """The families with a child in `queue`, most urgent first, each with its children; the
    API's list reads every field (`child_fields` narrows what is read of each child).

    One query for the page (plus one for its children): the deadline is stored, so ordering
    is a plain SQL sort, constant in cost per page however long the queue grows.
    """
    children = Contact.objects.order_by("position")
    if child_fields:
        children = children.only(*child_fields)
    return _in_queue(user, queue).prefetch_related(
        Prefetch(
            "contacts",
            # Restricted children come out as placeholders, on the page and the API alike
            # (read as the user: access/records.py).
            queryset=children,
        )
    )


def _in_queue(user: User, queue: Queue) -> QuerySet[FamilyContact]:
    in_queue = Q(contacts__status__in=queue.statuses)
    if queue.hub is not None:
        in_queue &= Q(hub=queue.hub)
    return (
        visible_family_contacts(user)
        .filter(in_queue)
        .annotate(
            due=Min(f"contacts__{queue.deadline_field}"),
            children_waiting=Count("contacts"),
        )
        .select_related("referral_source", "agency", "hub", "claimed_by")
        .order_by("due", "received_at", "id")
    )


@dataclass(frozen=True)
class QueueFilters:
    """What a worker narrowed a queue to (contacts.forms.queues.QueueFilterForm)."""

    search: str = ""  # a child's name, or a contact's reference
    rags: tuple[str, ...] = ()
    source: Code | None = None
    hub: Team | None = None
    assignee: str = ""  # "me", "nobody" or a worker's id
    me: User | None = None
    overdue: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.search or self.rags or self.source or self.hub or self.assignee or self.overdue
        )


def filtered_queue(
    user: User, queue: Queue, filters: QueueFilters, *, now: datetime | None = None
) -> QuerySet[FamilyContact]:
    """The queue's families narrowed by `filters`, in the queue's order, for its page (each
    read as far as the page shows it: `QUEUE_ROW_FAMILY_FIELDS`; their children are read by
    `queue_page`). A name is matched only against children the user may open: a restricted
    child still waits in the list, but searching for her name finds nothing (docs/adr/0016)."""
    families = (
        _in_queue(user, queue)
        .select_related(None)
        .select_related("referral_source", "agency", "claimed_by")
        .only(*QUEUE_ROW_FAMILY_FIELDS)
    )
    waiting = Contact.objects.filter(family=OuterRef("pk"), status__in=queue.statuses)
    if filters.rags:
        families = families.filter(Exists(waiting.filter(rag__in=filters.rags)))
    if filters.source is not None:
        families = families.filter(referral_source=filters.source)
    if filters.hub is not None:
        families = families.filter(hub=filters.hub)
    if filters.overdue:
        families = families.filter(Q(due__lt=now or timezone.now()))  # the annotation
    families = _claimed_by(families, queue, filters)
    if filters.search:
        families = families.filter(_matching(user, filters.search))
    return families


QUEUE_PAGE_SIZE = 50
# No queue has a million pages; a page number beyond is past the end (the last page).
MAX_PAGE_NUMBER = 1_000_000


def queue_page(
    user: User, queue: Queue, filters: QueueFilters, number: str | None
) -> Page[FamilyContact]:
    """Page `number` of the queue's families as `filtered_queue` lists them, each with
    `children`: its children in the order the referrer named them, read in one statement for
    the page as far as the rows show them. Restricted children come out as placeholders (read
    as the user: access/records.py), as the family contacts about them do.

    The page's rows carry the length of the whole list (`COUNT(*) OVER ()`), so the pagination
    costs no second pass over the queue: at `county-ci` that pass was a tenth of the page
    (docs/adr/0046). The page chosen is Django's `Paginator.get_page`'s: anything that is not
    a number gives the first page, a number past either end the last."""
    listed = filtered_queue(user, queue, filters).annotate(queue_length=Window(Count("*")))
    paginator: Paginator[FamilyContact] = Paginator(listed, QUEUE_PAGE_SIZE)
    try:
        wanted = int(number) if number is not None else 1
    except ValueError:
        wanted = 1
    # A page no queue could have (an offset past what the database's integer holds, typed by
    # hand) is past the end like any other: the last page, never an overflow.
    in_reach = 1 <= wanted <= MAX_PAGE_NUMBER
    families = _families_on_page(listed, wanted) if in_reach else []
    if families:
        paginator.count = families[0].queue_length  # type: ignore[attr-defined]
    elif wanted == 1:
        paginator.count = 0
    else:
        # Past the end (an old link, a page number typed by hand): the last page, as Django's.
        wanted = paginator.num_pages
        families = _families_on_page(listed, wanted)
    by_family: dict[uuid.UUID, list[Contact]] = {family.pk: [] for family in families}
    if families:
        children = (
            Contact.objects.read_as(user)
            .filter(family__in=list(by_family))
            .only(*QUEUE_ROW_CHILD_FIELDS)
            .order_by("position")
        )
        for child in children:
            by_family[child.family_id].append(child)
    for family in families:
        family.children = by_family[family.pk]  # type: ignore[attr-defined]
    return Page(families, wanted, paginator)


def _families_on_page(listed: QuerySet[FamilyContact], number: int) -> list[FamilyContact]:
    start = (number - 1) * QUEUE_PAGE_SIZE
    return list(listed[start : start + QUEUE_PAGE_SIZE])


def _claimed_by(
    families: QuerySet[FamilyContact], queue: Queue, filters: QueueFilters
) -> QuerySet[FamilyContact]:
    if not filters.assignee:
        return families
    if filters.assignee == "nobody":
        return families.filter(Q(claimed_by__isnull=True) | ~Q(claimed_in=queue.slug))
    worker = filters.me.pk if filters.assignee == "me" and filters.me else filters.assignee
    if not str(worker).isdigit():
        return families.none()
    return families.filter(claimed_by_id=int(worker), claimed_in=queue.slug)


def _matching(user: User, search: str) -> Q:
    """A family whose reference is `search`, or with a child whose name has every word."""
    words = search.split()
    named = Contact.objects.filter(family=OuterRef("pk"))
    for word in words:
        named = named.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    with reading_as(user) as reading:
        hidden = reading.hidden_pks(FamilyContact)
    by_name = Q(Exists(named)) & ~Q(pk__in=hidden)
    return by_name | _by_reference(search)


def _by_reference(search: str) -> Q:
    """The contact's reference ("WX-26-004187"), whole or as its number alone ("4187")."""
    text = search.strip().upper()
    if text.isdigit():
        return Q(reference__endswith=f"-{int(text):06d}")
    if REFERENCE_SHAPE.fullmatch(text):
        return Q(reference=text)
    return Q(pk__in=[])


def claimants(queue: Queue) -> list[User]:
    """Who holds a claim in the queue now, for the "claimed by" filter."""
    holding = queue.contacts().filter(family__claimed_in=queue.slug).values("family__claimed_by")
    return list(User.objects.filter(pk__in=holding).order_by("first_name", "last_name"))


@dataclass(frozen=True)
class QueueSummary:
    queue: Queue
    children: int
    families: int
    overdue: int
    oldest_received_at: datetime | None


def queue_summaries(user: User) -> list[QueueSummary]:
    """For the MASH overview: each queue's size, how many are overdue, and its oldest item.

    One aggregate query per queue (a handful: screening, the hubs, decisions), each using the
    (status, deadline) indexes; the cost does not grow with the number of contacts shown.
    """
    if not (can(user, "view_overview") or can(user, "view_queues")):
        return []
    now = timezone.now()
    summaries = []
    for queue in all_queues():
        figures = queue.contacts().aggregate(
            children=Count("id"),
            families=Count("family", distinct=True),
            overdue=Count("id", filter=Q(**{f"{queue.deadline_field}__lt": now})),
            oldest=Min("family__received_at"),
        )
        summaries.append(
            QueueSummary(
                queue=queue,
                children=figures["children"],
                families=figures["families"],
                overdue=figures["overdue"],
                oldest_received_at=figures["oldest"],
            )
        )
    return summaries


def open_contacts_in_no_queue() -> QuerySet[Contact]:
    """Open contacts that no queue shows. Always empty; the overview and a test check it."""
    in_some_queue = Q()
    for queue in all_queues():
        in_some_queue |= Q(pk__in=queue.contacts().values("pk"))
    return Contact.objects.filter(status__in=OPEN_STATES).exclude(in_some_queue)


def siblings_in(contact: Contact, statuses: set[str]) -> QuerySet[Contact]:
    """The child's brothers and sisters in the same family contact, in these states."""
    return Contact.objects.filter(family_id=contact.family_id, status__in=statuses).exclude(
        pk=contact.pk
    )


def brothers_and_sisters_on_record(person: Person) -> list[FamilyMember]:
    """The brothers and sisters recorded as such, then the other children on record named with
    this child in one family contact (issue 17: after both siblings' records were created from
    one contact, the screening page said "none"). A restricted record is named by the
    placeholder only, with no link (../shared/SECURITY.md, 4)."""
    recorded = siblings_of(person)
    known = {person.pk, *sibling_ids(person)}
    named_with = list(
        Person.objects.filter(contacts__family__contacts__person=person)
        .exclude(pk__in=known)
        .distinct()
        .order_by("date_of_birth", "first_name")
    )
    together = "Named in the same contact"
    return shown_to_reader(
        [
            *recorded,
            *(FamilyMember(other.full_name, together, other, together) for other in named_with),
        ]
    )


def already_submitted(user: User, draft: uuid.UUID) -> FamilyContact | None:
    """The contact this user's draft already became (a double click, a retry, the back
    button), if it did."""
    return FamilyContact.objects.filter(idempotency_key=f"{user.pk}:{draft}").first()


def family_events(family: FamilyContact) -> QuerySet[Event]:
    """The family contact's history: the audit trail, rendered."""
    return Event.objects.filter(family_contact=family).select_related("actor", "contact")


def previous_contacts(person: Person, *, exclude: Contact | None = None) -> list[Contact]:
    """Everything the front door already knows about this child, newest first."""
    contacts = (
        Contact.objects.filter(person=person)
        .select_related("family", "family__referral_source", "decision", "level_of_need")
        .order_by("-family__received_at")
    )
    if exclude is not None:
        contacts = contacts.exclude(pk=exclude.pk)
    return list(contacts)


def get_named_adult_for(user: User, contact: Contact, position: int) -> ContactAdult:
    """The adult named `position` in the child's family contact, to say who they are (issue
    17); a 404 for anyone who may not see the contact, and for an adult in a family with a
    restricted child the user may not open. The child's page, opened first, logged the view."""
    adults = (
        ContactAdult.objects.read_as(user).filter(position=position)
        if can(user, "view_contact")
        else ContactAdult.objects.none()
    )
    return open_record(
        user,
        adults.select_related("family", "person"),
        contact.family_id,
        key="family_id",
        log=False,
    )


def adult_candidates(user: User, adult: ContactAdult) -> list[Person]:
    """The person records the adult may be, best first: a search on what the referrer told us,
    less restricted records (shown nowhere as a choice) and the children of the contact."""
    children = set(adult.family.contacts.values_list("person_id", flat=True))
    found = find_people(user, criteria_for_adult(adult))
    return [
        candidate.person
        for candidate in found.candidates
        if not candidate.restricted and candidate.person.pk not in children
    ]


def told_kinds(adult: ContactAdult, child: Person) -> list[str]:
    """What the referrer said the adult is to the child (several, if they were told so)."""
    return sorted(
        set(
            AdultRelationship.objects.filter(adult=adult, contact__person=child).values_list(
                "kind", flat=True
            )
        )
    )
