"""Typed messages collected into one comment: added, replaced when edited, never cut silently.

A resident may write a comment in several messages, and Telegram's apps cut a long paste
into messages of at most 4,096 characters. The comment is the messages joined, and the walk
goes on only when the resident says so ("Klar"). Where each message sits in the comment is
kept (`Session.parts`), so an edited message replaces its own part.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.state import Part, Session
from survey import Campaign, Draft, Problem
from survey.validation import check_comment, clean_comment

TELEGRAM_LIMIT = 4096
# A message this long was most likely cut by the app; the next one continues it.
CUT_AT = TELEGRAM_LIMIT - 96
# The rest of a long paste arrives within a few seconds of its first part.
CUT_SECONDS = 3


@dataclass(frozen=True)
class Added:
    """What a typed message did to the comment; `problem` set means nothing of it was kept."""

    draft: Draft
    session: Session
    problem: Problem | None = None
    rest_of_refused: bool = False  # refused as the tail of a long paste refused just before


def add_message(
    campaign: Campaign, draft: Draft, session: Session, message_id: int, text: str, date: int
) -> Added:
    """Add a typed message to the comment (or start the comment anew with it)."""
    piece = clean_comment(text)
    if session.refused_at is not None and 0 <= date - session.refused_at <= CUT_SECONDS:
        problem = Problem("comment.too_long", "comment", {"max": campaign.comment.max_length})
        return Added(draft, session, problem, rest_of_refused=True)
    session = replace(session, refused_at=None)
    if piece is None:
        return Added(draft, session)
    keep = session.collecting and draft.comment is not None
    earlier, parts = (draft.comment or "", session.parts) if keep else ("", ())
    gap = _gap(parts[-1], text) if parts and earlier else ""
    comment = f"{earlier}{gap}{piece}"
    problems = check_comment(campaign, comment)
    if problems:
        refused_at = date if len(text) >= CUT_AT else None
        return Added(draft, replace(session, refused_at=refused_at), problems[0])
    start = len(earlier) + len(gap)
    part: Part = (message_id, start, start + len(piece), len(text))
    session = replace(session, parts=(*parts, part), collecting=True)
    return Added(replace(draft, comment=comment), session)


def _gap(previous: Part, text: str) -> str:
    """What goes between two messages: a line break, or a space in a paste the app cut."""
    _id, start, end, typed = previous
    if typed < CUT_AT:
        return "\n"
    stripped = typed > end - start
    return " " if stripped or text[:1].isspace() else ""


def edit_message(
    campaign: Campaign, draft: Draft, session: Session, message_id: int, text: str
) -> Added | None:
    """Replace the part of an edited message; None when the message is not in the comment."""
    index = next((i for i, p in enumerate(session.parts) if p[0] == message_id), None)
    if index is None or draft.comment is None:
        return None
    _id, start, end, _typed = session.parts[index]
    piece = clean_comment(text) or ""
    comment = draft.comment[:start] + piece + draft.comment[end:]
    problems = check_comment(campaign, clean_comment(comment))
    if problems:
        return Added(draft, session, problems[0])
    shift = len(piece) - (end - start)
    parts = list(session.parts)
    parts[index] = (message_id, start, start + len(piece), len(text))
    parts[index + 1 :] = [(m, s + shift, e + shift, t) for m, s, e, t in parts[index + 1 :]]
    session = replace(session, parts=tuple(parts))
    return Added(replace(draft, comment=clean_comment(comment)), session)
