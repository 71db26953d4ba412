"""The tables a campaign exports as CSV or XLSX: responses, tally, comments.

Each is a header and rows fetched in batches, so memory stays flat whatever the size.
Every text cell a resident or a staff member could have typed is neutralised against
formula injection here, once, for both formats.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

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
from survey import Campaign
from survey.formula import FORMULA_STARTS, neutralise

TABLES = ("responses", "tally", "comments")
BATCH = 5000
Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A header, the rows, and how to count them (for a progress bar).

    Cells are text, except in `numbers` columns (numbers, or their text, like "0" and "1");
    `shares` columns hold a share between 0 and 1.
    """

    name: str
    header: list[str]
    rows: Iterator[list[Cell]]
    count: Callable[[], int]
    numbers: frozenset[int] = field(default_factory=frozenset)
    shares: frozenset[int] = field(default_factory=frozenset)


_FIRST = frozenset("".join(FORMULA_STARTS))


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


def _text(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value[0] in _FIRST else value


def export_table(
    db: Database, campaign: Campaign, name: str, *, lang: str | None = None, published: bool = False
) -> Table:
    """The table `name` of `campaign`, labelled in `lang` (default: the campaign's first)."""
    lang = campaign.language(lang)
    if name == "responses":
        return responses_table(db, campaign, lang)
    if name == "tally":
        return tally_table(db, campaign, lang)
    if name == "comments":
        return comments_table(db, campaign, lang, published=published)
    raise ValueError(f"table must be one of {', '.join(TABLES)}")


def responses_table(db: Database, campaign: Campaign, lang: str) -> Table:
    """One row per response: a column per area (1 if chosen, empty if not: what a
    spreadsheet's COUNT and pivot tables count), the comment and the background answers."""
    areas = [a.id for a in campaign.areas]
    questions = list(campaign.questions)
    header = [
        "id",
        "submitted_at",
        "channel",
        "source",
        "locale",
        *(neutralise(campaign.text(a.label, lang)) for a in campaign.areas),
        "comment",
        *(neutralise(campaign.text(q.text, lang)) for q in questions),
        "late",
        "flag",
    ]
    flags = campaign_flags(db, campaign.id)
    labels = {
        q.id: {o.id: neutralise(campaign.text(o.label, lang)) for o in q.options} for q in questions
    }

    # Few distinct area choices and answer sets exist, so each raw JSON text is decoded once.
    chosen_cache: dict[str, list[str]] = {}
    answers_cache: dict[str, list[str]] = {}

    def chosen(raw: str) -> list[str]:
        picked = set(json.loads(raw))
        return ["1" if area in picked else "" for area in areas]

    def answered(raw: str) -> list[str]:
        given = json.loads(raw)
        return [labels[q.id].get(given.get(q.id), _text(given.get(q.id))) for q in questions]

    def rows() -> Iterator[list[Cell]]:
        cursor = db.conn.execute(
            # A paper answer has a day, not a time: its paper date stands in for the time.
            "SELECT id, coalesce(paper_date, submitted_at), channel, source, locale, areas, "
            "comment, answers, late, seq FROM responses WHERE campaign = ? "
            "ORDER BY submitted_at, seq",
            (campaign.id,),
        )
        while batch := cursor.fetchmany(BATCH):
            for (
                id_,
                at,
                channel,
                source,
                locale,
                raw_areas,
                comment,
                raw_answers,
                late,
                seq,
            ) in batch:
                chosen_flags = chosen_cache.get(raw_areas)
                if chosen_flags is None:
                    chosen_flags = chosen_cache[raw_areas] = chosen(raw_areas)
                given = answers_cache.get(raw_answers)
                if given is None:
                    given = answers_cache[raw_answers] = answered(raw_answers)
                # Inline rather than `_text`: this loop runs once per response.
                if id_[:1] in _FIRST:
                    id_ = "'" + id_
                if comment and comment[0] in _FIRST:
                    comment = "'" + comment
                if source and source[0] in _FIRST:
                    source = "'" + source
                flag = flag_text(flags, seq) if seq in flags.reasons else ""
                yield [
                    id_,
                    at,
                    channel,
                    source or "",
                    locale,
                    *chosen_flags,
                    comment or "",
                    *given,
                    "1" if late else "",
                    flag,
                ]

    def count() -> int:
        sql = "SELECT count(*) FROM responses WHERE campaign = ?"
        return db.conn.execute(sql, (campaign.id,)).fetchone()[0]

    flag_columns = frozenset([*range(5, 5 + len(areas)), len(header) - 1])
    return Table("responses", header, rows(), count, numbers=flag_columns)


def tally_table(db: Database, campaign: Campaign, lang: str) -> Table:
    """The ranked areas with votes and share of participants."""
    tally = count_tally(db, campaign)
    rows = [
        [
            c.rank,
            c.area,
            neutralise(campaign.text(campaign.area(c.area).label, lang)),
            c.votes,
            c.share,
        ]
        for c in tally.areas
    ]
    header = ["rank", "area", "label", "votes", "share_of_participants"]
    return Table(
        "tally", header, iter(rows), lambda: len(rows), frozenset({0, 3, 4}), frozenset({4})
    )


def comments_table(db: Database, campaign: Campaign, lang: str, *, published: bool) -> Table:
    """Every comment with its moderation, or (published) only approved ones, redacted."""
    tag_names = {t.id: t.name for t in list_tags(db, campaign.id)}
    area_labels = {a.id: campaign.text(a.label, lang) for a in campaign.areas}

    def joined(names: list[str]) -> str:
        return _text(" | ".join(names))

    def areas_of(ids: tuple[str, ...]) -> str:
        return joined([area_labels.get(a, a) for a in ids])

    def tags_of(ids: frozenset[int]) -> str:
        return joined(sorted(tag_names[t] for t in ids if t in tag_names))

    comments = iter_comments(db, campaign.id, only_approved=published)
    if published:
        header = ["submitted_at", "areas", "themes", "comment"]
        rows: Iterator[list[Cell]] = (
            [c.submitted_at[:10], areas_of(c.areas), tags_of(c.tag_ids), _text(published_text(c))]
            for c in comments
        )
    else:
        header = [
            "id",
            "submitted_at",
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
                _text(c.id),
                c.submitted_at,
                c.channel,
                _text(c.source),
                areas_of(c.areas),
                c.status,
                tags_of(c.tag_ids),
                _text(c.text),
                _text(published_text(c)),
            ]
            for c in comments
        )
    wanted = CommentFilter(status="approved" if published else None)
    return Table("comments", header, rows, lambda: count_comments(db, campaign.id, wanted))
