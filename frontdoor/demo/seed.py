"""A fictional county's front door: teams, personas, families, and a few weeks of contacts in
every state, some of them overdue. Synthetic and deterministic (seeded Faker en_GB).

Contacts are put through the real actions, at the moments they would have happened, so the
demo's queues, deadlines and timelines are exactly what the system itself produces.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from unittest import mock

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from frontdoor.access import actions as access_actions
from frontdoor.access import second_factor
from frontdoor.access.models import User
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.sibling_prompts import sibling_prompts
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.demo.personas import API_SYSTEMS, DEMO_PASSWORD, DEMO_TOTP_KEY_HEX, PERSONAS
from frontdoor.guardrails.models import RiskIndicator
from frontdoor.people.models import Person, Relationship, RelationshipKind, Sex
from frontdoor.synthetic import name_lists as lists
from frontdoor.synthetic.generator import title
from frontdoor.teams.models import Team, TeamKind

AREA_TEAMS = [
    ("north-area", "North area team"),
    ("south-area", "South area team"),
    ("east-area", "East area team"),
]
AGENCIES = [
    ("Wessex Police", AgencyKind.POLICE, "6"),
    ("Wessex Community Health (health visiting)", AgencyKind.HEALTH, "3B"),
    ("Riverside GP Practice", AgencyKind.HEALTH, "3A"),
    ("Wessex General Hospital emergency department", AgencyKind.HEALTH, "3E"),
    ("Oakfield Primary School", AgencyKind.EDUCATION, "2A"),
    ("St Aldhelm's Academy", AgencyKind.EDUCATION, "2A"),
    ("Wessex Homes", AgencyKind.HOUSING, "4"),
    ("Wessex Probation Service", AgencyKind.PROBATION, "7"),
]
NARRATIVES = [
    "Police attended a domestic incident at the home overnight; the children were present and one was heard crying.",
    "The child arrived at school with a bruise on the cheek and said 'mum's friend did it'.",
    "Health visitor concerned about the baby's weight loss and the state of the home; mother appears low in mood.",
    "The child disclosed to a teacher that there is often no food at home and they look after their younger brother.",
    "Neighbour reports shouting most nights and the children being left alone until late.",
    "The young person has been reported missing twice this month and was found with older males in another town.",
    "GP concerned about the parent's alcohol use and missed appointments for the child's asthma.",
    "Emergency department attendance with an injury that does not match the explanation given.",
]


@dataclass
class Household:
    adults: list[Person]
    children: list[Person]


def _indicator_answers() -> dict[str, str]:
    return {
        code: "Considered with the family history: the hub's analysis shows the protective "
        "factors that make this response proportionate now."
        for code in RiskIndicator.objects.values_list("code", flat=True)
    }


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    """Record what follows as if it happened at `moment` (demo history only)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def already_seeded() -> bool:
    return User.objects.filter(username=PERSONAS[0].username).exists()


