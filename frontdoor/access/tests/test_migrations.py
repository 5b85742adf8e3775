"""The data migration that gave API tokens an expiry and a public id (issue 13): existing tokens
get the expiry they would have had, each its own id, and none of them works any longer, because
nobody was a service account before."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("access", "0003_restricted_records_and_kept_answers")]
AFTER = [("access", "0004_service_accounts_and_token_expiry")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_first", "back_to_latest_migrations")
def test_existing_tokens_get_their_own_ids_and_expire_90_days_after_issue():
    old = _migrate(BEFORE)
    User = old.get_model("access", "User")
    ApiToken = old.get_model("access", "ApiToken")
    person = User.objects.create(username="old-integration", role="screener")
    issued = timezone.now() - timedelta(days=100)
    for n in range(3):
        ApiToken.objects.create(
            user=person, name=f"Old {n}", prefix=f"p{n}", digest=f"{n:064d}", created_at=issued
        )
    try:
        new = _migrate(AFTER)
        tokens = list(new.get_model("access", "ApiToken").objects.all())
        assert {t.expires_at for t in tokens} == {issued + timedelta(days=90)}
        assert len({t.public_id for t in tokens}) == 3
        assert not new.get_model("access", "User").objects.get(pk=person.pk).is_service_account
    finally:
        new_apps = _migrate(AFTER)
        new_apps.get_model("access", "ApiToken").objects.all().delete()
        new_apps.get_model("access", "User").objects.filter(username="old-integration").delete()
