"""Kept as a step in the migration history (databases have it applied), and now does nothing.

It used to rebuild the rollups here, with the current code's models, and depended on the
floating "latest" migration of contacts and referrals so that those tables had every column. That
made the history inconsistent on every database as soon as either app gained a migration
("rollups.0002 is applied before its dependency contacts.0010"), so no installation could
upgrade. Its dependencies are now pinned to the migrations that existed when it was written,
and the rebuild is done after every migration has run, by `build_if_missing` on the
post_migrate signal (frontdoor/rollups/apps.py, docs/adr/0024); tests/test_architecture.py
refuses a floating dependency in any migration."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rollups", "0001_initial"),
        ("contacts", "0009_family_contact_reference_required"),
        ("referrals", "0003_cin_census"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
