"""Drill bad-input: thousands of malformed API requests (wrong types, unstorable text, dates
that overflow, huge and deeply nested values, bodies that are not JSON or not UTF-8) and 200
malformed rows in a police CSV file uploaded through the page. Expect no 5xx, and nothing
half-saved: no contact, person, notification or decision appears, and every batch finishes
with each bad row reported."""

from __future__ import annotations

import json
import random
import re
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from drills import kit

kit.setup_django()

from django.apps import apps  # noqa: E402
from django.db import connection  # noqa: E402

from frontdoor.contacts.models import Contact  # noqa: E402
from frontdoor.police.models import Batch  # noqa: E402

rng = random.Random(23)  # noqa: S311 (reproducible junk)
API_REQUESTS = 2400
CSV_ROWS = 200
# Tables a refused request may not touch. Police batches are the exception on purpose: a
# batch of bad rows is accepted and reported row by row; its notifications must stay at 0.
KEPT = (
    "contacts_",
    "people_",
    "police_notification",
    "missing_",
    "referrals_",
    "visits_",
    "strategy_",
    "assessments_",
    "enquiries_",
    "history_",
    "matching_",
)

HOSTILE_TEXT = [
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfff",
    "\x1b[31m",
    "\x07",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s%s%n",
    "A" * 70_000,
    "",
    " ",
    "\u202e",
    "1/1/99999999999999999999",
    "9999-12-31T23:59:59-23:59",
    "0000-00-00",
    "2026-02-30",
    "99999999999999999999",
    "-1",
    "NaN",
    "☃" * 500,
]
HOSTILE_VALUES: list[Any] = [
    *HOSTILE_TEXT,
    None,
    True,
    0,
    -1,
    2**63,
    -(2**63),
    1e308,
    [],
    {},
    [[[[[]]]]],
    {"$gt": ""},
    ["\x00"],
    {"\x00": 1},
]


def deep(n: int) -> Any:
    value: Any = "x"
    for _ in range(n):
        value = [value]
    return value


def contact_body() -> dict[str, Any]:
    return {
        "received_at": "2026-11-20T09:00:00+00:00",
        "referral_source": "2A",
        "referrer_name": "Ms Drill",
        "concern_categories": ["DA"],
        "narrative": "Drill.",
        "family_knows": "no",
        "children": [
            {"first_name": "Leo", "last_name": "Drill", "sex": "M", "date_of_birth": "2017-05-02"}
        ],
        "adults": [],
    }


def police_row() -> dict[str, Any]:
    return {
        "police_reference": f"DRILL/BAD/{uuid.uuid4().hex[:10]}",
        "incident_at": "2026-11-10T21:30:00+00:00",
        "notified_at": "2026-11-11T08:00:00+00:00",
        "location": "1 Drill Road",
        "victim_first_name": "Jo",
        "victim_last_name": "Drill",
        "risk_tool": "dash",
        "risk_level": "high",
        "marac": "no",
        "narrative": "Drill.",
        "children": [{"first_name": "Amy", "last_name": "Drill", "date_of_birth": "2019-03-27"}],
    }


def spoil(body: dict[str, Any], *, keep_valid: bool = False) -> dict[str, Any]:
    """`body` with one to three fields made hostile, and always one that cannot pass."""
    spoiled = json.loads(json.dumps(body))
    for _ in range(rng.randint(1, 3)):
        key = rng.choice([*spoiled.keys(), "unknown_key", "\x00key"])
        spoiled[key] = rng.choice([*HOSTILE_VALUES, deep(rng.randint(50, 400))])
    # Whatever else happened, one field is certainly wrong.
    sure = rng.choice(["date_of_birth_overflow", "nul", "surrogate", "type"])
    if "children" in spoiled and isinstance(spoiled["children"], list) and spoiled["children"]:
        child = spoiled["children"][0]
        if isinstance(child, dict):
            child["date_of_birth"] = {
                "date_of_birth_overflow": "1/1/99999999999999999999",
                "nul": "2019-03-\x0027",
                "surrogate": "\ud800",
                "type": 12,
            }[sure]
            return spoiled
    spoiled["children"] = 17
    return spoiled


def encode(body: Any) -> bytes:
    # ensure_ascii: lone surrogates travel as \ud800 escapes, as a partner's JSON can carry.
    return json.dumps(body, ensure_ascii=True).encode()


