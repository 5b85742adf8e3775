"""schemathesis fuzzes every operation from the OpenAPI document (../shared/SECURITY.md, 23).

For each operation it sends a fixed, small number of generated requests (deterministic: the same
examples every run), half of them valid by the schema and half deliberately invalid, as a
manager with a bearer token (the role that may take every step). It checks that:

- no answer is a 5xx;
- every status code, content type and body is one the document promises;
- a request the schema says is invalid is refused (4xx), never accepted.

So that the requests reach past "unknown code" and "no such contact", the test's copy of the
document lists the real codes, agencies, hubs and teams as enums, asks for plausible dates, and
most requests use the id of a real contact or child, from a family in each state of the workflow.
(`test_openapi.py` checks the real document; this narrowed copy only steers the generator.)

Why not `schema.parametrize()`: it loads the document at import time, before pytest-django has
a database, and the document is served only to a signed-in user. Building it from the NinjaAPI
object inside the test needs neither. The app is called in-process over WSGI, inside the test's
transaction; like Django's test client, the test stops Django closing the database connection at
the end of each request, or on PostgreSQL the test's transaction would be lost with it.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks as general
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi import checks as openapi

from config.api import api
from frontdoor.access.models import Role, User
from frontdoor.access.tests.personas import county, persona
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.agencies.models import Agency
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.tests import factories as f
from frontdoor.handovers.tests import factories as handover_factories
from frontdoor.missing.tests import factories as missing_factories
from frontdoor.police.tests import factories as police_factories
from frontdoor.teams.models import Team
from frontdoor.visits.tests import factories as casework_factories

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 30

CHECKS = [
    general.not_a_server_error,
    openapi.status_code_conformance,
    openapi.content_type_conformance,
    openapi.response_schema_conformance,
    openapi.response_headers_conformance,
    openapi.negative_data_rejection,
]


def _document() -> dict[str, Any]:
    # A JSON round trip gives plain dicts and lists, as a client reading /api/openapi.json sees.
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))


OPERATIONS = sorted(
    (method.upper(), path) for path, ops in _document()["paths"].items() for method in ops
)


def _enum(schema: dict[str, Any], values: list[str]) -> None:
    """Narrow a string property (or the string branch of `string | null`) to `values`."""
    target = next((s for s in schema.get("anyOf", []) if s.get("type") == "string"), schema)
    target["enum"] = values


def _only(schema: dict[str, Any], pattern: str) -> None:
    """Replace a date or date-time property (or its string branch) by plain text matching
    `pattern`, so that generated values are real dates in a range the API accepts."""
    target = next((s for s in schema.get("anyOf", []) if s.get("type") == "string"), schema)
    target.pop("format", None)
    target["pattern"] = pattern


def _years(first: int, last: int) -> str:
    return "(" + "|".join(str(year) for year in range(first, last + 1)) + ")"


def _date_pattern(years: str) -> str:
    # Days 01 to 28 are in every month, so every match is a real date.
    return f"^{years}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"


def _int_enum(schema: dict[str, Any], values: list[int]) -> None:
    """Narrow an integer property (or the integer branch of `integer | null`) to `values`."""
    target = next((s for s in schema.get("anyOf", []) if s.get("type") == "integer"), schema)
    target["enum"] = values


def _python_end_anchors(node: Any) -> None:
    """JSON Schema patterns are ECMA-262, where `$` is the very end of the text; hypothesis reads
    them as Python regular expressions, where `$` also matches before a final newline, and so
    generates names ending in a newline, which the API rightly refuses. Python's very end is
    `\\Z`, so the test's copy uses that."""
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if isinstance(pattern, str) and pattern.endswith("$"):
            node["pattern"] = pattern[:-1] + r"\Z"
        for value in node.values():
            _python_end_anchors(value)
    elif isinstance(node, list):
        for value in node:
            _python_end_anchors(value)


