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


# json.loads with an option builds a new decoder per call (0.2 s of a 70,000-line import): one for every line.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)

MAX_DEPTH = 8  # the deepest record (a job's requirements) is 3 levels


def _content_problem(record, check_text: bool = True) -> tuple[str | None, int]:
    """Why a parsed record cannot be used (lone surrogates, deep nesting), walked without recursion, and the number
    of object keys in it. `check_text`: look at the texts (needed only when the line has a \\u escape: the file
    is valid UTF-8 and JSON forbids a raw NUL, so only an escape can make a lone surrogate or a NUL)."""
    stack = [(record, 1)]
    keys = 0
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _("for mange niveauer inde i hinanden (højst %(n)d)") % {"n": MAX_DEPTH}, keys
        kind = type(value)
        if kind is dict:
            keys += len(value)
            stack.extend((item, depth + 1) for item in (*value.keys(), *value.values()))
        elif kind is list:
            stack.extend((item, depth + 1) for item in value)
        elif kind is str and check_text:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return _("ugyldig tekst: et halvt tegn (\\u-surrogat uden sin anden halvdel)"), keys
            if "\x00" in value:  # PostgreSQL stores no NUL in text
                return _("ugyldig tekst: tegnet NUL (\\u0000)"), keys
    return None, keys


def _keys_count(record: dict) -> int:
    """The keys of all objects in a record (only the lists and objects are walked)."""
    keys, stack = 0, [record]
    while stack:
        value = stack.pop()
        if type(value) is dict:
            keys += len(value)
            value = value.values()
        stack.extend(item for item in value if type(item) is dict or type(item) is list)
    return keys


def _parse(text: str):
    """The line's value and its content problem; raises as json.loads with the repeated-key hook raises.

    Plain json.loads (C, no Python call per object) first: it keeps the last of repeated keys silently. Every key
    of the text has one colon after it outside the texts, so when the parsed objects hold as many keys as the line
    has colons, no key was repeated. Otherwise (a colon inside a text, or a repeated key), and for anything but a
    clean object (an error, a list), the line is parsed again with the hook, so the outcome and the message are
    the hook's as before."""
    hooked = {"object_pairs_hook": _object, "parse_constant": _no_constant}
    try:
        record = _DECODER.decode(text)  # json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):  # which error the hook meets first decides the message
        return json.loads(text, **hooked), None
    if not isinstance(record, dict):
        return json.loads(text, **hooked), None
    check_text = "\\u" in text
    if check_text or text.count("{") + text.count("[") >= MAX_DEPTH:
        problem, keys = _content_problem(record, check_text)
    else:  # fewer brackets than levels allowed, no escape: nothing to find but the keys to count
        problem, keys = None, _keys_count(record)
    if keys != text.count(":"):
        record = json.loads(text, **hooked)
    return record, problem


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
            record, problem = _parse(text)
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
        if problem:
            yield Line(number, size=size, error=problem)
            continue
        yield Line(number, record=record, size=size)
