"""What one page costs the web worker: Python calls and CPU per request (issue 19, ADR 0031).

    DATABASE_URL=sqlite:///var/bench-county-ci.sqlite3 \\
        manage.py bench_page_cpu --user bench-screener /contacts/queues/screening/

Signs the user in (password and code done, as a screener who has signed in) and sends GETs
through the whole middleware stack in this process. It prints, for each path:

- calls_per_request: Python function calls counted by cProfile over `--profiled` requests. The
  count does not depend on what else the machine is doing, so it compares two versions of the
  code on a shared machine where times do not;
- cpu_ms: the process's CPU time (`time.process_time()`) per request over `--runs` more;
- queries: SQL statements of one request.

`--tail N` times N more requests one by one and prints their CPU's p50, p95 and p99 with the
full garbage collections among them (`--unsettled` leaves the collector as an unsettled process
has it; a web worker settles it, frontdoor/operations/collector.py).

`--top N` also prints, for each path, the N functions with the most CPU under them (cProfile
with `time.process_time` as its timer, over the profiled requests): where to cut next.
"""

from __future__ import annotations

import cProfile
import gc
import os
import pstats
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from frontdoor.access.models import User
from frontdoor.access.second_factor import mark_client_verified
from frontdoor.bench.measure import refuse_production
from frontdoor.operations.collector import settle


class Command(BaseCommand):
    help = "Python calls, CPU and queries per request for pages, as a signed-in user."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--user", required=True, help="username to read the pages as")
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--profiled", type=int, default=5)
        parser.add_argument("--top", type=int, default=0, help="print the N costliest functions")
        parser.add_argument(
            "--tail",
            type=int,
            default=0,
            help="time N more requests one by one: CPU p50/p95/p99 and full collections",
        )
        parser.add_argument(
            "--unsettled",
            action="store_true",
            help="leave the garbage collector as it is (a web worker settles it: config/wsgi.py)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production()
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']!r} in this database")
        client = Client()
        client.force_login(user)
        mark_client_verified(client, user)
        for path in options["paths"]:
            for _ in range(2):  # warm: templates, the URL map, the first connection
                status = client.get(path).status_code
                if status != 200:
                    raise CommandError(f"{path} answered {status}")
            if not options["unsettled"]:
                settle()  # as a web worker is (config/wsgi.py), now that the page is loaded
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            query_count = len(queries)
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(options["profiled"]):
                client.get(path)
            profile.disable()
            calls = pstats.Stats(profile).total_calls // options["profiled"]  # type: ignore[attr-defined]
            start = time.process_time()
            for _ in range(options["runs"]):
                client.get(path)
            cpu_ms = (time.process_time() - start) / options["runs"] * 1000
            self.stdout.write(
                f"page path={path} calls_per_request={calls} cpu_ms={cpu_ms:.1f} "
                f"queries={query_count} n={options['runs']}"
            )
            if options["top"]:
                self._top(client, path, options["top"], options["profiled"])
            if options["tail"]:
                self._tail(client, path, options["tail"])

    def _tail(self, client: Client, path: str, requests: int) -> None:
        """Each request's CPU, and the full (generation 2) collections among them: a full
        collection runs inside whichever request triggers it (frontdoor/operations/collector.py)."""
        full: list[float] = []
        started: list[float] = []

        def watch(phase: str, info: dict[str, Any]) -> None:
            if info["generation"] != 2:
                return
            if phase == "start":
                started.append(time.process_time())
            else:
                full.append(time.process_time() - started.pop())

        cpu: list[float] = []
        gc.callbacks.append(watch)
        try:
            for _ in range(requests):
                start = time.process_time()
                client.get(path)
                cpu.append((time.process_time() - start) * 1000)
        finally:
            gc.callbacks.remove(watch)
        cpu.sort()

        def at(q: float) -> float:
            return cpu[min(len(cpu) - 1, int(q * len(cpu)))]

        self.stdout.write(
            f"tail path={path} cpu_p50_ms={at(0.5):.1f} cpu_p95_ms={at(0.95):.1f} "
            f"cpu_p99_ms={at(0.99):.1f} full_collections={len(full)} "
            f"full_collection_ms_max={max(full, default=0) * 1000:.1f} n={requests}"
        )

    def _top(self, client: Client, path: str, top: int, requests: int) -> None:
        """The functions with the most CPU under them (cumulative), as CPU ms per request."""
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(requests):
            client.get(path)
        profile.disable()
        stats = pstats.Stats(profile)
        rows = sorted(
            stats.stats.items(),  # type: ignore[attr-defined]
            key=lambda item: item[1][3],  # cumulative time
            reverse=True,
        )
        for (filename, line, name), (_, calls, own, cumulative, _) in rows[:top]:
            where = filename.rsplit("site-packages/", 1)[-1].removeprefix(str(settings.BASE_DIR))
            self.stdout.write(
                f"  cum_ms={cumulative / requests * 1000:7.2f} own_ms={own / requests * 1000:6.2f} "
                f"calls={calls // requests:6d} {where}:{line}({name})"
            )
