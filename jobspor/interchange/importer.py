"""`jobspor import`: validate every line, then write all of them in one transaction, or nothing."""

from collections import Counter, defaultdict
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jobspor.core.statistics import BULK_ROWS, statistics_refresh

from . import registry
from .context import ImportContext
from .errors import ImportRejected, LineError, RecordInvalid, problems_of
from .fields import shown
from .reader import lines_read


def import_file(path: Path) -> dict[str, int]:
    """Import a JSON Lines file. Returns the number of records per type; raises ImportRejected."""
    with open(path, "rb") as handle:
        return import_lines(handle)


def import_lines(raw_lines) -> dict[str, int]:
    ctx = ImportContext()
    valid = lines_validate(raw_lines, ctx)
    counts = Counter()
    with transaction.atomic():
        for record_type in registry.in_dependency_order():
            for number, data in valid[record_type.type]:
                try:
                    obj = record_type.upsert(data, ctx)
                except ValidationError as exc:  # validation should have caught it; roll back all the same
                    raise ImportRejected([LineError(number, problems_of(exc))]) from exc
                ctx.remember(record_type.type, record_type.key_of(data), obj)
                counts[record_type.type] += 1
    if sum(counts.values()) >= BULK_ROWS:
        statistics_refresh()
    return {rt.type: counts[rt.type] for rt in registry.in_dependency_order() if counts[rt.type]}


def lines_validate(raw_lines, ctx: ImportContext) -> dict[str, list[tuple[int, dict]]]:
    """The cleaned records by type, in file order; raises ImportRejected listing every invalid line."""
    lines = list(lines_read(raw_lines))
    for line in lines:  # first the keys, so records may refer to records further down the file
        record_type = registry.get(line.record.get("type")) if line.record else None
        key = record_type.key_of(line.record) if record_type else None
        if key is not None:
            ctx.declare(record_type.type, key)

    problems = defaultdict(list)
    valid = defaultdict(list)
    first_line = {}
    for line in lines:
        if line.error:
            problems[line.number].append(("", line.error))
            continue
        record_type = _record_type(line, problems)
        if record_type is None:
            continue
        try:
            data = record_type.validate(line.record, ctx)
        except RecordInvalid as exc:
            problems[line.number].extend(exc.problems)
            continue
        key = (record_type.type, record_type.key_of(data))
        if key in first_line:
            problems[line.number].append((record_type.key[0], _("'%(key)s' står allerede i linje %(line)d")
                                          % {"key": shown(key[1]), "line": first_line[key]}))
            continue
        first_line[key] = line.number
        valid[record_type.type].append((line.number, data))

    for record_type in registry.in_dependency_order():
        for number, found in record_type.check_file(valid[record_type.type], ctx).items():
            problems[number].extend(found)
    if problems:
        raise ImportRejected([LineError(number, problems[number]) for number in sorted(problems)])
    return valid


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
