"""The OpenAPI document is what partner systems build against: it must be valid, list every
operation, and document every refusal an operation can give."""

from __future__ import annotations

import pytest
import schemathesis

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("get", "/api/my-work"),
    ("get", "/api/events/"),
    ("get", "/api/handovers/{handover_id}"),
    ("post", "/api/handovers/{handover_id}/accept"),
    ("post", "/api/handovers/{handover_id}/return"),
    ("post", "/api/contacts"),
    ("get", "/api/contacts/{family_id}"),
    ("get", "/api/contacts/queues/"),
    ("get", "/api/contacts/queues/{slug}"),
    ("post", "/api/contacts/children/{contact_id}/link"),
    # Adults named in a contact (issue 17): linked, relinked, or a wrong link undone.
    ("get", "/api/contacts/children/{contact_id}/adults/{position}"),
    ("post", "/api/contacts/children/{contact_id}/adults/{position}/link"),
    ("post", "/api/contacts/children/{contact_id}/adults/{position}/unlink"),
    ("post", "/api/contacts/children/{contact_id}/screening"),
    ("post", "/api/contacts/{family_id}/send-to-hub"),
    ("post", "/api/contacts/{family_id}/claim"),
    ("post", "/api/contacts/{family_id}/release"),
    ("post", "/api/contacts/queues/{slug}/claim-next"),
    ("post", "/api/contacts/children/{contact_id}/analysis"),
    ("post", "/api/contacts/children/{contact_id}/decision"),
    ("get", "/api/children/{person_id}"),
    ("put", "/api/children/{person_id}/characteristics"),
    ("put", "/api/children/{person_id}/school-and-gp"),
    # Person search (frontdoor/matching/api.py).
    ("post", "/api/people/search"),
    # Children who go missing (frontdoor/missing/api/).
    ("post", "/api/missing/police/starts"),
    ("post", "/api/missing/police/returns"),
    ("get", "/api/missing/episodes"),
    ("post", "/api/missing/episodes"),
    ("get", "/api/missing/episodes/{episode_id}"),
    ("post", "/api/missing/episodes/{episode_id}/police-report"),
    ("post", "/api/missing/episodes/{episode_id}/link"),
    ("post", "/api/missing/episodes/{episode_id}/return"),
    ("post", "/api/missing/episodes/{episode_id}/attempts"),
    ("post", "/api/missing/episodes/{episode_id}/rhi-offer"),
    ("post", "/api/missing/episodes/{episode_id}/rhi-answer"),
    ("post", "/api/missing/episodes/{episode_id}/rhi-completed"),
    ("post", "/api/missing/episodes/{episode_id}/siblings"),
    ("post", "/api/missing/episodes/{episode_id}/risk-review"),
    ("get", "/api/missing/repeat-missing"),
    ("post", "/api/missing/repeat-missing/{flag_id}/decision"),
    # Police batches (frontdoor/police/api.py).
    ("post", "/api/police/batches"),
    ("get", "/api/police/batches/{batch_id}"),
    # History from other systems (frontdoor/history/api.py).
    ("post", "/api/history/early-help"),
    ("post", "/api/history/legacy-history"),
    # Partner agencies (frontdoor/partners/api.py): their enquiries and their referrals.
    ("get", "/api/partners/enquiries"),
    ("get", "/api/partners/enquiries/{enquiry_id}"),
    ("post", "/api/partners/enquiries/{enquiry_id}/answer"),
    ("get", "/api/partners/contacts"),
    ("post", "/api/partners/contacts"),
    ("get", "/api/partners/contacts/{family_id}"),
    # From decision to doorstep (frontdoor/strategy, visits, assessments).
    ("get", "/api/strategy-discussions/"),
    ("get", "/api/strategy-discussions/{discussion_id}"),
    ("post", "/api/strategy-discussions/{discussion_id}"),
    ("get", "/api/strategy-discussions/section-47/open"),
    ("post", "/api/strategy-discussions/section-47/{enquiry_id}/conference"),
    ("get", "/api/transfers/mine"),
    ("get", "/api/transfers/overdue"),
    ("get", "/api/transfers/{allocation_id}"),
    ("post", "/api/transfers/{allocation_id}/allocate"),
    ("post", "/api/transfers/{allocation_id}/visits"),
    ("get", "/api/assessments/mine"),
    ("get", "/api/assessments/{assessment_id}"),
    ("post", "/api/assessments/{assessment_id}/submit"),
    ("post", "/api/assessments/{assessment_id}/authorise"),
    # The hub's consent and enquiries (frontdoor/enquiries/api/hub.py).
    ("get", "/api/enquiries/reasons"),
    ("get", "/api/enquiries/"),
    ("get", "/api/enquiries/contacts/{family_id}"),
    ("post", "/api/enquiries/contacts/{family_id}/consent"),
    ("post", "/api/enquiries/contacts/{family_id}/consent/decision"),
    ("post", "/api/enquiries/contacts/{family_id}/send"),
    ("get", "/api/enquiries/{enquiry_id}"),
    ("post", "/api/enquiries/{enquiry_id}/withdraw"),
    # The backlog and urgent reviews (frontdoor/backlog/api.py).
    ("get", "/api/backlog"),
    ("get", "/api/backlog/waiting"),
    ("get", "/api/backlog/urgent-reviews"),
    ("post", "/api/backlog/urgent-reviews"),
    ("get", "/api/backlog/urgent-reviews/{urgent_review_id}"),
    ("get", "/api/backlog/reviews/mine"),
    ("post", "/api/backlog/reviews/{item_id}"),
    # Second reviews (frontdoor/guardrails/api.py) and oversight (frontdoor/oversight/api.py).
    ("get", "/api/second-reviews"),
    ("get", "/api/second-reviews/{review_id}"),
    ("post", "/api/second-reviews/{review_id}"),
    ("get", "/api/oversight/children/{person_id}"),
    ("post", "/api/oversight/children/{person_id}"),
    ("get", "/api/oversight/challenges"),
    ("get", "/api/oversight/challenges/{challenge_id}"),
    ("post", "/api/oversight/challenges/{challenge_id}/response"),
    ("get", "/api/oversight/actions"),
    ("post", "/api/oversight/actions/{action_id}/completion"),
}
# Every operation can refuse a caller (401), a role (403), an unknown or out-of-scope record
# (404) and bad input (422). Writes can also meet bad JSON (400) and a stale record (409).
READ_REFUSALS = {"401", "403", "404", "422"}
WRITE_REFUSALS = READ_REFUSALS | {"400", "409"}


