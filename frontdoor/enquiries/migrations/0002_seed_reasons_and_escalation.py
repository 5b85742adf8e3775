"""Seed the data lists for consent and enquiries, and the escalation timescale.

- Lawful bases a hub worker chooses from when asking a partner agency for information.
- Reasons for proceeding without the family's consent, after the DfE's "Information sharing:
  advice for practitioners providing safeguarding services" (2024): share without consent
  where seeking it would place a child at risk of significant harm, prejudice the prevention or
  detection of crime, or cause a delay that puts the child at risk.
- The second interval: an overdue enquiry is chased at once; if still unanswered this long after
  the chase, it is escalated to the agency's lead (4 working hours by default; local).

The wording is written out here, not imported from application code, so that this migration
means the same thing forever. A council changes the lists and the timescale as data (admin).
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

LAWFUL_BASES = [
    "Children Act 1989, section 17: assessing whether a child is in need",
    "Children Act 1989, section 47: enquiries where a child may be suffering, or likely to "
    "suffer, significant harm",
    "Children Act 2004, sections 10 and 11: co-operation to safeguard and promote the welfare "
    "of children",
    "UK GDPR Article 6(1)(e) public task, with Article 9(2)(g) and Data Protection Act 2018 "
    "Schedule 1 paragraph 18 (safeguarding of children)",
]
WITHOUT_CONSENT = [
    "Seeking consent would place the child at risk of significant harm",
    "Seeking consent would prejudice the prevention, detection or prosecution of a serious crime",
    "Seeking consent would cause a delay that puts the child at risk of significant harm",
    "Consent was refused, and sharing is necessary and proportionate to safeguard the child",
    "The family could not be reached in the time the child's safety allows",
]
ESCALATION = {
    "key": "enquiry_escalation",
    "label": "Escalation of an unanswered MASH enquiry",
    "amount": 4,
    "unit": "working_hours",
    "basis": "local",
    "starts_when": "an overdue enquiry is chased",
    "description": (
        "An enquiry is chased (the agency's mailbox is told) as soon as it is overdue. If it is "
        "still unanswered this long after the chase, it is escalated to the agency's lead."
    ),
}


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    ListedReason = apps.get_model("enquiries", "ListedReason")
    for reason_list, texts in (("lawful_basis", LAWFUL_BASES), ("without_consent", WITHOUT_CONSENT)):
        for order, text in enumerate(texts):
            ListedReason.objects.get_or_create(
                reason_list=reason_list, text=text, defaults={"order": order}
            )
    Timescale = apps.get_model("timescales", "Timescale")
    Timescale.objects.get_or_create(
        key=ESCALATION["key"], defaults={k: v for k, v in ESCALATION.items() if k != "key"}
    )


def unseed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    apps.get_model("enquiries", "ListedReason").objects.filter(
        text__in=LAWFUL_BASES + WITHOUT_CONSENT
    ).delete()
    apps.get_model("timescales", "Timescale").objects.filter(key=ESCALATION["key"]).delete()


class Migration(migrations.Migration):
    # Lists, as Django writes every migration.
    dependencies = [  # noqa: RUF012
        ("enquiries", "0001_initial"),
        ("timescales", "0002_seed_timescales"),
    ]

    operations = [migrations.RunPython(seed, unseed)]  # noqa: RUF012
