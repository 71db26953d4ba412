"""Reading and validating campaign files (TOML), with errors that name file, key and problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from survey.analysis_loader import ANALYSIS_KEYS, read_analysis
from survey.area_map_loader import read_map
from survey.campaign import (
    BACKGROUND,
    SECTIONS,
    TOPIC,
    Area,
    Campaign,
    CommentRule,
    Option,
    Question,
)
from survey.data_files import load_folder, parse_toml, read_text
from survey.easy_read import easy_language
from survey.kinds import KINDS

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
TOP_KEYS = {
    "id",
    "languages",
    "title",
    "intro",
    "next_steps",
    "organisers",
    "opens",
    "closes",
    "timezone",
    "pick",
    "areas",
    "comment",
    "questions",
    "closed_at",
    "map",
    *ANALYSIS_KEYS,
}
MAX_COMMENT_LENGTH = 10_000
QUESTION_KEYS = frozenset({"id", "kind", "section", "required", "public", "text", "options"})


class CampaignError(ValueError):
    """A campaign file that cannot be used; the message names the file, the key and the problem."""

    def __init__(self, source: str, key: str, problem: str):
        self.source, self.key, self.problem = source, key, problem
        super().__init__(f"{source}: {key}: {problem}" if key else f"{source}: {problem}")


class _Reader:
    """Checks one parsed campaign file; every failure raises a CampaignError naming the key."""

    def __init__(self, source: str, data: dict[str, Any]):
        self.source = source
        self.data = data
        self.languages: tuple[str, ...] = ()

    def fail(self, key: str, problem: str) -> CampaignError:
        return CampaignError(self.source, key, problem)

    def require(self, table: dict[str, Any], key: str, path: str, kind: type | tuple[type, ...]):
        if key not in table:
            raise self.fail(path, "is missing")
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            raise self.fail(path, f"must be a {names}, not {type(value).__name__}")
        return value

    def unknown_keys(self, table: dict[str, Any], allowed: set[str], path: str) -> None:
        extra = sorted(set(table) - allowed)
        if extra:
            where = f"{path}." if path else ""
            raise self.fail(f"{where}{extra[0]}", "is not a known key")

    def ident(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise self.fail(path, f"{value!r} is not an id (a-z, 0-9 and -, at most 40)")
        return value

    def text(self, table: dict[str, Any], key: str, path: str) -> dict[str, str]:
        """A text in every language, and its easy-to-read versions (`sv-easy`) where given."""
        value = self.require(table, key, path, dict)
        easy = {}
        for name in sorted(value):
            lang = easy_language(name)
            if lang is None:
                continue
            if lang not in self.languages:
                raise self.fail(
                    f"{path}.{name}", "is an easy-to-read text in a language the file does not have"
                )
            if lang not in value:
                raise self.fail(f"{path}.{name}", f"has no plain text {lang!r} beside it")
            if not isinstance(value[name], str) or not value[name].strip():
                raise self.fail(f"{path}.{name}", "must be a non-empty string")
            easy[name] = value[name].strip()
        for lang in self.languages:
            if lang not in value:
                raise self.fail(path, f"missing language {lang!r}")
            if not isinstance(value[lang], str) or not value[lang].strip():
                raise self.fail(f"{path}.{lang}", "must be a non-empty string")
        extra = sorted(set(value) - set(self.languages) - set(easy))
        if extra:
            raise self.fail(f"{path}.{extra[0]}", "is not one of the campaign's languages")
        return {**{lang: value[lang].strip() for lang in self.languages}, **easy}

    def unique(self, items: list[Any], path: str) -> None:
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                raise self.fail(f"{path}[{index}].id", f"duplicate id {item.id!r}")
            seen.add(item.id)

    def campaign(self) -> Campaign:
        data = self.data
        self.unknown_keys(data, TOP_KEYS, "")
        campaign_id = self.ident(self.require(data, "id", "id", str), "id")
        languages = self.require(data, "languages", "languages", list)
        if not languages:
            raise self.fail("languages", "must name at least one language")
        for index, lang in enumerate(languages):
            if not isinstance(lang, str) or not LANGUAGE_PATTERN.match(lang):
                raise self.fail(f"languages[{index}]", f"{lang!r} is not a language code")
        if len(set(languages)) != len(languages):
            raise self.fail("languages", "lists a language twice")
        self.languages = tuple(languages)
        opens = self.require(data, "opens", "opens", date)
        closes = data.get("closes")
        if closes is not None:
            closes = self.require(data, "closes", "closes", date)
            if closes < opens:
                raise self.fail("closes", "is before opens")
        closed_at = data.get("closed_at")
        if closed_at is not None and (
            not isinstance(closed_at, datetime) or closed_at.tzinfo is None
        ):
            raise self.fail("closed_at", "must be a date and time with an offset")
        timezone = data.get("timezone", "Europe/Stockholm")
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise self.fail("timezone", f"{timezone!r} is not a known time zone") from None
        names = self.organisers()
        areas = self.areas()
        pick = self.require(data, "pick", "pick", int)
        if not 1 <= pick <= len(areas):
            raise self.fail("pick", f"must be between 1 and the number of areas ({len(areas)})")
        questions = self.questions()
        return Campaign(
            id=campaign_id,
            languages=self.languages,
            title=self.text(data, "title", "title"),
            intro=self.text(data, "intro", "intro"),
            next_steps=self.text(data, "next_steps", "next_steps"),
            organisers=tuple(name[self.languages[0]] for name in names),
            opens=opens,
            closes=closes,
            timezone=timezone,
            pick=pick,
            areas=areas,
            comment=self.comment(),
            questions=questions,
            analysis=read_analysis(self, questions),
            map=read_map(self),
            organiser_names=names,
            closed_at=closed_at,
        )

    def organisers(self) -> tuple[dict[str, str], ...]:
        """Each organiser's name per language: a plain string is the name in every language;
        a table (`{sv = "Polisen i Karlstad", en = "Karlstad Police"}`) needs the default
        language, and a language it leaves out shows that name."""
        raw = self.require(self.data, "organisers", "organisers", list)
        if not raw:
            raise self.fail("organisers", "must be a list of names")
        names = []
        for index, item in enumerate(raw):
            path = f"organisers[{index}]"
            if isinstance(item, str) and item.strip():
                names.append({lang: item.strip() for lang in self.languages})
                continue
            if not isinstance(item, dict):
                raise self.fail("organisers", "must be a list of names")
            extra = sorted(set(item) - set(self.languages))
            if extra:
                raise self.fail(f"{path}.{extra[0]}", "is not one of the campaign's languages")
            for lang, name in item.items():
                if not isinstance(name, str) or not name.strip():
                    raise self.fail(f"{path}.{lang}", "must be a non-empty string")
            default = self.languages[0]
            if default not in item:
                raise self.fail(path, f"missing language {default!r}")
            names.append({lang: item.get(lang, item[default]).strip() for lang in self.languages})
        return tuple(names)

    def areas(self) -> tuple[Area, ...]:
        raw = self.require(self.data, "areas", "areas", list)
        if len(raw) < 2:
            raise self.fail("areas", "needs at least two areas")
        areas = []
        for index, table in enumerate(raw):
            path = f"areas[{index}]"
            if not isinstance(table, dict):
                raise self.fail(path, "must be a table")
            self.unknown_keys(table, {"id", "label"}, path)
            area_id = self.ident(self.require(table, "id", f"{path}.id", str), f"{path}.id")
            areas.append(Area(area_id, self.text(table, "label", f"{path}.label")))
        self.unique(areas, "areas")
        return tuple(areas)

    def comment(self) -> CommentRule:
        table = self.data.get("comment", {})
        if not isinstance(table, dict):
            raise self.fail("comment", "must be a table")
        self.unknown_keys(table, {"required", "max_length"}, "comment")
        required = table.get("required", False)
        if not isinstance(required, bool):
            raise self.fail("comment.required", "must be true or false")
        max_length = table.get("max_length", 2000)
        if isinstance(max_length, bool) or not isinstance(max_length, int):
            raise self.fail("comment.max_length", "must be a whole number")
        if not 1 <= max_length <= MAX_COMMENT_LENGTH:
            raise self.fail("comment.max_length", f"must be between 1 and {MAX_COMMENT_LENGTH}")
        return CommentRule(required=required, max_length=max_length)

    def questions(self) -> tuple[Question, ...]:
        raw = self.data.get("questions", [])
        if not isinstance(raw, list):
            raise self.fail("questions", "must be a list of tables")
        questions = [self.question(table, f"questions[{index}]") for index, table in enumerate(raw)]
        self.unique(questions, "questions")
        return tuple(questions)

    def question(self, table: Any, path: str) -> Question:
        """One question: the keys every kind has, then its kind's own (`survey.kinds`)."""
        if not isinstance(table, dict):
            raise self.fail(path, "must be a table")
        kind_name = table.get("kind", "choice")
        kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
        if kind is None:
            raise self.fail(f"{path}.kind", f"must be one of {', '.join(KINDS)}")
        self.unknown_keys(table, QUESTION_KEYS | kind.keys, path)
        question_id = self.ident(self.require(table, "id", f"{path}.id", str), f"{path}.id")
        section = table.get("section", BACKGROUND)
        if section not in SECTIONS:
            raise self.fail(f"{path}.section", f"must be one of {', '.join(SECTIONS)}")
        flags = {}
        for key, default in (("required", False), ("public", section == TOPIC)):
            flags[key] = table.get(key, default)
            if not isinstance(flags[key], bool):
                raise self.fail(f"{path}.{key}", "must be true or false")
        options = []
        listed = (
            self.require(table, "options", f"{path}.options", list)
            if kind.needs_options or "options" in table
            else []
        )
        for o_index, option in enumerate(listed):
            o_path = f"{path}.options[{o_index}]"
            if not isinstance(option, dict):
                raise self.fail(o_path, "must be a table")
            self.unknown_keys(option, set(kind.option_keys), o_path)
            option_id = self.ident(self.require(option, "id", f"{o_path}.id", str), f"{o_path}.id")
            scored = option.get("scored", True)
            if not isinstance(scored, bool):
                raise self.fail(f"{o_path}.scored", "must be true or false")
            label = self.text(option, "label", f"{o_path}.label")
            options.append(Option(option_id, label, scored))
        self.unique(options, f"{path}.options")
        return Question(
            question_id,
            self.text(table, "text", f"{path}.text"),
            tuple(options),
            kind=kind.name,
            section=section,
            **flags,
            **kind.read(self, table, path, options),
        )