RAW_BODIES = [
    b"",
    b"{",
    b"null",
    b"[]",
    b"\xff\xfe\x00\x00",
    b'{"a":' * 5000,
    b"\x00" * 100,
    b'{"children": "\xc3\x28"}',
    b"<xml/>",
    b'{"narrative": "' + b"A" * 3_000_000 + b'"}',
]


def api_requests(ids: dict[str, str]) -> list[tuple[str, str, str, bytes, dict[str, str]]]:
    """(who, method, path, body, extra headers) for every malformed request."""
    found = []
    for n in range(API_REQUESTS):
        kind = n % 8
        if kind == 0:
            found.append(("colin", "POST", "/api/contacts", encode(spoil(contact_body())), {}))
        elif kind == 1:
            rows = [spoil(police_row()) for _ in range(rng.randint(1, 3))]
            body = {"domestic_abuse": rows}
            found.append(("priya", "POST", "/api/police/batches", encode(body), {}))
        elif kind == 2:
            body = rng.choice(
                [
                    {"domestic_abuse": rng.choice(HOSTILE_VALUES)},
                    {"missing_persons": [rng.choice(HOSTILE_VALUES)] * 3},
                    {"\x00": []},
                    deep(rng.randint(10, 400)),
                ]
            )
            found.append(("priya", "POST", "/api/police/batches", encode(body), {}))
        elif kind == 3:
            decision = {
                "outcome": rng.choice(HOSTILE_VALUES),
                "rationale": rng.choice(HOSTILE_TEXT),
                "version": rng.choice([0, -1, 2**40, "1", None]),
            }
            target = rng.choice(
                [
                    ids["contact"],
                    "not-a-uuid",
                    "00000000-0000-0000-0000-000000000000",
                    "%00",
                    "..%2f..%2fetc%2fpasswd",
                ]
            )
            found.append(
                ("maya", "POST", f"/api/contacts/children/{target}/decision", encode(decision), {})
            )
        elif kind == 4:
            found.append(
                (
                    "priya",
                    "POST",
                    "/api/partners/contacts",
                    encode(spoil(contact_body())),
                    {"Idempotency-Key": rng.choice(["\x00", "a" * 500, "ok-key", " "])},
                )
            )
        elif kind == 5:
            raw = rng.choice(RAW_BODIES)
            path = rng.choice(
                [
                    "/api/contacts",
                    "/api/police/batches",
                    "/api/partners/contacts",
                    "/api/missing/episodes",
                ]
            )
            ctype = rng.choice(["application/json", "text/plain", "multipart/form-data", ""])
            found.append(
                (
                    "priya" if "police" in path or "partners" in path else "colin",
                    "POST",
                    path,
                    raw,
                    {"Content-Type": ctype},
                )
            )
        elif kind == 6:
            query = rng.choice(
                [
                    "?page=-1",
                    "?page=999999999999999999999",
                    "?q=%00",
                    "?q=%ED%A0%80",
                    "?status=\x00",
                    "?limit=abc",
                    "?offset=-5",
                ]
            )
            path = rng.choice(
                [
                    "/api/missing/episodes",
                    "/api/partners/enquiries",
                    f"/api/police/batches/{rng.choice(['x', ids['batch'], '%00'])}",
                    "/api/children/not-a-uuid",
                    "/api/people/search",
                ]
            )
            found.append(
                (rng.choice(["maya", "priya"]), "GET", path + query.replace("\x00", "%00"), b"", {})
            )
        else:
            body = spoil(
                {
                    "first_name": "Kyle",
                    "last_name": "Drill",
                    "date_of_birth": "2012-01-01",
                    "reported_missing_at": "2026-11-12T16:00:00Z",
                    "children": [],
                }
            )
            found.append(("colin", "POST", "/api/missing/episodes", encode(body), {}))
    return found


