"""The demo personas `make run` creates and prints. Synthetic people; a shared demo password.

Never created in production: `seed_demo` refuses to run there.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from frontdoor.access.models import Role

DEMO_PASSWORD = "frontdoor-demo-2026"  # noqa: S105 (a published demo password, not a secret)
# Every demo persona's authenticator key, published so that anyone trying the demo can add it
# to an authenticator app once and sign in as any persona (or run `manage.py demo_code`).
DEMO_TOTP_KEY = "FRONTDOORDEMOFRONTDOORDEMO234567"  # base32; demo only, never in production
DEMO_TOTP_KEY_HEX = base64.b32decode(DEMO_TOTP_KEY).hex()


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    team_slug: str | None
    what_they_do: str
    # A partner agency officer belongs to an agency (by name, as the demo seeds it).
    agency_name: str | None = None


PERSONAS = [
    Persona("colin", "Colin", "Baker", Role.CONTACT_OFFICER, "front-door", "records contacts"),
    Persona("alice", "Alice", "Okafor", Role.SCREENER, "front-door", "screens contacts"),
    Persona(
        "hamid",
        "Hamid",
        "Rahman",
        Role.HUB_WORKER,
        "child-protection-hub",
        "works in the child protection hub",
    ),
    Persona(
        "ella", "Ella", "Jones", Role.HUB_WORKER, "early-help-hub", "works in the early help hub"
    ),
    Persona("maya", "Maya", "Patel", Role.MANAGER, "front-door", "MASH manager: decides"),
    Persona("mark", "Mark", "Ellis", Role.MANAGER, "front-door", "MASH manager: second reviews"),
    Persona("sam", "Sam", "Whitfield", Role.AREA_WORKER, "north-area", "area team social worker"),
    Persona(
        "eve",
        "Eve",
        "Lambert",
        Role.EARLY_HELP_WORKER,
        "early-help",
        "early help worker: receives children stepped down",
    ),
    Persona(
        "priya",
        "Priya",
        "Shah",
        Role.PARTNER,
        None,
        "police officer: answers the MASH's requests, makes referrals",
        agency_name="Wessex Police",
    ),
    Persona(
        "hannah",
        "Hannah",
        "Okoro",
        Role.PARTNER,
        None,
        "health visitor: answers the MASH's requests (some overdue), makes referrals",
        agency_name="Wessex Community Health (health visiting)",
    ),
    Persona("lena", "Lena", "Marsh", Role.SENIOR_LEADER, None, "senior leader: reads the overview"),
    Persona("aisha", "Aisha", "Khan", Role.AUDITOR, None, "auditor: grades sampled case audits"),
    Persona("adam", "Adam", "Clarke", Role.ADMIN, None, "system administrator (no case records)"),
    Persona(
        "iris",
        "Iris",
        "Mensah",
        Role.IG_LEAD,
        None,
        "information governance lead: who viewed what; break-glass",
    ),
]

# The personas whose own system has a service account for the API, `<username>-system`, with
# the persona's role, team and agency (docs/api.md runs its examples as these). Only a service
# account may hold an API token; none is issued by the seed: `manage.py issue_api_token
# colin-system --by adam` prints one.
API_SYSTEMS = ["colin", "alice", "hamid", "maya", "priya"]