def _with_real_values(document: dict[str, Any]) -> dict[str, Any]:
    narrowed = copy.deepcopy(document)
    _python_end_anchors(narrowed)
    schemas = narrowed["components"]["schemas"]
    this_year = timezone.localdate().year
    past_date = _date_pattern(_years(2000, this_year - 1)) + r"\Z"
    past_time = _date_pattern(_years(2000, this_year - 1)) + r"T([01][0-9]|2[0-3]):[0-5][0-9]Z\Z"
    future_time = _date_pattern(_years(this_year + 1, this_year + 3)) + r"T09:00:00\+00:00\Z"

    def codes(code_list: str) -> list[str]:
        return list(Code.objects.filter(code_list=code_list).values_list("code", flat=True))

    contact = schemas["ContactIn"]["properties"]
    _enum(contact["referral_source"], codes(CodeList.REFERRAL_SOURCE))
    _enum(contact["concern_categories"]["items"], codes(CodeList.CONCERN_CATEGORY))
    _enum(contact["agency_id"], [str(pk) for pk in Agency.objects.values_list("pk", flat=True)])
    _only(contact["received_at"], past_time)
    _only(contact["incident_date"], past_date)
    _only(schemas["AdultIn"]["properties"]["date_of_birth"], past_date)
    # A child needs exactly one of the two dates; ask for the date of birth every time.
    child = schemas["ChildIn"]
    child["required"] = [*child["required"], "date_of_birth"]
    child["properties"]["date_of_birth"] = {"type": "string", "pattern": past_date}
    del child["properties"]["expected_date_of_birth"]
    _enum(schemas["ScreeningIn"]["properties"]["level_of_need"], codes(CodeList.LEVEL_OF_NEED))
    _enum(
        schemas["SendToHubIn"]["properties"]["hub"],
        list(Team.objects.hubs().values_list("slug", flat=True)),
    )
    decision = schemas["DecisionIn"]["properties"]
    _enum(
        decision["see_by_team"],
        list(Team.objects.receiving_teams().values_list("slug", flat=True)),
    )
    _only(decision["see_by"], future_time)
    # From decision to doorstep: times in the past, real codes and usernames.
    _only(schemas["DiscussionIn"]["properties"]["held_at"], past_time)
    _only(schemas["VisitIn"]["properties"]["visited_at"], past_time)
    _only(schemas["ConferenceIn"]["properties"]["held_on"], past_date)
    _enum(schemas["ConferenceIn"]["properties"]["abuse_category"], codes(CodeList.ABUSE_CATEGORY))
    _enum(schemas["SubmitIn"]["properties"]["factors"]["items"], codes(CodeList.ASSESSMENT_FACTOR))
    _enum(schemas["SubmitIn"]["properties"]["primary_need"], codes(CodeList.PRIMARY_NEED))
    usernames = list(User.objects.filter(is_active=True).values_list("username", flat=True))
    _enum(schemas["AllocateIn"]["properties"]["worker"], usernames)
    _with_real_issue_17_values(
        schemas,
        past_time,
        future_date=_date_pattern(_years(this_year + 1, this_year + 3)) + r"\Z",
        usernames=usernames,
    )
    return narrowed


def _with_real_issue_17_values(
    schemas: dict[str, Any], past_time: str, *, future_date: str, usernames: list[str]
) -> None:
    """Consent and enquiries, urgent reviews and oversight: real reasons, agencies, contacts
    and usernames, times in the past and due dates ahead."""
    from frontdoor.contacts.models import Contact
    from frontdoor.enquiries.models import ListedReason, ReasonList

    def reasons(reason_list: str) -> list[int]:
        return list(
            ListedReason.objects.filter(reason_list=reason_list).values_list("pk", flat=True)
        )

    consent = schemas["ConsentIn"]["properties"]
    _only(consent["decided_at"], past_time)
    _int_enum(consent["without_consent_reason"], reasons(ReasonList.WITHOUT_CONSENT))
    send = schemas["SendEnquiriesIn"]["properties"]
    _int_enum(send["lawful_basis"], reasons(ReasonList.LAWFUL_BASIS))
    agencies = [str(pk) for pk in Agency.objects.values_list("pk", flat=True)]
    send["agencies"]["items"] = {"type": "string", "enum": agencies}
    contacts = [str(pk) for pk in Contact.objects.values_list("pk", flat=True)]
    start = schemas["StartUrgentReviewIn"]["properties"]
    start["contacts"]["items"] = {"type": "string", "enum": contacts}
    start["workers"]["items"] = {"type": "string", "enum": usernames}
    _only(start["due_on"], future_date)
    action = schemas["OversightActionIn"]["properties"]
    _enum(action["owner"], usernames)
    _only(action["due_on"], future_date)
    _enum(schemas["OversightIn"]["properties"]["contact"], contacts)


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, kept from closing the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _issue_17_ids(
    manager: User, screener: User, hub: Team, police: Agency, second_manager: User
) -> dict[str, list[str]]:
    """An enquiry sent to the police, an urgent review of a waiting child assigned to the
    manager, and a decision below the indicators another manager made (awaiting review)."""
    from frontdoor.backlog import actions as backlog_actions
    from frontdoor.decisions import actions as decision_actions
    from frontdoor.enquiries.tests import factories as enquiry_factories
    from frontdoor.guardrails.models import BelowIndicatorDecision
    from frontdoor.guardrails.tests import factories as guardrail_factories
    from frontdoor.oversight.tests import factories as oversight_factories

    enquiry = enquiry_factories.sent(manager, hub, police)
    waiting = f.only_child(f.received(screener))
    review = backlog_actions.start_urgent_review(
        by=manager,
        contacts=[waiting],
        workers=[manager],
        due_on=timezone.localdate() + timedelta(days=2),
        reason="Waiting too long",
    )
    stepped_down = guardrail_factories.with_high_dash(screener, f.only_child(f.screened(screener)))
    stepped_down.refresh_from_db()
    decision_actions.record_decision(
        by=second_manager,
        contacts=[stepped_down],
        details=guardrail_factories.step_down(indicator_answers={"high-dash": "In prison"}),
    )
    below = BelowIndicatorDecision.objects.get(contact=stepped_down)
    # A challenge to the screener's screening, with an action the fuzzing manager owns.
    challenged = oversight_factories.challenge(
        second_manager, oversight_factories.screened_contact(screener), owner=manager
    )
    return {
        "challenge_id": [str(challenged.pk)],
        "action_id": [str(challenged.actions.get().pk)],
        "mash_enquiry_id": [str(enquiry.pk)],
        "urgent_review_id": [str(review.pk)],
        "item_id": [str(review.items.get().pk)],
        "review_id": [str(below.pk)],
    }


