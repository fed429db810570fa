"""The access log and the events as hash chains: nobody can quietly edit them.

Every row of audit_accesslog and of audit_event carries `prev_hash` (the previous row's hash; "" for the first
row ever) and `row_hash` = sha256 over prev_hash and a canonical serialisation of the row's CHAIN_FIELDS (id and
timestamp included). The chain's order is the id order. Appends are serialised per table — a transaction-level
advisory lock on PostgreSQL, SQLite's one writer at a time (transactions are BEGIN IMMEDIATE) — and the ids are
taken inside that lock, so concurrent writers never fork the chain.

`verify()` walks each chain and reports changed rows (hash mismatch), broken links (rows deleted or inserted in
between), a missing start, back-dated rows and anchored rows that went missing (rows deleted from the end).
`record_anchor()` records each chain's head in the append-only ChainAnchor table; `prune()` deletes the start of
the access log by the retention rule and records what it deleted, so the chain still verifies afterwards.

What it does not catch: the hash has no secret, so whoever can write the tables directly (the database owner, a
superuser, anyone with the SQLite file) can rewrite a chain from a point onwards and recompute every hash after
it; only anchors copied somewhere else (the head hash that `jobspor audit verify` prints) show that. Rows deleted
from the end of a chain after the last anchor leave no trace. On PostgreSQL the application's own role can do
neither (docs/audit.md): it may only INSERT and SELECT on these tables.
"""

import datetime as dt
import hashlib
import json
import zlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

GENESIS = ""  # prev_hash of the first row of a chain


def chained_models():
    from .models import AccessLog, Event

    return [AccessLog, Event]


# ---- hashing -------------------------------------------------------------------------------------------------

def _canonical_value(value):
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, dt.UTC)
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


# One encoder for every row (json.dumps with options makes a new one per call); the same text as json.dumps with
# these options.
_CANONICAL_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def canonical(fields, values) -> str:
    """The row as one JSON text: [[name, value], ...] in CHAIN_FIELDS order, keys of JSON values sorted."""
    return _CANONICAL_ENCODER.encode([[name, _canonical_value(value) if isinstance(value, dt.datetime) else value]
                                      for name, value in zip(fields, values, strict=True)])


def compute_hash(prev_hash: str, fields, values) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical(fields, values)}".encode()).hexdigest()


# ---- appending -----------------------------------------------------------------------------------------------

def _lock_key(table: str) -> int:
    return zlib.crc32(f"jobspor-chain:{table}".encode())  # fits PostgreSQL's bigint advisory-lock key


def _head(cursor, table) -> str:
    """The hash the next row links to: the last row's, or — when the retention rule has emptied the table — the
    last pruned row's, or GENESIS."""
    # One query whether or not the table is empty (a page's query count must not depend on the log's state).
    cursor.execute(f"SELECT (SELECT row_hash FROM {table} ORDER BY id DESC LIMIT 1), "
                   "(SELECT last_hash FROM audit_chainanchor WHERE chain = %s AND kind = 'prune' "
                   "ORDER BY last_id DESC LIMIT 1)", [table])
    last, pruned = cursor.fetchone()
    return last or pruned or GENESIS


def _next_ids(cursor, table, n) -> list[int]:
    # SQLite: AUTOINCREMENT's counter, so ids of deleted rows are never used again.
    cursor.execute(f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0), "
                   "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))", [table])
    top = cursor.fetchone()[0]
    return list(range(top + 1, top + n + 1))


