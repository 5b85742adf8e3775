"""Measure pages as a deployment serves them: gunicorn worker processes on loopback, and
concurrent users each sending one request after another (no think time: a worst case)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from frontdoor.bench.measure import Timings


def _free_port() -> int:
    """A port the system picks from its ephemeral range (32768-60999 on Linux), so never one of
    the fixed ports below it that development servers use."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(workers: int) -> Iterator[int]:
    """Serve the project (same settings and database as this process) on a loopback port."""
    port = _free_port()
    gunicorn_bin = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(  # noqa: S603 (our own binary and arguments)
        [
            str(gunicorn_bin),
            "config.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        # Connections kept between requests, as production keeps them (config/settings.py).
        env={"DATABASE_CONN_MAX_AGE": "60", **os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_serving(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_serving(port: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            # The sign-in page, not /health/: a benchmark runs no worker or scheduler, so the
            # health check rightly answers 503 (frontdoor/operations/health.py).
            connection.request("GET", "/sign-in/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not start serving on port {port} in {seconds} seconds")


def concurrent_users(port: int, path: str, cookies: list[str], *, requests_each: int) -> Timings:
    """Each user (one session cookie) sends `requests_each` requests, one after another."""

    def user(cookie: str) -> list[float]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        samples = []
        for _ in range(requests_each):
            start = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status
            samples.append((time.perf_counter() - start) * 1000)
        return samples

    with ThreadPoolExecutor(max_workers=len(cookies)) as pool:
        results = list(pool.map(user, cookies))
    return Timings([sample for samples in results for sample in samples])
