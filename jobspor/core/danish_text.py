"""Danish text normalised for comparison: "pakke varer" and "pakning af varer" become the same key.

    normalise("Pakning af varer")      -> ("pak", "var")
    normalise("pakke varer")           -> ("pak", "var")
    normalise("gøre rent på kontorer") -> ("rengør", "kontor")
    phrase_key("Rengøring af kontorer") -> "rengør kontor"

Steps: lowercase (æ, ø, å kept; "aa" is left alone, as in names and loan words), split into words, drop
function words (af, med, og, i, på, til …; not the particles op, ud, ind), stem with the Snowball Danish
stemmer (PyStemmer), and turn
the nominalisations the stemmer leaves (pakning, rengøring, kørsel, ekspedition …) into the verb's stem.
Used by the CV's suggestions and, later, by matching tasks against job openings.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

_stemmer = Stemmer.Stemmer("danish")

WORD = re.compile(r"[0-9a-zäæöøåéüß]+")

FUNCTION_WORDS = frozenset("""
    af alle andre at bl bla de dem den denne der det dette din du efter eller en et for fra få
    han hans har hen her hos hun hvis hvor i ikke jeg kan man med mens mig min mod mv na nogle
    når og om os osv over på sig sin sine skal som så samt til under ved vi være også evt fx
    m.v mm
""".split())

# Nominalisations whose verb keeps the n (træne → træning); the default rule would cut it (pakke → pakning).
KEEP_N = {"træning": "træn", "tegning": "tegn", "regning": "regn", "beregning": "beregn", "ordning": "ordn",
          "åbning": "åbn", "ændring": "ændr", "lægning": "læg", "rydning": "ryd"}

# Nominal suffixes on the stemmer's output, longest first; what is left is the verb's root.
NOMINAL_SUFFIXES = ("ition", "ning", "ing", "sel")

# Fixed expressions that mean the same as one verb.
PHRASES = {("gør", "rent"): "rengør", ("vask", "op"): "opvask", ("slå", "græs"): "græsslå"}


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """The Snowball stem of one lowercased word, with nominalisations reduced to the verb's stem."""
    if word in KEEP_N:
        return KEEP_N[word]
    stemmed = _stemmer.stemWord(word)
    for suffix in NOMINAL_SUFFIXES:
        root = stemmed[: -len(suffix)]
        if stemmed.endswith(suffix) and len(root) >= 3:
            # The verb's stem: stem the infinitive (root + e), as "pakke" → "pak", "sortere" → "sort".
            return _stemmer.stemWord(root if root.endswith("e") else root + "e")
    return stemmed


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text or "").lower()
    return WORD.findall(text)


def normalise(text: str) -> tuple[str, ...]:
    """The stems of the content words of `text`, in order."""
    stems = [stem(w) for w in words(text) if w not in FUNCTION_WORDS]
    # "gøre rent" → "rengør", "vaske op" → "opvask" (particles such as op, ud, ind are kept: "pakke ud" is
    # not "pakke")
    raw = [stem(w) for w in words(text)]
    for (first, second), replacement in PHRASES.items():
        for i in range(len(raw) - 1):
            if raw[i] == first and raw[i + 1] == second:
                stems = [replacement if s == first else s for s in stems if s != second]
    return tuple(stems)


@lru_cache(maxsize=65536)
def phrase_key(text: str) -> str:
    """The normalised key of a phrase, for storing next to it and looking it up in an index."""
    return " ".join(normalise(text))
