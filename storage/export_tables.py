"""The tables a campaign exports as CSV or XLSX: responses, tally, comments.

Each is a header and rows fetched in batches, so memory stays flat whatever the size.
The columns a resident or a staff member could have typed into are named (`texts`): the
CSV writer neutralises them against formula injection; XLSX cells are text already.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from locales.export_columns import PLACE_PARTS, column_label
from storage.answer_flags import campaign_flags, flag_text
from storage.connection import BUSY_TIMEOUT_SECONDS
from storage.moderation import (
    CommentFilter,
    count_comments,
    iter_comments,
    list_tags,
    published_text,
)
from storage.responses import count_tally
from survey import Campaign, Question
from survey.kinds import kind_of

TABLES = ("responses", "tally", "comments")
BATCH = 5000
Cell = str | int | float | None
Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Table:
    """Column names, the rows, and how to count them (for a progress bar).

    `keys` are the machine names; `header` is what the file shows (labels in the export's
    language, or the machine names). Cells are text, except in `numbers` columns (numbers,
    or their text, like "0" and "1"); `shares` columns hold a share between 0 and 1; `times`
    columns hold a time as "YYYY-MM-DD HH:MM:SS"; `texts` columns hold text someone typed,
    which the CSV writer neutralises against formulas (the XLSX writer stores it as text).
    """

    name: str
    header: list[str]
    rows: Iterator[list[Cell]]
    count: Callable[[], int]
    numbers: frozenset[int] = field(default_factory=frozenset)
    shares: frozenset[int] = field(default_factory=frozenset)
    texts: frozenset[int] = field(default_factory=frozenset)
    times: frozenset[int] = field(default_factory=frozenset)
    keys: list[str] = field(default_factory=list)


def open_export_reader(path: Path | str) -> Database:
    """A read-only connection of its own for one export, so that a long export never holds
    up the store's thread; a stream needs little page cache."""
    conn = sqlite3.connect(
        Path(path).resolve().as_uri() + "?mode=ro",
        uri=True,
        check_same_thread=False,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_SECONDS,
    )
    conn.execute("PRAGMA cache_size = -8192")
    return Database(conn)


def export_table(
    db: Database,
    campaign: Campaign,
    name: str,
    *,
    lang: str | None = None,
    published: bool = False,
    gettext: Gettext | None = None,
    machine_names: bool = False,
) -> Table:
    """The table `name` of `campaign`, labelled in `lang` (default: the campaign's first):
    area and answer labels from the campaign, column labels through `gettext` (Swedish
    without it), or the machine names for scripts."""
    lang = campaign.language(lang)
    translate = gettext or (lambda message: message)
    if name == "responses":
        table = responses_table(db, campaign, lang, translate)
    elif name == "tally":
        table = tally_table(db, campaign, lang)
    elif name == "comments":
        table = comments_table(db, campaign, lang, published=published)
    else:
        raise ValueError(f"table must be one of {', '.join(TABLES)}")
    if machine_names:
        return replace(table, header=list(table.keys))
    header = [
        column_label(key, translate) if label is None else label
        for key, label in zip(table.keys, table.header, strict=True)
    ]
    return replace(table, header=header)


def local_time(campaign: Campaign) -> Callable[[str], str]:
    """A stored UTC time ("2016-02-22T13:05:12.123456Z") as the campaign's local time.

    Where the zone is a whole number of hours from UTC (as Swedish time always is), the
    local date and hour are looked up once per hour of stamps and the minutes and seconds
    carried over: most rows cost a dictionary lookup.
    """
    zone = ZoneInfo(campaign.timezone)
    hours: dict[str, str | None] = {}
    parse = datetime.fromisoformat

    def exact(stamp: str) -> str:
        return parse(stamp).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")

    def convert(stamp: str) -> str:
        if len(stamp) == 10:  # a paper answer's day: it has no time to convert
            return stamp
        hour = stamp[:13]
        prefix = hours.get(hour, "")
        if prefix == "":
            offset = parse(stamp).astimezone(zone).utcoffset()
            whole = offset is not None and offset % timedelta(hours=1) == timedelta(0)
            prefix = hours[hour] = exact(hour + ":00:00+00:00")[:13] if whole else None
        if prefix is None:
            return exact(stamp)
        return prefix + stamp[13:19]

    return convert


