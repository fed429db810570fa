"""The matching index of a process — vocabulary (lexicon, distinct CV texts, key → CVs), the active cases'
table and the open openings — kept up to date for what changed instead of rebuilt, and stored in the database
so that a new process starts warm.

`sync()` (called by vocabulary.current, bounds.active and bounds.open_openings) reads the change log
(jobspor.matching.changes: rows written by database triggers) after the last row this process applied and
applies each change: a CV line or job goal (the key's CVs and its text, the stems the lexicon knows), a case,
a citizen or a placement (that case's row of the active table), an opening, a synonym (the vocabulary is read
again), a company's placements, agreements, filled openings, name or address (its row of the company table:
history.tasks_with_ordinary_hours). A process without an index loads the newest `IndexSnapshot` and applies
the changes after it; with no usable snapshot (or too many changes since) it builds the index from scratch and
stores a snapshot.

The result equals a full rebuild's (test_index_changes.py). Safeguards: the row last applied is checked to be
still the same row (a restored database or a rolled-back test starts over); on PostgreSQL a transaction can
commit a change with a lower id after a higher one is seen, so missing ids are asked for again for a while.
"""

import gc
import pickle
import threading
import time
from collections import defaultdict

import numpy as np
from django.db import transaction
from django.db.models import Count, Min, Q

from jobspor.cv.models import CvItem, CvJobGoal

from . import changes
from .models import IndexChange, IndexSnapshot

REBUILD_AFTER = 20_000  # pending changes: more than this, and a fresh build is quicker
VOCABULARY_REBUILD_AFTER = 2_000  # changed keys and titles: more, and the vocabulary is read again
TABLE_REBUILD_AFTER = 5_000  # changed cases or openings: more, and the table is read again
SNAPSHOT_AFTER = 1_000  # changes applied since the stored snapshot before a new one is stored
GAP_SECONDS = 300  # how long a missing change id is asked for again (PostgreSQL commits out of order)
KEEP_SNAPSHOTS = 2
FORMAT = 2  # of the stored snapshot: a snapshot of another format is not used (a new build replaces it)

_lock = threading.RLock()
_index: dict = {}


def reset():
    """Forget this process's index (tests; the next use loads a snapshot or builds)."""
    with _lock:
        _index.clear()


def _fingerprint(row) -> str:
    change_id, kind, ref, detail, at = row
    return f"{change_id}|{kind}|{ref}|{detail[:200]}|{at.isoformat() if at else ''}"


def _last_change():
    row = IndexChange.objects.order_by("-id").values_list("id", "kind", "ref", "detail", "created_at").first()
    return (row[0], _fingerprint(row)) if row else (0, "")


def sync() -> dict:
    """This process's index, up to date with the database."""
    with _lock:
        if not _index or not _catch_up():
            _start()
        return _index


def _start():
    _index.clear()
    snapshot = IndexSnapshot.objects.order_by("-id").first()
    if snapshot is not None:
        pending = IndexChange.objects.filter(id__gt=snapshot.mark).count()
        if pending <= REBUILD_AFTER:
            gc.disable()  # unpickling makes many objects: without this the collector runs over and over
            try:
                data = pickle.loads(bytes(snapshot.data))
            finally:
                gc.enable()
            if data.get("format") != FORMAT:  # stored by another version of this code
                build()
                return
            _index.update(data)
            _index.update(seen=snapshot.mark, fingerprint=snapshot.mark_fingerprint, gaps={},
                          since_snapshot=0)
            if _catch_up():
                return
            _index.clear()
    build()


def build(*, store: bool = True) -> dict:
    """Read the whole index from the database (and store it as the snapshot new processes start from)."""
    from . import bounds, history, vocabulary

    with _lock:
        seen, fingerprint = _last_change()  # changes after this are applied later (applying twice is harmless)
        vocab = vocabulary.build()
        bounds.index(vocab)
        _index.clear()
        _index.update(vocab=vocab, active=bounds.build_active(), openings=bounds.build_openings(),
                      companies=history.build_companies(), seen=seen,
                      fingerprint=fingerprint, gaps={}, since_snapshot=0)
        _warm_tokens()
        if store:
            _store()
        return _index


