"""The service navigation: the links under the service name at the top of every page.

Each entry is (text, URL name, roles that see it or None for every signed-in user). An entry
whose URL does not exist yet is skipped, so an app can be listed here before it is wired in.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TypedDict

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

NavEntry = tuple[str, str, Collection[str] | None]

ENTRIES: list[NavEntry] = [
    ("Screening", "contacts:screening-queue", None),
    ("Hubs", "contacts:hubs", None),
    ("New contact", "contacts:new", None),
    ("Find a child", "people:search", None),
    ("Overview", "oversight:overview", None),
]


class NavItem(TypedDict):
    text: str
    href: str
    active: bool  # this section: the link is highlighted
    current: bool  # this very page: aria-current="page" rather than "true"


def service_nav(request: HttpRequest, entries: list[NavEntry] | None = None) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    role = getattr(user, "role", None)
    items: list[NavItem] = []
    for text, url_name, roles in ENTRIES if entries is None else entries:
        if roles is not None and role not in roles:
            continue
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append(NavItem(text=text, href=href, active=False, current=href == request.path))
    _mark_active(items, request.path)
    return items


def _mark_active(items: list[NavItem], path: str) -> None:
    # The longest matching prefix wins, so /contacts/new/ highlights "New contact" and not also
    # a queue that lives at /contacts/.
    matches = [item for item in items if path.startswith(item["href"])]
    if matches:
        max(matches, key=lambda item: len(item["href"]))["active"] = True
