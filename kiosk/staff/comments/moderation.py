"""Reading and moderating comments: filters, approve or hide, themes, redaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from aiohttp import web
from babel.dates import format_date, format_datetime

from kiosk.app_keys import STORE
from kiosk.i18n import current_language, gettext
from kiosk.results.cache import RESULTS_CACHE
from kiosk.staff.access.auth import staff_user
from kiosk.staff.comments.theme_help import theme_help
from kiosk.staff.figures import channel_name
from kiosk.staff.layout import campaign_of, flash, redirect, render
from storage.moderation import (
    PAGE_SIZE,
    STATUSES,
    Comment,
    CommentFilter,
    add_tag,
    count_comments,
    delete_tag,
    list_comments,
    list_tags,
    moderate,
)
from storage.staff import audit
from survey import Campaign
from survey.personal_data import redact, segments
from survey.validation import CHANNELS, clean_comment

FILTER_KEYS = ("area", "channel", "status", "tag", "page")
TAG_LENGTH = 60


def status_name(status: str) -> str:
    names = {"new": gettext("Ny"), "approved": gettext("Godkänd"), "hidden": gettext("Dold")}
    return names[status]


def _filter(campaign: Campaign, query, tag_ids: set[int]) -> tuple[CommentFilter, int]:
    """The filters of a query; unknown values are ignored rather than refused."""
    area = query.get("area") if campaign.area(query.get("area", "")) else None
    channel = query.get("channel") if query.get("channel") in CHANNELS else None
    status = query.get("status") if query.get("status") in STATUSES else None
    tag = int(query["tag"]) if query.get("tag", "").isdigit() else None
    page = int(query["page"]) if query.get("page", "").isdigit() else 1
    return CommentFilter(area, channel, status, tag if tag in tag_ids else None), max(page, 1)


@dataclass(frozen=True)
class CommentView:
    """A comment as the moderation list shows it."""

    comment: Comment
    when: str
    channel: str
    areas: list[str]
    pieces: list[tuple[str, str | None]]
    personal: bool
    redacted: str


def _view(campaign: Campaign, comment: Comment, lang: str) -> CommentView:
    pieces = segments(comment.text)
    return CommentView(
        comment=comment,
        when=when_text(campaign, comment.submitted_at, lang),
        channel=channel_name(comment.channel),
        areas=[campaign.text(a.label, lang) for a in map(campaign.area, comment.areas) if a],
        pieces=pieces,
        personal=any(kind for _, kind in pieces),
        redacted=comment.redacted or redact(comment.text),
    )


def when_text(campaign: Campaign, stamp: str, lang: str) -> str:
    """A time where the campaign is held; a paper answer's date as a date."""
    if len(stamp) == len("2016-03-01"):
        return format_date(date.fromisoformat(stamp), "short", locale=lang)
    zone = ZoneInfo(campaign.timezone)
    return format_datetime(_parse(stamp), "short", tzinfo=zone, locale=lang)


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


async def comments_page(request: web.Request) -> web.Response:
    """Comments to read and moderate, newest first, filtered."""
    campaign = campaign_of(request)
    store = request.app[STORE]
    tags = await store.read(list_tags, campaign.id)
    wanted, page = _filter(campaign, request.query, {t.id for t in tags})

    def fetch(db):
        return count_comments(db, campaign.id, wanted), list_comments(db, campaign.id, wanted, page)

    total, found = await store.read(fetch)
    lang = current_language()
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    context = {
        "campaign": campaign,
        "active": "comments",
        "wanted": wanted,
        "total": total,
        "page": page,
        "pages": pages,
        "comments": [_view(campaign, c, lang) for c in found],
        "tags": tags,
        "statuses": [(s, status_name(s)) for s in STATUSES],
        "status_names": {s: status_name(s) for s in STATUSES},
        "channels": [(c, channel_name(c)) for c in CHANNELS],
        "area_choices": [(a.id, campaign.text(a.label, lang)) for a in campaign.areas],
        "back": request.query_string,
        "filter_query": {
            "area": wanted.area,
            "channel": wanted.channel,
            "status": wanted.status,
            "tag": wanted.tag,
        },
    }
    context.update(await theme_help(request, campaign, found, wanted))
    return render(request, "staff/comments.html", context)


def _back(form) -> dict[str, str]:
    """The list's filters to return to, from the form's copy of its query."""
    return {k: v for k, v in parse_qsl(str(form.get("back", ""))) if k in FILTER_KEYS}


async def moderate_comment(request: web.Request) -> web.Response:
    """Save a decision on one comment: status, themes and the redacted text."""
    campaign = campaign_of(request)
    form = await request.post()
    status = str(form.get("status", ""))
    if status not in STATUSES:
        raise web.HTTPBadRequest(text=gettext("Välj godkänn, dölj eller ny."))
    redacted = clean_comment(str(form.get("redacted", "")))
    if redacted and len(redacted) > campaign.comment.max_length * 2:
        raise web.HTTPBadRequest(text=gettext("Den redigerade texten är för lång."))
    tag_ids = [int(v) for v in form.getall("tag", []) if str(v).isdigit()]
    response_id = request.match_info["response"]
    user = staff_user(request)

    def save(db):
        done = moderate(
            db,
            campaign.id,
            response_id,
            status=status,
            redacted=redacted,
            tag_ids=tag_ids,
            actor=user.username,
        )
        if done:
            detail = {"response": response_id, "status": status, "tags": sorted(tag_ids)}
            audit(db, user.username, "comment.moderate", campaign.id, detail)
        return done

    if not await request.app[STORE].write(save):
        raise web.HTTPNotFound(text=gettext("Synpunkten finns inte."))
    request.app[RESULTS_CACHE].invalidate(campaign.id)
    flash(request, gettext("Synpunkten är sparad: %(status)s.") % {"status": status_name(status)})
    return redirect(
        request, "staff.comments", _back(form), anchor=f"c-{response_id}", campaign=campaign.id
    )


async def create_tag(request: web.Request) -> web.Response:
    """Define a theme for the campaign's comments."""
    campaign = campaign_of(request)
    form = await request.post()
    name = " ".join(str(form.get("name", "")).split())[:TAG_LENGTH]
    user = staff_user(request)
    if not name:
        flash(request, gettext("Skriv ett namn på temat."))
    else:

        def save(db):
            created = add_tag(db, campaign.id, name, user.username)
            if created:
                audit(db, user.username, "tag.add", campaign.id, {"name": name})
            return created

        created = await request.app[STORE].write(save)
        request.app[RESULTS_CACHE].invalidate(campaign.id)
        flash(
            request,
            gettext("Temat %(name)s är skapat.") % {"name": name}
            if created
            else gettext("Temat %(name)s finns redan.") % {"name": name},
        )
    return redirect(request, "staff.comments", _back(form), campaign=campaign.id)


async def remove_tag(request: web.Request) -> web.Response:
    """Delete a theme (the comments stay; they lose the theme)."""
    campaign = campaign_of(request)
    form = await request.post()
    tag_id = request.match_info["tag"]
    user = staff_user(request)

    def drop(db):
        done = tag_id.isdigit() and delete_tag(db, campaign.id, int(tag_id))
        if done:
            audit(db, user.username, "tag.delete", campaign.id, {"tag": int(tag_id)})
        return done

    if await request.app[STORE].write(drop):
        request.app[RESULTS_CACHE].invalidate(campaign.id)
        flash(request, gettext("Temat är borttaget."))
    return redirect(request, "staff.comments", _back(form), campaign=campaign.id)
