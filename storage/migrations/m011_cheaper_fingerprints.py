"""The schema change `m011_cheaper_fingerprints`, as it shipped.

It carries its own copy of how answers were stored and fingerprinted when it shipped
(`survey.response` of then), so that a later change there cannot change what it writes.
"""

from __future__ import annotations

import hashlib
import json

from sqlite_utils import Database

# Texts as stored: areas as json.dumps writes a list; background answers with their keys
# sorted and their texts as they are, not \u-escaped.
_ANSWERS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def m011_cheaper_fingerprints(db: Database) -> None:
    """Fingerprints made from the stored texts of an answer's choices, and background answers
    stored with their keys sorted (`survey.response`): the same fingerprint costs a fraction
    of what a canonical JSON text of the whole answer did, on every answer stored."""
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
    texts = (json.dumps(list(json.loads(areas))), _ANSWERS_JSON.encode(dict(json.loads(answers))))
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
