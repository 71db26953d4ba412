"""A walk's places for staff to take elsewhere: CSV (Swedish Excel, formulas neutralised),
XLSX and GeoJSON. Every place, notes included whether approved or not; never the key."""

from __future__ import annotations

import csv
import io
import json

import xlsxwriter
from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.i18n import gettext
from kiosk.promises.walk_view import category_labels, walk_status_labels
from kiosk.staff.walks.pages import walk_or_404
from storage import walks as store
from survey.formula import neutralise
from survey.promises.walks import Walk, WalkPoint

XLSX_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,
}


def _decision(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nej")


def table(walk: Walk, points: list[WalkPoint]) -> tuple[list[str], list[list]]:
    categories = category_labels(gettext)
    statuses = walk_status_labels(gettext)
    header = [
        "id", "lat", "lon", "zone", "category", "category_label", "note", "captured_at",
        "status", "status_label", "responsible", "reason", "note_approved", "photo",
        "photo_approved", "merged_into", "updated_at",
    ]  # fmt: skip
    rows = [
        [
            p.id,
            p.lat,
            p.lon,
            p.zone or "",
            p.category,
            categories[p.category],
            p.note or "",
            p.captured_at or "",
            p.status,
            statuses[p.status],
            p.responsible or "",
            p.reason or "",
            _decision(p.note_approved),
            "ja" if p.photo else "",
            _decision(p.photo_approved),
            p.merged_into or "",
            p.updated_at or "",
        ]
        for p in points
    ]
    return header, rows


def download(body: bytes, content_type: str, name: str) -> web.Response:
    response = web.Response(body=body, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


async def export(request: web.Request) -> web.Response:
    """`/staff/walks/{walk}/export.{csv,xlsx,geojson}`."""
    walk = await walk_or_404(request)
    points = await request.app[STORE].read(store.list_points, walk.id)
    fmt = request.match_info["format"]
    header, rows = table(walk, points)
    name = f"vandring-{walk.id}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([neutralise(c) if isinstance(c, str) else c for c in row])
        body = ("\ufeff" + out.getvalue()).encode("utf-8")
        return download(body, "text/csv", name)
    if fmt == "xlsx":
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, XLSX_OPTIONS)
        sheet = book.add_worksheet(walk.id)
        sheet.write_row(0, 0, header)
        for number, row in enumerate(rows, start=1):
            sheet.write_row(number, 0, row)
        book.close()
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return download(out.getvalue(), mime, name)
    features = [
        {
            "type": "Feature",
            "id": p.id,
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": dict(zip(header[3:], row[3:], strict=True)),
        }
        for p, row in zip(points, rows, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    body = json.dumps(collection, ensure_ascii=False).encode()
    return download(body, "application/geo+json", name)