def _warm_tokens():
    """Tokenise the texts every match compares (CV keys, goals, openings), so the stored index holds them."""
    from .engine import _goals_sharing_a_token
    from .text import tokens

    vocab = _index["vocab"]
    lexicon = vocab["lexicon"]
    for _kind, _key, text in vocab["items"]:
        tokens(text, lexicon)
    _goals_sharing_a_token(vocab, frozenset())
    for _pk, title, tasks, *_rest, required, wanted, _code, _kind in _index["openings"]["rows"]:
        for text in [title, *(tasks or []), *(required or []), *(wanted or [])]:
            tokens(text, lexicon)


def _store():
    data = {key: _index[key] for key in ("vocab", "active", "openings", "companies")}
    data["active"] = {**data["active"], "licence_ok": {}}
    data["format"] = FORMAT
    blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    with transaction.atomic():
        snapshot = IndexSnapshot.objects.create(mark=_index["seen"], mark_fingerprint=_index["fingerprint"],
                                                data=blob)
        kept = list(IndexSnapshot.objects.order_by("-id").values_list("id", "mark")[:KEEP_SNAPSHOTS])
        if len(kept) == KEEP_SNAPSHOTS:
            oldest_id, oldest_mark = kept[-1]
            IndexSnapshot.objects.filter(id__lt=oldest_id).delete()
            # Changes before every kept snapshot are never needed again (a process behind them starts over).
            IndexChange.objects.filter(id__lt=min(oldest_mark, snapshot.mark)).delete()
    _index["since_snapshot"] = 0


def _catch_up() -> bool:
    """Apply the changes after the last one applied; False when the index must be loaded again."""
    seen, gaps = _index["seen"], _index["gaps"]
    now = time.monotonic()
    wanted = Q(id__gte=seen) | Q(id__in=list(gaps)) if gaps else Q(id__gte=seen)
    rows = list(IndexChange.objects.filter(wanted).order_by("id")
                .values_list("id", "kind", "ref", "detail", "created_at")[:REBUILD_AFTER + 2])
    if seen:
        last = next((row for row in rows if row[0] == seen), None)
        if last is None or _fingerprint(last) != _index["fingerprint"]:
            return False  # the row last applied is gone or another: a restored database, a rolled-back test
        rows = [row for row in rows if row[0] != seen]
    if len(rows) > REBUILD_AFTER:
        return False
    if any(row[1] == changes.EVERYTHING and row[0] > seen for row in rows):
        return False  # a bulk load logged no row per change (changes.paused): build anew
    new = [row for row in rows if row[0] > seen]
    if new:
        present = {row[0] for row in new}
        for missing in range(seen + 1, new[-1][0]):
            if missing not in present and len(gaps) < 10_000:
                gaps[missing] = now
    for row in rows:
        gaps.pop(row[0], None)
    for missing, since in list(gaps.items()):
        if now - since > GAP_SECONDS:
            del gaps[missing]
    if rows:
        _apply(rows)
        if new:
            _index["seen"], _index["fingerprint"] = new[-1][0], _fingerprint(new[-1])
        _index["since_snapshot"] += len(rows)
        if _index["since_snapshot"] >= SNAPSHOT_AFTER:
            _store()
    return True


def _apply(rows):
    from jobspor.placements.models import Placement

    from . import bounds, history, vocabulary

    items, goals = defaultdict(set), defaultdict(set)
    cases, citizens, openings, companies, placements = set(), set(), set(), set(), set()
    synonyms = False
    for _id, kind, ref, detail, _at in rows:
        if kind == "item":
            item_kind, _sep, key = detail.partition(":")
            if item_kind in vocabulary.MATCH_KINDS:
                items[(item_kind, key)].add(ref)
        elif kind == "goal":
            goals[detail].add(ref)
        elif kind == "case":
            cases.add(ref)
        elif kind == "citizen":
            citizens.add(ref)
        elif kind == "opening":
            openings.add(ref)
        elif kind == "synonym":
            synonyms = True
        elif kind == "company":
            companies.add(ref)
        elif kind == "placement":
            placements.add(ref)
    if synonyms or len(items) + len(goals) > VOCABULARY_REBUILD_AFTER:
        vocab = vocabulary.build()
        bounds.index(vocab)
        _index["vocab"] = vocab
    elif items or goals:
        _vocabulary_apply(_index["vocab"], items, goals)
    if citizens:
        from jobspor.cases.models import Case

        cases |= set(Case.objects.filter(citizen_id__in=citizens).values_list("pk", flat=True))
    if len(cases) > TABLE_REBUILD_AFTER:
        _index["active"] = bounds.build_active()
    elif cases:
        _index["active"] = bounds.active_apply(_index["active"], cases)
    if placements:  # an agreement changed (a deleted placement logs its company itself)
        companies |= set(Placement.objects.filter(pk__in=sorted(placements)).values_list("company_id", flat=True))
    if len(companies) > TABLE_REBUILD_AFTER:
        _index["companies"] = history.build_companies()
    elif companies:
        _index["companies"] = history.companies_apply(_index["companies"], companies)
    if len(openings) > TABLE_REBUILD_AFTER:
        _index["openings"] = bounds.build_openings()
    elif openings:
        _index["openings"] = bounds.openings_apply(_index["openings"], openings)


