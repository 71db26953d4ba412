"""The `medborgardialog` command: the one place that wires survey, store and channels together."""

from __future__ import annotations

import argparse
import getpass
import os
import sqlite3
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from medborgardialog.backup_command import add_backup_command, cmd_backup
from medborgardialog.campaign_commands import add_campaign_commands, cmd_campaigns
from medborgardialog.command_base import CommandError, add_common
from medborgardialog.promise_commands import add_promise_commands, cmd_promises
from medborgardialog.results_commands import add_results_commands, cmd_results
from medborgardialog.settings import Settings
from medborgardialog.walk_commands import add_walk_commands, cmd_walks
from survey import CampaignError
from survey.loader import ID_PATTERN


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medborgardialog",
        description="Citizen dialogue surveys: Telegram bot, kiosk, web survey and staff pages.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="run everything on the sample campaigns, with a "
        "database in the working directory and a printed staff login",
    )
    demo.add_argument("--host", default="127.0.0.1", help="address to listen on")
    demo.add_argument("--port", type=int, default=8080, help="port to listen on")
    demo.add_argument(
        "--db",
        default="medborgardialog-demo.db",
        help="the demo's own database file (default medborgardialog-demo.db; "
        "$MEDBORGARDIALOG_DB is not used, so sample answers never reach a real database)",
    )
    demo.add_argument(
        "--no-sample-data", action="store_true", help="start without the sample answers"
    )

    serve = commands.add_parser(
        "serve", help="run the web server (and the bot, when TELEGRAM_BOT_TOKEN is set)"
    )
    add_common(serve)
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8080)")

    bot = commands.add_parser("bot", help="run the Telegram bot alone (needs TELEGRAM_BOT_TOKEN)")
    add_common(bot)

    export = commands.add_parser("export", help="export a campaign's answers")
    add_common(export)
    export.add_argument("--campaign", required=True, help="campaign id")
    export.add_argument(
        "--format",
        required=True,
        choices=("csv", "xlsx", "json", "geojson", "sqlite"),
        help="file format; geojson: the places marked on the map (RFC 7946); "
        "sqlite: an analyst copy for Datasette, with metadata.json beside it",
    )
    export.add_argument(
        "--out", help="output file (default: standard output; required for xlsx and sqlite)"
    )
    export.add_argument(
        "--delimiter",
        choices=("semicolon", "comma"),
        default="semicolon",
        help="CSV delimiter (default semicolon, for Swedish Excel)",
    )
    export.add_argument(
        "--table",
        choices=("responses", "tally", "comments"),
        default="responses",
        help="what to export as CSV or XLSX",
    )
    export.add_argument(
        "--published",
        action="store_true",
        help="comments: only approved ones, personal data redacted",
    )
    export.add_argument(
        "--lang",
        help="language of the column names and labels (default: the campaign's first)",
    )
    export.add_argument(
        "--machine-names",
        action="store_true",
        help="CSV or XLSX: machine column names (id, submitted_at, ...) for scripts",
    )

    staff = commands.add_parser("staff", help="manage staff accounts")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True, metavar="ACTION")
    add = staff_commands.add_parser("add", help="create a staff account or set its password")
    add.add_argument("username", help="login name")
    add_common(add)
    add.add_argument(
        "--role",
        choices=("admin", "analyst", "organiser"),
        default="analyst",
        help="admin manages accounts and kiosk keys; analyst reads and moderates; "
        "organiser also makes and opens campaigns",
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of a prompt",
    )
    add.add_argument("--party", help="the party the account signs for (e.g. polisen, kommunen)")

    add_campaign_commands(commands)
    add_promise_commands(commands)
    add_results_commands(commands)
    add_backup_command(commands)
    add_walk_commands(commands)
    return parser


def cmd_staff_add(args: argparse.Namespace) -> int:
    """Create a staff account, or set a new password for an existing one."""
    from storage import open_database
    from storage.promise_approvals import set_staff_party
    from storage.staff import add_staff, audit, hash_password

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password again: "):
            raise CommandError("the passwords differ")
    if len(password) < 10:
        raise CommandError("the password must be at least 10 characters")
    if args.party is not None and not ID_PATTERN.match(args.party):
        raise CommandError(f"{args.party!r} is not a party id (a-z, 0-9 and -)")
    settings = Settings.from_env(db=args.db)
    db = open_database(settings.db)
    with db.conn:
        created = add_staff(db, args.username, hash_password(password), args.role)
        audit(
            db,
            "cli",
            "staff.add" if created else "staff.password",
            detail={"username": args.username, "role": args.role, "party": args.party},
        )
        if args.party is not None:
            set_staff_party(db, args.username, args.party)
    party = f" ({args.party})" if args.party else ""
    print(f"{'created' if created else 'updated'} {args.role} {args.username}{party}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a campaign's export to a file or standard output."""
    from medborgardialog.exporting import run_export

    settings = Settings.from_env(db=args.db, campaigns_dir=args.campaigns_dir)
    return run_export(settings, args)


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the web server, with the bot inside it when a token is set."""
    from medborgardialog.server import serve

    settings = Settings.from_env(
        db=args.db, campaigns_dir=args.campaigns_dir, host=args.host, port=args.port
    )
    serve(settings)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Run everything on the sample campaigns, with a database in the working directory and
    the environment `serve` reads (bot token, kiosk idle times, ...)."""
    from medborgardialog.server import demo

    # The demo's own files: never a real database, nor its key.
    own = ("MEDBORGARDIALOG_DB", "MEDBORGARDIALOG_SECRET_FILE")
    env = {k: v for k, v in os.environ.items() if k not in own}
    settings = Settings.from_env(
        env=env, db=Path(args.db).resolve(), host=args.host, port=args.port
    )
    demo(settings, datetime.now(UTC), sample_data=not args.no_sample_data)
    return 0


def cmd_bot(args: argparse.Namespace) -> int:
    """Run the Telegram bot alone against the database."""
    settings = Settings.from_env(db=args.db, campaigns_dir=args.campaigns_dir)
    if not settings.telegram_token:
        raise CommandError("no bot token: set TELEGRAM_BOT_TOKEN to run the bot")
    from medborgardialog.bot_service import run_bot

    run_bot(settings)
    return 0


COMMANDS = {
    "demo": cmd_demo,
    "serve": cmd_serve,
    "bot": cmd_bot,
    "export": cmd_export,
    "staff": cmd_staff_add,
    "campaigns": cmd_campaigns,
    "promises": cmd_promises,
    "results": cmd_results,
    "backup": cmd_backup,
    "walks": cmd_walks,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except (CommandError, CampaignError, OSError, sqlite3.Error, ValueError) as error:
        print(f"medborgardialog: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
