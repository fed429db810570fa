"""DB07 industry codes (Danmarks Statistik, Dansk Branchekode 2007): the 88 divisions shipped in
data/db07_divisions.csv. A company's code may be 2–6 digits (CVR uses 6); its first two are the division."""

import csv
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATA = Path(__file__).parent / "data" / "db07_divisions.csv"
CODE_PATTERN = re.compile(r"\d{2}(\d{2}(\d{2})?)?")


@cache
def divisions() -> dict[str, str]:
    """{"52": "Hjælpevirksomhed i forbindelse med transport", …} in code order."""
    with open(DATA, encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def division_of(code: str) -> str:
    return (code or "")[:2]


def industry_name(code: str) -> str:
    """The Danish name of the code's division ('' for an unknown or empty code)."""
    return divisions().get(division_of(code), "")


def industry_clean(value) -> str:
    """A DB07 code of 2, 4 or 6 digits whose division exists; else a Danish ValidationError."""
    code = str(value or "").strip().replace(".", "")
    if not CODE_PATTERN.fullmatch(code):
        raise ValidationError(_("En DB07-branchekode har 2, 4 eller 6 cifre (fx 521000)."), code="industry_format")
    if division_of(code) not in divisions():
        raise ValidationError(_("Ukendt DB07-hovedgruppe %(code)s."), params={"code": division_of(code)},
                              code="industry_unknown")
    return code


def division_choices():
    return [(code, f"{code} {name}") for code, name in divisions().items()]
