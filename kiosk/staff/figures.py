"""A campaign's figures as the results page and the report show them: counted in the store,
kept for a moment (several staff polling every few seconds share one count), labelled in
the reader's language, small cells suppressed."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date

import aiohttp_jinja2
from aiohttp import web
from babel.dates import format_date
from markupsafe import Markup

from kiosk.app_keys import STORE
from kiosk.clock import app_clock
from kiosk.i18n import gettext
from kiosk.results.view import channel_label as channel_name
from kiosk.results.view import mean_text, rank_rows
from kiosk.staff.chart import BarChart, ColumnChart, bar_chart, day_chart
from locales import format_number as number
from locales import format_share as percent
from locales import text_direction
from storage.responses import count_tally
from storage.result_breakdowns import (
    OptionSplit,
    QuestionCounts,
    QuestionSplits,
    answers_per_day,
    background_counts,
    easy_read_count,
    question_splits,
    sources_by_channel,
)
from survey import Campaign, Question, Tally
from survey.kinds import kind_of
from survey.suppression import THRESHOLD, suppress
from survey.validation import CHANNELS

# As often as the results page asks (its poll, kiosk.staff.results.live.POLL_SECONDS): counting
# takes a core for tens of milliseconds per 40,000 answers, which residents' answers share.
FRESH_SECONDS = 5.0


@dataclass(frozen=True)
class Counts:
    """Everything counted for a campaign at one moment."""

    tally: Tally
    per_day: list[tuple[date, int]]
    background: list[QuestionCounts]
    sources: dict[str, list[tuple[str, int]]]
    splits: list[QuestionSplits] = field(default_factory=list)
    easy_read: int = 0  # answers given in Lättläst


@dataclass
class CountsCache:
    """The latest counts per campaign, reused while younger than FRESH_SECONDS."""

    entries: dict[str, tuple[float, Counts]] = field(default_factory=dict)
    # Campaigns being counted now: one count at a time, the others served the last one.
    counting: set[str] = field(default_factory=set)
    # The figures as HTML, rendered once per count and language: (campaign, lang) to
    # (the counts they show, the HTML). Twenty staff tabs reloading share one render.
    rendered: dict[tuple[str, str], tuple[Counts, Markup]] = field(default_factory=dict)


COUNTS_CACHE = web.AppKey("staff_counts_cache", CountsCache)


def _count_all(db, campaign: Campaign) -> Counts:
    return Counts(
        count_tally(db, campaign),
        answers_per_day(db, campaign),
        background_counts(db, campaign),
        sources_by_channel(db, campaign),
        question_splits(db, campaign),
        easy_read_count(db, campaign),
    )


async def counts(request: web.Request, campaign: Campaign) -> Counts:
    """The campaign's counts, from the cache while fresh, else from the store."""
    cache = request.app[COUNTS_CACHE]
    clock = app_clock(request)
    entry = cache.entries.get(campaign.id)
    if entry and (clock.monotonic() - entry[0] < FRESH_SECONDS or campaign.id in cache.counting):
        return entry[1]
    cache.counting.add(campaign.id)
    try:
        found = await request.app[STORE].read(_count_all, campaign)
    finally:
        cache.counting.discard(campaign.id)
    cache.entries[campaign.id] = (clock.monotonic(), found)
    return found


async def figures_html(
    request: web.Request, campaign: Campaign, counted: Counts, lang: str
) -> Markup:
    """The figures fragment (`staff/_figures.html`) of these counts, in `lang`: made once per
    count, in a worker thread (a campaign of many venues and days makes a long fragment,
    which would hold the event loop)."""
    rendered = request.app[COUNTS_CACHE].rendered
    found = rendered.get((campaign.id, lang))
    if found is None or found[0] is not counted:

        def render() -> Markup:
            context = figures_context(campaign, counted, lang)
            context["campaign"] = campaign
            # The environment escapes every value (autoescape), so its output is safe HTML.
            html = aiohttp_jinja2.render_string("staff/_figures.html", request, context)
            return Markup(html)  # noqa: S704

        rendered[(campaign.id, lang)] = found = (counted, await asyncio.to_thread(render))
    return found[1]


def shown(n: int | None, lang: str) -> str:
    """A count, or "<5" where it is suppressed."""
    return number(n, lang) if n is not None else "<5"


def ranking_chart(campaign: Campaign, tally: Tally, lang: str) -> BarChart:
    rows = [
        (f"{r.rank}. {r.label}", r.votes, f"{r.votes_text} ({r.share})")
        for r in rank_rows(campaign, tally, lang)
    ]
    return bar_chart(gettext("Prioriterade områden"), rows, text_direction(lang))


def per_day_chart(per_day: list[tuple[date, int]], lang: str) -> ColumnChart:
    days = [(format_date(day, "d MMM", locale=lang), n) for day, n in per_day]
    return day_chart(gettext("Svar per dag"), days)


@dataclass(frozen=True)
class SplitTable:
    """A question's options down, groups (channels or venues) across: people per cell."""

    groups: list[str]
    answered: list[str]  # people in each group who answered
    rows: list[tuple[str, list[str]]]  # option, people per group


