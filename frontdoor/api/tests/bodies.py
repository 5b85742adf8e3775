"""Request bodies as a partner system would send them, and reading the 422s that come back.

Synthetic names only: the Ashdown brothers, their mother and their school are invented.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone


def child(first_name: str, date_of_birth: str, **changes: Any) -> dict[str, Any]:
    return {
        "first_name": first_name,
        "last_name": "Ashdown",
        "sex": "M",
        "date_of_birth": date_of_birth,
        **changes,
    }


def contact_body(**changes: Any) -> dict[str, Any]:
    """A valid contact about two brothers from a school, as a partner system would send it.
    Synthetic names only."""
    body: dict[str, Any] = {
        "received_at": (timezone.now() - timedelta(minutes=30)).isoformat(),
        "referral_source": "2A",
        "referrer_name": "Ms Rowan Teacher",
        "referrer_role": "Designated safeguarding lead",
        "referrer_organisation": "Millbrook Primary School",
        "concern_categories": ["DA"],
        "narrative": "Leo said he heard shouting at home last night and did not want to go home.",
        "family_knows": "no",
        "children": [
            child("Leo", "2017-05-02"),
            child("Max", "2020-01-19"),
        ],
        "adults": [
            {
                "first_name": "Dana",
                "last_name": "Ashdown",
                "relationships": [
                    {"child": 0, "relationship": "parent"},
                    {"child": 1, "relationship": "parent"},
                ],
            }
        ],
    }
    body.update(changes)
    return body


def screening_body(**changes: Any) -> dict[str, Any]:
    return {
        "rag": "red",
        "level_of_need": "4",
        "summary": "Police attended a domestic incident at the home last month.",
        "recommendation": "Child protection hub",
        **changes,
    }


def analysis_body(**changes: Any) -> dict[str, Any]:
    return {
        "worries": "Repeated domestic abuse witnessed by both boys.",
        "working_well": "Both boys attend school and talk to staff.",
        "needs_to_happen": "Strategy discussion with police and health.",
        "scale": 3,
        "proposed_outcome": "strategy_discussion",
        **changes,
    }


def decision_body(team_slug: str, **changes: Any) -> dict[str, Any]:
    return {
        "outcome": "strategy_discussion",
        "rationale": "Risk of significant harm: strategy discussion today.",
        "see_by": (timezone.now() + timedelta(days=1)).isoformat(),
        "see_by_team": team_slug,
        **changes,
    }


def problems(response) -> list[dict[str, Any]]:
    """The list of problems in a 422 answer."""
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, list)
    return detail


def failing_fields(response) -> list[str]:
    """Each problem's location as a dotted path, e.g. `body.payload.children.0.date_of_birth`."""
    return [".".join(str(part) for part in p.get("loc", [])) for p in problems(response)]
