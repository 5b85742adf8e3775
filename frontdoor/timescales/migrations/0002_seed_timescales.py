"""Seed the default timescales (domain brief, section 10).

The values are written out here, not imported from application code, so that this migration
gives the same result whenever it runs. A council changes its local timescales afterwards by
editing the rows (admin), not by editing this file.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# (key, label, amount, unit, basis, starts_when, description)
DEFAULTS = [
    (
        "screening",
        "Screening",
        4,
        "clock_hours",
        "local",
        "contact received",
        (
            "Decide what happens to a contact (for example, pass it to a MASH hub) within 4 hours "
            "of it arriving."
        ),
    ),
    (
        "referral_decision",
        "Decision on a referral",
        1,
        "working_days",
        "national",
        "contact received",
        (
            "Working Together to Safeguard Children 2023: a social worker decides next steps and "
            "acknowledges the referral within one working day of it being received."
        ),
    ),
    (
        "assessment",
        "Child and family assessment",
        45,
        "working_days",
        "national",
        "referral",
        (
            "Working Together to Safeguard Children 2023: the maximum timeframe for an assessment "
            "to conclude is 45 working days from the point of referral."
        ),
    ),
    (
        "see_child_red",
        "Child seen (red)",
        24,
        "clock_hours",
        "local",
        "manager's decision (red)",
        "See the child within 24 hours of a manager's red-rated decision.",
    ),
    (
        "see_child_amber",
        "Child seen (amber)",
        3,
        "working_days",
        "local",
        "manager's decision (amber)",
        "See the child within 3 working days of a manager's amber-rated decision.",
    ),
    (
        "see_child_green",
        "Child seen (green)",
        10,
        "working_days",
        "local",
        "manager's decision (green)",
        "See the child within 10 working days of a manager's green-rated decision.",
    ),
    (
        "enquiry_red",
        "Partner answer to a MASH enquiry (red)",
        4,
        "working_hours",
        "local",
        "enquiry sent (red)",
        (
            "A partner agency answers a red-rated MASH enquiry within 4 working hours. Some MASHs "
            "keep working red enquiries out of hours; the deadline is still counted in working "
            "hours."
        ),
    ),
    (
        "enquiry_amber",
        "Partner answer to a MASH enquiry (amber)",
        24,
        "working_hours",
        "local",
        "enquiry sent (amber)",
        "A partner agency answers an amber-rated MASH enquiry within 24 working hours.",
    ),
    (
        "enquiry_green",
        "Partner answer to a MASH enquiry (green)",
        72,
        "clock_hours",
        "local",
        "enquiry sent (green)",
        "A partner agency answers a green-rated MASH enquiry within 72 hours.",
    ),
    (
        "strategy_discussion",
        "Strategy discussion held",
        24,
        "clock_hours",
        "local",
        "decision to hold a strategy discussion",
        "Hold the strategy discussion within 24 hours of deciding to hold one.",
    ),
    (
        "strategy_discussion_same_day",
        "Strategy discussion held (same day)",
        0,
        "calendar_days",
        "local",
        "decision to hold a strategy discussion",
        (
            "Hold the strategy discussion on the same day where there is a serious injury or "
            "recent sexual abuse."
        ),
    ),
    (
        "initial_child_protection_conference",
        "Initial child protection conference",
        15,
        "working_days",
        "national",
        "strategy discussion that started the section 47 enquiry",
        (
            "Working Together to Safeguard Children 2023: the initial child protection conference "
            "takes place within 15 working days of the strategy discussion, or of the last "
            "strategy discussion if more than one was held, at which section 47 enquiries were "
            "initiated."
        ),
    ),
    (
        "return_home_interview",
        "Return home interview",
        72,
        "clock_hours",
        "national",
        "child's return",
        (
            "Statutory guidance on children who run away or go missing from home or care: offer "
            "an independent return interview within 72 hours of the child's return."
        ),
    ),
    (
        "referrer_feedback",
        "Feedback to the referrer",
        1,
        "working_days",
        "local",
        "manager's decision",
        "Tell the referrer what was decided within 1 working day of the manager's decision.",
    ),
]

KEYS = [row[0] for row in DEFAULTS]


def seed_timescales(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Timescale = apps.get_model("timescales", "Timescale")
    Timescale.objects.bulk_create(
        Timescale(
            key=key,
            label=label,
            amount=amount,
            unit=unit,
            basis=basis,
            starts_when=starts_when,
            description=description,
        )
        for key, label, amount, unit, basis, starts_when, description in DEFAULTS
    )


def remove_timescales(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Timescale = apps.get_model("timescales", "Timescale")
    Timescale.objects.filter(key__in=KEYS).delete()


class Migration(migrations.Migration):
    # Lists, as Django writes every migration.
    dependencies = [("timescales", "0001_initial")]  # noqa: RUF012

    operations = [migrations.RunPython(seed_timescales, remove_timescales)]  # noqa: RUF012