def seed(*, households: int = 150, contacts: int = 120, random_seed: int = 2026) -> dict[str, int]:
    rng = random.Random(random_seed)
    fake = Faker("en_GB")
    fake.seed_instance(random_seed)
    with transaction.atomic():
        _teams_and_agencies()
        users = _personas()
        homes = [_household(fake, rng) for _ in range(households)]
    now = timezone.now()
    made = 0
    for index in range(contacts):
        # Some families come back: the first few households have a second, earlier contact.
        home = homes[index % max(1, len(homes) - 30)]
        # Spread over the last four weeks; the newest are still waiting, some past their deadline.
        received = now - timedelta(minutes=rng.randint(20, 28 * 24 * 60))
        if index < 18:
            received = now - timedelta(minutes=rng.randint(20, 9 * 60))
        _contact_through_its_life(rng, users, home, received, now)
        made += 1
    _restricted_example(users)
    # Imported here: casework.py imports `at` from this module.
    from frontdoor.demo.casework import seed_casework

    seed_casework(users, rng)
    # Children who go missing (frontdoor/missing); imported here for the same reason.
    from frontdoor.demo.missing import seed_missing

    seed_missing(users, rng)
    # Consent and MASH enquiries to partner agencies (frontdoor/enquiries, frontdoor/partners).
    from frontdoor.demo.enquiries import seed_enquiries

    seed_enquiries(users, rng)
    # Police notifications in batches (frontdoor/police).
    from frontdoor.demo.police import seed_police

    seed_police(users, rng)
    # History from other systems, households that moved, duplicates to review (issue 3).
    from frontdoor.demo.know_the_child import seed_know_the_child

    seed_know_the_child(users, rng)
    # Risk indicators, a decision below them awaiting second review, and a backlog (issue 9).
    from frontdoor.demo.guardrails import seed_guardrails

    seed_guardrails(users, rng)
    # A round of case audits: sampled, partly graded and moderated, with actions (issue 9).
    from frontdoor.demo.audits import seed_audits

    seed_audits(users, rng)
    # Management oversight on children's records: agreed, challenged and answered, open (issue 9).
    from frontdoor.demo.supervision import seed_supervision

    seed_supervision(users, rng)
    from frontdoor.demo.practice import seed_practice  # the analysis, added to at each stage

    seed_practice(users, rng)
    return {"households": households, "persons": Person.objects.count(), "contacts": made}


def ensure_second_factor() -> int:
    """Give every demo persona the published demo authenticator key, if they have no app yet
    (also run on an already-seeded database, so an older demo gains sign-in codes)."""
    done = 0
    for user in User.objects.filter(username__in=[p.username for p in PERSONAS]):
        if second_factor.confirmed_app(user) is None:
            second_factor.set_up_app_with_key(user, DEMO_TOTP_KEY_HEX)
            done += 1
    return done


def ensure_service_accounts() -> int:
    """A service account for each persona in API_SYSTEMS, made by Adam, the administrator (also
    run on an already-seeded database, so an older demo gains them)."""
    adam = User.objects.get(username="adam")
    made = 0
    for person in User.objects.filter(username__in=API_SYSTEMS).order_by("username"):
        username = f"{person.username}-system"
        if User.objects.filter(username=username).exists():
            continue
        access_actions.create_service_account(
            by=adam,
            username=username,
            name=f"{person.display_name}'s system",
            role=person.role,
            team=person.team,
            agency=person.agency,
        )
        made += 1
    return made


def _restricted_example(users: dict[str, User]) -> None:
    """One child in the demo is a staff member's child: a restricted record. Maya is on its
    allow-list for 90 days; everyone else sees "Restricted record" and can break glass."""
    contact = Contact.objects.filter(person__isnull=False).order_by("family__received_at").first()
    if contact is None or contact.person is None:
        return
    iris = users["iris"]
    access_actions.restrict_person(
        by=iris, person=contact.person, reason="Child of a member of the council's staff"
    )
    access_actions.grant_access(
        by=iris,
        person=contact.person,
        user=users["maya"],
        expires_at=timezone.now() + timedelta(days=90),
        reason="MASH manager deciding on the open contact",
    )


def _teams_and_agencies() -> None:
    for order, (slug, name) in enumerate(AREA_TEAMS):
        Team.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": TeamKind.AREA, "order": order}
        )
    Team.objects.get_or_create(
        slug="early-help", defaults={"name": "Early help service", "kind": TeamKind.EARLY_HELP}
    )
    for name, kind, source in AGENCIES:
        Agency.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "referral_source": Code.objects.get(
                    code_list=CodeList.REFERRAL_SOURCE, code=source
                ),
                "mailbox": f"mash-requests@{slugify(name)}.example",
                "lead_email": f"safeguarding-lead@{slugify(name)}.example",
            },
        )


def _personas() -> dict[str, User]:
    users = {}
    for p in PERSONAS:
        team = Team.objects.filter(slug=p.team_slug).first() if p.team_slug else None
        agency = Agency.objects.get(name=p.agency_name) if p.agency_name else None
        user = User.objects.create_user(
            username=p.username,
            password=DEMO_PASSWORD,
            first_name=p.first_name,
            last_name=p.last_name,
            role=p.role,
            team=team,
            agency=agency,
            is_staff=p.role == "admin",
            is_superuser=p.role == "admin",
        )
        users[p.username] = user
    ensure_second_factor()
    ensure_service_accounts()
    return users


