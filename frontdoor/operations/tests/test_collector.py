"""A web worker keeps its loaded application out of the garbage collector's full sweeps
(frontdoor/operations/collector.py): a full sweep of it cost a request 100 ms of CPU."""

from __future__ import annotations

import gc
import importlib
import sys

from frontdoor.operations.collector import settle


def _swept(thing: object) -> bool:
    return any(found is thing for found in gc.get_objects())


def test_what_is_alive_when_a_worker_settles_is_never_swept_again():
    loaded = [{"a module's table": 1}]
    assert _swept(loaded)
    try:
        assert settle() > 0
        assert not _swept(loaded)
        made_after = [{"a request's rows": 2}]
        assert _swept(made_after)  # what is made later is collected as before
    finally:
        gc.unfreeze()


def test_the_web_server_settles_its_workers_when_it_loads_the_application():
    gc.unfreeze()
    try:
        sys.modules.pop("config.wsgi", None)
        importlib.import_module("config.wsgi")
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
