"""`medborgardialog results publish|unpublish CAMPAIGN`: the public results, for scripts."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from medborgardialog.campaign_commands import known_campaigns
from medborgardialog.command_base import CommandError, add_common
from medborgardialog.settings import Settings
from storage import open_database
from storage.connection import immediate
from storage.publication import publish, unpublish


def add_results_commands(commands) -> None:
    """Add `results publish` and `results unpublish` to the command's subparsers."""
    results = commands.add_parser("results", help="publish or unpublish a campaign's results")
    actions = results.add_subparsers(dest="results_command", required=True, metavar="ACTION")
    for name, text in (
        ("publish", "publish the results at /c/CAMPAIGN/results"),
        ("unpublish", "take the published results down again"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("campaign", help="campaign id")
        add_common(action)


def cmd_results(args: argparse.Namespace) -> int:
    """Publish or unpublish a campaign's results, audited as done from the command line."""
    settings = Settings.from_env(db=args.db, campaigns_dir=args.campaigns_dir)
    if args.campaign not in known_campaigns(settings):
        raise CommandError(f"no campaign {args.campaign!r} in {settings.campaigns_dir}")
    db = open_database(settings.db)
    try:
        with immediate(db):
            if args.results_command == "publish":
                done = publish(db, args.campaign, "cli", datetime.now(UTC))
            else:
                done = unpublish(db, args.campaign, "cli")
    finally:
        db.conn.close()
    verb = "published" if args.results_command == "publish" else "unpublished"
    print(f"{args.campaign}: {verb}" if done else f"{args.campaign}: already {verb}")
    return 0