def _birth(rng: random.Random, youngest: int, oldest: int) -> date:
    today = timezone.localdate()
    return today - timedelta(days=rng.randint(youngest * 365, oldest * 365 + 364))


def _name(rng: random.Random, names: list[str]) -> str:
    return title(rng.choice(names))


def _street_address(rng: random.Random) -> str:
    """An English street ("14 Orchard Close"): Faker's en_GB streets are American ("Hall
    Trafficway", "Elliott Burgs"), which no council worker would believe (issue 17)."""
    street = f"{_name(rng, lists.STREETS)} {_name(rng, lists.STREET_KINDS)}"
    return f"{rng.randint(1, 180)} {street}"


def _household(fake: Faker, rng: random.Random) -> Household:
    # British names of today's children and their parents (frontdoor/synthetic/name_lists.py),
    # whole: never cut short.
    surname = _name(rng, lists.SURNAMES)
    address = _street_address(rng)
    postcode = fake.postcode()
    created = timezone.now() - timedelta(days=rng.randint(30, 2000))

    def person(first: str, last: str, born: date, sex: str) -> Person:
        return Person.objects.create(
            first_name=first,
            last_name=last,
            date_of_birth=born,
            sex=sex,
            address=address,
            postcode=postcode,
            created_at=created,
        )

    adults = [person(_name(rng, lists.WOMEN), surname, _birth(rng, 22, 45), Sex.FEMALE)]
    if rng.random() < 0.6:
        adults.append(
            person(
                _name(rng, lists.MEN),
                surname if rng.random() < 0.7 else _name(rng, lists.SURNAMES),
                _birth(rng, 22, 50),
                Sex.MALE,
            )
        )
    children = []
    for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 4])):
        sex = rng.choice([Sex.FEMALE, Sex.MALE])
        first = _name(rng, lists.GIRLS if sex == Sex.FEMALE else lists.BOYS)
        children.append(person(first, surname, _birth(rng, 0, 16), sex))
    rows = []
    for child in children:
        for adult in adults:
            rows.append(
                Relationship(
                    person=child, relative=adult, kind=RelationshipKind.PARENT, created_at=created
                )
            )
        for sibling in children:
            if sibling is not child:
                rows.append(
                    Relationship(
                        person=child,
                        relative=sibling,
                        kind=RelationshipKind.SIBLING,
                        created_at=created,
                    )
                )
    Relationship.objects.bulk_create(rows)
    return Household(adults, children)


def _contact_through_its_life(
    rng: random.Random, users: dict[str, User], home: Household, received: datetime, now: datetime
) -> FamilyContact:
    agency = Agency.objects.order_by("name")[rng.randrange(len(AGENCIES))]
    children = home.children if rng.random() < 0.7 else [rng.choice(home.children)]
    details = actions.ContactDetails(
        received_at=received,
        referral_source=agency.referral_source,
        agency=agency,
        referrer_name=f"Officer {rng.randint(100, 999)}"
        if agency.kind == AgencyKind.POLICE
        else "Designated safeguarding lead",
        referrer_role="Reporting officer"
        if agency.kind == AgencyKind.POLICE
        else "Safeguarding lead",
        narrative=rng.choice(NARRATIVES),
        family_knows=rng.choice(["yes", "no", "not_known"]),
        concern_categories=list(Code.objects.of(CodeList.CONCERN_CATEGORY).order_by("?")[:2]),
        children=[
            actions.ChildDetails(
                first_name=c.first_name,
                last_name=c.last_name,
                sex=c.sex,
                date_of_birth=c.date_of_birth,
                address=c.address,
                postcode=c.postcode,
            )
            for c in children
        ],
        adults=[
            actions.AdultDetails(
                first_name=a.first_name,
                last_name=a.last_name,
                date_of_birth=a.date_of_birth,
                address=a.address,
                relationships={i: RelationshipKind.PARENT for i in range(len(children))},
            )
            for a in home.adults
        ],
    )
    with at(received + timedelta(minutes=3)):
        family = actions.receive_contact(by=users["colin"], details=details)
    age = now - received
    stage = _stage_for(age, rng)
    if stage == "received":
        return family
    _walk(rng, users, family, children, received, now, stage)
    return family


