"""The audit keys: secrets held outside the database that seal the audit hash chain
(../shared/SECURITY.md, 10; docs/adr/0005; docs/how-to/rotate-the-audit-key.md).

A plain hash chain can be recomputed by anyone who can write to the database: drop the
triggers, delete a row, hash the rest again. Sealing each link with HMAC-SHA256 under a key the
database never holds means a forger must also steal the key. Each row records the id of the
key that sealed it, so keys can be rotated: new rows use `FRONTDOOR_AUDIT_KEY_ID`, and old keys
stay in `FRONTDOOR_AUDIT_KEYS` for as long as their rows must be verified.

This module is imported by config/settings.py, so it needs nothing from Django but its
exceptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured

# Development and tests only, and named so: the production settings refuse it (frontdoor.E011).
DEVELOPMENT_KEY_ID = "development"
# Published on purpose (S105): it must be refused in production, so it has to be known.
DEVELOPMENT_SECRET = "development-only-audit-key-never-used-in-production-0123456789abcdef"  # noqa: S105

# A 256-bit HMAC key wants 32 bytes of randomness; `secrets.token_urlsafe(48)` gives 64
# characters. Anything shorter than 32 characters is a password, not a key.
MIN_SECRET_LENGTH = 32
# Stored on every row (Event.key_id, RecordView.key_id: max_length 16) and read back from the
# environment, so: short, and none of the separators `,` and `:`.
KEY_ID = re.compile(r"[A-Za-z0-9_.-]{1,16}")


@dataclass(frozen=True)
class AuditKey:
    id: str
    secret: bytes = field(repr=False)


@dataclass(frozen=True)
class Problem:
    check_id: str
    message: str
    hint: str = ""


def parse_keys(text: str) -> dict[str, str]:
    """`FRONTDOOR_AUDIT_KEYS`: `id:secret` pairs separated by commas, e.g.
    `2026a:<secret>,2027a:<secret>`. A malformed value stops the start-up (the secret is never
    repeated in the message); what the pairs hold is checked by `problems`."""
    keys: dict[str, str] = {}
    for number, entry in enumerate((e.strip() for e in text.split(",")), 1):
        if not entry:
            continue
        key_id, colon, secret = entry.partition(":")
        if not colon or not key_id.strip():
            raise ImproperlyConfigured(
                f"FRONTDOOR_AUDIT_KEYS: entry {number} is not `key-id:secret` "
                "(pairs are separated by commas)."
            )
        if key_id.strip() in keys:
            raise ImproperlyConfigured(f"FRONTDOOR_AUDIT_KEYS: key id {key_id!r} is given twice.")
        keys[key_id.strip()] = secret.strip()
    return keys


def problems(keys: dict[str, str], current_id: str, *, production: bool) -> list[Problem]:
    """Everything wrong with the configured keys, for the system check and for the writers."""
    if not keys:
        return [
            Problem(
                "frontdoor.E010",
                "No audit key is configured (FRONTDOOR_AUDIT_KEYS is empty).",
                "Generate one and set FRONTDOOR_AUDIT_KEYS and FRONTDOOR_AUDIT_KEY_ID: see "
                "docs/how-to/rotate-the-audit-key.md.",
            )
        ]
    found = []
    for key_id, secret in keys.items():
        if not KEY_ID.fullmatch(key_id):
            found.append(
                Problem(
                    "frontdoor.E014",
                    f"Audit key id {key_id!r} is not 1 to 16 letters, digits, '.', '_' or '-'.",
                )
            )
        if len(secret) < MIN_SECRET_LENGTH:
            found.append(
                Problem(
                    "frontdoor.E013",
                    f"The secret of audit key {key_id!r} is {len(secret)} characters long; "
                    f"an audit key needs at least {MIN_SECRET_LENGTH}.",
                    'Generate one with: python -c "import secrets; '
                    'print(secrets.token_urlsafe(48))"',
                )
            )
        if production and (key_id == DEVELOPMENT_KEY_ID or secret == DEVELOPMENT_SECRET):
            found.append(
                Problem(
                    "frontdoor.E011",
                    f"Audit key {key_id!r} is the development key, which is published in the "
                    "source code: anyone could forge the audit chain with it.",
                    "Generate a production key: docs/how-to/rotate-the-audit-key.md.",
                )
            )
    if current_id not in keys:
        found.append(
            Problem(
                "frontdoor.E012",
                f"FRONTDOOR_AUDIT_KEY_ID ({current_id or 'not set'}) does not name a key in "
                f"FRONTDOOR_AUDIT_KEYS (which has {', '.join(sorted(keys))}).",
                "Set FRONTDOOR_AUDIT_KEY_ID to the id of the key new audit rows are sealed with.",
            )
        )
    return found


def _configured() -> tuple[dict[str, str], str]:
    from django.conf import settings

    keys: dict[str, str] = settings.FRONTDOOR_AUDIT_KEYS
    return keys, settings.FRONTDOOR_AUDIT_KEY_ID


def _refuse_if_misconfigured() -> dict[str, str]:
    from django.conf import settings

    keys, current_id = _configured()
    found = problems(keys, current_id, production=settings.PRODUCTION)
    if found:
        raise ImproperlyConfigured(f"{found[0].message} ({found[0].check_id})")
    return keys


def current_key() -> AuditKey:
    """The key new rows are sealed with. Refuses (and so no audit row, and no page or change
    that needs one, is written) while the keys are misconfigured: never a silent fallback."""
    keys = _refuse_if_misconfigured()
    current_id = _configured()[1]
    return AuditKey(current_id, keys[current_id].encode())


def verification_keys() -> dict[str, bytes]:
    """Every configured key, current and old, by id: what `verify_audit` checks rows with."""
    return {key_id: secret.encode() for key_id, secret in _refuse_if_misconfigured().items()}


def check_audit_keys(**kwargs: Any) -> list[Any]:
    """The system check (registered in apps.py): runs with every management command, including
    `migrate` and `check --deploy`, so production never starts its migrations or passes its
    deployment check without a real key."""
    from django.conf import settings
    from django.core.checks import Error

    keys, current_id = _configured()
    found = [
        Error(p.message, hint=p.hint or None, id=p.check_id)
        for p in problems(keys, current_id, production=settings.PRODUCTION)
    ]
    if settings.FRONTDOOR_AUDIT_SEALING not in SEALING:
        found.append(
            Error(
                f"FRONTDOOR_AUDIT_SEALING is {settings.FRONTDOOR_AUDIT_SEALING!r}: the audit "
                "chain would never be sealed.",
                hint=f"Set it to one of {', '.join(SEALING)} (docs/operations.md).",
                id="frontdoor.E015",
            )
        )
    return found


# When the audit chain is sealed (frontdoor/audit/chain.py): as each writer commits, or by the
# task worker.
SEALING = ("after_commit", "worker")
