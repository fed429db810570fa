"""Reading JSON Lines: one object per line, UTF-8; blank lines are skipped but counted.

Whatever a line holds, reading it gives a record or a Danish reason, never an exception: no lone UTF-16 surrogate
("\\ud800", which no database can store), no NUL character (PostgreSQL refuses it) and no nesting deeper than any
record needs."""

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
    size: int = 0  # the line's bytes in the file (for progress)


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


MAX_DEPTH = 8  # the deepest record (a job's requirements) is 3 levels


def _content_problem(record) -> str | None:
    """Why a parsed record cannot be used (lone surrogates, deep nesting), walked without recursion."""
    stack = [(record, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _("for mange niveauer inde i hinanden (højst %(n)d)") % {"n": MAX_DEPTH}
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in (*value.keys(), *value.values()))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return _("ugyldig tekst: et halvt tegn (\\u-surrogat uden sin anden halvdel)")
            if "\x00" in value:  # PostgreSQL stores no NUL in text
                return _("ugyldig tekst: tegnet NUL (\\u0000)")
    return None


def lines_read(raw_lines: Iterable[bytes]) -> Iterator[Line]:
    for number, raw in enumerate(raw_lines, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a byte-order mark, as spreadsheets write it
        size = len(raw)
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            yield Line(number, size=size, error=_("ugyldige tegn (filen skal være UTF-8)"))
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
        except _RepeatedKey as exc:
            yield Line(number, size=size, error=_("feltet '%(name)s' står flere gange") % {"name": shown(exc.args[0])})
            continue
        except json.JSONDecodeError as exc:
            yield Line(number, size=size, error=_("ugyldig JSON (kolonne %(column)d)") % {"column": exc.colno})
            continue
        except RecursionError:
            yield Line(number, size=size,
                       error=_("for mange niveauer inde i hinanden (højst %(n)d)") % {"n": MAX_DEPTH})
            continue
        except ValueError:  # NaN, Infinity, integers of more than 4,300 digits
            yield Line(number, size=size, error=_("ugyldig JSON"))
            continue
        if not isinstance(record, dict):
            yield Line(number, size=size, error=_("linjen skal være et JSON-objekt"))
            continue
        problem = _content_problem(record)
        if problem:
            yield Line(number, size=size, error=problem)
            continue
        yield Line(number, record=record, size=size)
