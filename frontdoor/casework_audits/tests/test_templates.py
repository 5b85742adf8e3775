"""The default audit template arrives by data migration, and is data the council can change."""

from __future__ import annotations

import pytest

from frontdoor.casework_audits.models import AuditQuestion
from frontdoor.casework_audits.tests import factories as a

pytestmark = pytest.mark.django_db


def test_the_default_mash_template_has_its_questions_in_order():
    questions = list(a.template().questions.values_list("position", "text"))
    assert len(questions) == 8
    assert [p for p, _ in questions] == list(range(1, 9))
    assert "history" in questions[1][1]


def test_a_retired_question_is_not_asked(screener, manager, auditor):
    a.decided(screener, manager)
    retired = AuditQuestion.objects.get(template=a.template(), position=8)
    retired.active = False
    retired.save()
    audit = a.sampled(manager, [auditor]).audits.get()
    assert retired.pk not in a.every_question(audit)
    assert a.graded(auditor, audit).answers.count() == 7
