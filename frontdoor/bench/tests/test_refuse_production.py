"""The benchmarks write synthetic people and contacts in bulk: never into a production database."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frontdoor.contacts.models import FamilyContact


@pytest.mark.django_db
@pytest.mark.parametrize(
    "command",
    ["bench_dashboard", "bench_police_import", "bench_queue", "bench_search", "bench_writers"],
)
def test_a_benchmark_refuses_a_production_database_before_writing_anything(command, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never run them in production"):
        call_command(command)
    assert not FamilyContact.objects.exists()
