"""Answers collected on paper or at a workshop: one keyed in, or a CSV batch of them.

Pure: the staff pages hand in the form's values or the file's bytes, and get back responses
ready to store, or the problems of each row, as codes for the page to translate.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from survey.acceptance import Refusal, stamped_or_refusal
from survey.campaign import Campaign
from survey.kinds.base import Value
from survey.response import Response
from survey.timing import Given
from survey.validation import Problem, check_content, clean_comment

SOURCE_LENGTH = 100
MAX_ROWS = 5000
# In a batch file, the options of a multi in one cell: "Kväll; Natt" (quoted in a file
# separated by semicolons, as a spreadsheet saves it).
PICKS_SEPARATOR = ";"


def stamp(day: date, campaign: Campaign) -> str:
    """The order a paper answer sorts in among timed ones: noon of its day, in UTC.

    Only for sorting and counting by day; a paper answer shows its `paper_date`.
    """
    noon = datetime.combine(day, time(12), ZoneInfo(campaign.timezone)).astimezone(UTC)
    return noon.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_day(text: str) -> date | None:
    """An ISO date (2016-03-01); None if it is anything else."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def paper_response(
    campaign: Campaign,
    *,
    response_id: str,
    source: str,
    day: date | None,
    locale: str,
    areas: Sequence[str],
    comment: str | None,
    answers: Mapping[str, Value],
    now: datetime,
    unknown: Sequence[Problem] = (),
) -> tuple[Response | None, list[Problem]]:
    """A paper answer accepted and ready to store, or what is wrong with it.

    It is judged by its paper date (`survey.timing.judge_paper_date`), like every answer
    through `survey.acceptance`, besides what only paper has: a source, a language.
    """
    source = " ".join(source.split())
    problems = list(unknown)
    if not source or len(source) > SOURCE_LENGTH:
        problems.append(Problem("paper.source", "source", {"max": SOURCE_LENGTH}))
    if day is None:
        problems.append(Problem("paper.date", "date"))
    if locale not in campaign.languages:
        problems.append(Problem("paper.locale", "locale", {"locale": locale}))
    candidate = Response(
        id=response_id,
        campaign=campaign.id,
        channel="paper",
        locale=locale,
        areas=tuple(areas),
        comment=clean_comment(comment),
        answers=dict(answers),
        source=source,
        submitted_at=stamp(day, campaign) if day else None,
    )
    verdict = (
        stamped_or_refusal(campaign, candidate, now=now, given=Given(paper_date=day))
        if day
        else None
    )
    if isinstance(verdict, Response) and not problems:
        return verdict, []
    found = list(verdict.problems) if isinstance(verdict, Refusal) else []
    if all(p.field == "date" for p in found):  # wrong date or none: say what else is wrong
        found += check_content(campaign, candidate.answer_set())
    skip_areas = any(p.field == "areas" for p in unknown)
    # A required question whose answer was unknown is said once, as unknown.
    misread = {f"answers.{p.field}" for p in unknown if p.code == "paper.option"}
    problems += [
        p
        for p in found
        if not (skip_areas and p.field == "areas")
        and not (p.code == "question.required" and p.field in misread)
    ]
    return None, problems


class PaperFileError(ValueError):
    """The file as a whole cannot be read; `code` says why."""

    def __init__(self, code: str, params: Mapping[str, object] | None = None):
        super().__init__(code)
        self.code = code
        self.params = dict(params or {})


@dataclass(frozen=True)
class PaperRow:
    """One row of a batch: its line in the file, its cells, and the outcome of checking it."""

    line: int
    cells: tuple[str, ...]
    response: Response | None
    problems: list[Problem] = field(default_factory=list)


def template_header(campaign: Campaign) -> list[str]:
    """The columns of a batch file, as the downloadable template has them."""
    areas = [f"area_{n}" for n in range(1, campaign.pick + 1)]
    return ["source", "date", *areas, "comment", *(q.id for q in campaign.questions), "locale"]


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), or the Windows code page Excel uses."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _lookup(campaign: Campaign) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Every way a cell may name an area (id, number, label) or an option (id, label)."""
    areas: dict[str, str] = {}
    for number, area in enumerate(campaign.areas, start=1):
        areas[area.id.casefold()] = area.id
        areas[str(number)] = area.id
        for label in area.label.values():
            areas[label.casefold()] = area.id
    options = {
        q.id: {key.casefold(): o.id for o in q.options for key in (o.id, *o.label.values())}
        for q in campaign.questions
    }
    return areas, options


