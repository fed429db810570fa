"""The lexicon (synonyms, known compound parts) and the vocabulary of CV texts, cached per process.

Matching compares an opening's tasks with the *distinct* CV texts once (a few thousand), finds the
normalised keys that match, and then asks the database only for CVs holding those keys (an index lookup on
cv_item(kind, key)). Both caches are checked against a cheap signature on every use, so an administrator's
new synonym or a new CV text takes effect at once.
"""

from pathlib import Path

from django.db.models import Count, Max, Min

from jobspor.cv.choices import ItemKind
from jobspor.cv.models import CvItem, CvJobGoal

from .models import Synonym
from .text import Lexicon

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


_state: dict = {}


def _signature():
    syn = Synonym.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    items = CvItem.objects.aggregate(n=Count("id"), last=Max("id"))
    goals = CvJobGoal.objects.aggregate(n=Count("id"), last=Max("id"))
    return (syn["n"], syn["at"], items["n"], items["last"], goals["n"], goals["last"])


def reset():
    _state.clear()


def current() -> dict:
    """{"lexicon": Lexicon, "items": [(kind, key, text)], "goals": [title]} for the database as it is now."""
    signature = _signature()
    if _state.get("signature") == signature:
        return _state
    lexicon = Lexicon()
    items = list(CvItem.objects.filter(kind__in=MATCH_KINDS).values("kind", "key")
                 .annotate(text=Min("text")).values_list("kind", "key", "text"))
    goals = list(CvJobGoal.objects.values_list("title", flat=True).distinct())
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            for word in line.split():
                lexicon.learn(word)
    for _kind, _key, text in items:
        lexicon.learn(text)
    for title in goals:
        lexicon.learn(title)
    for term, synonym in Synonym.objects.values_list("term", "synonym"):
        lexicon.add_synonym(term, synonym)
    _state.clear()
    _state.update(signature=signature, lexicon=lexicon, items=items, goals=goals)
    return _state
