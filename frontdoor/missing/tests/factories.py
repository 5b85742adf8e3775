"""State-specific builders: a missing episode in each state, reached through the real actions so
that every state a test starts from is one the system can actually produce. Synthetic people."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.codelists.models import Code
from frontdoor.missing import actions
from frontdoor.missing.models import Episode
from frontdoor.people.models import Person, Relationship, RelationshipKind, Sex


def police_force(name: str = "Wessex Police") -> Agency:
    return Agency.objects.get_or_create(
        name=name,
        defaults={
            "kind": AgencyKind.POLICE,
            "referral_source": Code.objects.get(code_list="referral_source", code="6"),
        },
    )[0]


def child(first: str = "Amy", last: str = "Smith", born: date = date(2012, 3, 27)) -> Person:
    return Person.objects.create(
        first_name=first,
        last_name=last,
        date_of_birth=born,
        sex=Sex.FEMALE,
        created_at=timezone.now(),
    )


def sibling_of(person: Person, first: str = "Beth", kind: str = RelationshipKind.SIBLING) -> Person:
    """A brother or sister on record, related both ways (as people.actions records them)."""
    other = child(first, person.last_name, date(2014, 8, 9))
    now = timezone.now()
    Relationship.objects.create(person=person, relative=other, kind=kind, created_at=now)
    Relationship.objects.create(person=other, relative=person, kind=kind, created_at=now)
    return other


_REFERENCES = itertools.count(1)


def missing(
    by: User,
    person: Person | None = None,
    *,
    started_at: datetime | None = None,
    reference: str | None = None,
    with_police_report: bool = True,
) -> Episode:
    started = started_at or timezone.now() - timedelta(days=3)
    report = None
    if with_police_report:
        report = actions.PoliceReportDetails(
            agency=police_force(),
            reference=reference or f"WX/{next(_REFERENCES):06d}",
            risk_grade="high",
            reported_at=started + timedelta(hours=1),
        )
    return actions.report_missing(
        by=by,
        person=person or child(),
        details=actions.MissingDetails(
            started_at=started,
            missing_from="Home",
            reported_to_police_at=started + timedelta(hours=1),
            police=report,
        ),
    )


def returned(
    by: User,
    person: Person | None = None,
    *,
    returned_at: datetime | None = None,
    **kwargs: object,
) -> Episode:
    episode = missing(by, person, **kwargs)  # type: ignore[arg-type]
    return actions.record_return(
        by=by,
        episode=episode,
        returned_at=returned_at or episode.started_at + timedelta(hours=20),
        where_found="At a friend's flat in Westbury",
    )


def offered(
    by: User, person: Person | None = None, *, answer: str = "accepted", **kwargs: object
) -> Episode:
    episode = returned(by, person, **kwargs)
    assert episode.returned_at is not None
    return actions.offer_rhi(
        by=by,
        episode=episode,
        offered_at=episode.returned_at + timedelta(hours=2),
        offered_by="Sam Lee, return home interview worker",
        answer=answer,
    )


def interview(completed_at: datetime) -> actions.InterviewDetails:
    return actions.InterviewDetails(
        completed_at=completed_at,
        completed_by="Sam Lee",
        organisation="Wessex Return Interviews",
        independent=True,
        summary="Amy said she stayed with friends after an argument at home.",
    )


def interviewed(by: User, person: Person | None = None, **kwargs: object) -> Episode:
    episode = offered(by, person, **kwargs)
    assert episode.rhi_offered_at is not None
    return actions.complete_rhi(
        by=by, episode=episode, interview=interview(episode.rhi_offered_at + timedelta(hours=3))
    )


def review() -> actions.RiskReviewDetails:
    return actions.RiskReviewDetails(
        push_factors="Arguments at home with her stepfather.",
        pull_factors="Older friends offering somewhere to stay.",
        where_went="A flat in Westbury.",
        with_whom="Two older teenagers she met online.",
        sexual_exploitation=True,
        criminal_exploitation=False,
        none_identified=False,
        risk_level="high",
        plan_update="Strategy discussion requested; safety plan agreed with Amy and her mother.",
    )


def reviewed(by: User, person: Person | None = None, **kwargs: object) -> Episode:
    episode = interviewed(by, person, **kwargs)
    actions.record_risk_review(by=by, episode=episode, review=review())
    episode.refresh_from_db()
    return episode


def notification(
    reference: str = "WX/2026/0100", started_at: datetime | None = None
) -> actions.PoliceNotification:
    started = started_at or timezone.now() - timedelta(hours=6)
    return actions.PoliceNotification(
        reference=reference,
        risk_grade="medium",
        started_at=started,
        reported_at=started + timedelta(hours=1),
        child=actions.ChildAsTold(
            first_name="Cara", last_name="Jones", sex="F", date_of_birth=date(2011, 5, 2)
        ),
        missing_from="Foster home",
    )


def fuzz_ids(by: User) -> dict[str, list[str]]:
    """Real ids for the API fuzzer (frontdoor/api/tests/test_fuzz_with_schemathesis.py): an
    episode in each state, one notified by the police and not yet linked, and a flag."""
    amy = child()
    sibling_of(amy)
    episodes = [
        missing(by, amy, started_at=timezone.now() - timedelta(days=20)),
        returned(by, amy, started_at=timezone.now() - timedelta(days=10)),
        offered(by, child("Ben")),
        interviewed(by, child("Cal")),
        reviewed(by, child("Dee")),
    ]
    flagged = missing(by, amy, started_at=timezone.now() - timedelta(days=2))
    flags = list(flagged.person.repeat_missing_flags.values_list("pk", flat=True))
    return {
        "episode_id": [str(e.pk) for e in [*episodes, flagged]],
        "flag_id": [str(pk) for pk in flags],
    }
