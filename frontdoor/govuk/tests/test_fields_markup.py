"""Each widget renders the GOV.UK Design System's markup, with and without errors."""

from __future__ import annotations

import pytest
from django import forms
from django.template import Context, Template

from frontdoor.govuk.forms import (
    GovukBoundField,
    GovukDateField,
    GovukDateTimeField,
    GovukForm,
    GovukTimeField,
)

from .html import parse


class ContactForm(GovukForm):
    first_name = forms.CharField(
        label="Child's first name",
        max_length=35,
        help_text="As the person who made the contact gave it",
        error_messages={"required": "Enter the child's first name"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a summary of the concern"},
    )
    team = forms.ChoiceField(
        label="Team",
        choices=[("", "Choose a team"), ("north", "North")],
        error_messages={"required": "Select a team"},
    )
    urgent = forms.ChoiceField(
        label="Is a child at immediate risk?",
        choices=[("yes", "Yes"), ("no", "No")],
        help_text="Immediate means today",
        widget=forms.RadioSelect(attrs={"govuk_inline": True, "govuk_small": True}),
        error_messages={"required": "Select yes if a child is at immediate risk"},
    )
    concerns = forms.MultipleChoiceField(
        label="What are the concerns?",
        choices=[("neglect", "Neglect"), ("dv", "Domestic abuse")],
        widget=forms.CheckboxSelectMultiple(
            attrs={"govuk_item_hints": {"dv": "Including coercive control"}}
        ),
        error_messages={"required": "Select at least one concern"},
    )
    consent = forms.BooleanField(
        label="The family agreed",
        help_text="Tick if they did",
        error_messages={"required": "Confirm the family agreed"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        label_for_errors="date of birth",
        help_text="For example, 27 3 2019",
    )
    received_at = GovukDateTimeField(label="Received", label_for_errors="date and time received")
    seen_at = GovukTimeField(label_for_errors="the time the child was seen", required=False)
    hours = forms.IntegerField(
        label="Hours",
        required=False,
        widget=forms.TextInput(attrs={"govuk_prefix": "about", "govuk_suffix": "hours"}),
    )


@pytest.fixture
def blank():
    return parse(str(ContactForm()))


@pytest.fixture
def empty_post():
    form = ContactForm(data={})
    assert not form.is_valid()
    return parse(str(form))


def group_of(doc, control_id):
    """The govuk-form-group that directly contains the element with this id."""
    groups = [g for g in doc.find_all("div", "govuk-form-group") if g.find_all(id=control_id)]
    return min(groups, key=lambda g: len(g.find_all()))


def test_every_field_is_a_govuk_bound_field():
    assert all(isinstance(bf, GovukBoundField) for bf in ContactForm())


def test_text_input_has_a_label_hint_and_width_class(blank):
    label = blank.find("label", **{"for": "id_first_name"})
    assert label.classes == {"govuk-label"}
    assert label.text_content() == "Child's first name"
    hint = blank.find("div", "govuk-hint", id="id_first_name_helptext")
    assert hint.text_content() == "As the person who made the contact gave it"
    field = blank.find("input", id="id_first_name")
    assert field.classes == {"govuk-input", "govuk-input--width-20"}
    assert field.attrs["aria-describedby"] == "id_first_name_helptext"
    assert field.attrs["maxlength"] == "35"
    # GOV.UK services validate on the server, so the browser's own messages never show.
    assert "required" not in field.attrs


def test_text_input_in_error(empty_post):
    group = group_of(empty_post, "id_first_name")
    assert "govuk-form-group--error" in group.classes
    error = group.find("p", "govuk-error-message", id="id_first_name_error")
    assert error.find("span", "govuk-visually-hidden").text_content() == "Error:"
    assert error.text_content() == "Error: Enter the child's first name"
    field = group.find("input", id="id_first_name")
    assert field.classes == {"govuk-input", "govuk-input--width-20", "govuk-input--error"}
    assert field.attrs["aria-describedby"] == "id_first_name_helptext id_first_name_error"


def test_textarea(blank, empty_post):
    assert blank.find("textarea", id="id_summary").classes == {"govuk-textarea"}
    assert blank.find("textarea", id="id_summary").attrs["rows"] == "5"
    assert empty_post.find("textarea", id="id_summary").classes == {
        "govuk-textarea",
        "govuk-textarea--error",
    }
    assert (
        empty_post.find("textarea", id="id_summary").attrs["aria-describedby"] == "id_summary_error"
    )


def test_select(blank, empty_post):
    assert blank.find("select", id="id_team").classes == {"govuk-select"}
    assert blank.find("label", **{"for": "id_team"}).text_content() == "Team"
    assert "govuk-select--error" in empty_post.find("select", id="id_team").classes


def test_radios_are_a_fieldset_with_govuk_ids(blank):
    group = group_of(blank, "id_urgent")
    fieldset = group.find("fieldset", "govuk-fieldset")
    assert fieldset.attrs["aria-describedby"] == "id_urgent_helptext"
    assert fieldset.find("legend", "govuk-fieldset__legend").text_content() == (
        "Is a child at immediate risk?"
    )
    radios = fieldset.find("div", "govuk-radios")
    assert radios.classes == {"govuk-radios", "govuk-radios--inline", "govuk-radios--small"}
    assert radios.attrs["data-module"] == "govuk-radios"
    inputs = radios.find_all("input", "govuk-radios__input")
    assert [i.attrs["id"] for i in inputs] == ["id_urgent", "id_urgent-2"]
    assert [i.attrs["value"] for i in inputs] == ["yes", "no"]
    assert (
        radios.find("label", "govuk-radios__label", **{"for": "id_urgent-2"}).text_content() == "No"
    )
    # Options are never rendered as HTML attributes.
    assert "govuk_inline" not in str(blank.find_all())


def test_radios_in_error_describe_the_fieldset(empty_post):
    group = group_of(empty_post, "id_urgent")
    assert "govuk-form-group--error" in group.classes
    fieldset = group.find("fieldset")
    assert fieldset.attrs["aria-describedby"] == "id_urgent_helptext id_urgent_error"
    assert group.find("p", "govuk-error-message").text_content() == (
        "Error: Select yes if a child is at immediate risk"
    )


def test_a_posted_radio_stays_checked():
    doc = parse(str(ContactForm(data={"urgent": "no"})))
    assert "checked" not in doc.find("input", id="id_urgent").attrs
    assert "checked" in doc.find("input", id="id_urgent-2").attrs


def test_checkboxes_with_an_item_hint(blank):
    boxes = group_of(blank, "id_concerns").find("div", "govuk-checkboxes")
    assert boxes.attrs["data-module"] == "govuk-checkboxes"
    inputs = boxes.find_all("input", "govuk-checkboxes__input")
    assert [i.attrs["id"] for i in inputs] == ["id_concerns", "id_concerns-2"]
    assert inputs[1].attrs["aria-describedby"] == "id_concerns-2-item-hint"
    hint = boxes.find("div", "govuk-checkboxes__hint", id="id_concerns-2-item-hint")
    assert hint.text_content() == "Including coercive control"
    assert "aria-describedby" not in inputs[0].attrs


def test_a_single_checkbox(blank, empty_post):
    box = blank.find("input", id="id_consent")
    assert box.classes == {"govuk-checkboxes__input"}
    assert box.attrs["type"] == "checkbox"
    assert box.attrs["aria-describedby"] == "id_consent_helptext"
    assert blank.find("label", **{"for": "id_consent"}).classes == {
        "govuk-label",
        "govuk-checkboxes__label",
    }
    assert empty_post.find("input", id="id_consent").attrs["aria-describedby"] == (
        "id_consent_helptext id_consent_error"
    )


def test_date_input(blank):
    group = group_of(blank, "id_date_of_birth")
    fieldset = group.find("fieldset", role="group")
    assert fieldset.attrs["aria-describedby"] == "id_date_of_birth_helptext"
    assert fieldset.find("legend").text_content() == "Date of birth"
    date = fieldset.find("div", "govuk-date-input", id="id_date_of_birth")
    inputs = date.find_all("input")
    assert [i.attrs["id"] for i in inputs] == [
        "id_date_of_birth_day",
        "id_date_of_birth_month",
        "id_date_of_birth_year",
    ]
    assert [i.attrs["name"] for i in inputs] == [
        "date_of_birth_day",
        "date_of_birth_month",
        "date_of_birth_year",
    ]
    assert [i.attrs["inputmode"] for i in inputs] == ["numeric"] * 3
    assert [i.attrs["type"] for i in inputs] == ["text"] * 3
    assert inputs[0].classes == {"govuk-input", "govuk-date-input__input", "govuk-input--width-2"}
    assert "govuk-input--width-4" in inputs[2].classes
    labels = date.find_all("label", "govuk-date-input__label")
    assert [(lbl.attrs["for"], lbl.text_content()) for lbl in labels] == [
        ("id_date_of_birth_day", "Day"),
        ("id_date_of_birth_month", "Month"),
        ("id_date_of_birth_year", "Year"),
    ]


def test_date_input_marks_only_the_missing_part():
    form = ContactForm(data={"date_of_birth_day": "3", "date_of_birth_year": "2019"})
    doc = parse(str(form))
    group = group_of(doc, "id_date_of_birth")
    assert "govuk-form-group--error" in group.classes
    assert group.find("p", "govuk-error-message").text_content() == (
        "Error: Date of birth must include a month"
    )
    in_error = [i.attrs["id"] for i in group.find_all("input") if "govuk-input--error" in i.classes]
    assert in_error == ["id_date_of_birth_month"]
    # What was typed is shown again.
    assert group.find("input", id="id_date_of_birth_day").attrs["value"] == "3"


def test_date_input_marks_every_part_when_nothing_was_entered():
    form = ContactForm(data={})
    form.fields["date_of_birth"].required = True
    doc = parse(str(form))
    group = group_of(doc, "id_date_of_birth")
    assert all("govuk-input--error" in i.classes for i in group.find_all("input"))


def test_date_input_shows_an_initial_date():
    import datetime as dt

    doc = parse(str(ContactForm(initial={"date_of_birth": dt.date(2019, 3, 7)})))
    assert doc.find("input", id="id_date_of_birth_day").attrs["value"] == "7"
    assert doc.find("input", id="id_date_of_birth_month").attrs["value"] == "3"
    assert doc.find("input", id="id_date_of_birth_year").attrs["value"] == "2019"


def test_date_time_input_adds_a_time_part(blank):
    date = blank.find("div", "govuk-date-input", id="id_received_at")
    time = date.find("input", id="id_received_at_time")
    assert time.attrs["name"] == "received_at_time"
    assert "govuk-input--width-5" in time.classes
    assert date.find("label", **{"for": "id_received_at_time"}).text_content() == "Time"


def test_time_input(blank):
    time = blank.find("input", id="id_seen_at")
    assert time.classes == {"govuk-input", "govuk-input--width-5"}
    assert blank.find("label", **{"for": "id_seen_at"}).text_content() == (
        "The time the child was seen (optional)"
    )


def test_optional_fields_say_so(blank):
    assert blank.find("label", **{"for": "id_hours"}).text_content() == "Hours (optional)"


def test_prefix_and_suffix(blank):
    wrapper = blank.find("div", "govuk-input__wrapper")
    assert wrapper.find("div", "govuk-input__prefix").text_content() == "about"
    assert wrapper.find("div", "govuk-input__suffix").text_content() == "hours"
    assert wrapper.find("div", "govuk-input__suffix").attrs["aria-hidden"] == "true"
    assert wrapper.find("input", id="id_hours").classes == {"govuk-input"}


class HeadingForm(GovukForm):
    name = forms.CharField(
        label="What is the child's name?",
        error_messages={"required": "Enter the child's name"},
        widget=forms.TextInput(attrs={"govuk_page_heading": True}),
    )
    kind = forms.ChoiceField(
        label="What kind of contact is it?",
        choices=[("a", "A"), ("b", "B")],
        error_messages={"required": "Select the kind of contact"},
        widget=forms.RadioSelect(attrs={"govuk_page_heading": True, "govuk_label_size": "xl"}),
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.TextInput(attrs={"govuk_label_size": "s"}),
    )


def test_label_as_page_heading():
    doc = parse(str(HeadingForm()))
    wrapper = doc.find("h1", "govuk-label-wrapper")
    assert wrapper.find("label").classes == {"govuk-label", "govuk-label--l"}
    legend = doc.find("legend")
    assert legend.classes == {"govuk-fieldset__legend", "govuk-fieldset__legend--xl"}
    assert (
        legend.find("h1", "govuk-fieldset__heading").text_content() == "What kind of contact is it?"
    )
    assert doc.find("label", **{"for": "id_note"}).classes == {"govuk-label", "govuk-label--s"}


def test_an_unknown_label_size_is_a_mistake():
    form = HeadingForm()
    form.fields["note"].widget.attrs["govuk_label_size"] = "huge"
    with pytest.raises(ValueError, match="govuk_label_size"):
        str(form)


def test_as_field_group_renders_one_field():
    html = Template("{% for field in form %}{{ field.as_field_group }}{% endfor %}").render(
        Context({"form": HeadingForm()})
    )
    assert parse(html).find("input", id="id_name").classes == {"govuk-input"}


def test_hidden_fields_are_rendered_without_a_form_group():
    class WithHidden(GovukForm):
        version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    doc = parse(str(WithHidden(initial={"version": 3})))
    assert doc.find("input", type="hidden", name="version").attrs["value"] == "3"
    assert doc.find_all("div", "govuk-form-group") == []


def test_user_input_is_escaped():
    form = ContactForm(data={"first_name": '<script>alert("x")</script>', "summary": "<b>hi</b>"})
    html = str(form)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>hi</b>" not in html


def test_choice_labels_are_escaped():
    class Choices(GovukForm):
        pick = forms.ChoiceField(
            choices=[("a", "<i>A</i>")],
            widget=forms.RadioSelect,
            error_messages={"required": "Select one"},
        )

    html = str(Choices())
    assert "<i>A</i>" not in html
    assert "&lt;i&gt;A&lt;/i&gt;" in html


def test_formset_renders_the_management_form_and_each_form():
    formset_class = forms.formset_factory(HeadingForm, extra=2)
    doc = parse(str(formset_class()))
    assert doc.find("input", name="form-TOTAL_FORMS").attrs["value"] == "2"
    assert len(doc.find_all("input", id="id_form-0-name")) == 1
    assert len(doc.find_all("input", id="id_form-1-name")) == 1


def test_optional_is_not_said_twice():
    class Search(GovukForm):
        date_of_birth = GovukDateField(
            label="Date of birth (optional)", label_for_errors="Date of birth", required=False
        )

    legend = parse(str(Search())).find("legend")
    assert legend.text_content() == "Date of birth (optional)"


class RevealForm(GovukForm):
    answer = forms.ChoiceField(
        label="What did they say?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect(attrs={"govuk_item_conditionals": {"no": "why"}}),
        error_messages={"required": "Select what they said"},
    )
    why = forms.CharField(
        label="Why not?",
        required=False,
        widget=forms.Textarea(attrs={"govuk_conditional": True}),
    )


def test_a_conditional_question_is_revealed_under_its_radio_and_rendered_once():
    html = str(RevealForm(data={"answer": "no", "why": ""}))
    # The GOV.UK markup: the radio controls the reveal that follows its item; the class hides
    # it only when govuk-frontend runs (without JavaScript the question is always shown).
    radio = html.index('value="no" checked data-aria-controls="conditional-id_answer-2"')
    reveal = html.index(
        '<div class="govuk-radios__conditional govuk-radios__conditional--hidden" '
        'id="conditional-id_answer-2">'
    )
    assert radio < reveal < html.index('name="why"')
    assert html.count('name="why"') == 1
    assert 'data-aria-controls="conditional-id_answer"' not in html  # "Yes" reveals nothing
    assert "Why not? (optional)" not in html  # required for one answer, not optional