def _stage_for(age: timedelta, rng: random.Random) -> str:
    if age < timedelta(hours=2):
        return rng.choice(["received", "received", "screened"])
    if age < timedelta(hours=10):
        return rng.choice(["received", "screened", "in_hub"])
    if age < timedelta(days=2):
        return rng.choice(["in_hub", "awaiting_decision", "decided"])
    if age < timedelta(days=5):
        return rng.choice(["in_hub", "awaiting_decision", "decided", "decided"])
    return "decided"


def _walk(
    rng: random.Random,
    users: dict[str, User],
    family: FamilyContact,
    people: list[Person],
    received: datetime,
    now: datetime,
    stage: str,
) -> None:
    contacts = list(family.contacts.order_by("position"))
    step = max(timedelta(minutes=10), min(now - received, timedelta(days=3)) / 6)
    moment = received + step
    with at(moment):
        for contact, person in zip(contacts, people, strict=True):
            actions.link_child(by=users["alice"], contact=contact, person=person)
    rag = rng.choice(["red", "amber", "amber", "green", "green"])
    need = "4" if rag == "red" else rng.choice(["2", "3"])
    moment += step
    # The screener considers any brother or sister on record who is not in the contact.
    considered = {str(p.sibling.pk): "no_action" for p in sibling_prompts(family)}
    with at(moment):
        actions.record_screening(
            by=users["alice"],
            siblings=considered,
            contacts=list(family.contacts.all()),
            screening=actions.Screening(
                rag=rag,
                level_of_need=Code.objects.get(code_list=CodeList.LEVEL_OF_NEED, code=need),
                summary="Checked the children's details and previous history. Known to police for two previous incidents.",
                recommendation="Pass to the hub for information gathering.",
            ),
        )
    if stage == "screened":
        return
    hub_slug = {"4": "child-protection-hub", "3": "child-in-need-hub", "2": "early-help-hub"}[need]
    moment += step
    with at(moment):
        actions.send_to_hub(by=users["alice"], family=family, hub=Team.objects.get(slug=hub_slug))
    if stage == "in_hub":
        return
    proposed = {"4": Outcome.STRATEGY_DISCUSSION, "3": Outcome.ASSESSMENT, "2": Outcome.EARLY_HELP}[
        need
    ]
    moment += step
    with at(moment):
        actions.record_analysis(
            by=users["hamid"],
            contacts=list(family.contacts.all()),
            analysis=actions.Analysis(
                worries="The children have witnessed repeated incidents; the younger child is not yet at school and not seen by others.",
                working_well="Maternal grandmother is protective and visits daily; school attendance is good.",
                needs_to_happen="Share information with police and health; speak to the children on their own.",
                scale=rng.randint(2, 7),
                proposed_outcome=proposed,
            ),
        )
    if stage == "awaiting_decision":
        return
    moment += step
    social_work = proposed in Outcome.social_work_responses()
    with at(moment):
        see_by = moment + (
            timedelta(hours=24) if rag == "red" else timedelta(days=3 if rag == "amber" else 10)
        )
        decision_actions.record_decision(
            by=users["maya"],
            contacts=list(family.contacts.all()),
            details=decision_actions.DecisionDetails(
                outcome=proposed,
                rationale="Agree with the hub's analysis: the history and the current incident together meet the threshold for this response.",
                see_by=see_by if social_work else None,
                see_by_team=Team.objects.get(slug=AREA_TEAMS[len(people) % 3][0])
                if social_work
                else None,
                # Where the hub's proposal is below a risk indicator, the manager answers it
                # (frontdoor/guardrails); answers to indicators that do not apply are ignored.
                indicator_answers=_indicator_answers(),
            ),
        )
