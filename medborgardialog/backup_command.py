"""`medborgardialog backup`: a consistent copy of the database while the server writes.

SQLite's online backup copies the file page by page inside one read transaction, so the
copy is the database as it was at one moment, whatever is committed meanwhile (in WAL mode
readers never block the writer). The copy is checked with `PRAGMA integrity_check` and
only then moved into place, so a failed backup never replaces a good one.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
from pathlib import Path

from medborgardialog.command_base import CommandError
from medborgardialog.settings import Settings


def add_backup_command(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="copy the database consistently while the server runs, and check it"
    )
    backup.add_argument(
        "--db", help="database file (default: $MEDBORGARDIALOG_DB or medborgardialog.db)"
    )
    backup.add_argument("--out", required=True, help="the backup file to write")


def back_up(source: Path, target: Path) -> tuple[int, int]:
    """Copy `source` to `target` (atomically replaced); returns (bytes, answers) copied."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    reader = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    try:
        copy = sqlite3.connect(partial)
        try:
            # In one step: a copy in steps starts again whenever the server commits between
            # two of them, and might never finish on a busy day.
            reader.backup(copy)
            # A single file that needs no -wal beside it, as a backup should be.
            copy.execute("PRAGMA journal_mode = DELETE")
            (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"the copy failed its integrity check: {verdict}")
            (answers,) = copy.execute("SELECT count(*) FROM responses").fetchone()
        finally:
            copy.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        reader.close()
    os.chmod(partial, 0o600)  # it holds what the database holds
    partial.replace(target)
    return target.stat().st_size, answers


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a checked copy of the database to --out."""
    settings = Settings.from_env(db=args.db)
    if not settings.db.exists():
        raise CommandError(f"no database at {settings.db}")
    target = Path(args.out)
    if target.resolve() == settings.db.resolve():
        raise CommandError("--out must not be the database itself")
    size, answers = back_up(settings.db, target)
    print(f"backed up {settings.db} to {target}: {size:,} bytes, {answers} answers, integrity ok")
    return 0
