"""The readers of missing episodes: who sees what, the two lists, warnings and siblings.

Two lists, and every episode is on exactly one of them until its risk review is done:
"missing now" (open, not returned) and the coordinator's queue (returned, not yet reviewed).
Nothing after a return can drop out of sight: the only way off the queue is the review.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404
from django.utils.crypto import salted_hmac

from frontdoor.access.policies import can
from frontdoor.access.queries import (
    RESTRICTED_PLACEHOLDER,
    restricted_among,
)
from frontdoor.access.records import conceal_for, is_concealed, open_record
from frontdoor.audit.models import Event, ViewKind
from frontdoor.contacts.models import Contact
from frontdoor.missing.models import (
    ContactAttempt,
    Episode,
    RepeatMissingFlag,
    Setting,
    SiblingConsidered,
)
from frontdoor.missing.workflow import (
    QUEUE_STATES,
    RHI_OUTSTANDING,
    ClockPoint,
    FlagStatus,
    Gap,
    Status,
    long_gaps,
)
from frontdoor.people.models import Person, Relationship, RelationshipKind
from frontdoor.timescales.calendar import describe_time_left, say_when
from frontdoor.timescales.queries import timescale

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User

# Keys of the local settings this app reads (seeded by migration 0002 in this app).
ATTEMPT_GAP = "missing_attempt_gap"  # a timescale: the longest allowed gap between attempts
REPEAT_EPISODES = "repeat_missing_episodes"
REPEAT_WINDOW_DAYS = "repeat_missing_window_days"


class UnknownSettingError(LookupError):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"No missing-children setting with key {key!r}: check the key, and that the missing "
            "app's migrations have been run."
        )


def setting(key: str) -> int:
    found = Setting.objects.filter(key=key).values_list("value", flat=True).first()
    if found is None:
        raise UnknownSettingError(key)
    return found


def attempt_gap_label() -> str:
    """The gap setting in words, for warnings: "24 clock hours"."""
    gap = timescale(ATTEMPT_GAP)
    return f"{gap.amount} {gap.get_unit_display().lower()}"


# --- Who sees what ------------------------------------------------------------------------------


def visible_episodes(user: User | AnonymousUser) -> QuerySet[Episode]:
    if can(user, "view_missing"):
        return Episode.objects.read_as(user)
    return Episode.objects.none()


def get_episode_for(
    user: User, pk: str | uuid.UUID, *, path: str = "", kind: str = ViewKind.CHILD_RECORD
) -> Episode:
    """One episode; a 404 if the user may not see it. Logged as a view of the child's record,
    before it is returned, so a failed log shows no page (fail closed)."""
    episodes = visible_episodes(user).select_related(
        "person", "police_report", "police_report__agency", "recorded_by"
    )
    return open_record(user, episodes, pk, path=path, kind=kind)


def placeholder_episodes(user: User, episodes: Iterable[Episode]) -> list[Episode]:
    """Episodes for a list: a child whose record is restricted, and whom this user may not
    open, is shown as "Restricted record", with nothing that identifies them."""
    return conceal_for(user, episodes)


def placeholder_flags(user: User, flags: Iterable[RepeatMissingFlag]) -> list[RepeatMissingFlag]:
    return conceal_for(user, flags)


def get_flag_for(user: User, pk: str | uuid.UUID) -> RepeatMissingFlag:
    if not can(user, "view_repeat_missing"):
        raise Http404
    flags = RepeatMissingFlag.objects.read_as(user).select_related(
        "person", "episode", "decided_by"
    )
    return open_record(user, flags, pk, log=False)


def missing_now(user: User) -> QuerySet[Episode]:
    """Every open episode where the child has not returned, the longest missing first."""
    return (
        visible_episodes(user)
        .filter(status=Status.MISSING)
        .select_related("person", "police_report", "police_report__agency")
        .order_by("started_at", "id")
    )


def coordinator_queue(user: User) -> QuerySet[Episode]:
    """Returned and not yet risk-reviewed, the interview due soonest first. The deadline is
    stored, so this is one indexed SQL sort however many episodes there are."""
    return (
        visible_episodes(user)
        .filter(status__in=QUEUE_STATES)
        .select_related("person", "police_report")
        .order_by("rhi_due_at", "returned_at", "id")
    )


def episodes_of(user: User, person: Person) -> QuerySet[Episode]:
    return (
        visible_episodes(user)
        .filter(person=person)
        .select_related("police_report", "police_report__agency")
        .order_by("-started_at")
    )


def repeat_flags(user: User) -> QuerySet[RepeatMissingFlag]:
    """The manager's list: flags awaiting a strategy discussion decision, oldest first."""
    if not can(user, "view_repeat_missing"):
        return RepeatMissingFlag.objects.none()
    return (
        RepeatMissingFlag.objects.filter(status=FlagStatus.AWAITING_DECISION)
        .select_related("person", "episode")
        .order_by("raised_at", "id")
    )


