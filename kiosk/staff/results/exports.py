"""Downloads of a campaign's answers: CSV, XLSX, JSON and GeoJSON, streamed as they are read.

Each export reads through a connection of its own on a thread of its own, inside one read
transaction: a consistent snapshot that never holds up the answers arriving meanwhile.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from aiohttp import web

from kiosk.app_keys import CATALOGS, STORE
from kiosk.clock import app_clock
from kiosk.i18n import gettext
from kiosk.staff.access.auth import staff_user
from kiosk.staff.layout import campaign_of, render
from storage.export_csv import DELIMITERS, csv_chunks
from storage.export_geojson import geojson_chunks
from storage.export_json import json_export_chunks
from storage.export_tables import TABLES, export_table, open_export_reader
from storage.export_xlsx import write_xlsx
from survey import Campaign

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
}
FILE_CHUNK = 256 * 1024


async def exports_page(request: web.Request) -> web.Response:
    """The downloads on offer."""
    campaign = campaign_of(request)
    lang = campaign.language(request.query.get("lang"))
    machine = request.query.get("names") == "machine"
    options = {"lang": lang, "names": "machine" if machine else None}
    context = {
        "campaign": campaign,
        "active": "exports",
        "export_lang": lang,
        "machine_names": machine,
        "options": options,
    }
    return render(request, "staff/exports.html", context)


def _choice(request: web.Request, campaign: Campaign) -> tuple[str, str, str, bool]:
    table, fmt = request.match_info["table"], request.match_info["format"]
    delimiter = request.query.get("delimiter", "semicolon")
    published = request.query.get("published") == "1"
    if (
        table not in TABLES
        or fmt not in FORMATS
        or delimiter not in DELIMITERS
        or (fmt in ("json", "geojson") and table != "responses")
        or (published and table != "comments")
    ):
        raise web.HTTPNotFound(text=gettext("Den exporten finns inte."))
    return table, fmt, DELIMITERS[delimiter], published


async def download(request: web.Request) -> web.StreamResponse:
    """Stream one export as a file download."""
    campaign = campaign_of(request)
    table, fmt, delimiter, published = _choice(request, campaign)
    lang = campaign.language(request.query.get("lang"))
    user = staff_user(request)
    detail = {"format": fmt, "table": table, "published": published}
    await request.app[STORE].audit(user.username, "export", campaign.id, detail)
    suffix = ("-published" if published else "") + ("-comma" if delimiter == "," else "")
    filename = f"{campaign.id}-{table}{suffix}-{app_clock(request).today().isoformat()}.{fmt}"
    response = web.StreamResponse(
        headers={
            "Content-Type": FORMATS[fmt],
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        }
    )
    path = request.app[STORE].path
    with ThreadPoolExecutor(1, thread_name_prefix="export") as thread:
        loop = asyncio.get_running_loop()

        def on_thread(fn, *args):
            return loop.run_in_executor(thread, partial(fn, *args))

        db = await on_thread(_begin, path)
        try:
            build = partial(
                export_table,
                db,
                campaign,
                table,
                lang=lang,
                published=published,
                gettext=request.app[CATALOGS].get(lang).gettext,
                machine_names=request.query.get("names") == "machine",
            )
            if fmt == "xlsx":
                with tempfile.TemporaryDirectory() as folder:
                    target = Path(folder) / "export.xlsx"
                    await on_thread(lambda: write_xlsx(build(), target))
                    await response.prepare(request)
                    await _send(response, _file_chunks(target), on_thread)
            elif fmt in ("json", "geojson"):
                await response.prepare(request)
                make = json_export_chunks if fmt == "json" else geojson_chunks
                chunks = make(db, campaign)
                await _send(response, (c.encode("utf-8") for c in chunks), on_thread)
            else:
                built = await on_thread(build)
                await response.prepare(request)
                chunks = csv_chunks(built, delimiter)
                await _send(response, (c.encode("utf-8") for c in chunks), on_thread)
        finally:
            await on_thread(_end, db)
    await response.write_eof()
    return response


def _begin(path):
    db = open_export_reader(path)
    db.conn.execute("BEGIN")
    return db


def _end(db) -> None:
    db.conn.execute("COMMIT")
    db.conn.close()


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(FILE_CHUNK):
            yield chunk


async def _send(response: web.StreamResponse, chunks: Iterator[bytes], on_thread) -> None:
    """Write chunks as the export thread makes them; the socket's pace sets the export's."""
    while (chunk := await on_thread(next, chunks, None)) is not None:
        await response.write(chunk)
