"""What every page needs to draw its header and footer."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from .navigation import service_nav


def service_url() -> str:
    try:
        return reverse("home")
    except NoReverseMatch:
        return "/"


def names() -> dict[str, str]:
    """The council's and the service's names: settings, so one codebase serves many councils."""
    return {
        "council_name": settings.FRONTDOOR_COUNCIL_NAME,
        "service_name": settings.FRONTDOOR_SERVICE_NAME,
        "service_url": service_url(),
    }


def service(request: HttpRequest) -> dict[str, Any]:
    return {**names(), "service_nav": service_nav(request)}
