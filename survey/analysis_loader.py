"""Reading a campaign file's `[[themes]]`, `places` and `[reference]` (see survey.analysis)."""

from __future__ import annotations

import math
from typing import Any

from survey.analysis import Analysis, Reference, ThemeRule
from survey.campaign import PREFER_NOT_TO_SAY, Question

ANALYSIS_KEYS = {"themes", "places", "reference"}


def read_analysis(reader: Any, questions: tuple[Question, ...]) -> Analysis:
    """The analysis settings of the file `reader` (a loader `_Reader`) is reading."""
    data = reader.data
    return Analysis(
        themes=_themes(reader, data.get("themes", [])),
        places=_places(reader, data.get("places", [])),
        reference=_reference(reader, data.get("reference"), questions),
    )


def _words(reader: Any, value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise reader.fail(path, "must be a list of words")
    return tuple(v.strip() for v in value)


def _themes(reader: Any, raw: Any) -> tuple[ThemeRule, ...]:
    if not isinstance(raw, list):
        raise reader.fail("themes", "must be a list of tables")
    themes = []
    for index, table in enumerate(raw):
        path = f"themes[{index}]"
        if not isinstance(table, dict):
            raise reader.fail(path, "must be a table")
        reader.unknown_keys(table, {"id", "name", "keywords"}, path)
        theme_id = reader.ident(reader.require(table, "id", f"{path}.id", str), f"{path}.id")
        name = reader.text(table, "name", f"{path}.name")
        keywords = _words(reader, table.get("keywords", []), f"{path}.keywords")
        themes.append(ThemeRule(theme_id, name, keywords))
    reader.unique(themes, "themes")
    return tuple(themes)


def _places(reader: Any, raw: Any) -> tuple[str, ...]:
    places = _words(reader, raw, "places")
    if len({p.casefold() for p in places}) != len(places):
        raise reader.fail("places", "lists a place twice")
    return places


def _reference(reader: Any, raw: Any, questions: tuple[Question, ...]) -> Reference | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise reader.fail("reference", "must be a table")
    reader.unknown_keys(raw, {"question", "shares", "source", "year", "illustrative"}, "reference")
    question_id = reader.require(raw, "question", "reference.question", str)
    question = next((q for q in questions if q.id == question_id), None)
    if question is None:
        raise reader.fail("reference.question", f"{question_id!r} is not a question")
    shares = reader.require(raw, "shares", "reference.shares", dict)
    options = {o.id for o in question.options} - {PREFER_NOT_TO_SAY}
    for option, share in shares.items():
        if option not in options:
            raise reader.fail(f"reference.shares.{option}", "is not an option of the question")
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
            raise reader.fail(f"reference.shares.{option}", "must be a share between 0 and 1")
    if not math.isclose(sum(shares.values()), 1.0, abs_tol=0.005):
        raise reader.fail("reference.shares", "must add up to 1")
    source = reader.require(raw, "source", "reference.source", str).strip()
    if not source:
        raise reader.fail("reference.source", "must name where the figures come from")
    year = reader.require(raw, "year", "reference.year", int)
    illustrative = raw.get("illustrative", False)
    if not isinstance(illustrative, bool):
        raise reader.fail("reference.illustrative", "must be true or false")
    return Reference(
        question_id, {k: float(v) for k, v in shares.items()}, source, year, illustrative
    )
