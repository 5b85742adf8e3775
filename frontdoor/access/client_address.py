"""The address a request really came from, for the sign-in lockout (../shared/SECURITY.md, 15).

Behind a reverse proxy every request arrives from the proxy's own address (REMOTE_ADDR), so a
lockout keyed on it would lock every sign-in after five typos anywhere. Each trusted proxy
appends the address it saw to X-Forwarded-For; anything to the left of those was written by
the client and may be forged. So, with `FRONTDOOR_TRUSTED_PROXY_COUNT` = N:

- N = 0 (no proxy): REMOTE_ADDR, and X-Forwarded-For is ignored: a client cannot choose
  the address it is counted under, neither to dodge its own lockout nor to lock someone else;
- N >= 1: the N-th address from the right of X-Forwarded-For, the one the outermost trusted
  proxy saw. Anything the client put further left is ignored.

django-ipware (python-ipware) parses the header; django-axes calls this through
AXES_CLIENT_IP_CALLABLE. We call ipware ourselves, rather than through axes' AXES_IPWARE_*
settings, for two reasons: ipware's default "strict" mode refuses a header holding more
addresses than the proxy count (as it does whenever a client adds its own), and then falls
back to another header; and with more than one header to look at it prefers a public address
to a private one, so staff on a council network (private addresses) behind a proxy with a
public address would all be counted as the proxy.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_address(request: HttpRequest) -> str | None:
    remote: str | None = request.META.get("REMOTE_ADDR")
    proxies: int = settings.FRONTDOOR_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    # ipware's proxy_count counts the proxies listed in the header, which is one fewer than
    # the proxies in front of us: the nearest one is REMOTE_ADDR and does not list itself.
    address, _ = get_client_ip(
        request,
        proxy_count=proxies - 1,
        request_header_order=[FORWARDED_FOR],
        strict=False,
    )
    # No usable header (a request that bypassed the proxies, or a header mangled on purpose):
    # count it under the address it came from, the proxy's, rather than under nothing.
    return address or remote
