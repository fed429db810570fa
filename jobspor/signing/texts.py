"""The consent forms' fixed texts, shipped as data (texts/<kind>.json), one entry per version. A new wording is a
new version appended to the file: documents already signed keep the whole text they were shown (it is part of
the frozen document), so the file never needs to keep old wording for them — but it does, for the record."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEXTS_DIR = Path(__file__).parent / "texts"


@dataclass(frozen=True)
class FormText:
    kind: str
    version: int
    title: str
    paragraphs: tuple[str, ...]
    choices: tuple[tuple[str, str], ...]  # (key, label)
    at_least_one: bool

    @property
    def choice_labels(self) -> dict[str, str]:
        return dict(self.choices)


@cache
def _versions(kind: str) -> tuple[FormText, ...]:
    data = json.loads((TEXTS_DIR / f"{kind}.json").read_text(encoding="utf-8"))
    return tuple(FormText(kind=kind, version=v["version"], title=v["title"], paragraphs=tuple(v["paragraphs"]),
                          choices=tuple((c["key"], c["label"]) for c in v["choices"]),
                          at_least_one=bool(v.get("at_least_one")))
                 for v in sorted(data["versions"], key=lambda v: v["version"]))


def current_text(kind: str) -> FormText:
    """The wording new forms are made with: the highest version."""
    return _versions(kind)[-1]


def all_versions(kind: str) -> tuple[FormText, ...]:
    return _versions(kind)
