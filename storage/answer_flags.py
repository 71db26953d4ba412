"""Flagged answers: the rules of `survey.flags` over the stored answers, and staff's review.

A flag is computed from what the answers carry whenever it is asked for, so a rule that
changes applies to every answer; staff's decision on a flag (cleared or confirmed) is kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from storage.responses import now_iso
from storage.statements import chunks, marks
from survey import Campaign, Tally, tally_from_counts
from survey.flags import (
    FASTEST_KIOSK_WALK,
    SHORTEST_REPEATED,
    Trace,
    counted_as_flagged,
    flag_reasons,
)

DECISIONS = ("cleared", "confirmed")


@dataclass(frozen=True)
class Flags:
    """The flagged answers of a campaign (by seq), why, and what staff decided."""

    reasons: dict[int, tuple[str, ...]]
    reviews: dict[int, str]

    @property
    def counted(self) -> set[int]:
        """The answers the unflagged ranking leaves out."""
        return counted_as_flagged(self.reasons, self.reviews)


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)


def campaign_flags(db: Database, campaign: str) -> Flags:
    """Every flag of a campaign, read from the answers that can carry one: the web answers
    with a signal and the kiosk walks (over m006's partial indexes), and the comments long
    enough to count as repeated (over m002's)."""
    traces = [
        Trace(seq, "web", _when(at), signal=signal)
        for seq, signal, at in db.conn.execute(
            "SELECT seq, signal, submitted_at FROM responses "
            "WHERE campaign = ? AND signal IS NOT NULL AND channel = 'web'",
            (campaign,),
        )
    ]
    traces += [
        Trace(seq, "kiosk", None, walk_seconds=walk)
        for seq, walk in db.conn.execute(
            "SELECT seq, walk_seconds FROM responses WHERE campaign = ? "
            "AND walk_seconds < ? AND channel = 'kiosk'",
            (campaign, FASTEST_KIOSK_WALK),
        )
    ]
    traces += [
        Trace(seq, "", None, comment=comment)
        for seq, comment in db.conn.execute(
            "SELECT seq, comment FROM responses WHERE campaign = ? AND comment IS NOT NULL "
            "AND length(comment) >= ?",
            (campaign, SHORTEST_REPEATED),
        )
    ]
    reviews = dict(
        db.conn.execute(
            "SELECT response_seq, decision FROM flag_reviews WHERE campaign = ?", (campaign,)
        )
    )
    return Flags(flag_reasons(traces), reviews)


def flag_text(flags: Flags, seq: int) -> str:
    """An answer's flag as exports show it: its reasons, and staff's decision if any
    ("burst", "burst; cleared")."""
    text = " ".join(flags.reasons[seq])
    decision = flags.reviews.get(seq)
    return f"{text}; {decision}" if decision else text


def tally_without(db: Database, campaign: Campaign, tally: Tally, left_out: set[int]) -> Tally:
    """`tally` less the answers in `left_out` (seqs)."""
    if not left_out:
        return tally
    votes = {c.area: c.votes for c in tally.areas}
    by_channel = dict(tally.by_channel)
    comments = tally.comments
    for chunk in chunks(db, sorted(left_out)):
        # Counted per distinct choice: answers sent many times alike are one row here.
        for areas, channel, with_comment, n in db.conn.execute(
            "SELECT areas, channel, comment IS NOT NULL, count(*) FROM responses "
            f"WHERE seq IN ({marks(chunk)}) GROUP BY areas, channel, comment IS NOT NULL",
            chunk,
        ):
            for area in json.loads(areas):
                votes[area] = votes.get(area, 0) - n
            by_channel[channel] = by_channel.get(channel, 0) - n
            comments -= n if with_comment else 0
    return tally_from_counts(
        campaign, tally.participants - len(left_out), comments, votes, by_channel, tally.by_source
    )


def review_flag(db: Database, campaign: str, response_id: str, decision: str, actor: str) -> bool:
    """Clear or confirm the flag of one answer; False if the answer is not flagged."""
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
    row = db.conn.execute(
        "SELECT seq FROM responses WHERE id = ? AND campaign = ?", (response_id, campaign)
    ).fetchone()
    if row is None or row[0] not in campaign_flags(db, campaign).reasons:
        return False
    db.conn.execute(
        "INSERT INTO flag_reviews (response_seq, campaign, decision, reviewed_by, reviewed_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (response_seq) DO UPDATE SET "
        "decision = excluded.decision, reviewed_by = excluded.reviewed_by, "
        "reviewed_at = excluded.reviewed_at",
        (row[0], campaign, decision, actor, now_iso()),
    )
    return True


@dataclass(frozen=True)
class FlaggedAnswer:
    """A flagged answer as staff review it."""

    id: str
    channel: str
    submitted_at: str
    areas: tuple[str, ...]
    comment: str | None
    reasons: tuple[str, ...]
    decision: str | None


def flagged_answers(db: Database, campaign: str, limit: int = 200) -> list[FlaggedAnswer]:
    """The flagged answers to review, oldest first (at most `limit`)."""
    flags = campaign_flags(db, campaign)
    seqs = sorted(flags.reasons)[:limit]
    found = []
    for chunk in chunks(db, seqs):
        found += db.conn.execute(
            f"SELECT seq, id, channel, submitted_at, areas, comment FROM responses "
            f"WHERE seq IN ({marks(chunk)}) ORDER BY seq",
            chunk,
        ).fetchall()
    return [
        FlaggedAnswer(
            id_,
            channel,
            at,
            tuple(json.loads(areas)),
            comment,
            flags.reasons[seq],
            flags.reviews.get(seq),
        )
        for seq, id_, channel, at, areas, comment in found
    ]
