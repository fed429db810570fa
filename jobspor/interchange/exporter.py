"""`jobspor export`: every record in dependency order, one JSON object per line.

The file appears only once it is complete and the access log names every citizen it shows; it is
created readable by its owner only, as it holds CPR numbers."""

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from django.db import transaction

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action

from . import registry
from .context import ExportContext


def record_dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def export_file(path: Path) -> dict[str, int]:
    """Write the export to `path`. Returns the number of records per type."""
    path = Path(path)
    ctx = ExportContext()
    counts = Counter()
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="\n", dir=path.parent or ".",
                                         prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with transaction.atomic():
            with handle:
                for record_type in registry.in_dependency_order():
                    for record in record_type.export(ctx):
                        handle.write(record_dumps(record) + "\n")
                        counts[record_type.type] += 1
            if ctx.citizen_ids:
                access_log_write(actor=None, action=Action.EXPORT, purpose="Eksport",
                                 citizen_ids=sorted(ctx.citizen_ids), path=str(path.resolve())[:500])
        os.replace(handle.name, path)
    except BaseException:
        os.unlink(handle.name)
        raise
    return {rt.type: counts[rt.type] for rt in registry.in_dependency_order()}
