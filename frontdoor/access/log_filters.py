"""Logs hold no personal data (../shared/SECURITY.md, 24).

An exception's message can carry what the code was handling when it failed: a child's name, a
date of birth, a phrase from a referral. The stack trace (files, lines, function names) is what
an operator needs to find a bug, so logs keep the trace and the exception's type and drop its
message. Request logs name the path only (ids are UUIDs), never the query string.
"""

from __future__ import annotations

import logging
import traceback


class WithoutPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            kind, _, trace = record.exc_info
            frames = "".join(traceback.format_tb(trace))
            record.exc_text = (
                f"Traceback (most recent call last):\n{frames}"
                f"{kind.__name__ if kind else 'Exception'} (message withheld: it may hold "
                "personal data)"
            )
            record.exc_info = None
        return True