def utc_time(stamp: str) -> str:
    return stamp[:19].replace("T", " ")


def responses_table(
    db: Database, campaign: Campaign, lang: str, gettext: Gettext | None = None
) -> Table:
    """One row per response: a column per area (1 if chosen, empty if not: what a
    spreadsheet's COUNT and pivot tables count), the comment and the background answers;
    sample answers marked in a last column when the campaign holds any."""
    areas = [a.id for a in campaign.areas]
    questions = list(campaign.questions)
    with_sample = has_sample(db, campaign.id)
    keys = [
        "id",
        "submitted_at",
        "submitted_at_utc",
        "channel",
        "source",
        "locale",
        *(f"area_{a}" for a in areas),
        "comment",
        *(column for q in questions for column in kind_of(q).columns(q)),
        "late",
        "easy_read",
        "flag",
        *(["sample"] if with_sample else []),
    ]
    labels: list[str | None] = [
        *([None] * 6),
        *(campaign.text(a.label, lang) for a in campaign.areas),
        None,
        *(label for q in questions for label in question_labels(campaign, q, lang, gettext)),
        None,
        None,
        None,
        *([None] if with_sample else []),
    ]
    flags = campaign_flags(db, campaign.id)
    options = {q.id: {o.id: campaign.text(o.label, lang) for o in q.options} for q in questions}

    # Few distinct area choices and answer sets exist, so each raw JSON text is decoded once.
    chosen_cache: dict[str, list[str]] = {}
    answers_cache: dict[str, list[str]] = {}
    local = local_time(campaign)

    def chosen(raw: str) -> list[str]:
        picked = set(json.loads(raw))
        return ["1" if area in picked else "" for area in areas]

    def answered(raw: str) -> list[str]:
        given = json.loads(raw)
        return [
            "" if cell is None else options[q.id].get(cell, str(cell))
            for q in questions
            for cell in kind_of(q).cells(q, given.get(q.id))
        ]

    def rows() -> Iterator[list[Cell]]:
        cursor = db.conn.execute(
            "SELECT id, submitted_at, paper_date, channel, source, locale, areas, comment, "
            "answers, late, easy_read, seq, sample FROM responses WHERE campaign = ? "
            "ORDER BY submitted_at, seq",
            (campaign.id,),
        )
        while batch := cursor.fetchmany(BATCH):
            for row_values in batch:
                (id_, at, paper_date, channel, source, locale, raw_areas, comment) = row_values[:8]
                raw_answers, late, easy_read, seq, sample = row_values[8:]
                chosen_flags = chosen_cache.get(raw_areas)
                if chosen_flags is None:
                    chosen_flags = chosen_cache[raw_areas] = chosen(raw_areas)
                given = answers_cache.get(raw_answers)
                if given is None:
                    given = answers_cache[raw_answers] = answered(raw_answers)
                # A paper answer has a day, not a time: its paper date stands in for both.
                when = (paper_date, paper_date) if paper_date else (local(at), utc_time(at))
                row = [id_, *when, channel, source or "", locale, *chosen_flags]
                flag = flag_text(flags, seq) if seq in flags.reasons else ""
                row += [comment or "", *given, "1" if late else "", "1" if easy_read else ""]
                row.append(flag)
                if with_sample:
                    row.append("1" if sample else "")
                yield row

    def count() -> int:
        sql = "SELECT count(*) FROM responses WHERE campaign = ?"
        return db.conn.execute(sql, (campaign.id,)).fetchone()[0]

    first_area, comment_at = 6, 6 + len(areas)
    late_at = comment_at + 1 + sum(len(kind_of(q).columns(q)) for q in questions)
    numbers = {*range(first_area, comment_at), late_at, late_at + 1}
    if with_sample:
        numbers.add(len(keys) - 1)
    texts = {0, 4, *range(comment_at, late_at), late_at + 2}
    return Table(
        "responses",
        labels,
        rows(),
        count,
        numbers=frozenset(numbers),
        texts=frozenset(texts),
        times=frozenset({1, 2}),
        keys=keys,
    )


def question_labels(
    campaign: Campaign, question: Question, lang: str, gettext: Gettext | None = None
) -> list[str]:
    """A question's column headings: its text, for each option of a multi both, and for each
    part of each place of a place question, "text 1: latitud" and so on."""
    text = campaign.text(question.text, lang)
    if question.kind == "place":
        translate = gettext or (lambda message: message)
        return [
            f"{text} {n}: {translate(PLACE_PARTS[part])}"
            for n in range(1, question.max + 1)
            for part in PLACE_PARTS
        ]
    if len(kind_of(question).columns(question)) == 1:
        return [text]
    return [f"{text}: {campaign.text(o.label, lang)}" for o in question.options]


def has_sample(db: Database, campaign: str) -> bool:
    sql = "SELECT 1 FROM responses WHERE campaign = ? AND sample = 1 LIMIT 1"
    return db.conn.execute(sql, (campaign,)).fetchone() is not None


def tally_table(db: Database, campaign: Campaign, lang: str) -> Table:
    """The ranked areas with votes and share of participants."""
    tally = count_tally(db, campaign)
    rows = [
        [c.rank, c.area, campaign.text(campaign.area(c.area).label, lang), c.votes, c.share]
        for c in tally.areas
    ]
    keys = ["rank", "area", "label", "votes", "share_of_participants"]
    return Table(
        "tally",
        [None] * len(keys),
        iter(rows),
        lambda: len(rows),
        numbers=frozenset({0, 3, 4}),
        shares=frozenset({4}),
        texts=frozenset({2}),
        keys=keys,
    )


def comments_table(db: Database, campaign: Campaign, lang: str, *, published: bool) -> Table:
    """Every comment with its moderation, or (published) only approved ones, redacted."""
    tag_names = {t.id: t.name for t in list_tags(db, campaign.id)}
    area_labels = {a.id: campaign.text(a.label, lang) for a in campaign.areas}

    def joined(names: list[str]) -> str:
        return " | ".join(names)

    def areas_of(ids: tuple[str, ...]) -> str:
        return joined([area_labels.get(a, a) for a in ids])

    def tags_of(ids: frozenset[int]) -> str:
        return joined(sorted(tag_names[t] for t in ids if t in tag_names))

    comments = iter_comments(db, campaign.id, only_approved=published)
    local = local_time(campaign)
    if published:
        keys = ["date", "areas", "themes", "comment"]
        rows: Iterator[list[Cell]] = (
            [local(c.submitted_at)[:10], areas_of(c.areas), tags_of(c.tag_ids), published_text(c)]
            for c in comments
        )
        texts, times = frozenset({1, 2, 3}), frozenset()
    else:
        keys = [
            "id",
            "submitted_at",
            "submitted_at_utc",
            "channel",
            "source",
            "areas",
            "status",
            "themes",
            "comment",
            "redacted",
        ]
        rows = (
            [
                c.id,
                local(c.submitted_at),
                utc_time(c.submitted_at),
                c.channel,
                c.source or "",
                areas_of(c.areas),
                c.status,
                tags_of(c.tag_ids),
                c.text,
                published_text(c),
            ]
            for c in comments
        )
        texts, times = frozenset({0, 4, 5, 7, 8, 9}), frozenset({1, 2})
    wanted = CommentFilter(status="approved" if published else None)
    return Table(
        "comments",
        [None] * len(keys),
        rows,
        lambda: count_comments(db, campaign.id, wanted),
        texts=texts,
        times=times,
        keys=keys,
    )
