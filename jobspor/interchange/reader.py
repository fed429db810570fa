"""Reading JSON Lines: one object per line, UTF-8; blank lines are skipped but counted."""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .fields import shown


@dataclass
class Line:
    number: int
    record: dict | None = None
    error: str | None = None


class _RepeatedKey(ValueError):
    pass


def _object(pairs):
    record = {}
    for key, value in pairs:
        if key in record:
            raise _RepeatedKey(key)
        record[key] = value
    return record


def _no_constant(name):
    raise ValueError(name)  # NaN and Infinity are not JSON


def lines_read(raw_lines: Iterable[bytes]) -> Iterator[Line]:
    for number, raw in enumerate(raw_lines, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a byte-order mark, as spreadsheets write it
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            yield Line(number, error=_("ugyldige tegn (filen skal være UTF-8)"))
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
        except _RepeatedKey as exc:
            yield Line(number, error=_("feltet '%(name)s' står flere gange") % {"name": shown(exc.args[0])})
            continue
        except json.JSONDecodeError as exc:
            yield Line(number, error=_("ugyldig JSON (kolonne %(column)d)") % {"column": exc.colno})
            continue
        except ValueError:
            yield Line(number, error=_("ugyldig JSON"))
            continue
        if not isinstance(record, dict):
            yield Line(number, error=_("linjen skal være et JSON-objekt"))
            continue
        yield Line(number, record=record)
