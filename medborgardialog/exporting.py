"""`medborgardialog export`: a campaign's answers to a file or standard output."""

from __future__ import annotations

import argparse
import sys

from medborgardialog.settings import Settings
from storage import open_database
from storage.export_json import json_export_chunks
from survey import load_campaigns


def run_export(settings: Settings, args: argparse.Namespace) -> int:
    from medborgardialog.cli import CommandError

    if not settings.db.exists():
        raise CommandError(f"no database at {settings.db}")
    campaigns = load_campaigns(settings.campaigns_dir)
    campaign = campaigns.get(args.campaign)
    if campaign is None:
        raise CommandError(
            f"unknown campaign {args.campaign!r} (known: {', '.join(sorted(campaigns))})"
        )
    db = open_database(settings.db)
    if args.format == "json":
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
        try:
            for chunk in json_export_chunks(db, campaign):
                out.write(chunk)
        finally:
            if out is not sys.stdout:
                out.close()
        return 0
    raise CommandError(f"the {args.format} export is not available yet")
