"""The orchestration that runs a manager's decision and its consequences.

A decision on a child's contact reaches into most of the front door: the threshold guardrails,
the practice analysis, the referrer's feedback clock and, for a social work response, the
referral, the transfer to a team, and the assessment or strategy discussion. Each of those
apps owns its own writers; this package only runs them, in order, in one transaction. It sits
above the domain apps and below the pages and the API (the import contract in .importlinter),
so that no domain app has to know about the others.
"""
