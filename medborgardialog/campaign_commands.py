"""`medborgardialog campaigns check|export|import`: campaign files, and campaigns in the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medborgardialog.settings import Settings
from survey import Campaign, load_campaign, load_campaigns
from survey.campaign_document import campaign_as_toml
from survey.easy_read import has_easy

DB_HELP = "database file (default: $MEDBORGARDIALOG_DB or medborgardialog.db)"


def add_campaign_commands(commands) -> None:
    """Add `campaigns check`, `campaigns export` and `campaigns import` to the CLI."""
    parser = commands.add_parser("campaigns", help="work with campaign files and stored campaigns")
    actions = parser.add_subparsers(dest="campaigns_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate campaign files")
    check.add_argument(
        "dir", nargs="?", help="a folder of campaign files, or one file (default: the samples)"
    )
    export = actions.add_parser(
        "export", help="write a stored campaign (also one made in the staff pages) as a file"
    )
    export.add_argument("id", help="campaign id")
    export.add_argument("--db", help=DB_HELP)
    export.add_argument("--out", help="output file (default: standard output)")
    found = actions.add_parser(
        "import", help="store a campaign file, opened, as if it were made in the staff pages"
    )
    found.add_argument("file", help="the campaign file (TOML)")
    found.add_argument("--db", help=DB_HELP)


def cmd_campaigns(args: argparse.Namespace) -> int:
    """Run `campaigns check`, `campaigns export` or `campaigns import`."""
    return {"check": _check, "export": _export, "import": _import}[args.campaigns_command](args)


def _check(args: argparse.Namespace) -> int:
    """Validate every campaign file in a folder (or one file) and list them."""
    settings = Settings.from_env(campaigns_dir=args.dir)
    where = Path(settings.campaigns_dir)
    found = {c.id: c for c in [load_campaign(where)]} if where.is_file() else load_campaigns(where)
    if not found:
        raise ValueError(f"no campaign files (*.toml) in {where}")
    for campaign in found.values():
        print(
            f"{campaign.id}: ok ({len(campaign.areas)} areas, pick {campaign.pick}, "
            f"languages {', '.join(campaign.languages)}{_easy_read(campaign)})"
        )
    return 0


def _easy_read(campaign: Campaign) -> str:
    """Where the campaign has Lättläst, and how many of its texts still lack it."""
    parts = []
    for lang in campaign.easy_languages:
        lacking = sum(1 for text in campaign.texts if not has_easy(text, lang))
        parts.append(f"{lang}" + (f" ({lacking} texts without)" if lacking else ""))
    return f"; lättläst {', '.join(parts)}" if parts else ""


def _export(args: argparse.Namespace) -> int:
    """Write one stored campaign as the text of a campaign file."""
    from storage import open_database
    from storage.campaigns import stored_campaign
    from survey.loader import parse_campaign

    db = open_database(Settings.from_env(db=args.db).db)
    try:
        stored = stored_campaign(db, args.id)
    finally:
        db.conn.close()
    if stored is None:
        raise ValueError(f"no campaign {args.id!r} in the database")
    text = campaign_as_toml(parse_campaign(stored.document, args.id))
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _import(args: argparse.Namespace) -> int:
    """Store one campaign file, opened; the rules for changes with answers apply."""
    from storage import open_database
    from storage.campaign_changes import save_checked
    from storage.connection import immediate

    campaign = load_campaign(Path(args.file))
    db = open_database(Settings.from_env(db=args.db).db)
    try:
        with immediate(db):
            saved = save_checked(db, campaign, actor="cli", action="campaign.import")
    finally:
        db.conn.close()
    print(f"{campaign.id}: imported (revision {saved.revision})")
    return 0


def known_campaigns(settings: Settings) -> dict:
    """The campaigns a command may name: the files', and those opened in the staff pages."""
    from storage import open_database
    from storage.campaigns import published_campaigns

    found = {}
    if Path(settings.db).exists():
        db = open_database(settings.db)
        try:
            found = published_campaigns(db)
        finally:
            db.conn.close()
    return {**found, **load_campaigns(settings.campaigns_dir)}
