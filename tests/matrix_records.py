"""Real records for the permission matrix (tests/test_permission_matrix.py), one builder per kind
of record, each reached through the real actions in the state its routes need.

A row of the matrix names its record as `kind[:state][:restricted|:granted]`:

- `kind` and `state` choose a builder below (`allocation:allocated`, `episode:returned` …);
- `:restricted` then restricts the child the record is about, with nobody in the cast on the
  allow-list; `:granted` restricts it and puts everyone in the cast on the allow-list.

A builder answers with the values of the route's parameters (by their names in the URL patterns
and the API paths), the record itself (whose row a refused POST must leave as it was), and the
child it is about. Built outside any request, as the system: nothing is concealed while a
record is made. Synthetic people only.
"""

from __future__ import annotations

import csv
import io
import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import models
from django.forms.models import model_to_dict
from django.utils import timezone

from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role, User
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts import actions as contact_actions
from frontdoor.contacts import drafts
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.people.models import Person
from frontdoor.teams.models import Team

RESTRICTIONS = ("restricted", "granted")


@dataclass
class Cast:
    """One user per role (conftest.py's personas), the teams and the police force."""

    users: dict[str, User]
    hub: Team
    area_team: Team
    police: Agency

    @property
    def ig_lead(self) -> User:
        return self.users["ig_lead"]

    @property
    def manager(self) -> User:
        return self.users["manager"]

    @property
    def screener(self) -> User:
        return self.users["screener"]


def cast_of_every_role(
    make_user: Callable[..., User], hub: Team, area_team: Team, police: Agency
) -> Cast:
    """The permission matrix's cast: one user per role, in the matrix's column order. Made once
    here, so a new role is added to every test that walks the roles at the same time. (The
    root conftest.py hashes their passwords with MD5: these tests check access, not passwords.)"""
    from frontdoor.teams.models import TeamKind

    early_help = Team.objects.get(kind=TeamKind.EARLY_HELP, slug="early-help")
    users = {
        "contact_officer": make_user("colin", Role.CONTACT_OFFICER),
        "screener": make_user("alice", Role.SCREENER),
        "hub_worker": make_user("hamid", Role.HUB_WORKER, team=hub),
        "manager": make_user("maya", Role.MANAGER),
        "area_worker": make_user("sam", Role.AREA_WORKER, team=area_team),
        "partner": make_user("priya", Role.PARTNER, agency=police),
        "auditor": make_user("aisha", Role.AUDITOR),
        "senior_leader": make_user("lena", Role.SENIOR_LEADER),
        "admin": make_user("adam", Role.ADMIN),
        "ig_lead": make_user("iris", Role.IG_LEAD),
        "early_help_worker": make_user("eve", Role.EARLY_HELP_WORKER, team=early_help),
    }
    return Cast(users, hub, area_team, police)


@dataclass
class Built:
    """A record, as a row's requests need it."""

    values: dict[str, Any] = field(default_factory=dict)  # route parameter -> value
    record: models.Model | None = None  # what a POST acts on
    child: Person | None = None  # the child it is about (restricted by `:restricted`)
    query: str = ""  # a query string the route needs
    extra: dict[str, Any] = field(default_factory=dict)  # what a valid body needs

    def fingerprint(self) -> dict[str, Any] | None:
        """The record's row as it is in the database now (None if it has gone)."""
        if self.record is None:
            return None
        model = type(self.record)
        found = model._base_manager.filter(pk=self.record.pk).first()
        return None if found is None else model_to_dict(found)


def parse(record: str) -> tuple[str, str, str]:
    """`episode:returned:restricted` -> ("episode", "returned", "restricted")."""
    parts = record.split(":")
    how = parts.pop() if len(parts) > 1 and parts[-1] in RESTRICTIONS else ""
    kind, state = parts[0], ":".join(parts[1:])
    return kind, state, how


def build(cast: Cast, record: str) -> Built:
    kind, state, how = parse(record)
    if kind not in BUILDERS:
        raise AssertionError(f"unknown kind of record {record!r}")
    built = BUILDERS[kind](cast, state)
    if how:
        assert built.child is not None, f"{record}: a {kind} is not about a child"
        restrict(cast, built.child, how)
    return built


def restrict(cast: Cast, person: Person, how: str) -> None:
    access_actions.restrict_person(by=cast.ig_lead, person=person, reason="Staff member's child")
    if how == "granted":
        for user in cast.users.values():
            access_actions.grant_access(
                by=cast.ig_lead,
                person=person,
                user=user,
                expires_at=timezone.now() + timedelta(days=7),
                reason="On the allow-list for this test",
            )


# --- Names, times and the cast's helpers -------------------------------------------------------

