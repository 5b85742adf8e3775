"""Police batches for tests elsewhere (the API fuzzing needs a real batch id)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontdoor.police.actions import import_batch
from frontdoor.police.tests.conftest import sample
from frontdoor.police.workflow import Kind, Source

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency


def fuzz_ids(by: User, force: Agency) -> dict[str, list[str]]:
    """The sample batch, imported by MASH staff: its id for `{batch_id}`."""
    batch = import_batch(by=by, force=force, rows=sample(Kind.DOMESTIC_ABUSE), source=Source.CSV)
    return {"batch_id": [str(batch.pk)]}
