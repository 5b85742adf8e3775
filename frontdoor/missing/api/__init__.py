"""Missing episodes over JSON: the same actions and queries as the pages.

Two kinds of caller:

- a police force's system notifies starts and returns (`/police/starts`, `/police/returns`).
  Both are idempotent by the force's reference: a retry returns the same episode (200) and
  makes nothing new. The force is the caller's own agency, so one force can never touch
  another's reports. A force sees back only what it sent and the episode's state;
- the council's coordinators (hub workers and managers for now) take every step a page takes.

Request bodies are strict (frontdoor/api/schemas.py): unknown keys, dates that are not ISO
text, naive times and unstorable text are refused with a 422 that names the field.
"""

# Importing the modules registers their operations on the router.
from frontdoor.missing.api import episodes, police, repeat  # noqa: F401
from frontdoor.missing.api.router import router

__all__ = ["router"]
