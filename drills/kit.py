"""What the drills share: databases made from one seeded template, the service's processes
started as a deployment starts them, signed-in sessions and API tokens, and HTTP on loopback.

A drill module is run as `python -m drills.<name>` with DATABASE_URL pointing at its own
database (drills/__main__.py makes it), so Django is set up against that database here.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LOGS = ROOT / "var" / "drills"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def service_env(**extra: str) -> dict[str, str]:
    """The environment the service's processes get in a drill: the drill's database, tasks
    queued for the worker, a sweep every minute, kept connections (checked before reuse)."""
    env = dict(os.environ)
    env.update(
        FRONTDOOR_TASKS="database",
        FRONTDOOR_SWEEP_MINUTES="1",
        DATABASE_CONN_MAX_AGE="60",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        FRONTDOOR_LOG_LEVEL="WARNING",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Process:
    """One of the service's processes, its output in var/drills/<name>.log."""

    def __init__(self, name: str, args: list[str], env: dict[str, str]) -> None:
        LOGS.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.log = open(LOGS / f"{name}.log", "ab")  # noqa: SIM115 (closed in stop)
        self.popen = subprocess.Popen(  # noqa: S603 (our own binaries)
            args,
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill9(self) -> None:
        """kill -9 the process and every process it started (gunicorn's workers)."""
        with suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, signal.SIGTERM)
                self.popen.wait(timeout=40)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                self.kill9()
        self.log.close()


def web(env: dict[str, str], *, workers: int = 3, name: str = "web") -> tuple[Process, int]:
    port = free_port()
    process = Process(
        name,
        [GUNICORN, "-c", str(ROOT / "config" / "gunicorn.py"), "config.wsgi"],
        {**env, "FRONTDOOR_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)},
    )
    wait_until_serving(port)
    return process, port


def worker(env: dict[str, str], name: str = "worker") -> Process:
    return Process(name, [PYTHON, "manage.py", "run_worker"], env)


def scheduler(env: dict[str, str], name: str = "scheduler") -> Process:
    return Process(name, [PYTHON, "manage.py", "run_scheduler"], env)


def wait_until_serving(port: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _ = request(port, "GET", "/sign-in/", timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the web server did not start on port {port}")


def wait_for(condition: Any, *, seconds: float, every: float = 0.5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return bool(condition())


def request(
    port: int,
    method: str,
    path: str,
    *,
    body: bytes | str | dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    sent_headers = dict(headers or {})
    if isinstance(body, dict):
        body = json.dumps(body)
        sent_headers.setdefault("Content-Type", "application/json")
    try:
        connection.request(method, path, body=body, headers=sent_headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def session_cookie(username: str) -> str:
    """A signed-in session (password and code done), as the tests and benchmarks make one."""
    from django.test import Client

    from frontdoor.access.models import User
    from frontdoor.access.second_factor import mark_client_verified

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    mark_client_verified(client, user)
    return f"sessionid={client.cookies['sessionid'].value}"


def api_token(username: str) -> str:
    """A bearer token acting as `username`. Where only service accounts may hold tokens, it is
    the persona's own system's (`<username>-system`, seeded by the demo), issued by Adam."""
    from frontdoor.access import actions
    from frontdoor.access.models import User

    issue = getattr(actions, "issue_api_token", None)
    if issue is not None:
        system = User.objects.get(username=f"{username}-system")
        return str(issue(by=User.objects.get(username="adam"), user=system, name="drill")[0])
    from frontdoor.access.tokens import issue_token

    return issue_token(user=User.objects.get(username=username), name="drill")


@contextmanager
def running(*processes: Process) -> Iterator[None]:
    try:
        yield
    finally:
        for process in processes:
            process.stop()


def verify_audit() -> bool:
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [PYTHON, "manage.py", "verify_audit"],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        timeout=600,
        check=False,
    )
    return result.returncode == 0


def say(name: str, passed: bool, **figures: Any) -> bool:
    shown = " ".join(f"{k}={v}" for k, v in figures.items())
    print(f"drill {name} result={'pass' if passed else 'fail'} {shown}".rstrip(), flush=True)
    return passed
