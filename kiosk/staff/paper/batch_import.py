"""A CSV batch of paper answers: every row checked first, then the good ones stored in one
transaction, with a report of what was stored and what was refused and why."""

from __future__ import annotations

import hashlib
import uuid

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.staff.access.auth import staff_user
from kiosk.staff.layout import campaign_of, render
from kiosk.staff.paper.entry import blank_values, describe, form_context, latest_day, now_of
from storage.export_csv import csv_chunks
from storage.export_tables import Table
from storage.paper_imports import store_batch
from survey import Problem
from survey.paper import PaperFileError, parse_day, read_batch, template_header


async def batch_template(request: web.Request) -> web.Response:
    """An empty batch file with the right columns (and one example row) to fill in."""
    campaign = campaign_of(request)
    header = template_header(campaign)
    example = {
        "source": "Workshop",
        "date": latest_day(request, campaign).isoformat(),
        "comment": "",
        "locale": campaign.default_language,
    }
    for n, area in enumerate(campaign.areas[: campaign.pick], start=1):
        example[f"area_{n}"] = area.id
    row = [example.get(column, "") for column in header]
    table = Table("template", header, iter([row]), lambda: 1)
    body = "".join(csv_chunks(table)).encode("utf-8")
    return web.Response(
        body=body,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{campaign.id}-paper.csv"'},
    )


def _ranges(lines: list[int]) -> str:
    """ "2–5, 8, 10–11" for [2, 3, 4, 5, 8, 10, 11]."""
    parts: list[str] = []
    start = previous = None
    for line in [*lines, None]:
        if start is not None and line != previous + 1:
            parts.append(str(start) if start == previous else f"{start}–{previous}")
            start = None
        if start is None:
            start = line
        previous = line
    return ", ".join(parts)


async def batch_import(request: web.Request) -> web.Response:
    """Read a batch file, store its valid rows together, and report on every row."""
    campaign = campaign_of(request)
    form = await request.post()
    upload = form.get("file")
    default_source = str(form.get("source", ""))
    default_day = parse_day(str(form.get("date", "")))
    values = blank_values(request, campaign)

    def refuse(problem: Problem) -> web.Response:
        context = form_context(request, campaign, values)
        context["file_problem"] = describe(request, problem)
        return render(request, "staff/paper.html", context, status=422)

    if not isinstance(upload, web.FileField):
        return refuse(Problem("file.missing", "file"))
    data = upload.file.read()
    try:
        rows = read_batch(
            campaign,
            data,
            new_id=lambda: str(uuid.uuid4()),
            default_source=default_source,
            default_day=default_day,
            now=now_of(request),
        )
    except PaperFileError as error:
        return refuse(Problem(error.code, "file", error.params))
    digest = hashlib.sha256(data).hexdigest()
    good = [row.response for row in rows if row.response is not None]
    user = staff_user(request)
    outcome = await request.app[STORE].write(
        store_batch, campaign.id, digest, good, user.username, len(rows) - len(good)
    )
    if outcome is None:
        return refuse(Problem("file.repeated", "file"))
    stored_lines = [row.line for row in rows if row.response is not None]
    context = {
        "campaign": campaign,
        "active": "paper",
        "filename": upload.filename,
        "stored": len(good),
        "stored_lines": _ranges(stored_lines),
        "refused": [
            (row.line, row.cells, [describe(request, p) for p in row.problems])
            for row in rows
            if row.response is None
        ],
        "total": len(rows),
    }
    status = 200 if good or not rows else 422
    return render(request, "staff/paper_report.html", context, status=status)