def append(model, objs, *, using=None, insert):
    """Link `objs` (new, unsaved rows of a chained model) to the end of the model's chain and `insert` them, all
    in one transaction holding the chain's lock. Used by the models' save() and bulk_create()."""
    using = using or router.db_for_write(model)
    connection = connections[using]
    table = model._meta.db_table
    fields = model.CHAIN_FIELDS
    # No savepoint: an error inside rolls back the caller's transaction anyway (it is raised on).
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # lock, head and ids in one round trip (audit.triggers)
            cursor.execute("SELECT head, ids FROM jobspor_chain_reserve(%s, %s, %s)", [table, len(objs),
                                                                                      _lock_key(table)])
            prev, ids = cursor.fetchone()
        else:
            prev = _head(cursor, table)
            ids = _next_ids(cursor, table, len(objs))
        for obj, pk in zip(objs, ids, strict=True):
            obj.pk = pk
            if obj.at is None:
                obj.at = timezone.now()
            elif timezone.is_naive(obj.at):
                obj.at = timezone.make_aware(obj.at)
            obj.prev_hash = prev
            obj.row_hash = prev = compute_hash(prev, fields, [getattr(obj, name) for name in fields])
        return insert(objs)


def append_rows(model, rows, *, using=None) -> int:
    """Link `rows` (tuples of the model's CHAIN_FIELDS values after id and at, in that order) to the end of the
    model's chain and insert them with `core.bulk.rows_insert`: the rows `append` would write for the same values
    (ids and hashes the same way), without a model instance per row, and with one time (`at`) for the whole batch,
    as it is appended at once. For writers of many events (imports). Returns the number of rows."""
    from jobspor.core.bulk import rows_insert

    if not rows:
        return 0
    using = using or router.db_for_write(model)
    connection = connections[using]
    table = model._meta.db_table
    fields = model.CHAIN_FIELDS
    at = timezone.now()
    at_text = _canonical_value(at)  # canonical() gives a datetime as this text: hashed as the same row
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT head, ids FROM jobspor_chain_reserve(%s, %s, %s)", [table, len(rows),
                                                                                      _lock_key(table)])
            prev, ids = cursor.fetchone()
        else:
            prev = _head(cursor, table)
            ids = _next_ids(cursor, table, len(rows))
        linked = []
        encode, sha256 = _CANONICAL_ENCODER.encode, hashlib.sha256
        for row, pk in zip(rows, ids, strict=True):
            values = (pk, at_text, *row)
            if any(isinstance(value, dt.datetime) for value in row):
                row_hash = compute_hash(prev, fields, values)
            else:  # canonical()'s text: the (name, value) pairs are written as JSON arrays as lists are
                row_hash = sha256(f"{prev}\n{encode(list(zip(fields, values, strict=True)))}".encode()).hexdigest()
            linked.append((pk, at, *row, prev, row_hash))
            prev = row_hash
        return rows_insert(model, (*fields, "prev_hash", "row_hash"), linked, using=using, copy=True)


# ---- verifying -----------------------------------------------------------------------------------------------

@dataclass
class Finding:
    kind: str  # "changed", "broken_link", "missing_start", "backdated", "anchor_missing", "anchor_changed", "unchained"
    row_id: int | None
    detail: str


@dataclass
class ChainReport:
    chain: str
    rows: int = 0
    first_id: int | None = None
    last_id: int | None = None
    head_hash: str = GENESIS
    anchors_checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def skew() -> dt.timedelta:
    """How far a row's time may lie before an earlier row's (writers stamp the time before they take the lock)."""
    return dt.timedelta(seconds=getattr(settings, "JOBSPOR_AUDIT_CHAIN_SKEW_SECONDS", 60))


def _fmt(at) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S")