def decided_flags(user: User, *, limit: int = 20) -> list[RepeatMissingFlag]:
    if not can(user, "view_repeat_missing"):
        return []
    return list(
        RepeatMissingFlag.objects.filter(status=FlagStatus.DECIDED)
        .select_related("person", "decided_by")
        .order_by("-decided_at")[:limit]
    )


# --- Brothers and sisters -----------------------------------------------------------------------


@dataclass(frozen=True)
class Sibling:
    """A brother or sister as the episode's readers see them. One whose record is restricted is
    `Sibling.placeholder`: "Restricted record" and nothing else (no relationship, no person, no
    id in its key), by the same rule as the child's record (`people.queries.shown_to_reader`),
    and still counted, so the risk review waits for them too."""

    key: str
    name: str
    relationship: str
    person: Person | None
    # The key the episode records a placeholder against (its "person:<id>", stable whether or
    # not the record is restricted). Underscored, so that no template can reach it; the API
    # names its fields one by one.
    _recorded_key: str = field(default="", repr=False, compare=False)

    @property
    def label(self) -> str:
        """ "Beth Smith (half-brother or half-sister)"; a placeholder is its name alone."""
        return f"{self.name} ({self.relationship.lower()})" if self.relationship else self.name

    @property
    def recorded_key(self) -> str:
        return self._recorded_key or self.key

    @property
    def recorded_person(self) -> Person | None:
        """The person a row about them points at: none for a placeholder, whose record the
        reader may not point a row at (access.records, "Writes are checked too")."""
        return None if self.is_placeholder else self.person

    @property
    def is_placeholder(self) -> bool:
        return self.key.startswith(RESTRICTED_KEY_PREFIX)

    @classmethod
    def placeholder(cls, child: Person, hidden: Sibling) -> Sibling:
        """A restricted brother or sister: an opaque key (the same for this child every time,
        different for each child, so it neither names them nor links two children's episodes)."""
        digest = salted_hmac(
            "frontdoor.missing.sibling", f"{child.pk}:{hidden.recorded_key}"
        ).hexdigest()[:32]
        return cls(
            f"{RESTRICTED_KEY_PREFIX}{digest}",
            RESTRICTED_PLACEHOLDER,
            "",
            None,
            _recorded_key=hidden.recorded_key,
        )


RESTRICTED_KEY_PREFIX = "restricted:"


def siblings_of(person: Person) -> list[Sibling]:
    """Brothers and sisters on record (sibling and half-sibling relationships), and children
    named in the same family contacts, each once. A restricted brother or sister is named on
    nobody else's record and described nowhere (../shared/SECURITY.md, 4; docs/adr/0037): the
    placeholder only, placed last, by the rule of `people.queries.shown_to_reader`."""
    found: list[Sibling] = []
    seen: set[str] = set()
    relationships = (
        Relationship.objects.filter(person=person, kind__in=RelationshipKind.siblings())
        .exclude(relative=person)
        .select_related("relative")
        .order_by("relative__first_name", "relative__last_name")
    )
    concealed: set[str] = set()
    for rel in relationships:
        key = f"person:{rel.relative_id}"
        if key not in seen:
            seen.add(key)
            found.append(Sibling(key, rel.relative.full_name, rel.get_kind_display(), rel.relative))
            if is_concealed(rel) or is_concealed(rel.relative):
                concealed.add(key)
    named = (
        Contact.objects.filter(family__contacts__person=person)
        .exclude(person=person)
        .select_related("person")
        .order_by("first_name", "last_name")
        .distinct()
    )
    for contact in named:
        key = f"person:{contact.person_id}" if contact.person_id else f"contact:{contact.pk}"
        if key in seen:
            continue
        seen.add(key)
        name = contact.person.full_name if contact.person else contact.child_name
        found.append(Sibling(key, name, "Child in the same contact", contact.person))
        if is_concealed(contact) or (contact.person and is_concealed(contact.person)):
            concealed.add(key)
    hidden_ids = restricted_among(s.person.pk for s in found if s.person)

    def hides(s: Sibling) -> bool:
        return s.key in concealed or (s.person is not None and s.person.pk in hidden_ids)

    shown = [s for s in found if not hides(s)]
    return shown + [Sibling.placeholder(person, s) for s in found if hides(s)]