_NAMES = itertools.count()
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def surname() -> str:
    """A surname no other child in the test has, nor one like it, so that matching is never in
    doubt between two records a row built: three syllables drawn from the counter, spread so
    that consecutive names share no syllable (Bafomu, Zeruki …)."""
    n = next(_NAMES) * 7919 + 104729
    parts = []
    for _ in range(3):
        n, rest = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[rest])
    return "".join(parts).capitalize()


def born() -> date:
    """A date of birth no other child in the test shares."""
    return date(2010, 1, 1) + timedelta(days=37 * next(_NAMES) % 3000)


def child(first: str = "Rowan", born_on: date | None = None) -> Person:
    return f.person(first, surname(), born_on or born())


def recently() -> datetime:
    """A few minutes ago, to the minute: a time the pages' forms take as in the past."""
    return timezone.localtime().replace(second=0, microsecond=0) - timedelta(minutes=5)


def this_minute() -> datetime:
    """Now, to the minute: not in the future, and not before a step the record took moments
    ago (a visit after the transfer, a discussion after the decision: ADR 0027)."""
    return timezone.localtime().replace(second=0, microsecond=0)


def second_manager() -> User:
    """Mark, a manager outside the cast: someone whose decision Maya can review."""
    return User.objects.get_or_create(
        username="mark", defaults={"role": Role.MANAGER, "first_name": "Mark"}
    )[0]


def health_agency() -> Agency:
    return Agency.objects.get_or_create(
        name="Wessex Community Health",
        defaults={
            "kind": AgencyKind.HEALTH,
            "referral_source": Code.objects.get(code_list=CodeList.REFERRAL_SOURCE, code="3B"),
        },
    )[0]


def health_partner() -> User:
    """Hannah, a health partner outside the cast: the owner of a health agency's records."""
    return User.objects.get_or_create(
        username="hannah", defaults={"role": Role.PARTNER, "agency": health_agency()}
    )[0]


def partner_of(cast: Cast, agency: str) -> User:
    return cast.users["partner"] if agency == "police" else health_partner()


def _person_values(person: Person) -> dict[str, Any]:
    return {"pk": person.pk, "person": person.pk, "person_id": person.pk}


# --- The front door: people, contacts, drafts, queues -----------------------------------------


def build_nothing(cast: Cast, state: str) -> Built:
    return Built()


def build_api_token(cast: Cast, state: str) -> Built:
    """A live token of a service account (the administrator's pages)."""
    from frontdoor.access.models import User
    from frontdoor.access.tests.service_accounts import issuer

    system = User.objects.get_or_create(
        username="matrix-system", defaults={"role": Role.SCREENER, "is_service_account": True}
    )[0]
    issued = access_actions.issue_api_token(by=issuer(), user=system, name="Matrix system")
    return Built({"token": issued.api_token.public_id}, record=issued.api_token)


def build_subscription(cast: Cast, state: str) -> Built:
    """A webhook subscription of a case system's service account (the administrator's pages);
    `dead`: with a dead letter waiting to be replayed; `paused`: paused by the administrator."""
    from frontdoor.access.models import User
    from frontdoor.integration import actions as integration_actions
    from frontdoor.integration.models import Delivery, DeliveryStatus
    from frontdoor.outbox.models import IntegrationEvent

    system = User.objects.get_or_create(
        username="matrix-case-system",
        defaults={"role": Role.AREA_WORKER, "is_service_account": True},
    )[0]
    admin = User.objects.get_or_create(username="matrix-webhooks", defaults={"role": Role.ADMIN})[0]
    subscription = integration_actions.create_subscription(
        by=admin,
        name=f"Case system {uuid.uuid4().hex[:8]}",
        url="https://cases.example.org/hooks/frontdoor",
        account=system,
    )
    if state == "paused":
        integration_actions.pause_subscription(by=admin, subscription=subscription)
    if state == "dead":
        f.received(cast.users["contact_officer"], children=[f.child("Remy", surname())])
        event = IntegrationEvent.objects.order_by("-txid", "-id").first()
        assert event is not None
        Delivery.objects.create(
            subscription=subscription,
            event=event,
            person_id=event.person_id,
            txid=event.txid,
            status=DeliveryStatus.DEAD,
            attempts=8,
            next_attempt_at=timezone.now(),
            last_error="HTTP 503",
        )
    return Built({"pk": subscription.pk}, record=subscription)


def build_absent(cast: Cast, state: str) -> Built:
    """A record that does not exist: a made-up id for every id, and a name nothing has."""
    return Built({"*": uuid.uuid4()})


def build_person(cast: Cast, state: str) -> Built:
    """A child on record; `open`: with an open contact (screened), as an analysis needs."""
    if state == "open":
        family = f.screened(cast.screener, children=[f.child("Rowan", surname())])
        person = f.only_child(family).person
        assert person is not None
    else:
        assert state == "", state
        person = child()
    return Built(_person_values(person), record=person, child=person)


