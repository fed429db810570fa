"""The stored folded copies the search compares (Company.name_folded, JobOpening.title_folded) are kept by every
save and filled for existing rows by the migrations (the demo's bulk paths: demo/tests/test_demo.py)."""

import importlib

import pytest
from django.apps import apps

from jobspor.companies.models import Company
from jobspor.core.search_text import fold
from jobspor.jobs.models import JobOpening
from jobspor.testing.factories import make_company, make_job

pytestmark = pytest.mark.django_db


def test_saves_keep_the_folded_copies():
    company = make_company(name="Åbybro Østergård ApS")
    job = make_job(company=company, title="Køkkenhjælp")
    assert company.name_folded == "abybro ostergard aps"
    assert job.title_folded == "kokkenhjaelp"
    company.name = "Ærø Æbler"
    company.save(update_fields=["name"])  # a save of some fields writes the copy of those fields
    job.title = "Smørrebrød"
    job.save(update_fields=["title"])
    assert Company.objects.get(pk=company.pk).name_folded == "aero aebler"
    assert JobOpening.objects.get(pk=job.pk).title_folded == "smorrebrod"


@pytest.mark.parametrize(("app", "module", "model", "source", "target"), [
    ("companies", "0004_name_folded", Company, "name", "name_folded"),
    ("jobs", "0004_title_folded", JobOpening, "title", "title_folded"),
])
def test_migration_fills_existing_rows(app, module, model, source, target):
    job = make_job(company=make_company(name="Åbybro Køkken"), title="Opvasker på Ærø")
    row = job if model is JobOpening else job.company
    model.objects.filter(pk=row.pk).update(**{target: ""})  # as before the migration
    importlib.import_module(f"jobspor.{app}.migrations.{module}").fill(apps, None)
    assert getattr(model.objects.get(pk=row.pk), target) == fold(getattr(row, source))
