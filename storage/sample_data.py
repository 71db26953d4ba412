"""Sample answers for the demo: a few hundred, across channels, venues and days, with comments
in several languages. Each is marked (`responses.sample`), shown as sample data wherever
answers are shown, and removed all at once."""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from storage.staff import audit
from storage.submit import Submitted, ready_or_outcome, store_accepted
from survey import Campaign, Response

SAMPLE_COUNT = 360
SAMPLE_DAYS = 14
VENUES = ("Mitt i City", "Stadsbiblioteket", "Medborgarkontoret")
CHANNELS = (("kiosk", 5), ("web", 4), ("telegram", 3), ("paper", 1))
COMMENT_SHARE = 0.3
COMMENTS = {
    "sv": (
        "Mer belysning i gångtunneln vid stationen, det känns otryggt på kvällen.",
        "Fler poliser som går runt i centrum på helgerna.",
        "Bilar kör för fort förbi skolan varje morgon.",
        "Klotter på busskuren har suttit kvar i månader.",
        "Ungdomarna behöver någonstans att vara på kvällarna.",
        "Det säljs narkotika öppet i parken bakom torget.",
    ),
    "en": (
        "Better lighting on the footpath to the station, please.",
        "I would like to see police on foot in the town centre.",
        "Cars park on the pavement outside the school.",
    ),
    "ar": (
        "نحتاج إلى إضاءة أفضل في الحديقة ليلًا.",
        "أتمنى وجود الشرطة في المركز في عطلة نهاية الأسبوع.",
    ),
    "fi": (
        "Lisää valoa asemalle johtavalle kävelytielle.",
        "Nuorille tarvitaan iltaisin paikka, jossa olla.",
    ),
}
LOCALES = (("sv", 12), ("en", 3), ("ar", 2), ("fi", 2))
# Where the made-up places gather, with their weight: (latitude, longitude) of the railway
# station, Stora torget, Nobelplan on Norrstrand, Kronoparken's centre, Våxnäs and Skåre.
HOTSPOTS = (
    ((59.3780, 13.5000), 5),
    ((59.3806, 13.5035), 4),
    ((59.3905, 13.5050), 4),
    ((59.4040, 13.5780), 3),
    ((59.3860, 13.4700), 2),
    ((59.4100, 13.4400), 1),
)
PLACE_JITTER = (0.0012, 0.0024)  # about 130 m in each direction, in degrees (lat, lon)


def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _sample_answer(rng: random.Random, question) -> str | list[str]:
    """A made-up answer to a scale (leaning to the safer points) or to a multi (between its
    `min` and `max` options, in the options' order)."""
    if question.kind == "multi":
        count = rng.randint(question.min, question.max)
        picked = set(rng.sample([o.id for o in question.options], count))
        return [o.id for o in question.options if o.id in picked]
    weights = [1 + i for i in range(len(question.options))]
    weights[-1] = 1 if not question.options[-1].scored else weights[-1]
    return rng.choices([o.id for o in question.options], weights)[0]


def _sample_places(rng: random.Random, campaign: Campaign, question) -> list[dict]:
    """One to `max` made-up places near the hotspots, most with a reason; now and then a
    zone ticked in the list instead of a point. Points outside the map are not made."""
    area_map = campaign.map
    places: list[dict] = []
    for _ in range(rng.randint(1, question.max)):
        if area_map.zones and rng.random() < 0.15:
            place: dict = {"zone": rng.choice(area_map.zones).id}
        else:
            lat, lon = _weighted(rng, HOTSPOTS)
            lat = min(max(lat + rng.gauss(0, PLACE_JITTER[0]), area_map.south), area_map.north)
            lon = min(max(lon + rng.gauss(0, PLACE_JITTER[1]), area_map.west), area_map.east)
            place = {"lat": round(lat, 6), "lon": round(lon, 6)}
        if question.options and rng.random() < 0.7:
            place["option"] = rng.choice(question.options).id
        places.append(place)
    return places


