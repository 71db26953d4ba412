"""Safety walks (trygghetsvandringar) of a promise's activity: what residents mark on the
walk, and what becomes of each place.

A walk belongs to one activity of a promise and uses the map of the promise's first
campaign. Residents on the walk mark points (a lamp post that is out, a bush that hides the
path): a category, a short note, optionally a photo. Staff then say who is responsible and
how it goes (`new`, `planned`, `fixed`, `rejected`; a rejection says why, in public).

A point marks a thing in the street, not a home: it is kept on a grid of POINT_PRECISION_M
metres (about the width of a pavement), much finer than the campaign's own grid for where
residents feel unsafe, which may be where they live.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime

from survey.area_map import AreaMap
from survey.contact_address import is_email

CATEGORIES = ("lighting", "vegetation", "litter", "vandalism", "traffic", "people", "other")
STATUSES = ("new", "planned", "fixed", "rejected")
# A place that will not be fixed must be explained to residents, in public.
NEEDS_REASON = frozenset({"rejected"})
MAX_NOTE = 280
MAX_REASON = 1_000
MAX_TITLE = 200
POINT_PRECISION_M = 5
# A photo as sent may be this large; it is stored re-encoded, much smaller.
MAX_PHOTO_BYTES = 10 * 1024 * 1024
# How far ahead of the server a participant's clock may be before `captured_at` is doubted.
FUTURE_SLACK_SECONDS = 300


class PointProblem(ValueError):
    """A point that cannot be stored: a stable code (`point.outside_map`, ...)."""

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code)
        self.code = code
        self.field = field


@dataclass(frozen=True)
class Walk:
    """One safety walk: when, what it is called, where it starts, and whether it takes points
    and is public."""

    id: str
    promise: str
    activity: str
    campaign: str
    date: date
    title: str
    meeting_point: str | None = None
    open: bool = True
    published_at: str | None = None


@dataclass(frozen=True)
class WalkPoint:
    """One place marked on a walk (latitude and longitude as stored, on the point grid)."""

    id: str
    lat: float
    lon: float
    category: str
    note: str | None
    captured_at: str | None
    zone: str | None = None
    status: str = "new"
    responsible: str | None = None
    reason: str | None = None
    note_approved: bool | None = None  # None: not yet decided
    merged_into: str | None = None
    photo: bool = False
    photo_approved: bool | None = None
    updated_at: str | None = None


def category_labels(gettext) -> dict[str, str]:
    """The categories' names in the language of `gettext`."""
    _ = gettext
    return {
        "lighting": _("Belysning"),
        "vegetation": _("Buskage och sikt"),
        "litter": _("Nedskräpning"),
        "vandalism": _("Klotter och skadegörelse"),
        "traffic": _("Trafik"),
        "people": _("Personer som samlas"),
        "other": _("Annat"),
    }


@dataclass(frozen=True)
class PointContact:
    """A participant's "tell me when it is fixed": where to, and in which language."""

    email: str
    locale: str | None = None


def parse_contact(data) -> PointContact | None:
    """The optional `contact` of a point: `{"email", "consent": true, "locale"?}`. Without
    an explicit consent nothing is kept; PointProblem for anything but a plain address."""
    if not isinstance(data, dict) or data.get("contact") is None:
        return None
    contact = data["contact"]
    if not isinstance(contact, dict):
        raise PointProblem("contact.invalid", "contact")
    if contact.get("consent") is not True:
        raise PointProblem("contact.consent_missing", "contact.consent")
    email = contact.get("email")
    email = email.strip() if isinstance(email, str) else ""
    if not is_email(email):
        raise PointProblem("contact.email_invalid", "contact.email")
    locale = contact.get("locale")
    return PointContact(email, locale if isinstance(locale, str) and len(locale) < 16 else None)


def point_grid(area_map: AreaMap) -> AreaMap:
    """The campaign's map, with the walk's own fine grid."""
    return replace(area_map, precision_m=POINT_PRECISION_M)


def _number(value, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PointProblem("point.position_missing", field)
    number = float(value)
    if not math.isfinite(number):
        raise PointProblem("point.position_invalid", field)
    return number


def _when(value, now: datetime) -> str | None:
    """`captured_at` as ISO 8601 with an offset; None when not sent."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PointProblem("time.invalid", "captured_at")
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise PointProblem("time.invalid", "captured_at") from None
    if when.tzinfo is None:
        raise PointProblem("time.invalid", "captured_at")
    if (when - now).total_seconds() > FUTURE_SLACK_SECONDS:
        raise PointProblem("captured_at.future", "captured_at")
    return when.isoformat()


def clean_note(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise PointProblem("point.note_invalid", "note")
    text = " ".join(value.split())
    if len(text) > MAX_NOTE:
        raise PointProblem("point.note_too_long", "note")
    return text or None


def parse_point(data, area_map: AreaMap | None, now: datetime) -> WalkPoint:
    """A point from the participant's JSON, checked and put on the grid; PointProblem else."""
    if not isinstance(data, dict):
        raise PointProblem("body.malformed")
    raw_id = data.get("id")
    try:
        point_id = str(uuid.UUID(raw_id)) if isinstance(raw_id, str) else None
    except ValueError:
        point_id = None
    if point_id is None:
        raise PointProblem("id.invalid", "id")
    if data.get("lat") is None or data.get("lon") is None:
        raise PointProblem("point.position_missing", "lat")
    lat, lon = _number(data["lat"], "lat"), _number(data["lon"], "lon")
    if area_map is None or not area_map.contains(lat, lon):
        raise PointProblem("point.outside_map", "lat")
    category = data.get("category")
    if category not in CATEGORIES:
        raise PointProblem("point.category_unknown", "category")
    note = clean_note(data.get("note"))
    captured_at = _when(data.get("captured_at"), now)
    lat, lon = point_grid(area_map).rounded(lat, lon)
    return WalkPoint(
        id=point_id,
        lat=lat,
        lon=lon,
        category=category,
        note=note,
        captured_at=captured_at,
        zone=area_map.zone_at(lat, lon),
    )


def point_fingerprint(point: WalkPoint) -> str:
    """What tells a resend (the same content) from a conflict (other content, same id)."""
    parts = (f"{point.lat:.6f}", f"{point.lon:.6f}", point.category, point.note, point.captured_at)
    text = "".join("~" if p is None else f"{len(p)}:{p}" for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def check_status(status: str, reason: str | None) -> str | None:
    """The reason to store with `status` (cleaned); ValueError for an unknown status or a
    rejection without a reason."""
    if status not in STATUSES:
        raise ValueError(f"the status must be one of {', '.join(STATUSES)}")
    text = " ".join((reason or "").split()) or None
    if status in NEEDS_REASON and text is None:
        raise ValueError("a rejected place needs a public reason")
    if text and len(text) > MAX_REASON:
        raise ValueError(f"the reason is longer than {MAX_REASON} characters")
    return text


@dataclass(frozen=True)
class WalkCounts:
    """What the promise page says of an activity's walks: how many places, how many fixed."""

    points: int
    fixed: int


def counts(points: list[WalkPoint]) -> WalkCounts:
    """Every marked place counts (rejected ones too); a duplicate merged into another does
    not count twice."""
    kept = [p for p in points if p.merged_into is None]
    return WalkCounts(len(kept), sum(1 for p in kept if p.status == "fixed"))
