"""Where a webhook may be sent: never into the council's own network (SSRF).

A subscription's address is typed by an administrator, and the sender posts signed events
about children to it from inside the council's network. So in production an address must be
https, and its host must resolve only to public addresses: not private (10/8, 172.16/12,
192.168/16, fc00::/7), loopback, link-local (169.254/16, where cloud metadata services
answer), multicast, shared (100.64/10), unspecified or reserved. That is checked when the
subscription is saved (the administrator sees why) AND each time a delivery is sent (a host
can be re-pointed after it was checked: DNS rebinding), and the sender then connects to the
very address it checked, never looking the name up a second time (frontdoor/integration/
delivery.py).

FRONTDOOR_WEBHOOK_ALLOW_LOCAL (never in production: config/settings.py) lets http and any
host through, for the tests' receiver on loopback and the demo. The name is still looked up
when a delivery is sent, but not when the subscription is saved (a demo may be offline).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_PORTS = {"https": 443, "http": 80}

Resolve = Callable[[str, int], list[str]]


class Refused(Exception):
    """The address may not be sent to; the message says why, the GOV.UK way."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with the query, as sent on the request line
    addresses: tuple[str, ...]  # what the host resolved to, each checked


# The well-known NAT64 prefix (RFC 6052): the last 32 bits are an IPv4 address.
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def resolve(host: str, port: int) -> list[str]:
    """Every address the host resolves to (all are checked: a client may connect to any)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.teredo is not None:
            return False  # a tunnel to an address we cannot see
        # An IPv4 address carried inside IPv6 is judged as itself: ::ffff:127.0.0.1 (mapped),
        # 2002:7f00:1:: (6to4) and 64:ff9b::7f00:1 (NAT64) all reach 127.0.0.1.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            ip = inner
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _parts(url: str) -> tuple[str, str, int, str]:
    local = settings.FRONTDOOR_WEBHOOK_ALLOW_LOCAL
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. "https://[x": an unclosed IPv6 address
        raise Refused(
            "Enter the address in the correct format, like https://cases.example.gov.uk/hooks"
        ) from None
    scheme = parts.scheme.lower()
    if scheme != "https" and not (local and scheme == "http"):
        raise Refused("Enter an address starting with https://")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise Refused("Enter the address with a port number from 1 to 65535") from None
    host = parts.hostname or ""
    if not host:
        raise Refused(
            "Enter the address in the correct format, like https://cases.example.gov.uk/hooks"
        )
    if parts.username or parts.password:
        raise Refused("Enter the address without a user name or password in it")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port, path


def target(url: str, *, lookup: Resolve | None = None) -> Target:
    """The checked place to send to: raises Refused if the address may not be sent to."""
    scheme, host, port, path = _parts(url)
    try:
        addresses = (lookup or resolve)(host, port)
    except (OSError, UnicodeError):
        raise Refused(
            f"Enter an address whose host can be found: {host} was not found. Check the "
            "spelling, or ask the receiving system's team for its address"
        ) from None
    if not addresses:
        raise Refused(f"Enter an address whose host can be found: {host} was not found")
    if not settings.FRONTDOOR_WEBHOOK_ALLOW_LOCAL and not all(map(is_public, addresses)):
        raise Refused(
            f"Enter the address of a system on the internet: {host} is a private, loopback, "
            "link-local or reserved address, which events are never sent to"
        )
    return Target(scheme, host, port, path, tuple(addresses))


def problems(url: str, *, lookup: Resolve | None = None) -> list[str]:
    """Why an address may not be saved for a subscription (none if it may)."""
    try:
        if settings.FRONTDOOR_WEBHOOK_ALLOW_LOCAL:
            _parts(url)  # the demo may be offline: the name is looked up when sending
        else:
            target(url, lookup=lookup)
    except Refused as exc:
        return [exc.message]
    return []
