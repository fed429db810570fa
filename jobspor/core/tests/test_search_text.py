"""Danish names typed the way people type them: the Python fold and its SQL twin agree on both databases."""

import pytest
from django.db.models import CharField, Value
from django.db.models.functions import Cast

from jobspor.core.search_text import Fold, fold
from jobspor.organisation.models import Team


@pytest.mark.parametrize(("typed", "name"), [
    ("soren", "Søren"), ("soeren", "Søren"), ("SØREN", "Søren"), ("aase", "Åse"), ("ase", "Åse"), ("åse", "Aase"),
    ("aeroe", "Ærø"), ("aero", "Ærø"), ("jose", "José"), ("muller", "Müller"), ("bjorn", "Bjørn"),
])
def test_typed_forms_fold_alike(typed, name):
    assert fold(typed) == fold(name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Søren Ærø", "ÅSE ØSTERGÅRD", "José Müller", "Bjørn Aagaard", "Hansen"])
def test_sql_fold_equals_python_fold(name):
    Team.objects.create(external_id="T", name=name)
    folded = Team.objects.annotate(f=Fold(Cast(Value(name), CharField()))).values_list("f", flat=True).first()
    assert folded == fold(name)
