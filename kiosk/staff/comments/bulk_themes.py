"""Acting on many comments at once: set or remove a theme, approve or hide, or set the themes
their words suggest."""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.i18n import gettext, ngettext
from kiosk.results.cache import RESULTS_CACHE
from kiosk.staff.access.auth import staff_user
from kiosk.staff.comments.moderation import _back
from kiosk.staff.layout import campaign_of, flash, redirect
from storage.bulk_themes import (
    apply_suggestions,
    set_status,
    set_theme,
    unthemed_ids,
)
from storage.staff import audit

ACTIONS = ("add_theme", "remove_theme", "approved", "hidden", "suggested")
MOST_SELECTED = 500


async def bulk_action(request: web.Request) -> web.Response:
    """One action on every comment ticked in the list (or, for suggestions, every unthemed one
    when none is ticked). Themes set here are not a moderation decision."""
    campaign = campaign_of(request)
    form = await request.post()
    action = str(form.get("action", ""))
    if action not in ACTIONS:
        raise web.HTTPBadRequest(text=gettext("Välj vad som ska göras med de markerade."))
    ids = [str(v) for v in form.getall("selected", [])][:MOST_SELECTED]
    tag = str(form.get("tag", ""))
    if action in ("add_theme", "remove_theme") and not tag.isdigit():
        raise web.HTTPBadRequest(text=gettext("Välj ett tema."))
    user = staff_user(request)

    def save(db):
        if action == "suggested":
            chosen = ids or unthemed_ids(db, campaign.id)
            done = apply_suggestions(db, campaign, chosen, user.username)
        elif action in ("approved", "hidden"):
            done = set_status(db, campaign.id, ids, action, user.username)
        else:
            done = set_theme(db, campaign.id, ids, int(tag), remove=action == "remove_theme")
        detail = {"action": action, "comments": len(ids), "changed": done}
        if tag.isdigit():
            detail["tag"] = int(tag)
        audit(db, user.username, "comments.bulk", campaign.id, detail)
        return done

    done = await request.app[STORE].write(save)
    request.app[RESULTS_CACHE].invalidate(campaign.id)
    flash(
        request,
        ngettext("%(num)d ändring sparad.", "%(num)d ändringar sparade.", done) % {"num": done},
    )
    return redirect(request, "staff.comments", _back(form), campaign=campaign.id)
