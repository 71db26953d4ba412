"""The Karlstad 2016 dialogue replayed: 813 answers of three areas each, whose votes rank the
eight areas in the published order, 268 of them with a comment, from the web survey, the
kiosk in Mitt i City and the workshop at KCCC."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from storage.responses import SaveRequest, save_responses
from survey import Response

CAMPAIGN = "karlstad-2016"
SEED_ORDER = (
    "violence-public",
    "unsafe-places",
    "drugs-alcohol",
    "theft-burglary",
    "domestic-violence",
    "social-unrest",
    "traffic",
    "graffiti-vandalism",
)
VOTES = (520, 450, 400, 330, 270, 210, 150, 109)  # 2,439 = 813 × 3
PARTICIPANTS = 813
COMMENTED = 268
CHANNELS = (("web", None, 560), ("kiosk", "Mitt i City", 213), ("paper", "KCCC", 40))
COMMENTS = (
    "Fler poliser som patrullerar till fots i centrum, polisen syns för lite",
    "Oväsen från bilar nattetid vid Nobelplan på Norrstrand",
    "Mörkt och otryggt i gångtunneln, bättre belysning behövs",
    "Höga hastigheter i bostadsområdet och vid skolan",
    "Cykling på trottoarerna är farligt för äldre",
)


def choices() -> list[tuple[str, ...]]:
    """813 sets of three distinct areas whose votes per area are exactly VOTES: each answer
    takes the three areas with the most votes still to give."""
    left = dict(zip(SEED_ORDER, VOTES, strict=True))
    picked = []
    for _ in range(PARTICIPANTS):
        three = sorted(left, key=lambda area: (-left[area], SEED_ORDER.index(area)))[:3]
        for area in three:
            left[area] -= 1
        picked.append(tuple(three))
    assert not any(left.values())
    return picked


def replay() -> list[Response]:
    start = datetime(2016, 2, 22, 9, tzinfo=UTC)
    channels = [(ch, src) for ch, src, n in CHANNELS for _ in range(n)]
    answers = []
    for index, areas in enumerate(choices()):
        channel, source = channels[index]
        answers.append(
            Response(
                id=str(uuid.UUID(int=index + 1)),
                campaign=CAMPAIGN,
                channel=channel,
                source=source,
                locale="sv",
                areas=areas,
                comment=f"{COMMENTS[index % len(COMMENTS)]} ({index})"
                if index < COMMENTED
                else None,
                # One answer every 42 minutes: no burst, inside the campaign's weeks.
                submitted_at=(start + timedelta(minutes=42 * index)).strftime(
                    "%Y-%m-%dT%H:%M:%S.000000Z"
                ),
            )
        )
    return answers


def store_replay(db) -> None:
    """Store the replay (inside the caller's write transaction)."""
    save_responses(db, [SaveRequest(response) for response in replay()])
