"""The one router every missing-children operation is registered on (mounted at /api/missing).

One router, not one per module: tools that walk the API's routers (the permission matrix test)
see each operation once, with its full path.
"""

from ninja import Router

router = Router(tags=["missing"])