def _vocabulary_apply(vocab, items, goals):
    """Bring the vocabulary and the key index up to date for the changed (kind, key)s and goal titles, each
    with the CVs whose rows changed: exactly what vocabulary.build would give now."""
    from . import bounds
    from .text import tokens
    from .vocabulary import stems

    index = bounds.index(vocab)
    refs, base, lexicon = vocab["stem_refs"], vocab["base_known"], vocab["lexicon"]
    known_changed = False

    def count(text, step):
        nonlocal known_changed
        for stem in stems(text):
            before = refs[stem]
            refs[stem] = before + step
            if refs[stem] <= 0:
                del refs[stem]
            if stem not in base and (before == 0) != (refs.get(stem, 0) == 0):
                known_changed = True

    for (kind, key), cvs in items.items():
        holding = set(CvItem.objects.filter(kind=kind, key=key, cv_id__in=cvs).values_list("cv_id", flat=True))
        held = _merge(index["keys"].get((kind, key)), cvs, holding)
        if len(held):
            index["keys"][(kind, key)] = held
            index["size"] = max(index["size"], int(held.max()) + 1)
        else:
            index["keys"].pop((kind, key), None)
        found = CvItem.objects.filter(kind=kind, key=key).aggregate(text=Min("text"), n=Count("id"))
        old, new = vocab["item_text"].get((kind, key)), found["text"] if found["n"] else None
        if old != new:
            if old is not None:
                count(old, -1)
                del vocab["item_text"][(kind, key)]
            if new is not None:
                count(new, +1)
                vocab["item_text"][(kind, key)] = new
    goal_index = vocab.get("goal_index")
    for title, cvs in goals.items():
        holding = set(CvJobGoal.objects.filter(title=title, cv_id__in=cvs).values_list("cv_id", flat=True))
        held = _merge(index["goals"].get(title), cvs, holding)
        if len(held):
            index["goals"][title] = held
            index["size"] = max(index["size"], int(held.max()) + 1)
        else:
            index["goals"].pop(title, None)
        present = bool(len(held))
        if present != (title in vocab["goal_set"]):
            count(title, +1 if present else -1)
            if present:
                vocab["goal_set"].add(title)
            else:
                vocab["goal_set"].discard(title)
            if goal_index is not None:
                for token in tokens(title, lexicon):
                    titles = goal_index.setdefault(token, set())
                    if present:
                        titles.add(title)
                    else:
                        titles.discard(title)
    vocab["items"] = [(kind, key, text) for (kind, key), text in vocab["item_text"].items()]
    vocab["goals"] = list(vocab["goal_set"])
    if known_changed:  # another compound split may now apply: every cached tokenisation is recomputed
        lexicon.known = base | set(refs)
        lexicon._cache.clear()
        vocab.pop("goal_index", None)


def _merge(array, changed, holding) -> np.ndarray:
    """The sorted CV ids of `array` with the `changed` ones replaced by those of them still `holding`."""
    current = array if array is not None else np.zeros(0, dtype=np.int64)
    current = np.setdiff1d(current, np.fromiter(changed, dtype=np.int64))
    return np.union1d(current, np.fromiter(holding, dtype=np.int64)) if holding else current