def family_in(cast: Cast, state: str) -> FamilyContact:
    users = cast.users
    first = f.child("Amy", surname())
    if state == "received":
        return f.linked(cast.screener, f.received(users["contact_officer"], children=[first]))
    if state == "screened":
        return f.screened(cast.screener, children=[first])
    if state == "hub":
        return f.in_hub(cast.screener, cast.hub, children=[first])
    if state == "decision":
        return f.awaiting_decision(cast.manager, cast.hub, children=[first])
    if state == "decided":  # a referrer identified, to be told the outcome
        family = f.screened(cast.screener, children=[first])
        decision_actions.record_decision(
            by=cast.manager,
            contacts=list(family.contacts.all()),
            details=decision_actions.DecisionDetails(
                outcome=Outcome.NO_FURTHER_ACTION, rationale="No role for children's services"
            ),
        )
        return family
    if state in ("consented", "unconsented"):
        return _with_consent(cast, f.in_hub(cast.screener, cast.hub, children=[first]), state)
    raise AssertionError(f"unknown state of a contact {state!r}")


def _with_consent(cast: Cast, family: FamilyContact, state: str) -> FamilyContact:
    """In the hub with consent given; `unconsented`: consent not sought, with a lawful reason,
    awaiting a manager's authorisation to share without it."""
    from frontdoor.enquiries import actions as enquiry_actions
    from frontdoor.enquiries.tests import factories as ef
    from frontdoor.enquiries.workflow import ConsentPosition

    if state == "consented":
        ef.consent_given(cast.manager, family)
        return family
    enquiry_actions.record_consent(
        by=cast.users["hub_worker"],  # another than the manager who authorises it
        family=family,
        details=enquiry_actions.ConsentDetails(
            position=ConsentPosition.NOT_SOUGHT,
            decided_at=timezone.now() - timedelta(minutes=10),
            without_consent_reason=ef.without_consent_reason(),
            without_consent_detail="Father is the alleged abuser and lives at the address",
        ),
    )
    return family


def build_family(cast: Cast, state: str) -> Built:
    family = family_in(cast, state)
    contact = f.only_child(family)
    return Built(
        {"pk": family.pk, "family_id": family.pk},
        record=contact,
        child=contact.person,
        extra={"family": family, "contact": contact},
    )


def build_adult(cast: Cast, state: str) -> Built:
    """An adult named in a contact (the factories' Jo, "parent"), its child on record, not yet
    linked to a person record of their own; `linked`: linked to a new one, as the child's
    parent (what a link to the wrong record would have to undo)."""
    assert state in ("", "linked"), state
    family = family_in(cast, "received")
    contact = f.only_child(family)
    adult = family.adults.get()
    if state == "linked":
        from frontdoor.contacts.actions.adults import link_adult

        assert contact.person is not None
        link_adult(
            by=cast.users["screener"],
            adult=adult,
            child=contact.person,
            person=None,
            kinds=["parent"],
        )
        adult.refresh_from_db()
    return Built(
        {"contact_id": contact.pk, "position": adult.position},
        record=adult,
        child=contact.person,
    )


def build_contact(cast: Cast, state: str) -> Built:
    """One child of a family contact; `to-restricted`: received, and the record the screener
    would link it to is a restricted child's (`link_to`), whom nobody in the cast may open."""
    target = None
    if state == "to-restricted":
        state, target = "received", child("Amy")
        restrict(cast, target, "restricted")
    family = family_in(cast, state)
    contact = f.only_child(family)
    return Built(
        {"pk": contact.pk, "contact_id": contact.pk, "contact": contact.pk},
        record=contact,
        child=contact.person,
        extra={"family": family, "contact": contact, "link_to": target},
    )


def decided(cast: Cast, outcome: str = Outcome.NO_FURTHER_ACTION) -> Contact:
    """A contact screened by Alice and decided by Maya; a referral's outcome transfers the child
    to the area team, to be seen within a day."""
    family = f.screened(cast.screener, children=[f.child("Rowan", surname())])
    contact = f.only_child(family)
    referral = outcome in (Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION)
    decision_actions.record_decision(
        by=cast.manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=outcome,
            rationale="Reasonable cause to suspect significant harm",
            see_by=timezone.now() + timedelta(hours=20) if referral else None,
            see_by_team=cast.area_team if referral else None,
            # A referral to another council: Leeds (LA number 383).
            other_council=(
                Code.objects.get(code_list=CodeList.LOCAL_AUTHORITY, code="383")
                if outcome == Outcome.OTHER_COUNCIL
                else None
            ),
        ),
    )
    return Contact.objects.get(pk=contact.pk)


def build_decision(cast: Cast, state: str) -> Built:
    """A decision made today, beside another child's: what a case audit samples."""
    decided(cast)
    contact = decided(cast)
    return Built(record=contact, child=contact.person, extra={"contact": contact})


