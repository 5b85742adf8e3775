"""A child's timeline as its reader may see it (../shared/SECURITY.md, 4; docs/adr/0016, 0037).

An event on a child's record the reader may open can still be about someone else: "Family
relationships recorded. Added: Alleged perpetrator." names, by its `relative`, an adult whose
record is restricted; a restriction made afterwards hides them just the same. Such an event
keeps its title (what kind of thing happened, and when) and shows "Details about a restricted
record" in place of its detail and reason: the same rule as a relative on the child's record
(`people.queries.shown_to_reader`), applied to events. Which keys of an event name a person is
declared per verb (`audit.timeline.PEOPLE_KEYS`), so the rule is here once for every page, the
API and every verb.

The reader is the one reading now (`records.current_reading`): its hidden people are worked out
once per reading, so a page of events asks nothing more. Outside any reading (commands, tests
that call this directly) events come out whole, as rows do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontdoor.access.records import current_reading
from frontdoor.audit import timeline

if TYPE_CHECKING:
    from frontdoor.audit.models import Event
    from frontdoor.audit.timeline import Entry


def names_someone_hidden(event: Event) -> bool:
    """Whether the event's data names a person the current reader may not open."""
    named = timeline.people_named(event.verb, event.data or {})
    if not named:
        return False
    reading = current_reading()
    if reading is None:
        return False
    hidden = {str(pk) for pk in reading.hidden_people()}
    return bool(named & hidden)


def describe(event: Event) -> Entry:
    """The event in words for the current reader: whole, or withheld if it names a person they
    may not open."""
    if names_someone_hidden(event):
        return timeline.withheld(event)
    return timeline.describe(event)