@dataclass(frozen=True)
class BackgroundTable:
    """One question: people per option, the areas each group chose, and the answers by
    channel and by venue; a scale's mean."""

    question: str
    rows: list[tuple[str, str, str]]  # option, people, share of participants
    areas: list[str]
    crossed: list[tuple[str, list[str]]]  # option, votes per area
    id: str = ""
    kind: str = "choice"
    mean: str | None = None
    by_channel: SplitTable | None = None
    by_venue: SplitTable | None = None


def split_table(
    campaign: Campaign, question: Question, groups: list[tuple[str, OptionSplit]], lang: str
) -> SplitTable | None:
    """The options by group, each group's column suppressed as a table of its own (a
    group of fewer than five shows none of its cells)."""
    if not groups:
        return None
    columns = []
    for _name, split in groups:
        raw = [split.options.get(o.id, 0) for o in question.options]
        columns.append(suppress(raw) if split.answered >= THRESHOLD else [None] * len(raw))
    return SplitTable(
        groups=[name for name, _split in groups],
        answered=[shown(n, lang) for n in suppress([split.answered for _n, split in groups])],
        rows=[
            (campaign.text(option.label, lang), [shown(column[i], lang) for column in columns])
            for i, option in enumerate(question.options)
        ],
    )


def background_tables(campaign: Campaign, counted: Counts, lang: str) -> list[BackgroundTable]:
    """Every question with every count under five suppressed."""
    tables = []
    participants = counted.tally.participants
    area_ids = [a.id for a in campaign.areas]
    splits = {split.question: split for split in counted.splits}
    for question_counts in counted.background:
        question = campaign.question(question_counts.question)
        options = list(question.options)
        raw = [question_counts.options.get(o.id, 0) for o in options]
        raw.append(participants - question_counts.answered)
        visible = suppress(raw)
        labels = [campaign.text(o.label, lang) for o in options] + [gettext("Inget svar")]
        rows = [
            (label, shown(n, lang), percent(n / participants, lang) if n and participants else "")
            for label, n in zip(labels, visible, strict=True)
        ]
        crossed = []
        # A group's votes add up to `pick` times its size, so each row is suppressed as a
        # table with a known total; a group too small to show hides its whole row.
        for option, group in zip(options, visible[:-1], strict=True):
            by_area = question_counts.areas_by_option.get(option.id, {})
            cells = suppress([by_area.get(a, 0) for a in area_ids]) if group is not None else []
            texts = [shown(n, lang) for n in cells] if group is not None else ["<5"] * len(area_ids)
            crossed.append((campaign.text(option.label, lang), texts))
        split = splits.get(question.id)
        by_channel = by_venue = None
        if split is not None:
            channels = [
                (channel_name(ch), split.by_channel[ch])
                for ch in CHANNELS
                if ch in split.by_channel
            ]
            venues = [
                (f"{venue} ({channel_name(ch)})", found)
                for (ch, venue), found in sorted(split.by_venue.items())
            ]
            by_channel = split_table(campaign, question, channels, lang)
            by_venue = split_table(campaign, question, venues, lang)
        mean = None
        if question_counts.answered >= THRESHOLD:
            found = kind_of(question).mean(question, question_counts.options)
            mean = mean_text(question, found, lang)
        tables.append(
            BackgroundTable(
                question=campaign.text(question.text, lang),
                rows=rows,
                areas=[campaign.text(a.label, lang) for a in campaign.areas],
                crossed=crossed,
                id=question.id,
                kind=question.kind,
                mean=mean,
                by_channel=by_channel,
                by_venue=by_venue,
            )
        )
    return tables


def figures_context(campaign: Campaign, counted: Counts, lang: str) -> dict:
    """What the live part of the results page and the report show."""
    tally = counted.tally
    return {
        "participants": tally.participants,
        "participants_text": number(tally.participants, lang),
        "comments_text": number(tally.comments, lang),
        # Whom Lättläst reached, where the campaign offers it.
        "easy_read_text": (
            f"{number(counted.easy_read, lang)} "
            f"({percent(counted.easy_read / tally.participants, lang)})"
            if campaign.easy_languages and tally.participants
            else None
        ),
        "areas": rank_rows(campaign, tally, lang),
        "chart": ranking_chart(campaign, tally, lang),
        "channels": [
            (
                channel_name(ch),
                tally.by_channel.get(ch, 0),
                number(tally.by_channel.get(ch, 0), lang),
                [(source, number(n, lang)) for source, n in counted.sources.get(ch, [])],
            )
            for ch in CHANNELS
        ],
        "sources": [
            (source, channel_name(ch), number(n, lang))
            for ch in CHANNELS
            for source, n in counted.sources.get(ch, [])
        ],
        "days": [
            (format_date(d, "EEE d MMM y", locale=lang), number(n, lang))
            for d, n in counted.per_day
        ],
        "day_chart": per_day_chart(counted.per_day, lang),
        "background": background_tables(campaign, counted, lang),
    }
