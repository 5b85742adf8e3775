"""Python's garbage collector in a web worker: what is there at start is kept out of its sweeps.

A worker holds about 190,000 objects once Django, the apps and their modules are loaded. None of
them is ever garbage, but CPython's full collection walks all of them, and it runs whenever the
objects promoted since the last one reach a quarter of those already held: every 30 or so
requests of the management information page (each request's own objects live long enough to be
promoted). That collection took 100-120 ms of CPU on the project's 2-core machine, inside
whichever request happened to trigger it: p99 168 ms for a page whose p50 is 44 ms
(docs/adr/0044, docs/benchmarks.md). `gc.freeze()` moves everything alive now into a generation
the collector never walks, so a full collection afterwards walks only what was made since
(1.5-11 ms in the same measurement). Nothing frozen is ever freed, which is what the objects of
a loaded application want anyway; a cycle made later is collected as before.
"""

from __future__ import annotations

import gc


def settle() -> int:
    """Keep what is alive now out of the collector's sweeps (after start-up, or after a first
    request has loaded the URL map and templates). Returns how many objects are kept out."""
    gc.collect()  # what start-up left behind goes first, rather than being kept
    gc.freeze()
    return gc.get_freeze_count()
