"""The schema change `m016_answers_known_by_content`, as it shipped.

It carries its own copy of how answers were stored when it shipped (`survey.response` of
then), so that a later change there cannot change what it writes.
"""

from __future__ import annotations

import json

import msgspec
from sqlite_utils import Database

# Background answers as stored: compact JSON, keys sorted, texts as they are (not \u-escaped).
_ANSWERS_JSON = msgspec.json.Encoder(order="sorted")


def m016_answers_known_by_content(db: Database) -> None:
    """Background answers stored as compact JSON with their keys sorted, as msgspec writes
    them (an answer with places costs a fraction of what Python's encoder did); and no
    fingerprint: a resend is told from another answer with its id by comparing the stored
    answer's content with it, which is needed only when an id comes again, rather than by
    hashing every answer stored."""
    after = 0
    while batch := db.execute(
        "SELECT seq, answers FROM responses WHERE seq > ? ORDER BY seq LIMIT 1000", [after]
    ).fetchall():
        db.conn.executemany(
            "UPDATE responses SET answers = ? WHERE seq = ?",
            [(_ANSWERS_JSON.encode(json.loads(answers)).decode(), seq) for seq, answers in batch],
        )
        after = batch[-1][0]
    db.execute("ALTER TABLE responses DROP COLUMN fingerprint")
