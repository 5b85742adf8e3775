"""The missing children API: police notifications (idempotent by reference), coordinators'
steps, policy (403/404) and strict input (422 naming the field, nothing saved)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.audit.models import RecordView
from frontdoor.missing.models import Episode, PoliceReport, RepeatMissingFlag
from frontdoor.missing.tests import factories as f
from frontdoor.missing.workflow import Status

pytestmark = pytest.mark.django_db


def iso(moment) -> str:
    return moment.isoformat()


def start_body(reference: str = "WX/2026/0100", **changes) -> dict:
    started = timezone.now() - timedelta(hours=6)
    return {
        "police_reference": reference,
        "risk_grade": "high",
        "started_at": iso(started),
        "reported_at": iso(started + timedelta(hours=1)),
        "child": {
            "first_name": "Cara",
            "last_name": "Jones",
            "sex": "F",
            "date_of_birth": "2011-05-02",
        },
        "missing_from": "Foster home",
        **changes,
    }


# --- The police notify --------------------------------------------------------------------------


def test_police_partner_can_notify_a_start_and_a_retry_returns_the_same_episode(
    api_as, police_partner
):
    api = api_as(police_partner)
    first = api.post("/api/missing/police/starts", start_body())
    again = api.post("/api/missing/police/starts", start_body())
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["episode_id"] == again.json()["episode_id"]
    assert first.json()["status"] == "missing"
    # A force sees back only what it sent and where the episode has got to.
    assert set(first.json()) == {
        "episode_id",
        "police_reference",
        "status",
        "started_at",
        "returned_at",
    }
    assert Episode.objects.count() == 1 and PoliceReport.objects.count() == 1


def test_police_partner_can_notify_a_return_twice_safely(api_as, police_partner):
    api = api_as(police_partner)
    api.post("/api/missing/police/starts", start_body())
    body = {
        "police_reference": "WX/2026/0100",
        "returned_at": iso(timezone.now() - timedelta(hours=1)),
        "where_found": "Westbury bus station",
    }
    first = api.post("/api/missing/police/returns", body)
    again = api.post("/api/missing/police/returns", body)
    assert first.status_code == again.status_code == 200
    assert again.json()["status"] == "returned"
    episode = Episode.objects.get()
    assert episode.rhi_due_at == episode.returned_at + timedelta(hours=72)


def test_a_return_for_an_unknown_reference_is_refused(api_as, police_partner):
    response = api_as(police_partner).post(
        "/api/missing/police/returns",
        {"police_reference": "WX/NOPE", "returned_at": iso(timezone.now()), "where_found": "x"},
    )
    assert response.json()["detail"] == [
        {
            "type": "value_error",
            "loc": ["body", "payload", "police_reference"],
            "msg": "There is no missing episode with police reference 'WX/NOPE'",
        }
    ]


def test_health_partner_cannot_notify_a_missing_child(api_as, health_partner):
    response = api_as(health_partner).post("/api/missing/police/starts", start_body())
    assert response.status_code == 403
    assert not Episode.objects.exists()


def test_a_manager_cannot_notify_as_if_a_police_force(api_as, manager):
    assert api_as(manager).post("/api/missing/police/starts", start_body()).status_code == 403


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"started_at": "2026-03-01T10:00:00"}, ["body", "payload", "started_at"]),
        ({"risk_grade": "extreme"}, ["body", "payload", "risk_grade"]),
        ({"police_reference": " WX/1"}, ["body", "payload", "police_reference"]),
        ({"police_reference": "W" * 61}, ["body", "payload", "police_reference"]),
        ({"role": "manager"}, ["body", "payload", "role"]),
    ],
)
def test_police_partner_cannot_send_a_bad_notification(api_as, police_partner, changes, where):
    response = api_as(police_partner).post("/api/missing/police/starts", start_body(**changes))
    assert response.status_code == 422
    assert [p["loc"] for p in response.json()["detail"]] == [where]
    assert not Episode.objects.exists()


def test_a_start_in_the_future_is_refused(api_as, police_partner):
    future = timezone.now() + timedelta(hours=2)
    response = api_as(police_partner).post(
        "/api/missing/police/starts",
        start_body(started_at=iso(future), reported_at=iso(future)),
    )
    assert [p["loc"] for p in response.json()["detail"]] == [
        ["body", "payload", "started_at"],
        ["body", "payload", "reported_at"],  # the force's own name for it
    ]
    assert not Episode.objects.exists()


# --- Coordinators -------------------------------------------------------------------------------


def test_hub_worker_can_take_every_step_through_the_api(api_as, hub_worker):
    api = api_as(hub_worker)
    amy = f.child()
    beth = f.sibling_of(amy)
    started = timezone.now() - timedelta(days=2)
    made = api.post(
        "/api/missing/episodes",
        {
            "person_id": str(amy.pk),
            "started_at": iso(started),
            "police": {
                "police_force_id": str(f.police_force().pk),
                "police_reference": "WX/3",
                "risk_grade": "medium",
                "reported_at": iso(started + timedelta(hours=1)),
            },
        },
    )
    assert made.status_code == 201, made.json()
    episode_id = made.json()["id"]
    url = f"/api/missing/episodes/{episode_id}"
    back = started + timedelta(hours=20)
    steps = [
        ("/return", {"returned_at": iso(back), "where_found": "Home", "version": 1}, 200),
        (
            "/attempts",
            {
                "attempted_at": iso(back + timedelta(hours=1)),
                "method": "phone",
                "result": "spoke_to_child",
            },
            201,
        ),
        (
            "/rhi-offer",
            {
                "offered_at": iso(back + timedelta(hours=1)),
                "offered_by": "Sam Lee",
                "answer": "accepted",
            },
            200,
        ),
        (
            "/rhi-completed",
            {
                "completed_at": iso(back + timedelta(hours=5)),
                "completed_by": "Sam Lee",
                "independent": True,
            },
            200,
        ),
        ("/siblings", {"siblings": [{"key": f"person:{beth.pk}", "note": "Beth is safe."}]}, 200),
        (
            "/risk-review",
            {
                "push_factors": "Arguments at home",
                "pull_factors": "Older friends",
                "where_went": "Westbury",
                "with_whom": "Not known",
                "sexual_exploitation": False,
                "criminal_exploitation": True,
                "none_identified": False,
                "risk_level": "high",
                "plan_update": "Referral to the exploitation panel",
            },
            200,
        ),
    ]
    for path, body, status in steps:
        response = api.post(url + path, body)
        assert response.status_code == status, (path, response.json())
    final = api.get(url).json()
    assert final["status"] == "reviewed"
    assert final["risk_review"]["criminal_exploitation"] is True
    assert final["siblings"][0]["considered"] is True
    assert final["police_report"]["reference"] == "WX/3"
    assert RecordView.objects.filter(kind="api", person=amy).exists()


def test_hub_worker_can_list_missing_now_and_the_queue(api_as, hub_worker):
    missing = f.missing(hub_worker, f.child("Amy"))
    back = f.returned(hub_worker, f.child("Ben"))
    api = api_as(hub_worker)
    now = api.get("/api/missing/episodes").json()
    queue = api.get("/api/missing/episodes", which="queue").json()
    assert [e["id"] for e in now["items"]] == [str(missing.pk)]
    assert [e["id"] for e in queue["items"]] == [str(back.pk)]
    assert api.get("/api/missing/episodes", which="other").status_code == 422


def test_the_review_is_refused_until_siblings_are_considered(api_as, hub_worker):
    amy = f.child()
    f.sibling_of(amy)
    episode = f.interviewed(hub_worker, amy)
    response = api_as(hub_worker).post(
        f"/api/missing/episodes/{episode.pk}/risk-review",
        {
            "push_factors": "x",
            "pull_factors": "x",
            "where_went": "x",
            "with_whom": "x",
            "sexual_exploitation": False,
            "criminal_exploitation": False,
            "none_identified": True,
            "risk_level": "low",
            "plan_update": "x",
        },
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "value_error",
            "loc": ["body", "payload", "siblings"],
            "msg": "Record that Beth Smith has been considered",
        }
    ]


def test_a_step_the_state_does_not_allow_is_a_409(api_as, hub_worker):
    episode = f.missing(hub_worker)
    response = api_as(hub_worker).post(
        f"/api/missing/episodes/{episode.pk}/rhi-answer", {"answer": "accepted"}
    )
    assert response.status_code == 409


def test_a_stale_version_is_a_409_and_nothing_changes(api_as, hub_worker):
    episode = f.missing(hub_worker)
    response = api_as(hub_worker).post(
        f"/api/missing/episodes/{episode.pk}/return",
        {"returned_at": iso(timezone.now()), "where_found": "Home", "version": 7},
    )
    assert response.status_code == 409
    episode.refresh_from_db()
    assert episode.status == Status.MISSING


@pytest.mark.parametrize("who", ["police_partner", "health_partner", "outsider"])
def test_partners_cannot_read_an_episode(request, api_as, hub_worker, who):
    episode = f.missing(hub_worker)
    response = api_as(request.getfixturevalue(who)).get(f"/api/missing/episodes/{episode.pk}")
    assert response.status_code == 404
    assert not RecordView.objects.exists()


def test_screener_can_read_but_not_record_a_return(api_as, hub_worker, screener):
    episode = f.missing(hub_worker)
    api = api_as(screener)
    assert api.get(f"/api/missing/episodes/{episode.pk}").status_code == 200
    response = api.post(
        f"/api/missing/episodes/{episode.pk}/return",
        {"returned_at": iso(timezone.now()), "where_found": "Home"},
    )
    assert response.status_code == 403


def test_reporting_an_unknown_person_names_the_field(api_as, hub_worker):
    response = api_as(hub_worker).post(
        "/api/missing/episodes",
        {"person_id": "00000000-0000-4000-8000-000000000000", "started_at": iso(timezone.now())},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "person_id"]


def test_manager_can_list_flags_and_decide(api_as, hub_worker, manager):
    amy = f.child()
    for days in (20, 10, 1):
        f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(days=days))
    api = api_as(manager)
    [flag] = api.get("/api/missing/repeat-missing").json()["items"]
    assert flag["child_name"] == "Amy Smith" and flag["episodes_in_window"] == 3
    response = api.post(
        f"/api/missing/repeat-missing/{flag['id']}/decision",
        {"decision": "strategy_discussion", "rationale": "Three times in a month.", "version": 1},
    )
    assert response.status_code == 200 and response.json()["status"] == "decided"
    again = api.post(
        f"/api/missing/repeat-missing/{flag['id']}/decision",
        {"decision": "strategy_discussion", "rationale": "Again."},
    )
    assert again.status_code == 409


def test_hub_worker_cannot_see_the_flags(api_as, hub_worker, make_user):
    amy = f.child()
    for days in (20, 10, 1):
        f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(days=days))
    flag = RepeatMissingFlag.objects.get()
    api = api_as(hub_worker)
    assert api.get("/api/missing/repeat-missing").status_code == 403
    response = api.post(
        f"/api/missing/repeat-missing/{flag.pk}/decision",
        {"decision": "strategy_discussion", "rationale": "x"},
    )
    assert response.status_code == 404


def test_a_restricted_childs_episode_is_refused_to_those_not_on_its_allow_list(
    api_as, hub_worker, make_user
):
    from frontdoor.access.models import RestrictedRecord

    episode = f.missing(hub_worker)
    RestrictedRecord.objects.create(
        person=episode.person, reason="Relative of staff", restricted_at=timezone.now()
    )
    other = make_user("harriet", Role.HUB_WORKER)
    response = api_as(other).get(f"/api/missing/episodes/{episode.pk}")
    assert response.status_code == 404
    listed = api_as(other).get("/api/missing/episodes").json()["items"]
    assert [e["child_name"] for e in listed] == ["Restricted record"]


# --- A step's own reasons name the input they are about (docs/adr/0036) -------------------------


def _before(episode: Episode, hours: int = 1) -> str:
    """A time before the child came back: what the steps after the return refuse."""
    assert episode.returned_at is not None
    return iso(episode.returned_at - timedelta(hours=hours))


STEPS_BEFORE_THE_RETURN = [
    (
        "attempts",
        f.returned,
        lambda e: {"attempted_at": _before(e), "method": "phone", "result": "no_answer"},
        "attempted_at",
    ),
    (
        "rhi-offer",
        f.returned,
        lambda e: {"offered_at": _before(e), "offered_by": "Hamid Tester"},
        "offered_at",
    ),
    (
        "rhi-completed",
        f.offered,
        lambda e: {
            "completed_at": _before(e),
            "completed_by": "Ines Independent",
            "independent": True,
        },
        "completed_at",
    ),
]


@pytest.mark.parametrize(
    ("step", "episode_in", "body", "field"), STEPS_BEFORE_THE_RETURN, ids=lambda v: str(v)[:20]
)
def test_a_step_timed_before_the_return_names_its_time(
    api_as, hub_worker, step, episode_in, body, field
):
    episode = episode_in(hub_worker)
    response = api_as(hub_worker).post(f"/api/missing/episodes/{episode.pk}/{step}", body(episode))
    assert response.status_code == 422, response.content
    assert [p["loc"] for p in response.json()["detail"]] == [["body", "payload", field]]
    assert response.json()["detail"][0]["type"] == "value_error"


def test_a_return_before_the_child_went_missing_names_returned_at(api_as, hub_worker):
    episode = f.missing(hub_worker)
    response = api_as(hub_worker).post(
        f"/api/missing/episodes/{episode.pk}/return",
        {"returned_at": iso(episode.started_at - timedelta(hours=1)), "where_found": "At home"},
    )
    assert [p["loc"] for p in response.json()["detail"]] == [["body", "payload", "returned_at"]]
    episode.refresh_from_db()
    assert episode.returned_at is None


def test_reporting_a_child_reported_to_police_before_going_missing_names_the_time(
    api_as, hub_worker
):
    started = timezone.now() - timedelta(hours=3)
    response = api_as(hub_worker).post(
        "/api/missing/episodes",
        {
            "person_id": str(f.child().pk),
            "started_at": iso(started),
            "reported_to_police_at": iso(started - timedelta(hours=1)),
        },
    )
    assert [p["loc"] for p in response.json()["detail"]] == [
        ["body", "payload", "reported_to_police_at"]
    ]
    assert not Episode.objects.exists()
