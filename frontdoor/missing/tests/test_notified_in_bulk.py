"""`notify_missing_many` (a chunk of a police batch at once) ends as `notify_missing`, then
`notify_return`, one notification at a time: the same episodes, returns, refusals, flags and
audit events."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.missing import actions
from frontdoor.missing.models import Episode, RepeatMissingFlag
from frontdoor.missing.tests import factories as f
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


def _told(reference, days_ago, person=None, back=None):
    started = timezone.now() - timedelta(days=days_ago)
    notification = actions.PoliceNotification(
        reference=reference,
        risk_grade="high",
        started_at=started,
        reported_at=started + timedelta(hours=1),
        child=actions.ChildAsTold("Amy", "Smith", "F", date(2012, 3, 27)),
        missing_from="Home",
        person=person,
    )
    if back is None:
        return notification, None
    days, where = back
    return notification, actions.ReturnAsTold(timezone.now() - timedelta(days=days), where)


def _scenario(prefix, amy):
    return [
        _told(f"{prefix}1", 20, amy),
        _told(f"{prefix}2", 10, amy, back=(9, "Aunt's flat")),
        _told(f"{prefix}3", -1),  # "went missing" tomorrow: refused
        _told(f"{prefix}1", 20, amy),  # the same report again
        _told(f"{prefix}4", 2, amy),  # the third in 30 days: a flag
        _told(f"{prefix}5", 3, back=(1, " ")),  # back, but nobody said where: refused
        _told(f"{prefix}4", 2, amy, back=(1, "School")),  # now back
    ]


def _one_at_a_time(by, force, told):
    results = []
    for notification, back in told:
        try:
            with transaction.atomic():
                episode, _ = actions.notify_missing(by=by, notification=notification, force=force)
                if back is not None and episode.returned_at is None:
                    episode = actions.notify_return(
                        by=by,
                        reference=notification.reference,
                        returned_at=back.returned_at,
                        where_found=back.where_found,
                        force=force,
                    )
            results.append(episode)
        except NotReady as exc:
            results.append(exc)
    return results


def _outcome(results, since):
    firsts: dict = {}
    shown = []
    for index, result in enumerate(results):
        if isinstance(result, NotReady):
            shown.append(("refused", tuple(result.reasons)))
            continue
        episode = Episode.objects.get(pk=result.pk)
        first = firsts.setdefault(episode.pk, index)
        shown.append((first, episode.status, episode.where_found, episode.rhi_due_at is not None))
    flags = [
        (firsts[flag.episode_id], flag.episodes_in_window)
        for flag in RepeatMissingFlag.objects.filter(episode_id__in=firsts)
    ]
    events = Counter(Event.objects.filter(pk__gt=since).values_list("verb", flat=True))
    return shown, flags, events


def _last_event():
    return Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_many_at_once_end_as_one_at_a_time(screener):
    force = f.police_force()
    since = _last_event()
    one_by_one = _one_at_a_time(screener, force, _scenario("WX/A/", f.child()))
    expected = _outcome(one_by_one, since)
    since = _last_event()
    at_once = actions.notify_missing_many(
        by=screener, force=force, notifications=_scenario("WX/B/", f.child("Amy", "Jones"))
    )
    assert _outcome(at_once, since) == expected
    assert expected[1] == [(4, 3)]
    assert [shown[0] for shown in expected[0]] == [0, 1, "refused", 0, 4, "refused", 4]


def test_a_report_already_opened_is_found_not_made_again(screener):
    force = f.police_force()
    first = actions.notify_missing_many(
        by=screener, force=force, notifications=[_told("WX/C/1", 5)]
    )
    again = actions.notify_missing_many(
        by=screener, force=force, notifications=[_told("WX/C/1", 5, back=(1, "Park"))]
    )
    assert first[0].pk == again[0].pk
    assert Episode.objects.get(pk=first[0].pk).where_found == "Park"
    assert Episode.objects.count() == 1
