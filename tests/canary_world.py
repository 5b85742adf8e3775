"""The canary world (../shared/SECURITY.md, 3): a small county in which one restricted child
passes through every stage the system has, with unique marker strings in everything that is
about her, beside ordinary contacts with their own markers.

The restricted child is a staff member's child. Maya (the manager) is on her allow-list; nobody
else is. Her record goes through:

- police domestic abuse and missing-person notifications about her (matched to her record);
- a contact, consent, MASH enquiries to the police and to health with their answers, and a
  decision to hold a strategy discussion;
- the strategy discussion, a section 47 enquiry and its initial conference;
- a second contact decided for assessment: allocation, a visit with her own words, and the
  assessment submitted and authorised;
- a third contact about her referred to another council, still waiting for its answer (so on
  the MASH's lists of referrals to other councils, as a restricted record);
- a missing episode taken to a return home interview;
- the practice analysis, management oversight (a challenge with an action), a case audit with
  an action, a risk indicator and an urgent review of the backlog;
- a fourth contact decided no further action below the risk indicators (a high DASH): a
  decision awaiting a second review.

Built through the real actions, outside any request (so as the system: nothing is concealed
while the world is made). Used by tests/test_canary_crawl.py and tests/test_child_records.py.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access import actions as access_actions
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.assessments import actions as assessment_actions
from frontdoor.assessments.models import Assessment
from frontdoor.backlog import actions as oversight_actions
from frontdoor.casework_audits import actions as audit_actions
from frontdoor.casework_audits.tests import factories as caf
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.enquiries.tests import factories as ef
from frontdoor.guardrails.actions import record_indicators
from frontdoor.guardrails.models import RiskIndicator
from frontdoor.missing import actions as missing_actions
from frontdoor.missing.tests import factories as mf
from frontdoor.oversight import actions as oversight
from frontdoor.oversight.rules import Kind as OversightKind
from frontdoor.oversight.rules import Stage, Verdict
from frontdoor.people.models import Person, Sex
from frontdoor.police.actions.intake import import_batch
from frontdoor.police.formats import rows_from_csv
from frontdoor.police.workflow import Kind, Source
from frontdoor.practice.tests import factories as pf
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import Section47Enquiry, StrategyDiscussion
from frontdoor.visits import actions as visit_actions
from frontdoor.visits.models import Allocation

NAME = "Zqxrestrictedname"
ADDRESS = "1 Zqxrestrictedaddress Lane"
POSTCODE = "ZQ9 9QZ"
# In every free text about the restricted child: what was said, written, asked and answered.
SAID = "Zqxrestrictednarrative"
BORN = date(2014, 2, 3)

RESTRICTED = [NAME, "Zqxrestrictedaddress", POSTCODE, SAID]
ORDINARY = ["Zqxordinarynarrative", "Zqxordinarychild"]


@dataclass
class World:
    users: dict[str, Any]
    person: Person
    contacts: list[Contact]


def details(first: str, last: str, narrative: str, *, address: str = "", postcode: str = ""):
    child = actions.ChildDetails(
        first_name=first,
        last_name=last,
        sex=Sex.FEMALE,
        date_of_birth=BORN,
        address=address,
        postcode=postcode,
    )
    return replace(f.contact_details(children=[child]), narrative=narrative)


def build(users: dict[str, Any], hub: Any, area_team: Any, police: Any) -> World:
    co, sc, mg = users["contact_officer"], users["screener"], users["manager"]
    _ordinary_contacts(co, sc, hub)
    family = actions.receive_contact(
        by=co,
        details=details(
            NAME, NAME, f"{SAID}: mother works in the MASH", address=ADDRESS, postcode=POSTCODE
        ),
    )
    f.screened(sc, family)
    first = f.only_child(family)
    person = first.person
    assert person is not None
    access_actions.restrict_person(by=users["ig_lead"], person=person, reason="Staff's child")
    access_actions.grant_access(
        by=users["ig_lead"],
        person=person,
        user=mg,
        expires_at=timezone.now() + timedelta(days=30),
        reason="Deciding on the open contact",
    )
    _police_notifications(sc, police, person)
    _to_the_strategy_discussion(users, family, hub, area_team, police)
    second = _assessed_and_visited(users, person, area_team)
    _referred_to_another_council(users, person)
    _missing_episode(mg, person)
    _practice_and_oversight(users, first)
    _case_audit(users)
    _indicators_and_urgent_review(users, person, hub)
    _decided_below_the_indicators(users, person)
    contacts = list(Contact.objects.filter(person=person))
    assert len(contacts) >= 3 and second in contacts
    return World(users, person, contacts)


def _ordinary_contacts(co: Any, sc: Any, hub: Any) -> None:
    """Ordinary contacts in each state, so that every queue has something in it."""
    for n, state in enumerate(["received", "screened", "hub", "decision"]):
        family = actions.receive_contact(
            by=co,
            details=details(f"Ordinary{n}", f"Zqxordinarychild{n}", f"Zqxordinarynarrative{n}"),
        )
        if state != "received":
            f.screened(sc, family)
        else:
            f.linked(sc, family)
        if state in ("hub", "decision"):
            actions.send_to_hub(by=sc, family=family, hub=hub)


def _import(by: Any, force: Agency, kind: str, row: dict[str, str]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    read = rows_from_csv(out.getvalue().encode(), kind)
    batch = import_batch(
        by=by, force=force, rows=[(str(kind), n, raw) for n, raw in read], source=Source.CSV
    )
    assert batch.rejected == 0, list(batch.rows.values_list("errors", flat=True))


def _police_notifications(by: Any, force: Agency, person: Person) -> None:
    incident = timezone.localdate() - timedelta(days=2)
    _import(
        by,
        force,
        Kind.DOMESTIC_ABUSE,
        {
            "police_reference": "WX/ZQX/0001",
            "incident_at": f"{incident:%Y-%m-%d} 22:40",
            "notified_at": f"{incident + timedelta(days=1):%Y-%m-%d} 08:15",
            "officer": "PC 4411 Dean",
            "team": "Wessex North Response",
            "location": ADDRESS,
            "postcode": POSTCODE,
            "victim_first_name": "Jo",
            "victim_last_name": NAME,
            "victim_date_of_birth": "1980-05-04",
            "victim_relationship": "parent",
            "perpetrator_first_name": "Lee",
            "perpetrator_last_name": NAME,
            "risk_tool": "dash",
            "risk_level": "high",
            "marac": "no",
            "narrative": f"{SAID}: shouting heard by a neighbour",
            "child1_first_name": person.first_name,
            "child1_last_name": person.last_name,
            "child1_date_of_birth": f"{BORN:%Y-%m-%d}",
            "child1_sex": "F",
            "child1_present": "yes",
        },
    )
    started = timezone.now() - timedelta(days=5)
    _import(
        by,
        force,
        Kind.MISSING_PERSON,
        {
            "police_reference": "WX/MP/ZQX/0001",
            "child_first_name": person.first_name,
            "child_last_name": person.last_name,
            "child_date_of_birth": f"{BORN:%Y-%m-%d}",
            "child_sex": "F",
            "postcode": POSTCODE,
            "reported_missing_at": f"{timezone.localtime(started):%Y-%m-%d %H:%M}",
            "missing_from": ADDRESS,
            "returned_at": f"{timezone.localtime(started + timedelta(hours=9)):%Y-%m-%d %H:%M}",
            "where_found": f"{SAID}: at a friend's",
            "risk_grade": "medium",
            "notified_at": f"{timezone.localtime(started + timedelta(hours=1)):%Y-%m-%d %H:%M}",
            "officer": "PC 2190 Khan",
            "team": "Wessex Missing Persons",
            "narrative": f"{SAID}: did not come home from school",
        },
    )


def health_agency() -> Agency:
    return Agency.objects.get_or_create(
        name="Wessex Community Health",
        defaults={
            "kind": AgencyKind.HEALTH,
            "referral_source": Code.objects.get(code_list=CodeList.REFERRAL_SOURCE, code="3B"),
        },
    )[0]


def _to_the_strategy_discussion(
    users: dict[str, Any], family: FamilyContact, hub: Any, area_team: Any, police: Agency
) -> None:
    mg, hw = users["manager"], users["hub_worker"]
    actions.send_to_hub(by=mg, family=family, hub=hub)
    ef.consent_given(mg, family)
    police_enquiry, _health = ef.send(
        mg, family, [police, health_agency()], question=f"{SAID}: is the family known?"
    )
    ef.answered(
        users["partner"],
        police_enquiry,
        summary=f"{SAID}: two call-outs to the address",
        known_risks=f"{SAID}: father cautioned",
    )
    contact = f.only_child(family)
    actions.record_analysis(
        by=hw,
        contacts=[contact],
        analysis=actions.Analysis(
            worries=f"{SAID}: worries",
            working_well=f"{SAID}: working well",
            needs_to_happen=f"{SAID}: needs to happen",
            scale=3,
            proposed_outcome=Outcome.STRATEGY_DISCUSSION,
        ),
    )
    decision_actions.record_decision(
        by=mg,
        contacts=[Contact.objects.get(pk=contact.pk)],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.STRATEGY_DISCUSSION,
            rationale=f"{SAID}: reasonable cause to suspect significant harm",
            see_by=timezone.now() + timedelta(hours=24),
            see_by_team=area_team,
        ),
    )
    discussion = StrategyDiscussion.objects.get(referral__contact=contact)
    strategy_actions.record_strategy_discussion(
        by=hw,
        discussion=discussion,
        record=strategy_actions.DiscussionRecord(
            held_at=timezone.now(),
            format="Conference call",
            participants=[
                strategy_actions.ParticipantDetails(
                    agency, True, True, f"{SAID} attendee", information_shared=f"{SAID}: said"
                )
                for agency in ("council", "police", "health")
            ],
            information_shared=f"{SAID}: information shared",
            outcome="section_47",
            rationale=f"{SAID}: injury unexplained",
            actions=[
                strategy_actions.ActionDetails(
                    f"{SAID}: joint visit", "Sam Whitfield", timezone.localdate()
                )
            ],
        ),
    )
    strategy_actions.record_conference(
        by=mg,
        enquiry=Section47Enquiry.objects.get(discussion=discussion),
        record=strategy_actions.ConferenceRecord(
            held_on=timezone.localdate(),
            child_protection_plan=True,
            abuse_category=f.code(CodeList.ABUSE_CATEGORY, "NEG"),
        ),
    )


def _assessed_and_visited(users: dict[str, Any], person: Person, area_team: Any) -> Contact:
    """A later contact about her, decided for assessment: allocated, visited, assessed."""
    mg, sc, worker = users["manager"], users["screener"], users["area_worker"]
    family = actions.receive_contact(
        by=users["contact_officer"],
        details=details(NAME, NAME, f"{SAID}: school worried again", postcode=POSTCODE),
    )
    contact = f.only_child(family)
    actions.link_child(by=sc, contact=contact, person=person)
    f.screened(sc, family)
    decision_actions.record_decision(
        by=mg,
        contacts=[Contact.objects.get(pk=contact.pk)],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.ASSESSMENT,
            rationale=f"{SAID}: needs an assessment",
            see_by=timezone.now() + timedelta(days=2),
            see_by_team=area_team,
        ),
    )
    allocation = Allocation.objects.get(referral__contact=contact)
    visit_actions.allocate_worker(by=mg, allocation=allocation, worker=worker)
    allocation.refresh_from_db()
    visit_actions.record_visit(
        by=worker,
        allocation=allocation,
        details=visit_actions.VisitDetails(
            visited_at=timezone.now(),
            child_seen=True,
            seen_alone=True,
            location=f"{SAID}: at home",
            childs_views=f"{SAID}: her own words",
            daily_life=f"{SAID}: her daily life",
        ),
    )
    assessment = Assessment.objects.get(referral__contact=contact)
    assessment_actions.submit_assessment(
        by=worker,
        assessment=assessment,
        submission=assessment_actions.AssessmentSubmission(
            factors=[f.code(CodeList.ASSESSMENT_FACTOR, "3A")],
            outcome="cin_plan",
            summary=f"{SAID}: assessment summary",
            primary_need=f.code(CodeList.PRIMARY_NEED, "N1"),
        ),
    )
    assessment.refresh_from_db()
    assessment_actions.authorise_assessment(by=mg, assessment=assessment)
    return Contact.objects.get(pk=contact.pk)


def _referred_to_another_council(users: dict[str, Any], person: Person) -> None:
    """A later contact about her: she has moved, and is referred to another council (Leeds),
    which has not answered yet."""
    family = actions.receive_contact(
        by=users["contact_officer"],
        details=details(NAME, NAME, f"{SAID}: moved to Leeds", postcode=POSTCODE),
    )
    contact = f.only_child(family)
    actions.link_child(by=users["screener"], contact=contact, person=person)
    f.screened(users["screener"], family)
    decision_actions.record_decision(
        by=users["manager"],
        contacts=[Contact.objects.get(pk=contact.pk)],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.OTHER_COUNCIL,
            rationale=f"{SAID}: lives in Leeds now",
            other_council=Code.objects.get(code_list=CodeList.LOCAL_AUTHORITY, code="383"),
        ),
    )


def _missing_episode(by: Any, person: Person) -> None:
    episode = mf.missing(by, person, started_at=timezone.now() - timedelta(days=3))
    episode = missing_actions.record_return(
        by=by,
        episode=episode,
        returned_at=episode.started_at + timedelta(hours=20),
        where_found=f"{SAID}: found at a friend's flat",
    )
    assert episode.returned_at is not None
    episode = missing_actions.offer_rhi(
        by=by,
        episode=episode,
        offered_at=episode.returned_at + timedelta(hours=2),
        offered_by="Sam Lee, return home interview worker",
        answer="accepted",
    )


def _practice_and_oversight(users: dict[str, Any], contact: Contact) -> None:
    mg, sc = users["manager"], users["screener"]
    assert contact.person is not None
    pf.add(mg, contact.person, worries=f"{SAID}: a worry in the analysis")
    oversight.record_oversight(
        by=mg,
        person=contact.person,
        kind=OversightKind.OVERSIGHT,
        contact=contact,
        stage=Stage.SCREENING,
        verdict=Verdict.CHALLENGE,
        reason=f"{SAID}: too optimistic",
        actions=[
            oversight.ActionToSet(
                f"{SAID}: ask the school", sc, timezone.localdate() + timedelta(days=7)
            )
        ],
    )


def _case_audit(users: dict[str, Any]) -> None:
    """Every decision this month sampled for the auditor; only hers are decided."""
    mg = users["manager"]
    audit_round = caf.sampled(mg, [users["auditor"]], size=50)
    for audit in audit_round.audits.all():
        graded = caf.graded(users["auditor"], audit)
        graded = audit_actions.moderate_case_audit(
            by=mg, audit=graded, grade=graded.grade, reason=f"{SAID}: moderated"
        )
        audit_actions.set_audit_action(
            by=mg,
            audit=graded,
            description=f"{SAID}: an action from the audit",
            owner=users["screener"],
            due_on=timezone.localdate() + timedelta(days=14),
        )


def _decided_below_the_indicators(users: dict[str, Any], person: Person) -> None:
    """A fourth contact about her, with a high DASH risk assessment, decided no further action
    by the manager with her reasons against the indicator: a decision awaiting a second review
    (the second review's page names her, and the manager's answers)."""
    family = actions.receive_contact(
        by=users["contact_officer"],
        details=details(NAME, NAME, f"{SAID}: police attended the home", postcode=POSTCODE),
    )
    contact = f.only_child(family)
    actions.link_child(by=users["screener"], contact=contact, person=person)
    f.screened(users["screener"], family)
    contact.refresh_from_db()
    record_indicators(
        by=users["screener"],
        contact=contact,
        indicators=[RiskIndicator.objects.get(code="high-dash")],
        note=f"{SAID}: DASH high",
    )
    contact.refresh_from_db()
    decision_actions.record_decision(
        by=users["manager"],
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.NO_FURTHER_ACTION,
            rationale=f"{SAID}: the incident is two years old",
            # Her history meets several indicators (a previous plan, repeated domestic abuse):
            # a reason against each.
            indicator_answers={
                indicator.code: f"{SAID}: considered, the perpetrator has moved away"
                for indicator in RiskIndicator.objects.filter(active=True)
            },
        ),
    )


def _indicators_and_urgent_review(users: dict[str, Any], person: Person, hub: Any) -> None:
    """A third contact about her, screened with a risk indicator, and an urgent review of the
    backlog that includes her."""
    mg, sc = users["manager"], users["screener"]
    family = actions.receive_contact(
        by=users["contact_officer"],
        details=details(NAME, NAME, f"{SAID}: neighbour worried", postcode=POSTCODE),
    )
    contact = f.only_child(family)
    actions.link_child(by=sc, contact=contact, person=person)
    f.screened(sc, family)
    indicator = RiskIndicator.objects.filter(active=True).first()
    assert indicator is not None
    record_indicators(by=sc, contact=contact, indicators=[indicator], note=f"{SAID}: note")
    waiting = list(
        Contact.objects.filter(person=person, status__in=["awaiting_screening", "screened"])
    )
    if waiting:
        oversight_actions.start_urgent_review(
            by=mg,
            contacts=waiting,
            workers=[sc],
            due_on=timezone.localdate() + timedelta(days=2),
            reason=f"{SAID}: waiting too long",
        )
