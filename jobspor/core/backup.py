"""Backups of the whole database and their restore (issue 15.5), for both databases Jobspor runs on.

- SQLite: the online backup API (sqlite3.Connection.backup) copies a consistent snapshot while Jobspor runs.
- PostgreSQL: pg_dump in its custom format, restored with pg_restore (--no-owner: the target's role owns it).

A restore goes only into an EMPTY database (no Jobspor tables), so a mistyped command never overwrites live
data; restoring over a running installation means creating a new database and pointing DATABASE_URL at it.
A file that is not a Jobspor backup of the right kind is refused before anything is written.
Retention (docs/deploy.md): keep daily backups 14 days, monthly 12 months; `prune` takes a directory."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection
from django.utils import timezone

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
MARKER_TABLE = "cases_case"  # a Jobspor database has it; a backup without it is not ours


class BackupError(Exception):
    """A Danish message for the operator; nothing has been changed."""


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M%S")


def _pg_env_and_url() -> tuple[dict, str]:
    settings = connection.settings_dict
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    host, port = settings.get("HOST") or "localhost", settings.get("PORT") or "5432"
    user = settings.get("USER") or "postgres"
    return env, f"postgresql://{user}@{host}:{port}/{settings['NAME']}"


def backup(directory: Path) -> Path:
    """Write a backup of the database into `directory`; returns the file."""
    directory.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        target = directory / f"jobspor-{_stamp()}.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as out:
            connection.connection.backup(out)
        out.close()
        return target
    if connection.vendor == "postgresql":
        target = directory / f"jobspor-{_stamp()}.pgdump"
        env, url = _pg_env_and_url()
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", url], env)
        return target
    raise BackupError(f"Databasen {connection.vendor} understøttes ikke.")


def _run(args, env):
    if shutil.which(args[0]) is None:
        raise BackupError(f"{args[0]} findes ikke på maskinen: installér PostgreSQL' klientprogrammer.")
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} fejlede: {result.stderr.strip()[:500]}")
    return result.stdout


def _kind_of(path: Path) -> str:
    if not path.is_file():
        raise BackupError(f"Filen {path} findes ikke.")
    head = path.open("rb").read(16)
    if head.startswith(SQLITE_MAGIC):
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if MARKER_TABLE not in tables or "django_migrations" not in tables:
            raise BackupError(f"{path} er en SQLite-database, men ikke en Jobspor-backup.")
        return "sqlite"
    if head.startswith(PG_MAGIC):
        listing = _run(["pg_restore", "--list", str(path)], {**os.environ})
        if f"TABLE public {MARKER_TABLE} " not in listing:
            raise BackupError(f"{path} er en PostgreSQL-dump, men ikke en Jobspor-backup.")
        return "postgresql"
    raise BackupError(f"{path} er ikke en Jobspor-backup (hverken en SQLite-database eller en pg_dump-fil).")


def database_is_empty() -> bool:
    return MARKER_TABLE not in connection.introspection.table_names()


def restore(path: Path) -> None:
    """Restore the backup into the configured database, which must be empty."""
    kind = _kind_of(path)
    if kind != connection.vendor:
        raise BackupError(f"Backuppen er fra {kind}, men databasen er {connection.vendor}.")
    if not database_is_empty():
        raise BackupError("Databasen er ikke tom. En backup lægges kun ind i en ny, tom database: opret den, og "
                          "peg DATABASE_URL på den. Intet er ændret.")
    if kind == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
            source.backup(connection.connection)
        return
    env, url = _pg_env_and_url()
    _run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={url}", str(path)], env)


def prune(directory: Path, *, today: dt.date | None = None, daily_days=14, monthly_months=12) -> list[Path]:
    """Delete backups beyond the retention: every backup of the last `daily_days` days, and the first of each
    month for `monthly_months` months, are kept. Returns the files deleted."""
    today = today or timezone.localdate()
    files = sorted(p for p in directory.glob("jobspor-*") if p.suffix in {".sqlite3", ".pgdump"})
    firsts = {}
    for path in files:
        day = dt.datetime.strptime(path.stem.removeprefix("jobspor-")[:8], "%Y%m%d").date()
        firsts.setdefault((day.year, day.month), path)
    keep_months, year, month = set(), today.year, today.month
    for _n in range(monthly_months):
        keep_months.add((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    deleted = []
    for path in files:
        day = dt.datetime.strptime(path.stem.removeprefix("jobspor-")[:8], "%Y%m%d").date()
        recent = (today - day).days < daily_days
        monthly = firsts.get((day.year, day.month)) == path and (day.year, day.month) in keep_months
        if not (recent or monthly):
            path.unlink()
            deleted.append(path)
    return deleted


def record(verb: str, path: Path, **after) -> None:
    """An event in the database the command ran against (a command has no user: the actor is the system)."""
    from jobspor.audit.models import Event

    if database_is_empty():
        return
    Event.objects.create(actor="jobspor (kommando)", verb=verb, target_type="backup", target_ref=path.name[:200],
                         after={"file": str(path), **after})
