"""requirements/lock.txt is in step with pyproject.toml (scripts/check_lock.py; `make lock` remakes it)."""

import importlib.util
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
spec = importlib.util.spec_from_file_location("check_lock", ROOT / "scripts" / "check_lock.py")
check_lock = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_lock)

PYPROJECT = """[project]
dependencies = ["Django>=5.2,<5.3", "requests>=2.31"]
[project.optional-dependencies]
test = ["pytest>=8"]
"""
LOCK = """django==5.2.9 \\
    --hash=sha256:aa
    # via jobspor
requests==2.32.5 \\
    --hash=sha256:bb
pytest==8.4.2 \\
    --hash=sha256:cc
"""


def test_the_lock_is_in_step_with_pyproject():
    found = check_lock.problems((ROOT / "pyproject.toml").read_text(), (ROOT / "requirements" / "lock.txt").read_text())
    assert not found, "\n".join(found) + "\nRun `make lock` and commit requirements/lock.txt."


def test_the_check_finds_a_missing_a_stale_and_an_unhashed_pin():
    assert check_lock.problems(PYPROJECT, LOCK) == []
    added = PYPROJECT.replace('"requests>=2.31"', '"requests>=2.31", "django-tasks>=0.7"')
    assert check_lock.problems(added, LOCK) == ["django-tasks: in pyproject.toml, not in the lock"]
    raised = PYPROJECT.replace("Django>=5.2,<5.3", "Django>=6")
    assert check_lock.problems(raised, LOCK) == ["Django: the lock pins ['5.2.9'], pyproject.toml wants >=6"]
    unhashed = LOCK.replace("pytest==8.4.2 \\\n    --hash=sha256:cc", "pytest==8.4.2")
    assert check_lock.problems(PYPROJECT, unhashed) == ["pytest: pinned without a hash"]