def build_draft(cast: Cast, state: str) -> Built:
    """A contact being typed by Colin, the contact officer."""
    owner = cast.users["contact_officer"]
    draft = drafts.start_draft(by=owner)
    return Built({"draft": draft.pk, "step": "referrer"}, record=draft)


def build_queued(cast: Cast, state: str) -> Built:
    """A family waiting in the screening queue, unclaimed; `claimed`: claimed there by Alice."""
    from frontdoor.contacts.actions import claims
    from frontdoor.contacts.queries import SCREENING

    family = family_in(cast, "received")
    if state == "claimed":
        family = claims.claim(by=cast.screener, family=family, queue=SCREENING)
    else:
        assert state == "screening", state
    return Built(
        {"pk": family.pk, "family_id": family.pk},
        record=family,
        child=f.only_child(family).person,
    )


def build_queue(cast: Cast, state: str) -> Built:
    return Built({"slug": "screening" if state == "screening" else cast.hub.slug})


def build_team(cast: Cast, state: str) -> Built:
    """An area team's page of children to see."""
    return Built({"slug": cast.area_team.slug})


def build_search(cast: Cast, state: str) -> Built:
    """A person search Alice made and had recorded: hers alone to read again."""
    from frontdoor.matching.actions import record_search
    from frontdoor.matching.queries import Criteria, find_people

    criteria = Criteria(first_name="Rowan", last_name="Matrix")
    found = find_people(cast.screener, criteria)
    search = record_search(by=cast.screener, criteria=criteria, found=found)
    return Built({"pk": search.pk}, record=search)


# --- Restricted records and the audit trail ---------------------------------------------------


def build_export(cast: Cast, state: str) -> Built:
    today = timezone.localdate()
    query = f"report=user-activity&user=alice&from={today - timedelta(days=7)}&to={today}"
    return Built(query=query)


def build_break_glass(cast: Cast, state: str) -> Built:
    """Maya broke glass to open a restricted child's record."""
    person = child()
    restrict(cast, person, "restricted")
    opened = access_actions.break_glass(
        by=cast.manager, person=person, reason="Emergency for this test"
    )
    return Built({"pk": opened.pk}, record=opened)


# --- Partner agencies in the loop -------------------------------------------------------------


def build_enquiry(cast: Cast, agency: str) -> Built:
    """A MASH enquiry to the police or to health, about a family in the hub with consent."""
    from frontdoor.enquiries.tests import factories as ef

    partner = partner_of(cast, agency)
    assert partner.agency is not None
    enquiry = ef.sent(cast.manager, cast.hub, partner.agency, children=[f.child("Amy", surname())])
    person = enquiry.family.contacts.get().person
    return Built({"pk": enquiry.pk, "enquiry_id": enquiry.pk}, record=enquiry, child=person)


def build_attachment(cast: Cast, agency: str) -> Built:
    from frontdoor.enquiries.tests import factories as ef
    from frontdoor.enquiries.uploads import check_file

    built = build_enquiry(cast, agency)
    pdf = check_file("notes.pdf", b"%PDF-1.7\n%%EOF", max_bytes=1024)
    answer = ef.answered(partner_of(cast, agency), built.record, attachments=[pdf])
    attachment = answer.attachments.get()
    return Built({"pk": attachment.pk}, record=attachment, child=built.child)


def build_submission(cast: Cast, state: str) -> Built:
    """A contact a partner agency (`police` or `health`) sent on the professionals' referral
    form; `police:linked`: its child since linked to a record at screening."""
    agency, _, linked = state.partition(":")
    family = contact_actions.receive_contact(
        by=partner_of(cast, agency),
        details=f.contact_details(children=[f.child("Amy", surname())]),
    )
    person = None
    if linked:
        assert linked == "linked", state
        person = f.only_child(f.linked(cast.screener, family)).person
    return Built({"pk": family.pk, "family_id": family.pk}, record=family, child=person)


def build_partner_draft(cast: Cast, state: str) -> Built:
    """The police partner's own referral, being typed."""
    draft = drafts.start_draft(by=cast.users["partner"])
    return Built({"draft": draft.pk, "step": "about-you"}, record=draft)


def build_figure(cast: Cast, state: str) -> Built:
    """A figure on the partner agencies' information page."""
    return Built({"figure": "sent"})


# --- From decision to doorstep: transfers, visits, assessments, strategy ----------------------


def build_allocation(cast: Cast, state: str) -> Built:
    """A child transferred to the area team for an assessment; `allocated`: to Sam."""
    from frontdoor.visits import actions as visit_actions
    from frontdoor.visits.models import Allocation

    contact = decided(cast, Outcome.ASSESSMENT)
    allocation = Allocation.objects.get(referral__contact=contact)
    if state == "allocated":
        allocation = visit_actions.allocate_worker(
            by=cast.manager, allocation=allocation, worker=cast.users["area_worker"]
        )
    else:
        assert state == "awaiting", state
    return Built(
        {"pk": allocation.pk, "allocation_id": allocation.pk},
        record=allocation,
        child=allocation.person,
    )


