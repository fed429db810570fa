"""Suggestions while typing a task or competency: phrases other CVs use (and, once registered, job openings).

Other apps add phrases with

    from jobspor.cv.vocabulary import register_vocabulary_source
    register_vocabulary_source(job_task_phrases)  # job_task_phrases(*, kind, first_stem, limit)

A source returns [(key, text, uses)] for phrases of that kind ("task" or "competency") whose normalised key
(jobspor.core.danish_text.phrase_key, stored next to the text and indexed) begins with `first_stem`; it must
hold no personal data. Suggestions show each distinct phrase (by key) once, most used first.

Privacy: a CV phrase is suggested only when at least MIN_CVS different CVs use it, and never when it holds a
digit or an @ (phone numbers, CPR numbers, e-mail addresses); a phrase with a name in it, written into one
citizen's CV, is therefore never shown to anyone else.
"""

from collections import Counter, defaultdict
from collections.abc import Callable

from django.db import connection
from django.db.models import Count

from jobspor.core.danish_text import FUNCTION_WORDS, normalise, stem, words

from .choices import ItemKind
from .models import CvItem

MIN_CVS = 2
MIN_CHARS = 2
LIMIT = 8
CANDIDATE_KEYS = 200  # distinct keys read for one prefix before filtering in Python

_SOURCES: list[Callable] = []


def register_vocabulary_source(source: Callable) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def key_prefix_filter(field: str, prefix: str) -> dict:
    """A filter for "field begins with prefix" that uses the field's index on SQLite and PostgreSQL alike
    (on SQLite, LIKE is case-insensitive and cannot use a binary index; a range can)."""
    if connection.vendor == "sqlite":
        return {f"{field}__gte": prefix, f"{field}__lt": prefix + "\U0010ffff"}
    return {f"{field}__startswith": prefix}


def _query_stems(text: str) -> tuple[tuple[str, ...], str]:
    """The stems of the words typed so far, and the last word as typed (it may be half-written)."""
    typed = words(text)
    if not typed:
        return (), ""
    ends_with_space = text[-1:].isspace()
    complete = typed if ends_with_space else typed[:-1]
    partial = "" if ends_with_space else typed[-1]
    return normalise(" ".join(complete)), partial


def _matches(key: str, stems: tuple[str, ...], partial: str) -> bool:
    key_words = key.split()
    if any(s not in key_words for s in stems):
        return False
    if not partial:
        return True
    if partial in FUNCTION_WORDS and len(partial) <= 3:  # "rengøring af": "af" may be a word or begin "affald"
        return True
    partial_stem = stem(partial)
    return any(w.startswith(partial) or w.startswith(partial_stem) or partial.startswith(w) for w in key_words)


def _safe(text: str) -> bool:
    return not any(ch.isdigit() or ch == "@" for ch in text)


def cv_phrases(*, kind: str, first_stem: str, limit: int = CANDIDATE_KEYS) -> list[tuple[str, str, int]]:
    """[(key, most used text, number of CVs)] of CV items whose key begins with `first_stem`: two queries."""
    rows = (CvItem.objects.filter(kind=kind, **key_prefix_filter("key", first_stem))
            .values("key").annotate(uses=Count("cv_id", distinct=True)).filter(uses__gte=MIN_CVS)
            .order_by("-uses", "key")[:limit])
    uses = {row["key"]: row["uses"] for row in rows}
    if not uses:
        return []
    texts = defaultdict(Counter)
    for row in (CvItem.objects.filter(kind=kind, key__in=list(uses)).values("key", "text")
                .annotate(n=Count("id"))):
        texts[row["key"]][row["text"]] += row["n"]
    return [(key, texts[key].most_common(1)[0][0], n) for key, n in uses.items() if texts[key]]


def suggestions(*, kind: str, text: str, exclude_keys=(), limit: int = LIMIT) -> list[str]:
    """Phrases to offer for what has been typed so far (at least MIN_CHARS letters), most used first."""
    if kind not in (ItemKind.TASK, ItemKind.COMPETENCY) or len((text or "").strip()) < MIN_CHARS:
        return []
    stems, partial = _query_stems(text)
    if not stems and not partial:
        return []
    # The index narrows by the start of the first word: its stem, or the first letters typed of it.
    first = stems[0] if stems else stem(partial)
    first = first[: max(MIN_CHARS, min(len(first), 3))] if not stems else first[:3]
    found: dict[str, list] = {}
    for source in [cv_phrases, *_SOURCES]:
        for key, phrase, uses in source(kind=kind, first_stem=first, limit=CANDIDATE_KEYS):
            if key in exclude_keys or not _safe(phrase) or not _matches(key, stems, partial):
                continue
            entry = found.setdefault(key, [phrase, 0])
            entry[1] += uses
    ranked = sorted(found.values(), key=lambda e: (-e[1], e[0]))
    return [phrase for phrase, _uses in ranked[:limit]]
