"""includes/field.html ties every hint and error to its field: aria-describedby names only ids on the page."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string


class SampleForm(forms.Form):
    name = forms.CharField(label="Navn", help_text="Som i CPR-registret.")
    hours = forms.IntegerField(label="Timer", max_value=60)
    agree = forms.BooleanField(label="Enig", help_text="Sæt kryds.")
    kind = forms.ChoiceField(label="Slags", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect,
                             help_text="Vælg én.")
    tasks = forms.MultipleChoiceField(label="Opgaver", choices=[("x", "X"), ("y", "Y")],
                                      widget=forms.CheckboxSelectMultiple)


def _render(form):
    return "".join(render_to_string("includes/field.html", {"field": field}) for field in form)


def _broken_references(html):
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), f"ids used twice: {sorted(i for i in ids if ids.count(i) > 1)}"
    referenced = [ref for refs in re.findall(r'aria-describedby="([^"]*)"', html) for ref in refs.split()]
    return referenced, [ref for ref in referenced if ref not in ids]


@pytest.mark.parametrize("data", [None, {"hours": "99", "kind": "zz", "tasks": ["q"]}])
def test_every_described_by_reference_exists(data):
    form = SampleForm(data)
    form.is_valid()
    referenced, broken = _broken_references(_render(form))
    assert referenced and not broken


def test_errors_and_hints_are_named_on_their_field():
    form = SampleForm({"hours": "99", "kind": "zz", "tasks": ["q"]})
    form.is_valid()
    html = _render(form)
    assert re.search(r'<input[^>]*id="id_name"[^>]*aria-describedby="id_name_helptext id_name_error"', html) or \
        re.search(r'aria-describedby="id_name_helptext id_name_error"[^>]*id="id_name"', html)
    assert 'aria-invalid="true"' in html
    # a group's hint and error belong to the fieldset, announced with its legend
    assert re.search(r'<fieldset[^>]*aria-describedby="id_kind_helptext id_kind_error"', html)
    assert re.search(r'<fieldset[^>]*aria-describedby="id_tasks_error"', html)
    assert 'for=""' not in html  # each checkbox of a group has its own label
