"""Is requirements/lock.txt in step with pyproject.toml? Offline: every direct dependency (and those of the `test`
extra) must be pinned in the lock, at a version its specifier allows, with hashes. Exit 1 and say which are not.

After changing dependencies in pyproject.toml run `make lock` (uv pip compile …, the Makefile has the command)."""

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)")


def pins(lock_text: str) -> dict[str, set[Version]]:
    found: dict[str, set[Version]] = {}
    for line in lock_text.splitlines():
        match = PIN.match(line)
        if match:
            name = canonicalize_name(match.group(1).split("[")[0])
            found.setdefault(name, set()).add(Version(match.group(2)))
    return found


def problems(pyproject_text: str, lock_text: str) -> list[str]:
    project = tomllib.loads(pyproject_text)["project"]
    wanted = [*project["dependencies"], *project.get("optional-dependencies", {}).get("test", [])]
    pinned = pins(lock_text)
    out = []
    for spec in wanted:
        requirement = Requirement(spec)
        versions = pinned.get(canonicalize_name(requirement.name))
        if not versions:
            out.append(f"{requirement.name}: in pyproject.toml, not in the lock")
        elif not any(requirement.specifier.contains(v, prereleases=True) for v in versions):
            out.append(f"{requirement.name}: the lock pins {sorted(map(str, versions))}, pyproject.toml wants "
                       f"{requirement.specifier}")
    entries = [e for e in re.split(r"\n(?=\S)", lock_text) if PIN.match(e)]
    out += [f"{PIN.match(e).group(1)}: pinned without a hash" for e in entries if "--hash=sha256:" not in e]
    return out


def main() -> int:
    found = problems((ROOT / "pyproject.toml").read_text(), (ROOT / "requirements" / "lock.txt").read_text())
    for line in found:
        print(f"requirements/lock.txt is out of step: {line}", file=sys.stderr)
    if found:
        print("Run `make lock` and commit requirements/lock.txt.", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
