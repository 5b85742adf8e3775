"""Seed the handover clocks and a team to receive children stepped down to early help.

- The receipt: a child handed over is accepted or sent back within 1 working day (local; an
  administrator changes the row, and only clocks started afterwards change).
- The escalation: a handover still unanswered this long after it is chased is escalated to the
  receiving team's managers and the MASH managers (4 working hours by default; local).
- One early help team ("Early help"): a step-down needs a receiver. A council renames it or
  adds others as data.

The wording is written out here, not imported from application code, so that this migration
means the same thing forever.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TIMESCALES = [
    {
        "key": "handover_receipt",
        "label": "A handover received or sent back",
        "amount": 1,
        "unit": "working_days",
        "basis": "local",
        "starts_when": "a decision hands the child to another team",
        "description": (
            "The receiving team accepts the child or sends them back to the MASH with a reason. "
            "Until then the child is on the MASH overview as handed over, not yet received."
        ),
    },
    {
        "key": "handover_escalation",
        "label": "Escalation of a handover not yet received",
        "amount": 4,
        "unit": "working_hours",
        "basis": "local",
        "starts_when": "an unanswered handover is chased",
        "description": (
            "A handover is chased (the receiving team is told) as soon as it is overdue. If it is "
            "still unanswered this long after the chase, it is escalated to the receiving team's "
            "managers and the MASH managers."
        ),
    },
]
EARLY_HELP = {"slug": "early-help", "name": "Early help", "kind": "early_help", "order": 0}


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Timescale = apps.get_model("timescales", "Timescale")
    for row in TIMESCALES:
        Timescale.objects.get_or_create(
            key=row["key"], defaults={k: v for k, v in row.items() if k != "key"}
        )
    Team = apps.get_model("teams", "Team")
    if not Team.objects.filter(kind="early_help").exists():
        Team.objects.get_or_create(
            slug=EARLY_HELP["slug"], defaults={k: v for k, v in EARLY_HELP.items() if k != "slug"}
        )


def unseed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    apps.get_model("timescales", "Timescale").objects.filter(
        key__in=[row["key"] for row in TIMESCALES]
    ).delete()


class Migration(migrations.Migration):
    # Lists, as Django writes every migration.
    dependencies = [  # noqa: RUF012
        ("handovers", "0001_initial"),
        ("timescales", "0002_seed_timescales"),
    ]

    operations = [migrations.RunPython(seed, unseed)]  # noqa: RUF012
