"""The schema change `m016_compact_answers`, as it shipped.

It carries its own copy of how answers were stored and fingerprinted when it shipped
(`survey.response` of then), so that a later change there cannot change what it writes.
"""

from __future__ import annotations

import hashlib
import json

import msgspec
from sqlite_utils import Database

# Background answers as stored: compact JSON, keys sorted, texts as they are (not \u-escaped).
_ANSWERS_JSON = msgspec.json.Encoder(order="sorted")


def m016_compact_answers(db: Database) -> None:
    """Background answers stored as compact JSON with their keys sorted, and fingerprints
    made from that text: written by msgspec, an answer with places costs the database thread
    a fraction of what Python's encoder of floats and nested lists did."""
    after = 0
    while batch := db.execute(
        "SELECT seq, campaign, channel, source, locale, areas, comment, answers FROM responses "
        "WHERE seq > ? ORDER BY seq LIMIT 1000",
        [after],
    ).fetchall():
        db.conn.executemany(
            "UPDATE responses SET answers = ?, fingerprint = ? WHERE seq = ?",
            [(*recomputed_texts(*row[1:]), row[0]) for row in batch],
        )
        after = batch[-1][0]


def recomputed_texts(
    campaign: str,
    channel: str,
    source: str | None,
    locale: str,
    areas: str,
    comment: str | None,
    answers: str,
) -> tuple[str, str]:
    """A stored answer's background answers text and fingerprint, from its columns."""
    texts = (areas, _ANSWERS_JSON.encode(json.loads(answers)).decode())
    return texts[1], fingerprint(campaign, channel, source, locale, comment, texts)


def fingerprint(
    campaign: str,
    channel: str,
    source: str | None,
    locale: str,
    comment: str | None,
    texts: tuple[str, str],
) -> str:
    """A hash of the content: equal for a resend of the same answer, different otherwise."""
    areas, answers = texts
    parts = (campaign, channel, source, locale, areas, comment, answers)
    # Each part's length first, so that no text can pass for two; "~" for none.
    text = "".join(["~" if part is None else f"{len(part)}:{part}" for part in parts])
    return hashlib.sha256(text.encode()).hexdigest()
