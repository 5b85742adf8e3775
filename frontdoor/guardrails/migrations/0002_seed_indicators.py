"""Default response ordering, risk indicators and oversight settings. A council edits them in the
admin; these are sensible starting points, not policy (docs/adr/0010)."""

from django.db import migrations

RESPONSES = [
    ("nfa", 10, "no further action"),
    ("information_advice", 20, "information and advice"),
    ("early_help", 30, "early help"),
    ("assessment", 40, "an assessment"),
    ("strategy_discussion", 50, "a strategy discussion"),
]

# code, label, minimum response, derivation, concern codes, threshold, window days, max age days
INDICATORS = [
    (
        "high-dash",
        "a high DASH risk level",
        "assessment",
        "recorded",
        "",
        None,
        None,
        None,
        "The police DASH (or DARA) risk assessment for the domestic abuse incident was high.",
    ),
    (
        "previous-plan",
        "a previous child protection plan",
        "assessment",
        "previous_plan",
        "",
        None,
        None,
        None,
        "The child has been subject to a child protection plan before.",
    ),
    (
        "non-mobile-injury",
        "an injury to a non-mobile baby",
        "strategy_discussion",
        "concern",
        "PHY",
        None,
        None,
        183,
        "Physical injury to a baby under six months old, who cannot move about by themselves. "
        "Found from the concern category; a worker may also record it for an older baby.",
    ),
    (
        "sexual-abuse",
        "an allegation of sexual abuse",
        "strategy_discussion",
        "concern",
        "SEX",
        None,
        None,
        None,
        "Sexual abuse is alleged or suspected.",
    ),
    (
        "repeat-domestic-abuse",
        "repeated domestic abuse incidents in 12 months",
        "assessment",
        "repeat_concern",
        "DA",
        3,
        365,
        None,
        "Three or more contacts about domestic abuse for this child in 12 months.",
    ),
    (
        "repeat-missing",
        "repeat missing episodes",
        "strategy_discussion",
        "repeat_missing",
        "",
        3,
        90,
        None,
        "Three or more missing episodes in 90 days.",
    ),
    (
        "under-one",
        "a child under one",
        "early_help",
        "age_under",
        "",
        None,
        None,
        365,
        "Babies are the most vulnerable to harm; unborn children count.",
    ),
]

SETTINGS = [
    (
        "second-review-percent",
        "Decisions below the indicators sent for second review",
        100,
        "per cent",
        "100 sends every one; a lower rate samples at random.",
    ),
    (
        "backlog-flag-days",
        "Flag a child to managers after waiting",
        7,
        "calendar days",
        "Counted from when the contact was received.",
    ),
]


def seed(apps, schema_editor):
    ResponseLevel = apps.get_model("guardrails", "ResponseLevel")
    RiskIndicator = apps.get_model("guardrails", "RiskIndicator")
    Setting = apps.get_model("guardrails", "Setting")
    levels = {
        outcome: ResponseLevel.objects.create(outcome=outcome, rank=rank, phrase=phrase)
        for outcome, rank, phrase in RESPONSES
    }
    for position, row in enumerate(INDICATORS):
        code, label, minimum, derivation, concerns, threshold, window, max_age, text = row
        RiskIndicator.objects.create(
            code=code,
            label=label,
            description=text,
            minimum_response=levels[minimum],
            derivation=derivation,
            concern_codes=concerns,
            threshold=threshold,
            window_days=window,
            max_age_days=max_age,
            position=position,
        )
    for key, label, value, unit, text in SETTINGS:
        Setting.objects.create(key=key, label=label, value=value, unit=unit, description=text)


def unseed(apps, schema_editor):
    for model in ("RiskIndicator", "ResponseLevel", "Setting"):
        apps.get_model("guardrails", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("guardrails", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