@pytest.fixture
def document(client, screener) -> dict:
    client.force_login(screener)
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_signed_in_user_can_read_a_valid_openapi_document(document):
    assert document["openapi"].startswith("3.1")
    # Validates the document against the OpenAPI 3.1 meta-schema; raises if it is invalid.
    schemathesis.openapi.from_dict(document).validate()


def test_signed_in_user_can_see_every_operation_in_the_openapi_document(document):
    listed = {(method, path) for path, ops in document["paths"].items() for method in ops}
    assert listed == OPERATIONS


@pytest.mark.parametrize(("method", "path"), sorted(OPERATIONS))
def test_signed_in_user_can_see_every_refusal_an_operation_documents(document, method, path):
    operation = document["paths"][path][method]
    documented = set(operation["responses"])
    assert (WRITE_REFUSALS if method == "post" else READ_REFUSALS) <= documented
    assert operation["summary"]
    assert {"BearerToken": []} in operation["security"]


def test_partner_system_cannot_send_unknown_keys_in_any_request_body(document):
    bodies = [
        name for name, schema in document["components"]["schemas"].items() if name.endswith("In")
    ]
    assert len(bodies) >= 8
    for name in bodies:
        schema = document["components"]["schemas"][name]
        assert schema.get("additionalProperties") is False, name


def _string_properties(document: dict):
    for name, schema in document["components"]["schemas"].items():
        if not name.endswith("In"):
            continue
        for field, prop in schema["properties"].items():
            branches = prop.get("anyOf", [prop])
            if prop.get("type") == "array":
                branches = [prop["items"]]
            for branch in branches:
                if branch.get("type") == "string" and "format" not in branch:
                    yield f"{name}.{field}", branch


def test_partner_system_can_see_which_text_each_field_accepts(document):
    # Every free-text field publishes the characters it accepts (no control characters), so a
    # client can check before it sends, and schemathesis generates what the API really takes.
    unbounded = [
        where
        for where, branch in _string_properties(document)
        if "enum" not in branch and not ("pattern" in branch and "maxLength" in branch)
    ]
    assert unbounded == []


def test_anonymous_visitor_cannot_read_the_openapi_document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
