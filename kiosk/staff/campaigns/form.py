"""The campaign editor's form read into the data of a campaign file, and the names of its
fields: a problem the loader finds at `areas[2].label.en` is shown beside `area-2.label.en`.

The form holds one row per area, organiser, question, option and theme, plus empty rows to
add one; a row may be removed (its box ticked) or moved (its number changed). A question
has a kind, a section and its rules beside its text; "prefer not to say" ends every
background choice's options, added where it is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from survey.campaign import BACKGROUND, PREFER_NOT_TO_SAY, TOPIC
from survey.easy_read import easy_key

ROW_NAMES = {"areas": "area", "organisers": "organiser", "questions": "question"}
ROW_NAMES |= {"options": "option", "themes": "theme"}
_ROW_KEY = re.compile(r"(areas|organisers|questions|options|themes)\[(\d+)\]")


def field_name(key: str) -> str:
    """The form field of a key of the campaign file (`areas[2].label.en` → `area-2.label.en`)."""
    return _ROW_KEY.sub(lambda m: f"{ROW_NAMES[m.group(1)]}-{m.group(2)}", key)


def field_id(name: str) -> str:
    """The HTML id of a form field (dots are awkward in CSS selectors and fragments)."""
    return "f-" + name.replace(".", "-")


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _texts(form, prefix: str, languages: list[str]) -> dict[str, str]:
    """A text per language, and its easy-to-read version (`sv-easy`) where one is written."""
    keys = [key for lang in languages for key in (lang, easy_key(lang))]
    return {key: v for key in keys if (v := _text(form, f"{prefix}.{key}"))}


def _number(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def _day(value: str) -> date | str:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return value


def _rows(form, prefix: str) -> list[int]:
    """The indexes of the rows named `prefix-N.…` in the form, in the order staff chose."""
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)\.")
    found = sorted({int(m.group(1)) for key in form if (m := pattern.match(key))})
    kept = [i for i in found if form.get(f"{prefix}-{i}.remove") != "on"]

    def position(index: int) -> tuple[float, int]:
        order = _text(form, f"{prefix}-{index}.order")
        try:
            return (float(order), index)
        except ValueError:
            return (float(index), index)

    return sorted(kept, key=position)


def _map_of(text: str) -> dict[str, Any] | None:
    """The campaign's `[map]` from the form's copy of it (JSON), or None."""
    try:
        found = json.loads(text) if text else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _blank(row: dict[str, Any]) -> bool:
    return not any(value for value in row.values())


def read_form(form, document: dict[str, Any], offered: tuple[str, ...], prefer) -> dict:
    """The campaign file's data from the editor's form. `document` is what was stored (its
    id is kept); `offered` the languages with catalogs; `prefer` the label of "prefer not
    to say" per language."""
    chosen = set(form.getall("languages", []))
    languages = [lang for lang in offered if lang in chosen]
    new: dict[str, Any] = {"id": document["id"], "languages": languages}
    new["opens"] = _day(_text(form, "opens"))
    if _text(form, "closes"):
        new["closes"] = _day(_text(form, "closes"))
    if "closed_at" in document:
        new["closed_at"] = document["closed_at"]
    # The map as the form carries it (with zones read from a GeoJSON file, not yet saved),
    # else as it was stored.
    carried = _map_of(_text(form, "map"))
    if carried is not None:
        new["map"] = carried
    elif "map" in document:
        new["map"] = document["map"]
    new["timezone"] = _text(form, "timezone") or "Europe/Stockholm"
    new["pick"] = _number(_text(form, "pick"))
    organisers = [_texts(form, f"organiser-{i}", languages) for i in _rows(form, "organiser")]
    new["organisers"] = [name for name in organisers if name]
    places = [line.strip() for line in _text(form, "places").splitlines() if line.strip()]
    if places:
        new["places"] = places
    for key in ("title", "intro", "next_steps"):
        new[key] = _texts(form, key, languages)
    new["comment"] = {
        "required": form.get("comment.required") == "on",
        "max_length": _number(_text(form, "comment.max_length") or "2000"),
    }
    areas = []
    for i in _rows(form, "area"):
        area = {
            "id": _text(form, f"area-{i}.id"),
            "label": _texts(form, f"area-{i}.label", languages),
        }
        if not _blank(area):
            areas.append(area)
    new["areas"] = areas
    questions = [q for i in _rows(form, "question") if (q := _question(form, i, languages, prefer))]
    if questions:
        new["questions"] = questions
    themes = []
    for i in _rows(form, "theme"):
        words = [w.strip() for w in _text(form, f"theme-{i}.keywords").split(",") if w.strip()]
        theme = {"id": _text(form, f"theme-{i}.id"), "keywords": words}
        theme["name"] = _texts(form, f"theme-{i}.name", languages)
        if not _blank(theme):
            themes.append(theme)
    if themes:
        new["themes"] = themes
    reference = _reference(form)
    if reference:
        new["reference"] = reference
    return new


def _question(form, index: int, languages: list[str], prefer) -> dict | None:
    """One question of any kind (`survey.kinds`). Only what differs from a file's defaults
    is written; `min`, `max` and `scored` are written whenever given, so that the loader
    says so beside the field where the kind takes none."""
    prefix = f"question-{index}"
    kind = _text(form, f"{prefix}.kind") or "choice"
    section = _text(form, f"{prefix}.section") or BACKGROUND
    question: dict[str, Any] = {"id": _text(form, f"{prefix}.id")}
    if kind != "choice":
        question["kind"] = kind
    if section != BACKGROUND:
        question["section"] = section
    if form.get(f"{prefix}.required") == "on":
        question["required"] = True
    public = form.get(f"{prefix}.public") == "on"
    if public != (section == TOPIC):
        question["public"] = public
    for key in ("min", "max"):
        if value := _text(form, f"{prefix}.{key}"):
            question[key] = _number(value)
    question["text"] = _texts(form, f"{prefix}.text", languages)
    # "Prefer not to say" ends a background choice; another kind or a topic question has
    # only the options staff give it.
    ends_with_prefer = kind == "choice" and section == BACKGROUND
    options, prefer_label = [], None
    for o in _rows(form, f"{prefix}.option"):
        option_prefix = f"{prefix}.option-{o}"
        option: dict[str, Any] = {"id": _text(form, f"{option_prefix}.id")}
        if form.get(f"{option_prefix}.unscored") == "on":
            option["scored"] = False
        option["label"] = _texts(form, f"{option_prefix}.label", languages)
        if option["id"] == PREFER_NOT_TO_SAY and (
            ends_with_prefer or form.get(f"{option_prefix}.fixed") == "on"
        ):
            prefer_label = option["label"]
        elif not _blank(option):
            options.append(option)
    if not any(question.get(key) for key in ("id", "text")) and not options:
        return None
    if ends_with_prefer:
        label = {lang: (prefer_label or {}).get(lang) or prefer[lang] for lang in languages}
        options.append({"id": PREFER_NOT_TO_SAY, "label": label})
    question["options"] = options
    return question


def _reference(form) -> dict | None:
    question = _text(form, "reference.question")
    if not question:
        return None
    shares = {}
    for key in form:
        if key.startswith("reference.shares.") and _text(form, key):
            value = _text(form, key)
            try:
                shares[key.removeprefix("reference.shares.")] = float(value)
            except ValueError:
                shares[key.removeprefix("reference.shares.")] = value
    return {
        "question": question,
        "source": _text(form, "reference.source"),
        "year": _number(_text(form, "reference.year")),
        "illustrative": form.get("reference.illustrative") == "on",
        "shares": shares,
    }
