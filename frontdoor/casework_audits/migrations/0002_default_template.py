"""A sensible default MASH front-door audit template. A council edits it in the admin."""

from django.db import migrations

NAME = "MASH front door decision"
QUESTIONS = [
    "The contact was screened and reached a decision within timescales",
    "The child's history (previous contacts, referrals, plans, missing episodes) was considered",
    "Information was gathered from the right partner agencies, with consent handled properly",
    "The child's voice and lived experience are recorded",
    "Risks, needs and strengths were analysed, not just described",
    "The decision was proportionate to the risk indicators and the rationale explains it",
    "Management oversight is evident and recorded",
    "The family and the referrer were told the outcome",
]


def add_template(apps, schema_editor):
    AuditTemplate = apps.get_model("casework_audits", "AuditTemplate")
    AuditQuestion = apps.get_model("casework_audits", "AuditQuestion")
    template, _ = AuditTemplate.objects.get_or_create(
        name=NAME,
        defaults={"description": "The quality of one child's journey through the front door."},
    )
    for position, text in enumerate(QUESTIONS, start=1):
        AuditQuestion.objects.get_or_create(
            template=template, text=text, defaults={"position": position}
        )


def remove_template(apps, schema_editor):
    AuditTemplate = apps.get_model("casework_audits", "AuditTemplate")
    AuditQuestion = apps.get_model("casework_audits", "AuditQuestion")
    AuditQuestion.objects.filter(template__name=NAME).delete()
    AuditTemplate.objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("casework_audits", "0001_initial")]

    operations = [migrations.RunPython(add_template, remove_template)]