def build_world() -> tuple[User, dict[str, list[str]], dict[str, Any]]:
    """The manager, the real ids and the document narrowed to the real values. Built once for
    the module: each operation's requests start from this world as built, whatever the one
    before wrote (conftest.py's `built_once_per_module`), as when each test built its own."""
    hub, _area_team, police = county()  # the police: so that `agency_id` has a real agency
    manager = persona("maya", Role.MANAGER)
    ids = real_ids(
        persona("colin", Role.CONTACT_OFFICER),
        manager,
        persona("alice", Role.SCREENER),
        persona("mark", Role.MANAGER),
        hub,
        police,
    )
    return manager, ids, _with_real_values(_document())


@pytest.fixture(scope="module")
def the_world(built_once_per_module):
    return built_once_per_module(build_world)


@pytest.fixture
def world(the_world) -> tuple[User, dict[str, list[str]], dict[str, Any]]:
    manager, ids, document = the_world
    manager.refresh_from_db()  # as the database has it (an earlier test's writes rolled back)
    return manager, ids, document


def real_ids(
    contact_officer: User,
    manager: User,
    screener: User,
    second_manager: User,
    child_protection_hub: Team,
    police_agency: Agency,
) -> dict[str, list[str]]:
    families = [
        f.received(contact_officer),
        f.screened(manager),
        f.in_hub(manager, child_protection_hub),
        f.awaiting_decision(manager, child_protection_hub),
    ]
    contacts = [c for family in families for c in family.contacts.all()]
    ids = {
        "family_id": [str(family.pk) for family in families],
        "contact_id": [str(c.pk) for c in contacts],
        "person_id": [str(c.person_id) for c in contacts if c.person_id],
        # An adult's place among a contact's adults (the factories name one: Jo, "parent").
        "position": ["0", "1"],
        "slug": ["screening", "decisions", child_protection_hub.slug],
        **missing_factories.fuzz_ids(manager),  # missing episodes in each state, and a flag
        **casework_factories.fuzz_ids(manager),  # strategy, section 47, transfers, assessments
        **police_factories.fuzz_ids(manager, police_agency),  # a police batch
        **handover_factories.fuzz_ids(manager),  # a handover awaiting its receipt
    }
    # Consent and enquiries, urgent reviews and second reviews (issue 17's API).
    more = _issue_17_ids(manager, screener, child_protection_hub, police_agency, second_manager)
    ids["enquiry_id"] = [*ids.get("enquiry_id", []), *more.pop("mash_enquiry_id")]
    return {**ids, **more}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_partner_system_cannot_get_a_server_error_or_an_undocumented_answer(
    wsgi_app, world, method, path, mode
):
    manager, real_ids, document = world
    schema = schemathesis.openapi.from_dict(copy.deepcopy(document))
    operation = schema[path][method]
    token = token_for(manager, name="schemathesis")
    strategies = [operation.as_strategy(generation_mode=mode)]
    for parameter in operation.path_parameters:
        strategies += [
            operation.as_strategy(generation_mode=mode, path_parameters={parameter.name: value})
            for value in real_ids[parameter.name]
        ]
    statuses: Counter[int] = Counter()

    @given(case=st.one_of(strategies))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(app=wsgi_app, headers={"Authorization": f"Bearer {token}"})
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    run()
    assert statuses, "schemathesis sent nothing"
    assert all(status < 500 for status in statuses)