@dataclass(frozen=True)
class SiblingRow:
    sibling: Sibling
    considered: SiblingConsidered | None


def sibling_rows(episode: Episode) -> list[SiblingRow]:
    if episode.person is None:
        return []
    # Matched by the brother or sister's id where the row holds one: a row about a child hidden
    # from the reader comes out concealed, its key blanked, and still counts as considered.
    done = {
        f"person:{row.sibling_id}" if row.sibling_id else row.sibling_key: row
        for row in episode.siblings_considered.select_related("considered_by")
    }
    return [SiblingRow(s, done.get(s.recorded_key)) for s in siblings_of(episode.person)]


def unconsidered_siblings(episode: Episode) -> list[Sibling]:
    return [row.sibling for row in sibling_rows(episode) if row.considered is None]


# --- Warnings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EpisodeWarning:
    text: str


def describe_length(length: timedelta) -> str:
    # The queue's words for time ("2 days 3 hours"), without its "Due in".
    zero = datetime(2000, 1, 1, tzinfo=UTC)
    return describe_time_left(zero + length, zero).removeprefix("Due in ")


def attempt_gaps(episode: Episode, now: datetime) -> list[Gap]:
    if episode.returned_at is None or episode.first_attempt_due_at is None:
        return []
    points = [ClockPoint(episode.returned_at, episode.first_attempt_due_at, "the return")]
    points += [
        ClockPoint(a.attempted_at, a.next_attempt_due_at, "the attempt")
        for a in ContactAttempt.objects.filter(episode=episode).order_by("attempted_at")
    ]
    return long_gaps(points, now=now, still_trying=episode.status in RHI_OUTSTANDING)


def episode_warnings(episode: Episode, now: datetime) -> list[EpisodeWarning]:
    """Everything about this episode that a coordinator or manager must not miss."""
    warnings: list[EpisodeWarning] = []
    name = episode.child_name
    if episode.person_id is None:
        warnings.append(EpisodeWarning(f"Link {name} to their person record"))
    if episode.police_report_id is None:
        warnings.append(EpisodeWarning("No police report is linked to this episode"))
    if (
        episode.status in RHI_OUTSTANDING
        and episode.rhi_due_at is not None
        and now > episode.rhi_due_at
    ):
        warnings.append(
            EpisodeWarning(
                f"72 hours have passed since {name} returned without a return home interview: "
                f"it was due by {say_when(episode.rhi_due_at)}"
            )
        )
    if (
        episode.rhi_completed_at
        and episode.rhi_due_at
        and episode.rhi_completed_at > episode.rhi_due_at
    ):
        warnings.append(EpisodeWarning("The return home interview was completed after 72 hours"))
    gap_words = attempt_gap_label() if episode.returned_at else ""
    for gap in attempt_gaps(episode, now):
        if gap.until is None:
            warnings.append(
                EpisodeWarning(
                    f"No attempt to reach {name} since {gap.after.label}, "
                    f"{say_when(gap.after.at)}: the next attempt was due by "
                    f"{say_when(gap.after.next_due)} (attempts at most {gap_words} apart)"
                )
            )
        else:
            assert gap.length is not None
            warnings.append(
                EpisodeWarning(
                    f"{describe_length(gap.length)} passed between {gap.after.label} "
                    f"({say_when(gap.after.at)}) and the next attempt "
                    f"({say_when(gap.until)}): longer than {gap_words}"
                )
            )
    return warnings


def episode_history(episode: Episode) -> QuerySet[Event]:
    """What happened in this episode, newest first (the audit trail, rendered)."""
    if not episode.person_id:
        return Event.objects.none()
    return (
        Event.objects.filter(person=episode.person_id, data__episode=str(episode.pk))
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )
