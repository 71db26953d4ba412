"""An answer as the API receives it, checked field by field before the survey rules apply."""

from __future__ import annotations

import re
import uuid
from typing import Any

import msgspec

from kiosk.i18n import gettext as _
from survey import Answers, Campaign, Response
from survey.timing import RECEIVED, Given, parse_instant
from survey.validation import clean_comment

PUBLIC_CHANNELS = ("kiosk", "web")
SOURCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

# A UUID as str(uuid.UUID(...)) writes it: lower case, hyphens, nothing around it.
CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class BadPayload(Exception):
    """A request body that is not an answer at all (as opposed to an invalid answer)."""

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code)
        self.code = code
        self.field = field

    def message(self) -> str:
        """The problem in the request's language."""
        if self.code == "body.malformed":
            return _("Innehållet är inte giltig JSON.")
        if self.code == "body.type":
            return _("Innehållet ska vara ett JSON-objekt.")
        if self.code == "field.missing":
            return _("Fältet %(field)s saknas.") % {"field": self.field}
        if self.code == "id.invalid":
            return _("Svarets id ska vara ett UUID.")
        if self.code == "channel.invalid":
            return _("Kanalen ska vara kiosk eller web.")
        if self.code == "locale.invalid":
            return _("Det språket finns inte i den här enkäten.")
        if self.code == "source.invalid":
            return _("Platsen får bara innehålla bokstäver, siffror, punkt och bindestreck.")
        if self.code == "time.invalid":
            return _("Fältet %(field)s ska vara en tidpunkt enligt ISO 8601 med tidszon.") % {
                "field": self.field
            }
        return _("Fältet %(field)s har fel typ.") % {"field": self.field}


class Submission(msgspec.Struct, frozen=True, kw_only=True):
    """A well-formed answer, not yet validated against the campaign's rules.

    A frozen struct rather than a frozen dataclass: made for every answer, at a fraction of
    the cost."""

    id: str
    locale: str
    channel: str
    areas: tuple[str, ...]
    comment: str | None
    answers: dict[str, str | list[str]]
    source: str | None = None
    given: Given = RECEIVED
    easy_read: bool = False

    def as_answers(self) -> Answers:
        return Answers(areas=self.areas, comment=self.comment, answers=self.answers)

    def as_response(self, campaign: Campaign, source: str | None) -> Response:
        """The answer to submit, from `source` (the venue the channel vouches for)."""
        return _BLANK.stamped(  # a copy of a blank response costs less than a new one
            id=self.id,
            campaign=campaign.id,
            channel=self.channel,
            locale=self.locale,
            areas=self.areas,
            comment=self.comment,
            answers=self.answers,
            source=source,
            easy_read=self.easy_read and campaign.offers_easy(self.locale),
        )


_BLANK = Response(id="", campaign="", channel="", locale="", areas=())


def response_id(value: Any) -> str:
    """The canonical form of a client-made UUID; BadPayload if it is none."""
    if not isinstance(value, str) or len(value) > 64:
        raise BadPayload("id.invalid", "id")
    if CANONICAL_UUID.fullmatch(value):  # as every channel of ours sends it
        return value
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise BadPayload("id.invalid", "id") from None


def _field(data: dict[str, Any], name: str, kind: type, required: bool = True):
    """`data[name]` if it is of type `kind` (JSON decodes to exact types); None when it may
    be left out and is; BadPayload otherwise."""
    value = data.get(name)
    if type(value) is kind:
        return value
    if value is None and not required:
        return None
    raise BadPayload("field.missing" if name not in data else "field.type", name)


def _texts(values) -> bool:
    return all(type(value) is str for value in values)


class AnswerBody(msgspec.Struct):
    """An answer's body as the kiosk and the web survey send it, typed while it is parsed.

    Only the types are checked here; `typed_submission` checks the values. A body that does
    not fit is read again by `parse_submission`, which names its first bad field. Fields the
    answer API does not know are ignored, as `parse_submission` ignores them; a new optional
    field goes at the end, with a default.
    """

    id: str
    areas: list[str]
    locale: str
    channel: str
    comment: str | None = None
    # An option id, or a list (of option ids, or of places): each kind judges its own.
    answers: dict[str, str | list[Any]] | None = None
    source: str | None = None
    captured_at: str | None = None
    started_at: str | None = None
    easy_read: bool = False  # given in Lättläst


ANSWER_BODY = msgspec.json.Decoder(AnswerBody)


def typed_submission(body: AnswerBody, campaign: Campaign) -> Submission:
    """The answer in a body of the right types; BadPayload naming the first bad value, in the
    order `parse_submission` checks them."""
    answer_id = response_id(body.id)
    _check_locale(body.locale, campaign)
    _check_channel(body.channel)
    _check_source(body.source)
    return _submission(
        campaign,
        answer_id,
        body,
        _instant(body.captured_at, "captured_at"),
        _instant(body.started_at, "started_at"),
    )


def parse_submission(data: Any, campaign: Campaign) -> Submission:
    """Check the shape of a decoded JSON body; raises BadPayload naming the first bad field."""
    if type(data) is not dict:
        raise BadPayload("body.type")
    answer_id = response_id(_field(data, "id", str))
    areas = _field(data, "areas", list)
    if not _texts(areas):
        raise BadPayload("field.type", "areas")
    comment = _field(data, "comment", str, required=False)
    locale = _field(data, "locale", str)
    _check_locale(locale, campaign)
    channel = _field(data, "channel", str)
    _check_channel(channel)
    answers = _field(data, "answers", dict, required=False)
    if answers and not all(type(v) is str or type(v) is list for v in answers.values()):
        raise BadPayload("field.type", "answers")
    source = _field(data, "source", str, required=False)
    _check_source(source)
    # Given in Lättläst: true or false, false when left out.
    easy_read = _field(data, "easy_read", bool) if "easy_read" in data else False
    captured = _instant(data.get("captured_at"), "captured_at")
    started = _instant(data.get("started_at"), "started_at")
    body = AnswerBody(
        id=answer_id,
        areas=areas,
        locale=locale,
        channel=channel,
        comment=comment,
        answers=answers,
        source=source,
        easy_read=easy_read,
    )
    return _submission(campaign, answer_id, body, captured, started)


def _check_locale(locale: str, campaign: Campaign) -> None:
    if locale not in campaign.languages:
        raise BadPayload("locale.invalid", "locale")


def _check_channel(channel: str) -> None:
    if channel not in PUBLIC_CHANNELS:
        raise BadPayload("channel.invalid", "channel")


def _check_source(source: str | None) -> None:
    if source is not None and not SOURCE_PATTERN.fullmatch(source):
        raise BadPayload("source.invalid", "source")


def _submission(
    campaign: Campaign, answer_id: str, body: AnswerBody, captured, started
) -> Submission:
    # Without captured_at the answer is judged when received, and a start alone says nothing.
    given = Given(captured_at=captured, started_at=started) if captured else RECEIVED
    return Submission(
        id=answer_id,
        locale=body.locale,
        channel=body.channel,
        areas=tuple(body.areas),
        comment=clean_comment(body.comment),
        answers=body.answers or {},
        source=body.source,
        given=given,
        easy_read=body.easy_read,
    )


def _instant(value: Any, name: str):
    """An optional ISO 8601 time with its offset; BadPayload if it is something else."""
    if value is None:
        return None
    instant = parse_instant(value)
    if instant is None:
        raise BadPayload("time.invalid", name)
    return instant