def build_handover(cast: Cast, state: str) -> Built:
    """A child transferred to the area team, not yet received (`awaiting`), or sent back to
    the MASH by Sam with a reason (`returned`); `council`: referred to another council (Leeds),
    waiting for its answer."""
    from frontdoor.handovers import actions as handover_actions
    from frontdoor.handovers.models import Handover

    if state == "council":
        contact = decided(cast, Outcome.OTHER_COUNCIL)
        handover = Handover.objects.get(decision__contact=contact)
        return Built(
            {"pk": handover.pk, "handover_id": handover.pk}, record=handover, child=handover.person
        )
    if state in ("step-down", "received"):
        contact = decided(cast, Outcome.EARLY_HELP)
        handover = Handover.objects.get(decision__contact=contact)
        if state == "received":  # by Eve, of early help
            handover = handover_actions.accept_handover(
                by=cast.users["early_help_worker"], handover=handover
            )
        return Built(
            {"pk": handover.pk, "handover_id": handover.pk}, record=handover, child=handover.person
        )
    contact = decided(cast, Outcome.ASSESSMENT)
    handover = Handover.objects.get(decision__contact=contact)
    if state == "returned":
        handover = handover_actions.return_handover(
            by=cast.users["area_worker"], handover=handover, reason="Lives in another county"
        )
    else:
        assert state == "awaiting", state
    return Built(
        {"pk": handover.pk, "handover_id": handover.pk}, record=handover, child=handover.person
    )


def build_assessment(cast: Cast, state: str) -> Built:
    """A child and family assessment in progress; `submitted`: for a manager to authorise."""
    from frontdoor.assessments import actions as assessment_actions
    from frontdoor.assessments.models import Assessment

    contact = decided(cast, Outcome.ASSESSMENT)
    assessment = Assessment.objects.get(referral__contact=contact)
    if state == "submitted":
        assessment = assessment_actions.submit_assessment(
            by=cast.manager,
            assessment=assessment,
            submission=assessment_actions.AssessmentSubmission(
                factors=[f.code(CodeList.ASSESSMENT_FACTOR, "3A")],
                outcome="cin_plan",
                summary="Needs support with the home",
                primary_need=f.code(CodeList.PRIMARY_NEED, "N1"),
            ),
        )
    else:
        assert state == "in-progress", state
    return Built(
        {"pk": assessment.pk, "assessment_id": assessment.pk},
        record=assessment,
        child=assessment.person,
    )


def hold(cast: Cast, discussion: Any) -> None:
    from frontdoor.strategy import actions as strategy_actions

    strategy_actions.record_strategy_discussion(
        by=cast.manager,
        discussion=discussion,
        record=strategy_actions.DiscussionRecord(
            # To the minute, as people type it: not before the decision that asked for it, and
            # not after a circulation typed in this same minute.
            held_at=this_minute(),
            format="Conference call",
            participants=[
                strategy_actions.ParticipantDetails(agency, True, True)
                for agency in ("council", "police", "health")
            ],
            information_shared="Police: two call-outs this month",
            outcome="section_47",
            rationale="Injury unexplained",
        ),
    )


def build_discussion(cast: Cast, state: str) -> Built:
    """A strategy discussion to be held; `held`: held, deciding on a section 47 enquiry."""
    from frontdoor.strategy.models import StrategyDiscussion

    contact = decided(cast, Outcome.STRATEGY_DISCUSSION)
    discussion = StrategyDiscussion.objects.get(referral__contact=contact)
    if state == "held":
        hold(cast, discussion)
        discussion.refresh_from_db()
    else:
        assert state == "to-be-held", state
    return Built(
        {"pk": discussion.pk, "discussion_id": discussion.pk},
        record=discussion,
        child=discussion.person,
    )


def build_section47(cast: Cast, state: str) -> Built:
    """A section 47 enquiry whose initial conference is still to be recorded."""
    from frontdoor.strategy.models import Section47Enquiry

    discussion = build_discussion(cast, "held").record
    enquiry = Section47Enquiry.objects.get(discussion=discussion)
    return Built({"pk": enquiry.pk, "enquiry_id": enquiry.pk}, record=enquiry, child=enquiry.person)


def build_plan(cast: Cast, state: str) -> Built:
    """A child protection plan the initial conference started (neglect), awaiting its first
    review conference."""
    from frontdoor.strategy import actions as strategy_actions
    from frontdoor.strategy.models import ChildProtectionPlan

    enquiry = build_section47(cast, "").record
    strategy_actions.record_conference(
        by=cast.manager,
        enquiry=enquiry,
        record=strategy_actions.ConferenceRecord(
            held_on=timezone.localdate(),
            child_protection_plan=True,
            abuse_category=f.code(CodeList.ABUSE_CATEGORY, "NEG"),
        ),
    )
    plan = ChildProtectionPlan.objects.get(section47=enquiry)
    return Built({"pk": plan.pk}, record=plan, child=plan.person)


