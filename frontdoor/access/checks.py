"""System checks for access: settings that, left unset, would quietly weaken it.

Run by `manage.py check`; the break-glass one only with `--deploy`, where production's missing
recipient is an error (tests/test_check_deploy.py runs it with the production settings).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ValidationError
from django.core.validators import validate_email


@register(Tags.security, deploy=True)
def break_glass_notices_have_a_recipient(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Every break-glass must reach the information governance lead (../shared/SECURITY.md, 4).
    Active governance leads with an email address are told, but whether there are any is data
    that can change at any time; the setting is the mailbox that is always told."""
    addresses: list[str] = settings.FRONTDOOR_IG_LEAD_EMAILS
    if not addresses:
        level = Error if settings.PRODUCTION else Warning
        code = "frontdoor.E001" if settings.PRODUCTION else "frontdoor.W001"
        return [
            level(
                "Break-glass notices have no recipient configured.",
                hint="Set FRONTDOOR_IG_LEAD_EMAILS to the information governance team's "
                "mailbox (several addresses are separated by commas). Without it, a "
                "break-glass is emailed only to active information governance leads who "
                "have an email address, and to nobody when there are none.",
                id=code,
            )
        ]
    messages: list[CheckMessage] = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            messages.append(
                Error(
                    "FRONTDOOR_IG_LEAD_EMAILS holds something that is not an email address.",
                    hint="Give email addresses separated by commas, such as "
                    "ig-team@council.example,dpo@council.example.",
                    id="frontdoor.E002",
                )
            )
    return messages


@register(Tags.security)
def trusted_proxy_count_is_not_negative(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.FRONTDOOR_TRUSTED_PROXY_COUNT >= 0:
        return []
    return [
        Error(
            "FRONTDOOR_TRUSTED_PROXY_COUNT is negative.",
            hint="Set it to the number of reverse proxies in front of the app: 0 when there "
            "are none (frontdoor/access/client_address.py).",
            id="frontdoor.E003",
        )
    ]