def sample_responses(
    campaign: Campaign, now: datetime, count: int = SAMPLE_COUNT, seed: int = 2016
) -> list[tuple[Response, str | None]]:
    """`count` made-up answers over the `SAMPLE_DAYS` days before `now`, each with who keyed
    it in (paper answers) or None. The same seed gives the same answers."""
    rng = random.Random(seed)  # noqa: S311 (made-up answers, not secrets)
    area_ids = [a.id for a in campaign.areas]
    # Some areas matter more to residents than others, as in every real dialogue.
    weights = [len(area_ids) - i + rng.random() * 3 for i in range(len(area_ids))]
    # The answers to the topic questions (a scale, several picks) come from a generator of
    # their own, so the rest of the sample stays as it was before the demo asked them.
    topic_rng = random.Random(seed + 1)  # noqa: S311 (made-up answers, not secrets)
    # The places as well, so that adding a place question changed no other answer.
    place_rng = random.Random(seed + 2)  # noqa: S311 (made-up answers, not secrets)
    made = []
    for n in range(count):
        areas: list[str] = []
        while len(areas) < campaign.pick:
            area = rng.choices(area_ids, weights)[0]
            if area not in areas:
                areas.append(area)
        channel = _weighted(rng, CHANNELS)
        locale = "sv" if channel == "paper" else _weighted(rng, LOCALES)
        if locale not in campaign.languages:
            locale = campaign.default_language
        comment = None
        if rng.random() < COMMENT_SHARE:
            comment = rng.choice(COMMENTS.get(locale, COMMENTS["sv"]))
        answers = {}
        for question in campaign.questions:
            if question.kind == "place":
                if campaign.map is not None and place_rng.random() < 0.6:
                    answers[question.id] = _sample_places(place_rng, campaign, question)
            elif question.kind != "choice":
                if topic_rng.random() < 0.9:
                    answers[question.id] = _sample_answer(topic_rng, question)
            elif rng.random() < 0.8:
                answers[question.id] = rng.choice(question.options).id
        at = now - timedelta(days=rng.random() * SAMPLE_DAYS)
        if channel == "paper":
            at = at.replace(hour=12, minute=0, second=0, microsecond=0)
        participant = None
        if channel == "telegram":
            participant = hashlib.sha256(f"sample:{seed}:{n}".encode()).hexdigest()
        response = Response(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            campaign=campaign.id,
            channel=channel,
            locale=locale,
            areas=tuple(areas),
            comment=comment,
            answers=answers,
            source=rng.choice(VENUES) if channel == "kiosk" else None,
            participant=participant,
            submitted_at=at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        )
        made.append((response, "demo" if channel == "paper" else None))
    return made


def add_sample_data(db: Database, campaign: Campaign, now: datetime, actor: str = "cli") -> int:
    """Store the sample answers of `campaign`, marked as such; call inside a write
    transaction. Returns how many were stored."""
    ids = []
    for response, by in sample_responses(campaign, now):
        # Through the one submit path, like every answer: judged, validated, stored once.
        ready = ready_or_outcome(campaign, response, now=now)
        if isinstance(ready, Submitted):
            continue
        store_accepted(db, ready, entered_by=by)
        ids.append(ready.id)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        db.conn.execute(
            f"UPDATE responses SET sample = 1 WHERE id IN ({', '.join('?' * len(part))})", part
        )
    audit(db, actor, "sample_data.add", campaign.id, {"count": len(ids)})
    return len(ids)


def count_sample(db: Database, campaign: str | None = None) -> int:
    """How many sample answers are stored (in one campaign, or in all)."""
    if campaign is None:
        return db.conn.execute("SELECT count(*) FROM responses WHERE sample = 1").fetchone()[0]
    sql = "SELECT count(*) FROM responses WHERE campaign = ? AND sample = 1"
    return db.conn.execute(sql, (campaign,)).fetchone()[0]


def was_ever_added(db: Database, campaign: str) -> bool:
    """Whether sample data was added to `campaign` before (perhaps removed since)."""
    sql = "SELECT 1 FROM audit WHERE action = 'sample_data.add' AND campaign = ? LIMIT 1"
    return db.conn.execute(sql, (campaign,)).fetchone() is not None


def remove_sample_data(db: Database, actor: str) -> int:
    """Delete every sample answer (with its moderation and themes); call inside a write
    transaction. Audit-logged; returns how many were deleted."""
    removed = db.conn.execute("DELETE FROM responses WHERE sample = 1").rowcount
    if removed:
        audit(db, actor, "sample_data.remove", detail={"count": removed})
    return removed