def build_referral(cast: Cast, state: str) -> Built:
    """A child in need episode whose assessment was authorised with a child in need plan: open,
    for a manager to close by hand."""
    from frontdoor.assessments import actions as assessment_actions

    assessment = build_assessment(cast, "submitted").record
    assessment_actions.authorise_assessment(by=cast.manager, assessment=assessment)
    referral = assessment.referral
    return Built({"pk": referral.pk}, record=referral, child=referral.person)


# --- Children who go missing ------------------------------------------------------------------


def build_episode(cast: Cast, state: str) -> Built:
    """A missing episode, reported by Maya, in the state a step needs: `missing`, `returned`,
    `offered` (no answer yet), `accepted`, `interviewed` (awaiting the risk review),
    `sibling` (missing, with a sister on record), `notified` (told by the police, not yet
    linked to a record: `link_to` is the record that is the child; `notified-to-restricted`:
    that record is restricted) or `linked` (told by the police, and linked)."""
    from frontdoor.missing import actions as missing_actions
    from frontdoor.missing.tests import factories as mf

    by, extra = cast.manager, {}
    if state.startswith("notified") or state == "linked":
        reference = f"WX/MX/{uuid.uuid4().hex[:8].upper()}"
        told = mf.notification(reference)
        first, last = "Cara", surname()
        told = type(told)(**{**vars(told), "child": type(told.child)(first, last, "F")})
        episode, _ = missing_actions.notify_missing(by=cast.users["partner"], notification=told)
        target = f.person(first, last)
        extra = {"link_to": target, "reference": reference}
        if state == "notified-to-restricted":
            restrict(cast, target, "restricted")
        if state == "linked":  # Hamid has said which child it is
            episode = missing_actions.link_missing_child(
                by=cast.users["hub_worker"], episode=episode, person=target
            )
            return Built(
                {"pk": episode.pk, "episode_id": episode.pk},
                record=episode,
                child=target,
                extra=extra,
            )
        return Built({"pk": episode.pk, "episode_id": episode.pk}, record=episode, extra=extra)
    person = child()
    if state == "sibling":
        extra["sibling"] = mf.sibling_of(person, first="Beth")
    steps: dict[str, Callable[..., Any]] = {
        # No police report yet: linking one is a step of its own.
        "missing": lambda by, person: mf.missing(by, person, with_police_report=False),
        "sibling": mf.missing,
        "returned": mf.returned,
        "accepted": mf.offered,
        "interviewed": mf.interviewed,
    }
    if state == "offered":
        episode = mf.offered(by, person, answer="")
    else:
        episode = steps[state](by, person)
    return Built(
        {"pk": episode.pk, "episode_id": episode.pk}, record=episode, child=person, extra=extra
    )


def build_flag(cast: Cast, state: str) -> Built:
    """A child missing three times in 30 days: on the manager's list for a decision."""
    from frontdoor.missing.tests import factories as mf

    person = child()
    for days in (20, 10, 2):
        mf.missing(cast.manager, person, started_at=timezone.now() - timedelta(days=days))
    flag = person.repeat_missing_flags.get()
    return Built({"pk": flag.pk, "flag_id": flag.pk}, record=flag, child=person)


def build_missing_figure(cast: Cast, state: str) -> Built:
    """A count on the missing children figures page, for this month."""
    from frontdoor.figures.periods import months_to
    from frontdoor.missing import figures

    month = months_to(timezone.localdate(), 1)[-1]
    return Built({"figure": next(iter(figures.FIGURES)), "month": month.slug})


# --- Police notifications ---------------------------------------------------------------------


def police_import(cast: Cast, *rows: dict[str, str]) -> Any:
    """Alice uploads the force's domestic abuse rows, as its CSV file would be read."""
    from frontdoor.police.actions.intake import import_batch
    from frontdoor.police.formats import rows_from_csv
    from frontdoor.police.workflow import Kind, Source

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    read = rows_from_csv(out.getvalue().encode(), Kind.DOMESTIC_ABUSE)
    batch = import_batch(
        by=cast.screener,
        force=cast.police,
        rows=[(str(Kind.DOMESTIC_ABUSE), n, raw) for n, raw in read],
        source=Source.CSV,
    )
    assert batch.rejected == 0, list(batch.rows.values_list("errors", flat=True))
    return batch


def _incident(person: Person) -> tuple[Any, Any]:
    from frontdoor.guardrails.tests import factories as g
    from frontdoor.police.models import Notification

    reference = f"WX/{uuid.uuid4().hex[:8].upper()}"
    row = g.police_row(reference, timezone.localdate() - timedelta(days=2), person)
    return row, lambda: Notification.objects.get(reference=reference)


