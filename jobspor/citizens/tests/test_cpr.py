import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jobspor.citizens.cpr import cpr_birth_date, cpr_clean, cpr_format, cpr_mask, cpr_sex
from jobspor.citizens.models import Citizen
from jobspor.citizens.services import citizen_save


def test_valid_cpr_with_or_without_dash():
    assert cpr_clean("010387-4321") == "0103874321"
    assert cpr_clean(" 0103874321 ") == "0103874321"


def test_modulus_11_not_required():
    # 0103874322 fails modulus 11 but is a valid CPR number since 2007.
    assert cpr_clean("0103874322") == "0103874322"


@pytest.mark.parametrize("value, message", [
    ("3102874321", "gyldig fødselsdato"),
    ("123", "10 cifre"),
    ("01038743AB", "10 cifre"),
    ("", "10 cifre"),
])
def test_invalid_cpr_gets_danish_message(value, message):
    with pytest.raises(ValidationError) as exc:
        cpr_clean(value)
    assert message in exc.value.messages[0]


def test_birth_date_and_sex_are_derived():
    assert cpr_birth_date("0103874321") == dt.date(1987, 3, 1)
    assert cpr_sex("0103874321") == "M"
    assert cpr_sex("0103874322") == "K"
    assert cpr_birth_date("0101054000") == dt.date(2005, 1, 1)  # 7th digit 4, year < 37 → 2000s


def test_masking():
    assert cpr_mask("0103874321") == "010387-xxxx"
    assert cpr_format("0103874321") == "010387-4321"


@pytest.mark.django_db
def test_citizen_save_derives_fields_and_town():
    citizen = citizen_save(actor=None, cpr="0103874322", name="Mette Ørsted", postal_code="8210")
    assert citizen.birth_date == dt.date(1987, 3, 1)
    assert citizen.sex == "K"
    assert citizen.search_name == "mette ørsted"
    assert citizen.postal_code.town == "Aarhus V"
    assert citizen.postal_code.municipality == "Aarhus Kommune"


@pytest.mark.django_db
def test_bad_citizen_input_saves_nothing():
    with pytest.raises(ValidationError) as exc:
        citizen_save(actor=None, cpr="3199874321", name="X", postal_code="8210")
    assert "cpr" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        citizen_save(actor=None, cpr="0103874321", name="X", postal_code="0001")
    assert "Ukendt postnummer" in exc.value.message_dict["postal_code"][0]
    assert Citizen.objects.count() == 0


@pytest.mark.django_db
def test_cpr_never_in_history():
    from jobspor.audit.models import Event

    citizen = citizen_save(actor=None, cpr="0103874321", name="Jens", postal_code="8210")
    citizen_save(actor=None, citizen=citizen, cpr="0103874329", name="Jens", postal_code="8210")
    for event in Event.objects.all():
        text = str(event.before) + str(event.after)
        assert "0103874321" not in text and "0103874329" not in text
