"""QuickSelect renders what Django's Select renders (without a template per option)."""

import re

import pytest
from django import forms

from jobspor.core.widgets import QuickSelect

CHOICES = [("", "Alle"), ("1", 'Ann & <b> "Ø"'), ("Gruppe", [("2", "To"), ("3", "Tre")])]


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.parametrize("value", [None, "1", "3"])
def test_same_markup_as_djangos_select(value):
    attrs = {"id": "id_x", "aria-describedby": "x_helptext", "required": True, "disabled": False}
    django_html = forms.Select(choices=CHOICES, attrs={"class": "form-select"}).render("x", value, attrs=dict(attrs))
    quick_html = QuickSelect(choices=CHOICES, attrs={"class": "form-select"}).render("x", value, attrs=dict(attrs))
    assert _plain(quick_html) == _plain(django_html)
    assert "&lt;b&gt;" in quick_html and "<b>" not in quick_html