def build_batch(cast: Cast, state: str) -> Built:
    """A batch the police force's file came in (not about one child: its rows are)."""
    row, _ = _incident(child())
    batch = police_import(cast, row)
    return Built({"pk": batch.pk, "batch_id": batch.pk}, record=batch)


def build_notification(cast: Cast, state: str) -> Built:
    """A domestic abuse notification about a child on record, matched to them."""
    person = child()
    row, notification = _incident(person)
    police_import(cast, row)
    found = notification()
    assert found.children.get().contact.person_id == person.pk
    return Built({"pk": found.pk}, record=found, child=person)


def build_review(cast: Cast, state: str) -> Built:
    """A police match to review: the child named looks like two records, equally."""
    last, born = surname(), date(2018, 11, 9)
    twins = [f.person("Kyle", last, born), f.person("Kyle", last, born)]
    row, notification = _incident(twins[0])
    police_import(cast, row)
    named = notification().children.get()
    assert named.match_status == "review", named.match_status
    return Built({"contact": named.contact_id}, record=named, extra={"candidates": twins})


def build_police_week(cast: Cast, state: str) -> Built:
    """This week on the police volume page."""
    from frontdoor.police import figures

    weeks = figures.weekly_volume(cast.manager, timezone.now())
    return Built({"week": weeks[-1].week.slug})


# --- Case audits ------------------------------------------------------------------------------


def build_case_audit(cast: Cast, state: str) -> Built:
    """A decision sampled by Maya and assigned to Aisha; `graded`: Aisha has graded it."""
    from frontdoor.casework_audits.tests import factories as caf

    contact = decided(cast)
    audit_round = caf.sampled(cast.manager, [cast.users["auditor"]], size=5000)
    audit = audit_round.audits.get(contact=contact)
    if state == "graded":
        audit = caf.graded(cast.users["auditor"], audit)
    else:
        assert state == "assigned", state
    questions = list(audit.round.template.questions.filter(active=True))
    return Built(
        {"pk": audit.pk},
        record=audit,
        child=contact.person,
        extra={"questions": questions, "round": audit_round},
    )


def build_round(cast: Cast, state: str) -> Built:
    """A round of case audits (about many children, not one)."""
    built = build_case_audit(cast, "assigned")
    audit_round = built.extra["round"]
    return Built({"pk": audit_round.pk}, record=audit_round)


def build_audit_action(cast: Cast, state: str) -> Built:
    """An action the audit found necessary, owned by Alice."""
    from frontdoor.casework_audits import actions as audit_actions

    audit = build_case_audit(cast, "graded").record
    action = audit_actions.set_audit_action(
        by=cast.manager,
        audit=audit,
        description="Ask the school for attendance",
        owner=cast.screener,
        due_on=timezone.localdate() + timedelta(days=14),
    )
    return Built({"pk": action.pk}, record=action, child=audit.contact.person)


# --- Management oversight, urgent reviews, second reviews ---------------------------------------


def build_challenge(cast: Cast, state: str) -> Built:
    """Maya challenges Alice's screening of a child, with an action owned by Alice."""
    from frontdoor.oversight import actions as oversight
    from frontdoor.oversight.rules import Kind, Stage, Verdict

    family = f.screened(cast.screener, children=[f.child("Rowan", surname())])
    contact = f.only_child(family)
    assert contact.person is not None
    record = oversight.record_oversight(
        by=cast.manager,
        person=contact.person,
        kind=Kind.OVERSIGHT,
        contact=contact,
        stage=Stage.SCREENING,
        verdict=Verdict.CHALLENGE,
        reason="The history of domestic abuse was not weighed",
        actions=[
            oversight.ActionToSet(
                "Ask the school", cast.screener, timezone.localdate() + timedelta(days=7)
            )
        ],
    )
    return Built({"pk": record.pk, "challenge_id": record.pk}, record=record, child=contact.person)


def build_oversight_action(cast: Cast, state: str) -> Built:
    challenge = build_challenge(cast, "").record
    action = challenge.actions.get()
    return Built({"pk": action.pk, "action_id": action.pk}, record=action, child=challenge.person)


def build_urgent_review(cast: Cast, state: str) -> Built:
    """An urgent review of a waiting child, started by Maya and assigned to Alice."""
    from frontdoor.backlog import actions as oversight_actions

    family = family_in(cast, "received")
    contact = f.only_child(family)
    review = oversight_actions.start_urgent_review(
        by=cast.manager,
        contacts=[contact],
        workers=[cast.screener],
        due_on=timezone.localdate() + timedelta(days=2),
        reason="Waiting too long",
    )
    item = review.items.get()
    return Built(
        {"pk": review.pk, "urgent_review_id": review.pk},
        record=review,
        extra={"item": item, "contact": contact},
        child=contact.person,
    )


