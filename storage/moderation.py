"""Comment moderation: status (new, approved, hidden), themes (tags), and redacted text.

The resident's comment is never changed: the redacted text for publication is kept beside
it. A moderation decision counts only for the comment it was made on (see m002).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlite_utils import Database

from storage.responses import now_iso
from survey.personal_data import redact

STATUSES = ("new", "approved", "hidden")
PAGE_SIZE = 50
# The decision in force: a moderation older than the response's last change is void.
_CURRENT = "m.moderated_at >= r.updated_at"
_STATUS = f"CASE WHEN {_CURRENT} THEN m.status ELSE 'new' END"


@dataclass(frozen=True)
class Tag:
    """A theme staff defined for a campaign's comments."""

    id: int
    name: str
    comments: int = 0


@dataclass(frozen=True)
class Comment:
    """A comment as moderators see it."""

    id: str
    channel: str
    source: str | None
    locale: str
    areas: tuple[str, ...]
    text: str
    submitted_at: str
    status: str
    redacted: str | None
    moderated_by: str | None
    tag_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class CommentFilter:
    """Which comments to list; None means any."""

    area: str | None = None
    channel: str | None = None
    status: str | None = None
    tag: int | None = None


def _where(campaign: str, wanted: CommentFilter) -> tuple[str, list]:
    clauses = ["r.campaign = ?", "r.comment IS NOT NULL"]
    params: list = [campaign]
    if wanted.channel:
        clauses.append("r.channel = ?")
        params.append(wanted.channel)
    if wanted.area:
        clauses.append("EXISTS (SELECT 1 FROM json_each(r.areas) WHERE json_each.value = ?)")
        params.append(wanted.area)
    if wanted.status:
        clauses.append(f"{_STATUS} = ?")
        params.append(wanted.status)
    if wanted.tag is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM comment_tags t WHERE t.response_seq = r.seq AND t.tag_id = ?)"
        )
        params.append(wanted.tag)
    return " AND ".join(clauses), params


_FROM = "FROM responses r LEFT JOIN comment_moderation m ON m.response_seq = r.seq"


def count_comments(db: Database, campaign: str, wanted: CommentFilter) -> int:
    where, params = _where(campaign, wanted)
    return db.conn.execute(f"SELECT count(*) {_FROM} WHERE {where}", params).fetchone()[0]


_SELECT = (
    # A paper answer has a day, not a time: its paper date stands in for the time.
    f"SELECT r.seq, r.id, r.channel, r.source, r.locale, r.areas, r.comment, "
    f"coalesce(r.paper_date, r.submitted_at), "
    f"{_STATUS}, CASE WHEN {_CURRENT} THEN m.redacted END, "
    f"CASE WHEN {_CURRENT} THEN m.moderated_by END"
)


def list_comments(
    db: Database, campaign: str, wanted: CommentFilter, page: int = 1, size: int = PAGE_SIZE
) -> list[Comment]:
    """One page of comments, newest first, with their tags."""
    where, params = _where(campaign, wanted)
    rows = db.conn.execute(
        f"{_SELECT} {_FROM} WHERE {where} ORDER BY r.seq DESC LIMIT ? OFFSET ?",
        [*params, size, (max(page, 1) - 1) * size],
    ).fetchall()
    return _comments(db, rows)


def _comments(db: Database, rows: list[tuple]) -> list[Comment]:
    tags = _tags_of(db, [row[0] for row in rows])
    return [
        Comment(
            id=row[1],
            channel=row[2],
            source=row[3],
            locale=row[4],
            areas=tuple(json.loads(row[5])),
            text=row[6],
            submitted_at=row[7],
            status=row[8],
            redacted=row[9],
            moderated_by=row[10],
            tag_ids=frozenset(tags.get(row[0], ())),
        )
        for row in rows
    ]


