"""Themes and decisions on many comments at once, and themes without a decision.

Setting a theme is not a moderation decision: a comment keeps its status (new, approved,
hidden) when staff tag it, one at a time or many at once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlite_utils import Database

from storage.moderation import (
    _FROM,
    _SELECT,
    _STATUS,
    STATUSES,
    Comment,
    CommentFilter,
    _comments,
    _where,
    add_tag,
    list_tags,
    moderate,
)
from storage.statements import marks
from survey import Campaign
from survey.themes import PlaceCount, count_places, suggest_themes


def comments_by_id(db: Database, campaign: str, ids: Sequence[str]) -> list[Comment]:
    """These comments of `campaign` (unknown ids are left out)."""
    if not ids:
        return []
    rows = db.conn.execute(
        f"{_SELECT} {_FROM} WHERE r.campaign = ? AND r.comment IS NOT NULL "
        f"AND r.id IN ({marks(ids)}) ORDER BY r.seq",
        [campaign, *ids],
    ).fetchall()
    return _comments(db, rows)


def _seqs(db: Database, campaign: str, ids: Sequence[str]) -> list[int]:
    if not ids:
        return []
    return [
        seq
        for (seq,) in db.conn.execute(
            f"SELECT seq FROM responses WHERE campaign = ? AND comment IS NOT NULL "
            f"AND id IN ({marks(ids)})",
            [campaign, *ids],
        )
    ]


def set_theme(
    db: Database, campaign: str, ids: Sequence[str], tag_id: int, *, remove: bool = False
) -> int:
    """Give these comments the theme `tag_id` (or take it away); how many changed."""
    if tag_id not in {t.id for t in list_tags(db, campaign)}:
        return 0
    changed = 0
    for seq in _seqs(db, campaign, ids):
        if remove:
            sql = "DELETE FROM comment_tags WHERE response_seq = ? AND tag_id = ?"
        else:
            sql = (
                "INSERT INTO comment_tags (response_seq, tag_id) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING"
            )
        changed += db.conn.execute(sql, (seq, tag_id)).rowcount
    return changed


def set_status(db: Database, campaign: str, ids: Sequence[str], status: str, actor: str) -> int:
    """The same decision on many comments; each keeps its themes and its redacted text."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    done = 0
    for comment in comments_by_id(db, campaign, ids):
        done += moderate(
            db,
            campaign,
            comment.id,
            status=status,
            redacted=comment.redacted,
            tag_ids=sorted(comment.tag_ids),
            actor=actor,
        )
    return done


def apply_suggestions(db: Database, campaign: Campaign, ids: Sequence[str], actor: str) -> int:
    """Give each of these comments the themes its words suggest (creating a theme named as in
    the campaign file where staff have none by that name); how many themes were set."""
    rules = campaign.analysis.themes
    names = {r.id: campaign.text(r.name, campaign.default_language) for r in rules}
    set_count = 0
    for comment in comments_by_id(db, campaign.id, ids):
        for theme_id in suggest_themes(comment.text, rules):
            add_tag(db, campaign.id, names[theme_id], actor)
            tag_id = _tag_id(db, campaign.id, names[theme_id])
            set_count += set_theme(db, campaign.id, [comment.id], tag_id)
    return set_count


def _tag_id(db: Database, campaign: str, name: str) -> int:
    (tag_id,) = db.conn.execute(
        "SELECT id FROM tags WHERE campaign = ? AND name = ?", (campaign, name)
    ).fetchone()
    return tag_id


def unthemed_ids(db: Database, campaign: str) -> list[str]:
    """The comments no theme is set on yet, oldest first."""
    return [
        id_
        for (id_,) in db.conn.execute(
            "SELECT r.id FROM responses r WHERE r.campaign = ? AND r.comment IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM comment_tags t WHERE t.response_seq = r.seq) "
            "ORDER BY r.seq",
            (campaign,),
        )
    ]


def place_counts(
    db: Database, campaign: Campaign, wanted: CommentFilter | None = None
) -> list[PlaceCount]:
    """The campaign file's places as the comments of the filter name them (hidden ones only
    when the filter asks for them)."""
    if not campaign.analysis.places:
        return []
    where, params = _where(campaign.id, wanted or CommentFilter())
    rows = db.conn.execute(f"SELECT r.comment, r.areas, {_STATUS} {_FROM} WHERE {where}", params)
    keep_hidden = wanted is not None and wanted.status == "hidden"
    texts = [
        (text, json.loads(areas))
        for text, areas, status in rows
        if keep_hidden or status != "hidden"
    ]
    return count_places(texts, campaign.analysis.places, [a.id for a in campaign.areas])