def build_urgent_review_item(cast: Cast, state: str) -> Built:
    built = build_urgent_review(cast, state)
    item = built.extra["item"]
    return Built({"pk": item.pk, "item_id": item.pk}, record=item, child=built.child)


def build_below_indicator(cast: Cast, state: str) -> Built:
    """Mark steps a child down to early help despite a high DASH: awaiting a second review."""
    from frontdoor.guardrails.models import BelowIndicatorDecision
    from frontdoor.guardrails.tests import factories as g

    family = f.screened(cast.screener, children=[f.child("Rowan", surname())])
    contact = g.with_high_dash(cast.screener, f.only_child(family))
    contact.refresh_from_db()
    decision_actions.record_decision(
        by=second_manager(),
        contacts=[contact],
        details=g.step_down(indicator_answers={"high-dash": "Perpetrator in prison"}),
    )
    below = BelowIndicatorDecision.objects.get(contact=contact)
    assert below.review_status == "awaiting", below.review_status
    return Built({"pk": below.pk, "review_id": below.pk}, record=below, child=contact.person)


# --- Knowing the child: duplicates and the practice analysis ----------------------------------


def build_pair(cast: Cast, state: str) -> Built:
    """Two records the nightly job found likely to be the same child."""
    from frontdoor.matching.actions import record_duplicate_pairs
    from frontdoor.matching.duplicates import likely_duplicates
    from frontdoor.matching.models import DuplicatePair

    last, born = surname(), date(2015, 2, 3)
    first, second = f.person("Rowan", last, born), f.person("Rowen", last, born)
    record_duplicate_pairs(likely_duplicates())
    pair = DuplicatePair.objects.get(first__in=[first, second], second__in=[first, second])
    return Built({"pk": pair.pk}, record=pair, child=first, extra={"keep": first})


def build_merge(cast: Cast, state: str) -> Built:
    """Maya merged a pair of records: a merge she may undo."""
    from frontdoor.matching import actions as matching_actions

    pair_built = build_pair(cast, "")
    matching_actions.merge_pair(by=cast.manager, pair=pair_built.record, keep=pair_built.child)
    merge = pair_built.record.merges.get()
    return Built({"pk": merge.pk}, record=merge, child=pair_built.child)


def build_entry(cast: Cast, state: str) -> Built:
    """A worry in the practice analysis of Sam's child: decided for an assessment and
    allocated to him, so the episode is still open (the assessment is not yet authorised) and
    the area worker who may withdraw the entry reaches it through his own children, as he
    would at work (issue 17: the walk found no link to it when the entry was on a child still in
    the hub, whom no list of an area worker's names)."""
    from frontdoor.practice.tests import factories as pf

    person = build_allocation(cast, "allocated").child
    assert person is not None
    analysis = pf.add(cast.manager, person, worries="Shouting heard at home")
    entry = analysis.entries.get()
    return Built({"pk": entry.pk}, record=entry, child=person)


# --- Figures ----------------------------------------------------------------------------------


def build_measure(cast: Cast, state: str) -> Built:
    """A measure of the front door's management information, and a count's children."""
    if state == "front-door":
        return Built({"slug": "backlog-by-age"}, query="key=under-1")
    return Built({"slug": "seen-within-timescale"})


BUILDERS: dict[str, Callable[[Cast, str], Built]] = {
    "-": build_nothing,
    "absent": build_absent,
    "api-token": build_api_token,
    "subscription": build_subscription,
    "person": build_person,
    "family": build_family,
    "contact": build_contact,
    "adult": build_adult,
    "decision": build_decision,
    "draft": build_draft,
    "queue": build_queue,
    "queued": build_queued,
    "team": build_team,
    "search": build_search,
    "export": build_export,
    "break-glass": build_break_glass,
    "enquiry": build_enquiry,
    "attachment": build_attachment,
    "submission": build_submission,
    "partner-draft": build_partner_draft,
    "figure": build_figure,
    "allocation": build_allocation,
    "handover": build_handover,
    "assessment": build_assessment,
    "discussion": build_discussion,
    "section47": build_section47,
    "plan": build_plan,
    "referral": build_referral,
    "episode": build_episode,
    "flag": build_flag,
    "missing-figure": build_missing_figure,
    "batch": build_batch,
    "notification": build_notification,
    "review": build_review,
    "police-week": build_police_week,
    "case-audit": build_case_audit,
    "round": build_round,
    "audit-action": build_audit_action,
    "challenge": build_challenge,
    "oversight-action": build_oversight_action,
    "urgent-review": build_urgent_review,
    "urgent-review-item": build_urgent_review_item,
    "below-indicator": build_below_indicator,
    "pair": build_pair,
    "merge": build_merge,
    "entry": build_entry,
    "measure": build_measure,
}