def zone_names(campaign: Campaign) -> dict[str, str]:
    """Every way a cell may name a zone of the campaign's map: its id, or its name in any
    of the campaign's languages (case does not matter)."""
    area_map = campaign.map
    if area_map is None:
        return {}
    return {
        key.casefold(): zone.id for zone in area_map.zones for key in (zone.id, *zone.name.values())
    }


def places_from_text(
    campaign: Campaign, question_id: str, text: str, zones: Mapping[str, str] | None = None
) -> tuple[list[dict[str, str]], list[Problem]]:
    """The places of a paper answer to a place question: zones by id or name in any
    language, several separated by ";" ("Centrum; Kronoparken"); each zone once. A name
    that is no zone of the map is an unknown answer (`paper.option`), naming it."""
    zones = zone_names(campaign) if zones is None else zones
    places: list[dict[str, str]] = []
    problems: list[Problem] = []
    for name in (part.strip() for part in text.split(";")):
        if not name:
            continue
        zone = zones.get(name.casefold())
        if zone is None:
            problems.append(Problem("paper.option", question_id, {"value": name}))
        elif {"zone": zone} not in places:
            places.append({"zone": zone})
    return places, problems


def _answers(
    campaign: Campaign,
    row: Mapping[str, str],
    options_by_name: Mapping[str, Mapping[str, str]],
    unknown: list[Problem],
    zones: Mapping[str, str],
) -> dict[str, Value]:
    """The row's answers, each option named by id or label in any language; a multi's
    options in one cell, separated by semicolons; a place question's zones likewise (by
    id or name). An empty cell is a skipped question."""
    answers: dict[str, Value] = {}
    for question in campaign.questions:
        names = options_by_name[question.id]
        value = row.get(question.id.casefold(), "")
        if question.kind == "place":
            places, wrong = places_from_text(campaign, question.id, value, zones)
            unknown += wrong
            if places:
                answers[question.id] = places
            continue
        if question.kind == "multi":
            parts = [part.strip() for part in value.split(PICKS_SEPARATOR) if part.strip()]
        else:
            parts = [value] if value else []
        if not parts:
            continue
        wrong = [part for part in parts if part.casefold() not in names]
        for part in wrong:
            unknown.append(Problem("paper.option", question.id, {"value": part}))
        if wrong:
            continue
        picked = [names[part.casefold()] for part in parts]
        answers[question.id] = picked if question.kind == "multi" else picked[0]
    return answers


def read_batch(
    campaign: Campaign,
    data: bytes,
    *,
    new_id,
    default_source: str,
    default_day: date | None,
    now: datetime,
) -> list[PaperRow]:
    """Check every row of a batch file. Raises PaperFileError if the file is unusable."""
    text = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().casefold() for h in next(reader, [])]
    if not any(header):
        raise PaperFileError("file.empty")
    area_columns = [f"area_{n}" for n in range(1, campaign.pick + 1)]
    missing = [c for c in area_columns if c not in header]
    if missing:
        raise PaperFileError("file.columns", {"columns": ", ".join(missing)})
    areas_by_name, options_by_name = _lookup(campaign)
    zones = zone_names(campaign)
    rows = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if len(rows) == MAX_ROWS:
            raise PaperFileError("file.rows", {"max": MAX_ROWS})
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        unknown: list[Problem] = []
        areas = []
        for column in area_columns:
            value = row.get(column, "")
            area = areas_by_name.get(value.casefold())
            if area:
                areas.append(area)
            elif value:
                unknown.append(Problem("paper.area", "areas", {"value": value}))
        answers = _answers(campaign, row, options_by_name, unknown, zones)
        day = parse_day(row["date"]) if row.get("date") else default_day
        response, problems = paper_response(
            campaign,
            response_id=new_id(),
            source=row.get("source") or default_source,
            day=day,
            locale=row.get("locale") or campaign.default_language,
            areas=areas,
            comment=row.get("comment") or None,
            answers=answers,
            now=now,
            unknown=unknown,
        )
        rows.append(PaperRow(reader.line_num, tuple(cells), response, problems))
    if not rows:
        raise PaperFileError("file.empty")
    return rows
