import pytest

from jobspor.core.danish_text import normalise, phrase_key

SAME = [
    ("pakke varer", "pakning af varer"),
    ("Pakke varer", "pakning af varer."),
    ("gøre rent på kontorer", "rengøring af kontorer"),
    ("plukke ordrer", "plukning af ordrer"),
    ("modtage varer", "modtagelse af varer"),
    ("betjene kassen", "betjening af kasse"),
    ("køre truck", "kørsel med truck"),
    ("opfylde hylder", "opfyldning af hylder"),
    ("servere mad", "servering af mad"),
    ("tilberede mad", "tilberedning af mad"),
    ("vaske op", "opvask"),
    ("sortere affald", "sortering af affald"),
    ("ekspedere kunder", "ekspedition af kunder"),
    ("beskære buske", "beskæring af buske"),
    ("lægge fliser", "lægning af fliser"),
    ("vaske gulve", "vask af gulve"),
    ("træne", "træning"),
]
DIFFERENT = [("pakke varer", "plukke varer"), ("vaske gulve", "vaske biler"), ("køre truck", "køre bus")]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_phrases_that_mean_the_same_get_the_same_key(a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_tasks_stay_different(a, b):
    assert normalise(a) != normalise(b)


def test_function_words_are_dropped_and_danish_letters_kept():
    assert normalise("Rengøring af gulve på plejehjem og i køkken") == ("rengør", "gulv", "plejehjem", "køk")
    assert phrase_key("Pakning af varer") == "pak var"
    assert normalise("") == () and normalise("af og til") == ()
