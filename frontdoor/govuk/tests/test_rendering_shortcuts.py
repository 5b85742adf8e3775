"""The shortcuts a queue page takes to spend less CPU say exactly what the long way says
(docs/benchmarks.md, queue page, fourth pass)."""

from __future__ import annotations

import re
import uuid

from django import forms
from django.forms.renderers import TemplatesSetting
from django.urls import reverse

from config.jinja import url
from frontdoor.govuk.forms import GovukForm, GovukFormRenderer


class TheLongWay(GovukFormRenderer):
    """Every template, Django's widgets too, through the project's Django template engine."""

    def get_template(self, template_name: str) -> object:
        return TemplatesSetting.get_template(self, template_name)


class Choosing(GovukForm):
    source = forms.ChoiceField(
        label="Who raised it",
        choices=[("", "Anyone"), ("1A", 'Family <member> & "carer"'), ("2A", "School")],
        required=False,
    )
    name = forms.CharField(label="Name", required=False)
    overdue = forms.BooleanField(label="Only overdue", required=False)


def _tags(html: str) -> list[str]:
    # Whitespace between tags means nothing in HTML, and Jinja2 writes a quote as &#34; where
    # Django writes &quot; (the same character): the tags and the text must be the same.
    html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return [part for part in re.split(r">\s*<", html.strip()) if part]


def test_djangos_widgets_say_the_same_through_jinja2_as_through_djangos_templates() -> None:
    data = {"source": "1A", "name": '<script>"x"</script>', "overdue": "on"}
    bound, long_way = Choosing(data), Choosing(data, renderer=TheLongWay())
    for name in ("source", "name", "overdue"):
        assert _tags(bound[name].as_widget()) == _tags(long_way[name].as_widget()), name
        assert _tags(str(bound[name].as_field_group())) == _tags(
            str(long_way[name].as_field_group())
        )
    assert "&lt;script&gt;" in bound["name"].as_widget()
    assert "&lt;member&gt;" in bound["source"].as_widget()


def test_url_of_a_record_by_its_id_is_reverses_own_answer() -> None:
    family = uuid.uuid4()
    assert url("contacts:family", family) == reverse("contacts:family", args=[family])
    assert url("contacts:claim", family) == reverse("contacts:claim", args=[family])
    # Twice: the second answer comes from the shape kept from the first.
    other = uuid.uuid4()
    assert url("contacts:family", other) == reverse("contacts:family", args=[other])
    # Anything but UUIDs is reversed as usual.
    assert url("contacts:queue", "hub-a") == reverse("contacts:queue", args=["hub-a"])
