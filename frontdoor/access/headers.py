"""Security headers for the static files WhiteNoise serves (../shared/SECURITY.md, 20).

WhiteNoise answers before the CSP and clickjacking middleware run, so its responses get their
headers here (settings.WHITENOISE_ADD_HEADERS_FUNCTION). A stylesheet or script needs no
powers of its own: the strictest policy, and never in a frame.
"""

from __future__ import annotations

from typing import Any

STATIC_FILE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


def static_file_headers(headers: Any, path: str, url: str) -> None:
    headers["Content-Security-Policy"] = STATIC_FILE_POLICY
    headers["X-Frame-Options"] = "DENY"
