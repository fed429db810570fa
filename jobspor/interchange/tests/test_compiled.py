"""The compiled checks of the record modules' own fields (compiled_field) give the field's cleaned value or give
up (Slow, then the form gives the message): never a value the field would refuse, never a different value."""

import math

import pytest
from django.core.exceptions import ValidationError

from jobspor.interchange.compiled import Slow, _check
from jobspor.interchange.context import ImportContext
from jobspor.interchange.fields import bound_form
from jobspor.interchange.records.company import CompanyForm
from jobspor.interchange.records.cv import CvForm, ExperienceForm
from jobspor.interchange.records.job import RequirementsForm
from jobspor.interchange.records.placement import HoursForm

VALUES = {
    (HoursForm, "week"): ["2025-W10", "2020-W53", "2021-W53", "2999-W01", "1990-W01", " 2025-W10", "2025-10", "",
                          None, 5, "2025-W1"],
    (HoursForm, "internship_hours"): [0, 7, 60, 61, -1, 7.5, 7.55, 0.1, 59.9, 60.0, 60.05, True, "7", None,
                                      math.inf, 1e309, [], 1e-7],  # NaN: the reader refuses it
    (CvForm, "tasks"): [["pakke varer", "rengøre lager"], ["pakke varer", "Pakke  varer"], [], None, "pakke",
                        [1], ["  "], ["x" * 500], ["a\x00b"]],
    (CvForm, "hours_per_week"): [0, 10, 60, 61, -1, True, 10.0, "10", None],
    (CvForm, "max_commute_km"): [0, 25, 300, 301, None, False],
    (ExperienceForm, "kind"): ["job", "Job", " praktik ", "ukendt", "", None, 3],
    (RequirementsForm, "competencies"): [["truck"], [], None, ["x" * 200], ["x" * 201], [3], "truck"],
    (CompanyForm, "employees"): [0, 35, 1_000_000, 1_000_001, -1, True, None, 3.0],
    (CompanyForm, "cvr"): ["12345674", "12345675", " 12345674 ", "1234567", "", None, 12345674, "12 34 56 74"],
    (CompanyForm, "industry"): ["521000", "999999", "52100", "", None, " 521000", 521000],
}


@pytest.mark.django_db
@pytest.mark.parametrize(("form_class", "name"), list(VALUES))
def test_a_compiled_check_gives_the_fields_value_or_gives_up(form_class, name):
    ctx = ImportContext()
    field = bound_form(form_class, {}, ctx).fields[name]
    check = _check(field, ctx)
    fast = 0
    for value in VALUES[(form_class, name)]:
        try:
            expected = field.clean(value)
        except ValidationError:
            expected = Slow
        try:
            got = check(value)
        except Slow:
            continue  # the form gives the message (or the value)
        fast += 1
        assert expected is not Slow, f"{name}: {value!r} passed the compiled check but the field refuses it"
        assert got == expected and type(got) is type(expected), (name, value, got, expected)
    assert fast, f"{name}: no value took the compiled path"