def _tags_of(db: Database, seqs: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    if seqs:
        marks = ", ".join("?" * len(seqs))
        for seq, tag_id in db.conn.execute(
            f"SELECT response_seq, tag_id FROM comment_tags WHERE response_seq IN ({marks})", seqs
        ):
            found.setdefault(seq, []).append(tag_id)
    return found


def moderate(
    db: Database,
    campaign: str,
    response_id: str,
    *,
    status: str,
    redacted: str | None,
    tag_ids: list[int],
    actor: str,
) -> bool:
    """Record a decision on one comment of `campaign`; False if there is no such comment."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    row = db.conn.execute(
        "SELECT seq, comment FROM responses WHERE id = ? AND campaign = ? AND comment IS NOT NULL",
        (response_id, campaign),
    ).fetchone()
    if row is None:
        return False
    seq, comment = row
    if redacted == redact(comment):  # nothing beyond the automatic redaction: keep none
        redacted = None
    db.conn.execute(
        "INSERT INTO comment_moderation (response_seq, campaign, status, redacted, "
        "moderated_by, moderated_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (response_seq) DO UPDATE SET status = excluded.status, "
        "redacted = excluded.redacted, moderated_by = excluded.moderated_by, "
        "moderated_at = excluded.moderated_at",
        (seq, campaign, status, redacted, actor, now_iso()),
    )
    db.conn.execute("DELETE FROM comment_tags WHERE response_seq = ?", (seq,))
    known = {tag.id for tag in list_tags(db, campaign)}
    db.conn.executemany(
        "INSERT INTO comment_tags (response_seq, tag_id) VALUES (?, ?)",
        [(seq, tag_id) for tag_id in sorted(set(tag_ids) & known)],
    )
    return True


def list_tags(db: Database, campaign: str) -> list[Tag]:
    """The campaign's themes by name, each with how many comments carry it."""
    rows = db.conn.execute(
        "SELECT t.id, t.name, count(c.response_seq) FROM tags t "
        "LEFT JOIN comment_tags c ON c.tag_id = t.id WHERE t.campaign = ? "
        "GROUP BY t.id ORDER BY t.name COLLATE NOCASE",
        (campaign,),
    ).fetchall()
    return [Tag(*row) for row in rows]


def add_tag(db: Database, campaign: str, name: str, actor: str) -> bool:
    """Define a theme; False if the campaign already has one by that name."""
    cursor = db.conn.execute(
        "INSERT INTO tags (campaign, name, created_by, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (campaign, name) DO NOTHING",
        (campaign, name, actor, now_iso()),
    )
    return cursor.rowcount > 0


def delete_tag(db: Database, campaign: str, tag_id: int) -> bool:
    cursor = db.conn.execute("DELETE FROM tags WHERE id = ? AND campaign = ?", (tag_id, campaign))
    return cursor.rowcount > 0


def published_text(comment: Comment) -> str:
    """The text to publish: the moderator's redaction, with the automatic one run over it."""
    return redact(comment.redacted or comment.text)


def iter_comments(
    db: Database, campaign: str, *, only_approved: bool = False, batch: int = 2000
) -> Iterator[Comment]:
    """Every comment of a campaign (or only the approved ones), oldest first, in batches."""
    wanted = CommentFilter(status="approved" if only_approved else None)
    where, params = _where(campaign, wanted)
    cursor = db.conn.execute(f"{_SELECT} {_FROM} WHERE {where} ORDER BY r.seq", params)
    while rows := cursor.fetchmany(batch):
        yield from _comments(db, rows)


@dataclass(frozen=True)
class Theme:
    """A theme for the report: how many comments carry it, and approved quotes from it."""

    name: str
    comments: int
    quotes: list[str]


def themes_with_quotes(db: Database, campaign: str, quotes: int = 3) -> list[Theme]:
    """The campaign's themes, most common first (hidden comments not counted), each with up
    to `quotes` approved comments, redacted for publication."""
    tags = db.conn.execute(
        f"SELECT t.id, t.name, count(*) FROM tags t "
        f"JOIN comment_tags c ON c.tag_id = t.id "
        f"JOIN responses r ON r.seq = c.response_seq "
        f"LEFT JOIN comment_moderation m ON m.response_seq = r.seq "
        f"WHERE t.campaign = ? AND {_STATUS} != 'hidden' "
        f"GROUP BY t.id ORDER BY count(*) DESC, t.name COLLATE NOCASE",
        (campaign,),
    ).fetchall()
    themes = []
    for tag_id, name, n in tags:
        rows = db.conn.execute(
            f"{_SELECT} {_FROM} JOIN comment_tags c ON c.response_seq = r.seq "
            f"WHERE c.tag_id = ? AND {_STATUS} = 'approved' ORDER BY r.seq "
            "LIMIT ?",
            (tag_id, quotes),
        ).fetchall()
        themes.append(Theme(name, n, [published_text(c) for c in _comments(db, rows)]))
    return themes
