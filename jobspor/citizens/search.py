"""Name search that stays fast on 100,000 citizens: each word of a name is kept in CitizenNameWord,
so "jens han" becomes two index range scans (words starting with "jens" and with "han") instead of
a LIKE '%…%' over every name the user may see. Searches match the beginning of any name word, as
people type names ("Han" finds Hansen and Hanne; "ansen" does not). Words are kept folded (core.search_text):
"Soren" finds Søren and "Aase" finds Åse."""

import re

from django.db.models import Q

from jobspor.core.instances import instance_new
from jobspor.core.search_text import fold

from .models import CitizenNameWord

_WORD = re.compile(r"\w+")
# Above every character a name holds: word >= "han" and word < "han" + this is "starts with han".
# A range, not LIKE, so it uses the (word, citizen) index on SQLite and on PostgreSQL (C or ICU collation).
_TOP = "\U0010ffff"


def name_words(name: str) -> set[str]:
    return {w[:100] for w in _WORD.findall(fold(name))}


def name_word_rows(citizen_id: int, name: str) -> list[CitizenNameWord]:
    return [instance_new(CitizenNameWord, citizen_id=citizen_id, word=w) for w in sorted(name_words(name))]


def name_words_save(citizen) -> None:
    CitizenNameWord.objects.filter(citizen_id=citizen.pk).delete()
    CitizenNameWord.objects.bulk_create(name_word_rows(citizen.pk, citizen.name))


def name_search_q(term: str, *, citizen_field: str = "citizen_id") -> Q | None:
    """A Q on `citizen_field` for citizens whose name has a word starting with each word of `term`."""
    words = _WORD.findall(fold(term))
    if not words:
        return None
    q = Q()
    for w in words:
        ids = CitizenNameWord.objects.filter(word__gte=w, word__lt=w + _TOP).values("citizen_id")
        q &= Q(**{f"{citizen_field}__in": ids})
    return q


def name_candidates(term: str, *, limit: int | None) -> list[int]:
    """Ids of citizens whose name has a word starting with each word of `term`, best match first: in the order of
    the name word that matches the first word of the term ("jens" gives every Jens before any Jensen), then by id.
    A walk along the (word, citizen) index that stops after `limit` words, so a common prefix costs no more than a
    rare one; None walks them all."""
    words = _WORD.findall(fold(term))
    if not words:
        return []
    first, rest = words[0], words[1:]
    rows = CitizenNameWord.objects.filter(word__gte=first, word__lt=first + _TOP)
    for w in rest:
        rows = rows.filter(citizen_id__in=CitizenNameWord.objects.filter(word__gte=w, word__lt=w + _TOP)
                           .values("citizen_id"))
    rows = rows.order_by("word", "citizen_id").values_list("citizen_id", flat=True)
    return list(dict.fromkeys(rows[:limit] if limit is not None else rows))
