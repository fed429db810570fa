"""`jobspor import`: validate every line, then write all of them in one transaction, or nothing.

The file is streamed in three passes, so memory holds one batch of records (plus one small entry per key), never
the whole file:

1. read: parse each line and declare its key (records may refer to records further down the file); the parsed
   lines go to a spool file on disk;
2. validate: read the spool back in batches, validate each record and run the checks across records; the valid
   records go to one spool per type. Any invalid line: report them all (`line N: …`) and write nothing;
3. write: in one transaction, each type in dependency order, in batches (RecordType.write_batch).
"""

import pickle
import tempfile
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext as _

from jobspor.core.statistics import BULK_ROWS, statistics_refresh

from . import registry
from .context import ImportContext
from .errors import ImportRejected, LineError, RecordInvalid
from .fields import shown
from .progress import NO_PROGRESS
from .reader import lines_read

BATCH = 2000  # records validated or written together: large enough to share queries, small enough for memory
# On SQLite a load this large writes without matching's and the KPI facts' change triggers (a change row per row
# written): matching logs one "all" change (every process builds its index anew) and every case is marked for its
# facts. Not on PostgreSQL: dropping a trigger takes an exclusive lock on its table until the import commits, so every
# page reading cases, CVs or placements would wait for the whole import (minutes); with the triggers the import is
# slower (about 1.6 times, 10,000 cases) but the jobcentre keeps working. On SQLite readers go on (WAL) and other
# writers wait for the import either way.
PAUSE_TRIGGERS_ROWS = 50_000


def import_file(path: Path, progress=NO_PROGRESS) -> dict[str, int]:
    """Import a JSON Lines file. Returns the number of records per type; raises ImportRejected."""
    with open(path, "rb") as handle:
        return import_lines(handle, progress=progress, size=Path(path).stat().st_size)


def import_lines(raw_lines, *, progress=NO_PROGRESS, size: int | None = None) -> dict[str, int]:
    """Import JSON Lines from any iterable of bytes lines (read once). `size`: the bytes in all, for progress."""
    ctx = ImportContext()
    with _without_memory_map():
        with Spool() as lines:
            _read(raw_lines, lines, ctx, progress, size)
            valid = _validate(lines, ctx, progress)
        try:
            counts = _write(valid, ctx, progress)
        finally:
            for spool in valid.values():
                spool.close()
        if sum(counts.values()) >= BULK_ROWS:
            statistics_refresh()  # ANALYZE reads every table: through the map, the whole file would be resident
    return {rt.type: counts[rt.type] for rt in registry.in_dependency_order() if counts[rt.type]}


class Spool:
    """Items kept in a temporary file between passes, pickled a batch at a time; read back in batches."""

    def __init__(self):
        self._file = tempfile.TemporaryFile()
        self._pending = []
        self.count = 0

    def add(self, item) -> None:
        self._pending.append(item)
        self.count += 1
        if len(self._pending) >= BATCH:
            self._flush()

    def batches(self):
        self._flush()
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return

    def _flush(self):
        if self._pending:
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def close(self):
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _read(raw_lines, spool: Spool, ctx: ImportContext, progress, size) -> None:
    """Pass 1: parse every line and declare its key."""
    progress.start(_("Læser"), size)
    for line in lines_read(raw_lines):
        record_type = registry.get(line.record.get("type")) if line.record else None
        key = record_type.key_of(line.record) if record_type else None
        if key is not None:
            ctx.declare(record_type.type, key)
        spool.add(line)
        progress.advance(line.size)
    progress.finish()


def _validate(lines: Spool, ctx: ImportContext, progress) -> dict[str, Spool]:
    """Pass 2: the valid records, one spool per type, in file order; raises ImportRejected listing every invalid
    line (and then nothing has been written)."""
    problems = defaultdict(list)
    valid = {rt.type: Spool() for rt in registry.in_dependency_order()}
    progress.start(_("Kontrollerer"), lines.count)
    try:
        for batch in lines.batches():
            by_type = defaultdict(list)
            for line in batch:
                found = _line_valid(line, ctx, problems)
                if found:
                    by_type[found[0].type].append((line.number, found[1]))
            for record_type in registry.in_dependency_order():
                items = by_type.get(record_type.type)
                if not items:
                    continue
                for number, found_problems in record_type.check_file(items, ctx).items():
                    problems[number].extend(found_problems)
                for item in items:
                    valid[record_type.type].add(item)
            progress.advance(len(batch))
        progress.finish()
    except BaseException:
        for spool in valid.values():
            spool.close()
        raise
    if problems:
        for spool in valid.values():
            spool.close()
        raise ImportRejected([LineError(number, problems[number]) for number in sorted(problems)])
    return valid


def _line_valid(line, ctx: ImportContext, problems) -> tuple | None:
    """(record type, cleaned data) of a valid line; otherwise None, its problems added to `problems`."""
    if line.error:
        problems[line.number].append(("", line.error))
        return None
    record_type = _record_type(line, problems)
    if record_type is None:
        return None
    try:
        data = record_type.validate(line.record, ctx)
    except RecordInvalid as exc:
        problems[line.number].extend(exc.problems)
        return None
    key = record_type.key_of(data)
    earlier = ctx.first_valid(record_type.type, key, line.number)
    if earlier is not None:
        problems[line.number].append((record_type.key[0], _("'%(key)s' står allerede i linje %(line)d")
                                      % {"key": shown(key), "line": earlier}))
        return None
    return record_type, data


def _write(valid: dict[str, Spool], ctx: ImportContext, progress) -> Counter:
    """Pass 3: every valid record, type by type in dependency order, in one transaction."""
    counts = Counter()
    total = sum(spool.count for spool in valid.values())
    progress.start(_("Skriver"), total)
    pause = total >= PAUSE_TRIGGERS_ROWS and connection.vendor == "sqlite"
    with transaction.atomic(), _triggers_paused(pause):
        for record_type in registry.in_dependency_order():
            for batch in valid[record_type.type].batches():
                record_type.write_batch(batch, ctx)
                counts[record_type.type] += len(batch)
                progress.advance(len(batch))
    progress.finish()
    return counts


@contextmanager
def _without_memory_map():
    """SQLite: the import reads the file through SQLite's own page cache, not the memory map of the settings
    (`mmap_size`, for the pages' reads). The mapped pages count in the process's resident memory, which then grew
    with the database: 1.1 GB for the 100,000-case export against 254 MB without the map, in the same time."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size")
        row = cursor.fetchone()  # none for a database in memory (the tests')
        size = int(row[0]) if row else 0
        if size:
            cursor.execute("PRAGMA mmap_size=0")
    if not size:
        yield
        return
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size={size}")


@contextmanager
def _triggers_paused(pause: bool):
    """Inside the import's transaction: for a large load, lift the change triggers (matching.changes.paused,
    kpi.facts.paused; the rollback of a failed import restores them)."""
    if not pause:
        yield
        return
    from jobspor.kpi.facts import paused as facts_paused
    from jobspor.matching.changes import paused as matching_paused

    with facts_paused(), matching_paused():
        yield


def _record_type(line, problems):
    type_name = line.record.get("type")
    record_type = registry.get(type_name)
    if record_type is None:
        if type_name is None:
            message = _("feltet mangler")
        else:
            message = _("ukendt posttype '%(type)s'") % {"type": shown(type_name)}
        problems[line.number].append(("type", message))
    return record_type
