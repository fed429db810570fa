"""Every question of seed 004's ten "Test praksis i eget jobcenter" lists is shipped, verbatim, with its source."""

import re
from pathlib import Path

import pytest

from jobspor.fidelity.questions import catalogue, rows

SEED = Path("/work/shared/seeds/004_a605794e083b144c.txt")
# Counted by hand in the seed (lines 132–393): questions per list, in the seed's order.
PER_LIST = [5, 4, 6, 5, 3, 5, 6, 3, 4, 5]
PER_STRAND = {1: 5 + 4, 2: 6 + 5, 3: 3 + 5 + 6 + 3 + 4 + 5}


def seed_lists(text: str) -> list[list[tuple[int, str]]]:
    """The questions under each "Test praksis i eget jobcenter" heading: (line number, text) of each "- " item up
    to the next heading."""
    lines = text.split("\n")
    found = []
    for i, line in enumerate(lines):
        if re.fullmatch(r"#+\s*\**Test praksis i eget jobcenter\**\s*", line):
            items = []
            for j in range(i + 1, len(lines)):
                if lines[j].startswith("#"):
                    break
                if lines[j].startswith("- "):
                    items.append((j + 1, lines[j][2:].strip()))
            found.append(items)
    return found


def test_ten_lists_with_46_questions():
    data = catalogue()
    assert [len(s["questions"]) for s in data["sections"]] == PER_LIST
    assert len(rows()) == sum(PER_LIST) == 46
    by_strand = {}
    for row in rows():
        by_strand[row["strand"]] = by_strand.get(row["strand"], 0) + 1
    assert by_strand == PER_STRAND == {1: 9, 2: 11, 3: 26}


@pytest.mark.skipif(not SEED.exists(), reason="the seed text is not on this machine")
def test_the_questions_are_the_seeds_own_words_and_lines():
    """Re-derived from the seed: the same count, the same words, the same line numbers."""
    lists = seed_lists(SEED.read_text(encoding="utf-8"))
    assert [len(items) for items in lists] == PER_LIST
    shipped = [[(q["line"], q["text"]) for q in s["questions"]] for s in catalogue()["sections"]]
    assert shipped == lists


def test_each_question_names_its_source():
    for row in rows():
        assert row["source"].startswith("Seed 004 (004_a605794e083b144c.txt)")
        assert "Test praksis i eget jobcenter" in row["source"] and "linje " in row["source"]
        assert f"spor {row['strand']}, side " in row["source"]
    codes = [row["code"] for row in rows()]
    assert len(set(codes)) == 46


@pytest.mark.django_db
def test_the_migration_loaded_them_and_sync_is_idempotent():
    from jobspor.fidelity.models import Question
    from jobspor.fidelity.questions import sync

    assert Question.objects.count() == 46
    assert sync() == (0, 0)
    first = Question.objects.get(code="1.1")
    assert first.text == "Taler I med borgeren om muligheder for ordinære timer ved første samtale?"
    assert first.strand == 1 and "linje 134" in first.source
    assert Question.objects.get(code="7.6").section_heading == "Sæt klar retning og skab de rette rammevilkår"
