"""The second factor: a time-based code from an authenticator app (TOTP), or a recovery code
(../shared/SECURITY.md, 14).

Built on django-otp, which gives us what matters:
- a used code is refused (the device remembers the last time step it accepted);
- wrong codes are throttled (each failure doubles the wait before the next try is even
  checked), and the sign-in view also counts each one towards the account's lockout;
- recovery codes are single-use (each is deleted as it is accepted).
"""

from __future__ import annotations

import base64
import binascii
import secrets
import time
from typing import Any

import segno
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.access.models import User
from frontdoor.audit.actions import record_event

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
MAX_APP_CODE_DIGITS = 8  # django-otp's TOTP devices show 6 or 8 digits


def confirmed_app(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_app(user: User) -> TOTPDevice:
    """The authenticator being set up: one unconfirmed device per user, kept until confirmed,
    so the QR code does not change every time the page is reloaded."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four: what an app asks for when the QR code cannot be
    scanned."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The enrolment QR code as a data: URI image: the CSP allows data: images, and no script
    or inline style is needed to show it."""
    return str(segno.make(device.config_url, error="m").png_data_uri(scale=5, border=4))


def _clean(code: str) -> str:
    return "".join(code.split()).lower()


def confirm_app(device: TOTPDevice, code: str) -> bool:
    """Confirm an authenticator by its first code. Any older confirmed app is replaced."""
    if not device.verify_token(_clean(code)):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record_event(actor=device.user, verb="second_factor_set_up")
    return True


def check_code(user: User, code: str) -> Device | None:
    """The device that accepts this code (an app's code or a recovery code), or None."""
    code = _clean(code)
    if not code:
        return None
    # An app's code is 6 (at most 8) digits; a recovery code is 10 characters, and about one
    # in a hundred is all digits, so digits alone do not tell them apart.
    is_app_code = code.isdigit() and len(code) <= MAX_APP_CODE_DIGITS
    app = confirmed_app(user)
    if app is not None and is_app_code and app.verify_token(code):
        return app
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if recovery is not None and not is_app_code and recovery.verify_token(code):
        record_event(actor=user, verb="recovery_code_used")
        return recovery
    return None


def recovery_codes_left(user: User) -> int:
    count: int = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return count


def issue_recovery_codes(user: User) -> list[str]:
    """Ten new single-use codes, replacing any old ones. Shown once; only Django-otp's copies
    are kept, for checking."""
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        record_event(actor=user, verb="recovery_codes_issued")
    return codes


def set_up_app_with_key(user: User, key_hex: str) -> TOTPDevice:
    """Give `user` a confirmed authenticator with a known key (the demo personas and tests)."""
    try:
        binascii.unhexlify(key_hex)
    except binascii.Error as exc:
        raise ValueError("The key must be hexadecimal") from exc
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, key=key_hex, confirmed=True)


def code_now(device: TOTPDevice, *, after_last_used: bool = True) -> str:
    """The code the app shows now, or, if that one has been used, the next one (which the
    device still accepts within its tolerance). For the demo's `demo_code` and the tests."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if after_last_used and totp.t() <= device.last_t:
        steps_ahead = device.last_t + 1 - totp.t()
        if steps_ahead > device.tolerance:
            # Too far ahead for the device to accept: wait for the clock to catch up.
            time.sleep(device.step - (time.time() - device.t0) % device.step + 0.05)
            return code_now(device, after_last_used=after_last_used)
        totp.time = totp.time + device.step * steps_ahead
    return f"{totp.token():0{device.digits}d}"


def mark_client_verified(client: Any, user: User) -> None:
    """For Django's test Client after `force_login` (the tests' root conftest.py, benchmarks):
    record a second factor in its session, as the code page would. Never used by a request."""
    device = confirmed_app(user) or TOTPDevice.objects.create(
        user=user, name=APP_DEVICE_NAME, confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
