"""The lexicon (synonyms, known compound parts) and the vocabulary of CV texts, held per process.

Matching compares an opening's tasks with the *distinct* CV texts once (a few thousand), finds the
normalised keys that match, and then asks the database only for CVs holding those keys (an index lookup on
cv_item(kind, key)). `build` reads it from scratch; jobspor.matching.index keeps it up to date from the
change log (an administrator's new synonym or a new CV text takes effect at once) and stores it for new
processes.
"""

from collections import Counter
from pathlib import Path

from django.db.models import Min

from jobspor.core.danish_text import normalise
from jobspor.cv.choices import ItemKind
from jobspor.cv.models import CvItem, CvJobGoal

from .models import Synonym
from .text import MIN_PART, Lexicon

STARTER = Path(__file__).parent / "data" / "synonyms.txt"
WORDS = Path(__file__).parent / "data" / "words.txt"
MATCH_KINDS = [ItemKind.TASK, ItemKind.COMPETENCY, ItemKind.JOB_WISH]


def starter_pairs() -> list[tuple[str, str]]:
    pairs = []
    for line in STARTER.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "|" in line:
            term, synonym = (part.strip() for part in line.split("|", 1))
            pairs.append((term, synonym))
    return pairs


def stems(text: str) -> frozenset:
    """The stems `Lexicon.learn` makes known for a text."""
    return frozenset(s for s in normalise(text) if len(s) >= MIN_PART)


def reset():
    from . import index

    index.reset()


def current() -> dict:
    """{"lexicon": Lexicon, "items": [(kind, key, text)], "goals": [title]} for the database as it is now
    (kept up to date from the change log by jobspor.matching.index)."""
    from . import index

    return index.sync()["vocab"]


def build() -> dict:
    """The vocabulary read from scratch, with what index.py needs to update it: each (kind, key)'s text, the
    distinct goal titles, and per learned stem the number of those texts giving it (a stem stays known while
    one text gives it; words.txt and synonyms give the `base` stems, which always stay)."""
    lexicon = Lexicon()
    items = list(CvItem.objects.filter(kind__in=MATCH_KINDS).values("kind", "key")
                 .annotate(text=Min("text")).values_list("kind", "key", "text"))
    goals = list(CvJobGoal.objects.order_by().values_list("title", flat=True).distinct())
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            for word in line.split():
                lexicon.learn(word)
    synonyms = list(Synonym.objects.values_list("term", "synonym"))
    for term, synonym in synonyms:
        lexicon.add_synonym(term, synonym)
    base = set(lexicon.known)
    refs = Counter()
    for _kind, _key, text in items:
        refs.update(stems(text))
    for title in goals:
        refs.update(stems(title))
    lexicon.known |= set(refs)
    lexicon._cache.clear()
    return {"lexicon": lexicon, "items": items, "goals": goals,
            "item_text": {(kind, key): text for kind, key, text in items}, "goal_set": set(goals),
            "stem_refs": refs, "base_known": base}
