"""`medborgardialog export`: a campaign's answers to a file or standard output."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from locales import DOMAINS, LOCALES_DIR, compile_po
from medborgardialog.campaign_commands import known_campaigns
from medborgardialog.command_base import CommandError
from medborgardialog.settings import Settings
from storage import open_database
from storage.connection import immediate
from storage.export_csv import DELIMITERS, csv_chunks
from storage.export_geojson import geojson_chunks
from storage.export_json import json_export_chunks
from storage.export_sqlite import write_analyst_copy
from storage.export_tables import export_table
from storage.export_xlsx import write_xlsx
from storage.staff import audit

# Below this many rows an export is over before a progress bar would help.
PROGRESS_FROM_ROWS = 20_000


def run_export(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.db.exists():
        raise CommandError(f"no database at {settings.db}")
    campaigns = known_campaigns(settings)
    campaign = campaigns.get(args.campaign)
    if campaign is None:
        raise CommandError(
            f"unknown campaign {args.campaign!r} (known: {', '.join(sorted(campaigns))})"
        )
    if args.lang and args.lang not in campaign.languages:
        raise CommandError(
            f"{args.campaign} is not in {args.lang!r} (it offers {', '.join(campaign.languages)})"
        )
    if args.format in ("xlsx", "sqlite") and not args.out:
        raise CommandError(f"an {args.format.upper()} export needs --out FILE")
    db = open_database(settings.db)
    db.conn.execute("PRAGMA cache_size = -8192")  # a stream reads each page once
    # One read transaction: the export is a consistent snapshot while answers arrive.
    db.conn.execute("BEGIN")
    try:
        lang = campaign.language(args.lang)
        gettext = export_gettext(lang)
        if args.format == "json":
            with _output(args.out) as out:
                for chunk in json_export_chunks(db, campaign):
                    out.write(chunk)
        elif args.format == "geojson":
            with _output(args.out) as out:
                for chunk in geojson_chunks(db, campaign):
                    out.write(chunk)
        elif args.format == "sqlite":
            write_analyst_copy(db, campaign, Path(args.out), lang, gettext)
        else:
            table = export_table(
                db,
                campaign,
                args.table,
                lang=lang,
                published=args.published,
                gettext=gettext,
                machine_names=args.machine_names,
            )
            progress = _progress_bar(table.count)
            if args.format == "csv":
                with _output(args.out, newline="") as out:
                    for chunk in csv_chunks(table, DELIMITERS[args.delimiter], progress):
                        out.write(chunk)
            else:
                write_xlsx(table, args.out, progress)
    finally:
        db.conn.execute("COMMIT")
    detail = {"format": args.format, "table": args.table, "published": args.published}
    with immediate(db):
        audit(db, "cli", "export", campaign.id, detail)
    return 0


def export_gettext(lang: str) -> Callable[[str], str]:
    """The translations of one language; none to load for Swedish, the message ids' own."""
    if lang == "sv":
        return str
    merged = None
    for domain in DOMAINS:
        path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            compiled = compile_po(path, lang)
            merged = compiled if merged is None else merged.merge(compiled)
    return merged.gettext if merged is not None else str


@contextmanager
def _output(path: str | None, newline: str | None = None):
    """The file to write, or standard output (as UTF-8 whatever the terminal's encoding)."""
    if path:
        with open(path, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        return
    sys.stdout.reconfigure(encoding="utf-8", newline=newline)
    yield sys.stdout
    sys.stdout.flush()


def _progress_bar(
    count: Callable[[], int], stream: TextIO | None = None
) -> Callable[[int], None] | None:
    """A bar on stderr for a long export, if stderr is a terminal; None otherwise."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    total = count()
    if total < PROGRESS_FROM_ROWS:
        return None
    started = time.monotonic()

    def show(done: int) -> None:
        share = min(done / total, 1.0)
        filled = int(share * 30)
        rate = done / max(time.monotonic() - started, 1e-6)
        stream.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%} {done}/{total} rows "
            f"({rate:,.0f} rows/s)"
        )
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show
