"""`medborgardialog promises check|import`: promise files validated, and brought into the store."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

import promises as sample_promises
from medborgardialog.settings import Settings
from survey import load_campaigns
from survey.promises.loader import check_links, load_promise, load_promises


def add_promise_commands(commands) -> None:
    """Add `promises check` and `promises import` to the CLI's subcommands."""
    parser = commands.add_parser("promises", help="work with citizen promise files")
    actions = parser.add_subparsers(dest="promises_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate promise files and their links")
    check.add_argument("dir", nargs="?", help="folder of promise files (default: the samples)")
    check.add_argument(
        "--campaigns",
        dest="campaigns_dir",
        help="folder of the campaign files they follow (default: the sample campaigns)",
    )
    found = actions.add_parser(
        "import",
        help="store a promise file (again: changed statuses and new updates are recorded)",
    )
    found.add_argument("file", help="the promise file (TOML)")
    found.add_argument(
        "--db", help="database file (default: $MEDBORGARDIALOG_DB or medborgardialog.db)"
    )
    found.add_argument(
        "--campaigns",
        dest="campaigns_dir",
        help="folder of the campaign files it follows (default: the sample campaigns)",
    )


def cmd_promises(args: argparse.Namespace) -> int:
    """Run `promises check` or `promises import`."""
    settings = Settings.from_env(db=getattr(args, "db", None), campaigns_dir=args.campaigns_dir)
    campaigns = load_campaigns(settings.campaigns_dir)
    if args.promises_command == "check":
        directory = Path(args.dir) if args.dir else sample_promises.SAMPLE_DIR
        found = load_promises(directory)
        if not found:
            raise ValueError(f"no promise files (*.toml) in {directory}")
        for promise in found.values():
            check_links(promise, campaigns, promise.id)
            state = f"published {promise.published}" if promise.published else "draft"
            print(
                f"{promise.id}: ok ({len(promise.activities)} activities, "
                f"parties {', '.join(p.id for p in promise.parties)}, {state})"
            )
        return 0
    path = Path(args.file)
    promise = load_promise(path)
    check_links(promise, campaigns, path.name)
    saved = import_promise(settings.db, promise)
    if saved.created:
        print(f"{promise.id}: imported (revision {saved.revision})")
    elif saved.changed:
        print(
            f"{promise.id}: updated (revision {saved.revision}, {saved.new_updates} new updates, "
            f"{saved.events} events)"
        )
    else:
        print(f"{promise.id}: unchanged")
    return 0


def import_promise(db_path: Path, promise, now: datetime | None = None):
    """Save one promise in the database file, in one transaction."""
    from storage import open_database
    from storage.connection import immediate
    from storage.promises import save_promise

    db = open_database(db_path)
    try:
        with immediate(db):
            return save_promise(
                db, promise, actor="cli", now=now or datetime.now(UTC), action="promise.import"
            )
    finally:
        db.conn.close()


def import_sample_promises(db, now: datetime | None = None) -> None:
    """The sample promises, published as their files say (what `demo` serves)."""
    from storage.promises import save_promise

    for promise in load_promises(sample_promises.SAMPLE_DIR).values():
        save_promise(
            db, promise, actor="demo", now=now or datetime.now(UTC), action="promise.import"
        )
