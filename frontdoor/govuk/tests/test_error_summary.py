"""The error summary lists every error on the page, each linking to its field's first input."""

from __future__ import annotations

import pytest
from django import forms
from django.template import Context, Template

from frontdoor.govuk.error_summary import summary_errors
from frontdoor.govuk.forms import GovukDateField, GovukForm

from .html import parse


class ChildForm(GovukForm):
    first_name = forms.CharField(
        label="First name", error_messages={"required": "Enter the child's first name"}
    )
    date_of_birth = GovukDateField(
        label_for_errors="date of birth",
        error_messages={"required": "Enter the child's date of birth"},
    )
    school = forms.ChoiceField(
        label="Does the child go to school?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the child goes to school"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if cleaned.get("first_name") == "Unknown":
            raise forms.ValidationError("Record the child as unnamed instead of 'Unknown'")
        return cleaned


def render(template: str, **context) -> str:
    return Template("{% load govuk %}" + template).render(Context(context))


def test_no_errors_no_summary():
    assert render("{% govuk_error_summary form %}", form=ChildForm()).strip() == ""
    assert (
        render(
            "{% govuk_error_summary form %}",
            form=ChildForm(
                data={
                    "first_name": "Alex",
                    "date_of_birth_day": "1",
                    "date_of_birth_month": "2",
                    "date_of_birth_year": "2019",
                    "school": "no",
                }
            ),
        ).strip()
        == ""
    )


def test_summary_markup_and_links():
    doc = parse(
        render("{% govuk_error_summary form %}", form=ChildForm(data={"date_of_birth_day": "3"}))
    )
    summary = doc.find("div", "govuk-error-summary")
    assert summary.attrs["data-module"] == "govuk-error-summary"
    alert = summary.find("div", role="alert")
    assert alert.find("h2", "govuk-error-summary__title").text_content() == "There is a problem"
    links = alert.find("ul", "govuk-error-summary__list").find_all("a")
    assert [(a.attrs["href"], a.text_content()) for a in links] == [
        ("#id_first_name", "Enter the child's first name"),
        ("#id_date_of_birth_month", "Date of birth must include a month and year"),
        ("#id_school", "Select yes if the child goes to school"),
    ]


def test_an_empty_date_links_to_the_day():
    errors = summary_errors(ChildForm(data={}))
    assert {"text": "Enter the child's date of birth", "href": "#id_date_of_birth_day"} in errors


def test_non_field_errors_come_first_without_a_link():
    form = ChildForm(data={"first_name": "Unknown", "school": "yes"})
    errors = summary_errors(form)
    assert errors[0] == {"text": "Record the child as unnamed instead of 'Unknown'", "href": ""}
    doc = parse(render("{% govuk_error_summary form %}", form=form))
    first = doc.find_all("li")[0]
    assert first.find_all("a") == []
    assert first.text_content() == "Record the child as unnamed instead of 'Unknown'"


def test_errors_added_in_a_view_are_listed():
    form = ChildForm(
        data={
            "first_name": "Alex",
            "school": "yes",
            "date_of_birth_day": "1",
            "date_of_birth_month": "1",
            "date_of_birth_year": "2019",
        }
    )
    assert form.is_valid()
    form.add_error("school", "A school place cannot be recorded for a child under 4")
    assert summary_errors(form) == [
        {"text": "A school place cannot be recorded for a child under 4", "href": "#id_school"}
    ]


def test_several_forms_and_a_formset_on_one_page():
    child = ChildForm(data={}, prefix="child")
    parent_formset = forms.formset_factory(ChildForm, extra=0, min_num=1, validate_min=True)(
        data={
            "parent-TOTAL_FORMS": "2",
            "parent-INITIAL_FORMS": "0",
            "parent-0-first_name": "Sam",
            "parent-0-school": "no",
            "parent-0-date_of_birth_day": "1",
            "parent-0-date_of_birth_month": "1",
            "parent-0-date_of_birth_year": "1990",
            "parent-1-school": "no",
        },
        prefix="parent",
    )
    errors = summary_errors(child, [parent_formset, None])
    hrefs = [e["href"] for e in errors]
    assert hrefs[:3] == ["#id_child-first_name", "#id_child-date_of_birth_day", "#id_child-school"]
    assert "#id_parent-1-first_name" in hrefs
    assert "#id_parent-1-date_of_birth_day" in hrefs
    # And through the tag, with a list of forms:
    doc = parse(render("{% govuk_error_summary forms %}", forms=[child, parent_formset]))
    assert len(doc.find_all("li")) == len(errors)


def test_formset_non_form_errors_are_listed():
    formset = forms.formset_factory(ChildForm, extra=0, max_num=1, validate_max=True)(
        data={"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"}
    )
    texts = [e["text"] for e in summary_errors(formset)]
    assert texts[0] == "Please submit at most 1 form."


def test_unbound_forms_have_no_errors():
    assert summary_errors(ChildForm(), forms.formset_factory(ChildForm)()) == []


def test_error_text_is_escaped():
    form = ChildForm(data={})
    form.add_error(None, "<b>bold</b>")
    html = render("{% govuk_error_summary form %}", form=form)
    assert "<b>" not in html
    assert "&lt;b&gt;" in html


@pytest.mark.parametrize(("data", "prefix"), [({}, "Error: "), (None, "")])
def test_title_prefix(data, prefix):
    assert render("{% govuk_error_title_prefix form %}", form=ChildForm(data=data)) == prefix