def csv_file() -> bytes:
    header = (
        "police_reference,incident_at,notified_at,location,victim_first_name,"
        "victim_last_name,risk_tool,risk_level,marac,narrative,child1_first_name,"
        "child1_last_name,child1_date_of_birth"
    )
    bad_cells = [
        "1/1/99999999999999999999",
        "31/02/2019",
        "\x00",
        "\x1b",
        '=HYPERLINK("x")',
        "9999-12-31T23:59:59-23:59",
        "",
        "yes please",
        "A" * 25_000,
        "not a date",
    ]
    lines = [header]
    for n in range(CSV_ROWS):
        cells = [
            f"DRILL/CSV/{n:04d}",
            "2026-11-10 21:30",
            "2026-11-11 08:00",
            "1 Drill Road",
            "Jo",
            "Drill",
            "dash",
            "high",
            "no",
            "Drill.",
            "Amy",
            "Drill",
            "27/03/2019",
        ]
        for _ in range(rng.randint(1, 3)):
            cells[rng.randrange(1, len(cells))] = rng.choice(bad_cells)
        cells[rng.choice([1, 12])] = rng.choice(["1/1/99999999999999999999", "\x00", "nope"])
        lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    return ("\r\n".join(lines) + "\r\n").encode()


def upload(port: int, cookie: str, force_id: int, content: bytes) -> int:
    status, page = kit.request(port, "GET", "/police/upload/", headers={"Cookie": cookie})
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert status == 200 and token is not None, status
    csrf = token.group(1).decode()
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{csrf}\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="force"\r\n\r\n{force_id}\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ndomestic_abuse\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="bad.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n",
    ]
    body = "".join(parts).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    status, _ = kit.request(
        port,
        "POST",
        "/police/upload/",
        body=body,
        headers={
            "Cookie": f"{cookie}; csrftoken={csrf}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    return status


def kept_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            if table.startswith(KEPT) and not model._meta.proxy:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
                counts[table] = cursor.fetchone()[0]
    return counts


def main() -> bool:
    from frontdoor.agencies.models import Agency, AgencyKind

    tokens = {name: kit.api_token(name) for name in ("colin", "priya", "maya")}
    cookie = kit.session_cookie("alice")
    force = Agency.objects.filter(kind=AgencyKind.POLICE).first()
    assert force is not None
    contact = Contact.objects.order_by("pk").first()
    ids = {"contact": str(contact.pk) if contact else str(uuid.uuid4()), "batch": str(uuid.uuid4())}
    before = kept_counts()
    requests = api_requests(ids)
    env = kit.service_env()
    web, port = kit.web(env, workers=4)
    worker = kit.worker(env)
    statuses: Counter[int] = Counter()
    with kit.running(web, worker):

        def send(item: tuple[str, str, str, bytes, dict[str, str]]) -> int:
            who, method, path, body, headers = item
            sent = {"Authorization": f"Bearer {tokens[who]}", **headers}
            sent.setdefault("Content-Type", "application/json")
            try:
                return kit.request(port, method, path, body=body or None, headers=sent)[0]
            except OSError:
                return 599  # the connection failed: counted as a server failure

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses.update(pool.map(send, requests))
        csv_status = upload(port, cookie, force.pk, csv_file())
        whole_file = [
            upload(port, cookie, force.pk, junk)
            for junk in (b"\xff\xfe\xfd", b"\x00" * 50, b"a,b\n1,2\n")
        ]
        statuses.update([csv_status, *whole_file])
        # Let the worker finish every batch the requests left.
        kit.wait_for(
            lambda: not Batch.objects.filter(status__in=["queued", "importing"]).exists(),
            seconds=120,
            every=1,
        )
    after = kept_counts()
    changed = {t: after[t] - before[t] for t in before if after[t] != before[t]}
    unfinished = Batch.objects.exclude(status="done").count()
    csv_batch = Batch.objects.filter(filename="bad.csv").first()
    csv_rejected = csv_batch.rejected if csv_batch else 0
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    passed = (
        server_errors == 0
        and not changed
        and unfinished == 0
        and csv_rejected == CSV_ROWS
        and csv_status == 302
    )
    return kit.say(
        "bad-input",
        passed,
        api_requests=len(requests),
        csv_rows=CSV_ROWS,
        csv_rows_rejected=csv_rejected,
        answers=",".join(f"{s}x{n}" for s, n in sorted(statuses.items())),
        server_errors=server_errors,
        rows_saved=sum(changed.values()),
        batches_unfinished=unfinished,
    )


if __name__ == "__main__":
    started = time.monotonic()
    main()
