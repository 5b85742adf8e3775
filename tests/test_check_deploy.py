"""Production settings pass Django's deployment checks, and carry the cookie and transport
settings the security requirements ask for (../shared/SECURITY.md, 17-19).

Each check runs in a fresh process with FRONTDOOR_ENV=production, because settings are read
once at start-up: the test process itself runs with the development settings.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FRONTDOOR_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        FRONTDOOR_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="frontdoor.wessex.example",
        FRONTDOOR_AUDIT_KEYS=f"2026a:{secrets.token_urlsafe(48)}",
        FRONTDOOR_AUDIT_KEY_ID="2026a",
        FRONTDOOR_IG_LEAD_EMAILS="information.governance@wessex.example",
    )
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py, fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_break_glass_notices_have_no_recipient():
    env = _production_env()
    del env["FRONTDOOR_IG_LEAD_EMAILS"]
    result = _run(["manage.py", "check", "--deploy"], env)
    assert result.returncode != 0
    assert "frontdoor.E001" in result.stderr
    assert "Break-glass notices have no recipient" in result.stderr
    assert "Set FRONTDOOR_IG_LEAD_EMAILS" in result.stderr


def test_check_deploy_fails_on_a_break_glass_recipient_that_is_not_an_email_address():
    result = _run(
        ["manage.py", "check", "--deploy"],
        _production_env(FRONTDOOR_IG_LEAD_EMAILS="ig@wessex.example,the IG team"),
    )
    assert result.returncode != 0
    assert "frontdoor.E002" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    del env["DJANGO_SECRET_KEY"]
    result = _run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_fails_without_an_audit_key():
    """No silent fallback: production without FRONTDOOR_AUDIT_KEYS fails the check (and so
    `migrate`), rather than seal the audit chain with the published development key."""
    env = _production_env()
    del env["FRONTDOOR_AUDIT_KEYS"], env["FRONTDOOR_AUDIT_KEY_ID"]
    result = _run(["manage.py", "check", "--deploy"], env)
    assert result.returncode != 0
    assert "frontdoor.E010" in result.stderr and "No audit key is configured" in result.stderr


def test_check_deploy_fails_with_the_development_or_a_short_audit_key():
    from frontdoor.audit.keys import DEVELOPMENT_KEY_ID, DEVELOPMENT_SECRET

    env = _production_env(
        FRONTDOOR_AUDIT_KEYS=f"{DEVELOPMENT_KEY_ID}:{DEVELOPMENT_SECRET},2026b:tiny-s3cret",
        FRONTDOOR_AUDIT_KEY_ID=DEVELOPMENT_KEY_ID,
    )
    result = _run(["manage.py", "check", "--deploy"], env)
    assert result.returncode != 0
    assert "frontdoor.E011" in result.stderr and "is the development key" in result.stderr
    assert "frontdoor.E013" in result.stderr and "needs at least 32" in result.stderr
    assert "tiny-s3cret" not in result.stderr  # a secret is never echoed


PRINT_SETTINGS = """
import json, django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "X_FRAME_OPTIONS",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE", "FRONTDOOR_SESSION_IDLE_SECONDS",
    "FRONTDOOR_SESSION_ABSOLUTE_SECONDS",
]}))
"""


def test_production_cookies_are_secure_http_only_and_same_site():
    result = _run(["-c", PRINT_SETTINGS], _production_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["FRONTDOOR_SESSION_IDLE_SECONDS"] == 30 * 60
    assert values["FRONTDOOR_SESSION_ABSOLUTE_SECONDS"] == 12 * 60 * 60


def test_the_demo_and_its_default_accounts_are_refused_in_production():
    # Production does not install the demo at all (config/settings.py), so there is no command
    # to seed it with; the command itself also refuses a production database (its own test).
    result = _run(["manage.py", "seed_demo"], _production_env())
    assert result.returncode != 0
    assert "Unknown command: 'seed_demo'" in result.stderr


def test_production_never_sends_webhooks_over_http_or_to_local_hosts():
    # The setting that lets the tests' loopback receiver and the demo through is ignored in
    # production, even when the environment asks for it (frontdoor/integration/addresses.py).
    script = PRINT_SETTINGS.replace('"DEBUG",', '"DEBUG", "FRONTDOOR_WEBHOOK_ALLOW_LOCAL",')
    result = _run(["-c", script], _production_env(FRONTDOOR_WEBHOOK_ALLOW_LOCAL="1"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["FRONTDOOR_WEBHOOK_ALLOW_LOCAL"] is False