def verify_chain(model, *, using=None, chunk_size=5000) -> ChainReport:
    from .models import ChainAnchor

    using = using or router.db_for_read(model)
    table = model._meta.db_table
    fields = model.CHAIN_FIELDS
    report = ChainReport(chain=table)
    anchors = ChainAnchor.objects.using(using).filter(chain=table)
    pruned = anchors.filter(kind=ChainAnchor.Kind.PRUNE).order_by("-last_id").first()
    heads = {}
    for anchor in anchors.filter(kind=ChainAnchor.Kind.HEAD, last_id__isnull=False).order_by("id"):
        if pruned is None or anchor.last_id > pruned.last_id:
            heads.setdefault(anchor.last_id, anchor)
    expected_prev = pruned.last_hash if pruned else GENESIS
    prev_id = pruned.last_id if pruned else None
    latest_at = None
    rows = model.objects.using(using).order_by("id").values_list(*fields, "prev_hash", "row_hash")
    for values in rows.iterator(chunk_size=chunk_size):
        row = values[:-2]
        prev_hash, row_hash = values[-2:]
        pk, at = row[0], row[1]
        report.rows += 1
        if report.first_id is None:
            report.first_id = pk
        report.last_id = pk
        if not row_hash:
            report.findings.append(Finding("unchained", pk, "uden hash"))
        elif prev_hash != expected_prev:
            if report.rows == 1:
                report.findings.append(Finding("missing_start", pk, f"id {pk}"))
            else:
                report.findings.append(Finding("broken_link", pk, f"{prev_id}–{pk}"))
        if row_hash and compute_hash(prev_hash, fields, row) != row_hash:
            report.findings.append(Finding("changed", pk, f"id {pk}"))
        if latest_at is not None and at < latest_at - skew():
            report.findings.append(Finding("backdated", pk, f"{_fmt(at)} < {_fmt(latest_at)}"))
        latest_at = at if latest_at is None else max(latest_at, at)
        anchor = heads.pop(pk, None)
        if anchor is not None:
            report.anchors_checked += 1
            if anchor.last_hash != row_hash:
                report.findings.append(Finding("anchor_changed", pk, _fmt(anchor.at)))
        expected_prev, prev_id = row_hash, pk
    report.head_hash = expected_prev
    for pk, anchor in sorted(heads.items()):
        report.anchors_checked += 1
        report.findings.append(Finding("anchor_missing", pk, _fmt(anchor.at)))
    return report


def verify(*, using=None) -> list[ChainReport]:
    """Walk every chain; a report per chain (its `ok` is False when anything is wrong)."""
    return [verify_chain(model, using=using) for model in chained_models()]


def record_anchor(*, using=None) -> list:
    """Record each chain's head now (for scheduled work: after a clean verify(), e.g. every night). A row that
    was anchored and later goes missing shows that rows were deleted from the end of the chain."""
    from .models import ChainAnchor

    anchors = []
    for model in chained_models():
        db = using or router.db_for_write(model)
        last = model.objects.using(db).order_by("-id").values_list("id", "row_hash").first()
        anchors.append(ChainAnchor.objects.using(db).create(
            chain=model._meta.db_table, kind=ChainAnchor.Kind.HEAD, last_id=last[0] if last else None,
            last_hash=last[1] if last else "", rows=model.objects.using(db).count()))
    return anchors


# ---- the retention rule --------------------------------------------------------------------------------------

def _may_delete(cursor, table) -> bool:
    cursor.execute("SELECT has_table_privilege(%s, 'DELETE')", [table])
    return bool(cursor.fetchone()[0])


def prune(model, cutoff, *, using=None) -> int:
    """Delete the start of `model`'s chain up to the first row at or after `cutoff`, recording first (in a "prune"
    anchor) the last deleted row, to which the first remaining row links. The database lets rows go only when
    such an anchor covers them (audit.triggers). On PostgreSQL an application role without DELETE calls the
    owner's function jobspor_audit_prune, which does the same and refuses a cutoff inside the retention period."""
    from .models import ChainAnchor

    using = using or router.db_for_write(model)
    connection = connections[using]
    table = model._meta.db_table
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if not _may_delete(cursor, table):
                cursor.execute("SELECT jobspor_audit_prune(%s)", [cutoff])
                return cursor.fetchone()[0]
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(table)])
        keep = model.objects.using(using).filter(at__gte=cutoff).order_by("id").values_list("id", flat=True).first()
        doomed = model.objects.using(using).all()
        if keep is not None:
            doomed = doomed.filter(id__lt=keep)
        last = doomed.order_by("-id").values_list("id", "row_hash").first()
        if last is None:
            return 0
        count = doomed.count()
        ChainAnchor.objects.using(using).create(chain=table, kind=ChainAnchor.Kind.PRUNE, last_id=last[0],
                                                last_hash=last[1], rows=count)
        cursor.execute(f"DELETE FROM {table} WHERE id <= %s", [last[0]])
        return cursor.rowcount