def parse_campaign(text: str, source: str = "<campaign>") -> Campaign:
    """Parse and validate the TOML text of one campaign file."""
    return check_document(parse_toml(text, source, CampaignError), source)


def part_reader(source: str, data: dict[str, Any], languages: list[str]) -> _Reader:
    """A reader of a part of a campaign given elsewhere (zones from a GeoJSON file), with
    the campaign's languages: its problems are said as a file's are."""
    reader = _Reader(source, data)
    reader.languages = tuple(languages)
    return reader


def check_document(data: dict[str, Any], source: str = "<campaign>") -> Campaign:
    """Validate a campaign given as the data of its file (as the staff editor holds it)."""
    return _Reader(source, data).campaign()


def load_campaign(path: Path | str) -> Campaign:
    """Read and validate one campaign file."""
    path = Path(path)
    return parse_campaign(read_text(path, CampaignError), path.name)


def load_campaigns(directory: Path | str) -> dict[str, Campaign]:
    """Read every `*.toml` in a directory; ids must be unique. Keyed by campaign id."""
    return load_folder(directory, load_campaign, CampaignError)


@dataclass(frozen=True)
class CampaignFile:
    """A campaign and the name of the file it was read from."""

    campaign: Campaign
    file: str

    @property
    def id(self) -> str:
        return self.campaign.id


def load_campaign_files(directory: Path | str) -> dict[str, CampaignFile]:
    """Like `load_campaigns`, with each campaign's file name (its origin in the store)."""
    return load_folder(
        directory, lambda path: CampaignFile(load_campaign(path), path.name), CampaignError
    )
