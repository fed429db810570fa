"""The "Test praksis i eget jobcenter" questions of seed 004, shipped as data (data/test_praksis.json) with where
each stands in the seed. `sync` loads them into the Question table (migration 0002 and `jobspor
fidelity_questions`); it adds and corrects, never deletes (an answered question keeps its answers)."""

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "test_praksis.json"


@cache
def catalogue() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def rows() -> list[dict]:
    """One dict per question with the Question model's fields."""
    data = catalogue()
    seed = data["source"]["seed"]
    pages = {s["number"]: s["pages"] for s in data["strands"]}
    found = []
    for section in data["sections"]:
        heading = section["heading"]
        where = f"«{section['chapter']}» › «{heading}»" if section.get("chapter") else f"«{heading}»"
        for position, question in enumerate(section["questions"], 1):
            found.append({
                "code": question["code"], "strand": section["strand"], "section": section["number"],
                "section_heading": heading, "position": position, "text": question["text"],
                "source": (f"Seed 004 ({seed}), {where} › «{data['source']['list_heading']}», linje "
                           f"{question['line']}; spor {section['strand']}, side {pages[section['strand']]}"),
            })
    return found


def sync(question_model=None) -> tuple[int, int]:
    """Create missing questions and correct changed ones (by code). Returns (created, changed)."""
    if question_model is None:
        from .models import Question as question_model
    existing = {q.code: q for q in question_model.objects.all()}
    created = changed = 0
    for row in rows():
        current = existing.get(row["code"])
        if current is None:
            question_model.objects.create(**row)
            created += 1
        elif any(getattr(current, k) != v for k, v in row.items()):
            for key, value in row.items():
                setattr(current, key, value)
            current.save()
            changed += 1
    return created, changed
