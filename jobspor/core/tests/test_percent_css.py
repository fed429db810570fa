"""Widths and places in whole percent without a style attribute: the `pct` filter rounds and clamps a value, and
percent.css (written by scripts/percent_css.py) has a class for every result."""

import importlib.util
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from jobspor.core.templatetags.jobspor import pct

ROOT = Path(settings.BASE_DIR)
PERCENT_CSS = ROOT / "jobspor" / "core" / "static" / "jobspor" / "percent.css"


@pytest.mark.parametrize(("value", "expected"), [
    (None, 0), ("", 0), ("–", 0), ("abc", 0), (float("nan"), 0), (float("inf"), 100), (float("-inf"), 0),
    (0, 0), (0.4, 0), (0.5, 1), (37.5, 38), (Decimal("54.2"), 54), ("54,6", 55), ("24%", 24), (100, 100),
    (100.4, 100), (180, 100), (-3, 0), (-0.2, 0),
])
def test_pct_rounds_and_clamps(value, expected):
    assert pct(value) == expected


def test_the_filter_in_a_template_gives_a_class_of_percent_css():
    html = Template("{% load jobspor %}{% for v in values %}<i class='w-pct-{{ v|pct }}'></i>{% endfor %}").render(
        Context({"values": [None, 12.5, 250, -1]}))
    assert re.findall(r"w-pct-(\d+)", html) == ["0", "13", "100", "0"]


def test_percent_css_is_what_the_script_writes():
    spec = importlib.util.spec_from_file_location("percent_css", ROOT / "scripts" / "percent_css.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert PERCENT_CSS.read_text(encoding="utf-8") == script.css(), "run: python scripts/percent_css.py"
    text = script.css()
    for n in (0, 1, 24, 99, 100):
        assert f".w-pct-{n} {{ width: {n}%; }}" in text and f".left-pct-{n} {{ left: {n}%; }}" in text
    assert ".w-pct-101" not in text


def test_every_page_links_percent_css():
    assert "{% static 'jobspor/percent.css' %}" in (ROOT / "jobspor" / "templates" / "base.html").read_text()
