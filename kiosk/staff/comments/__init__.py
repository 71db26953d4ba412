"""Comments and moderation: reading, approving or hiding comments, themes, flagged answers,
and the notes residents wrote on the places they marked (`place_notes`).

`moderation` is the comment list and one comment's decision, with tags; `bulk_themes` acts
on many at once; `theme_help` suggests themes; `flag_review` clears or confirms the
anti-stuffing flags.
"""

from aiohttp import web

from kiosk.staff.comments import bulk_themes, flag_review, moderation, place_notes
from kiosk.staff.layout import CAMPAIGN


def add_routes(app: web.Application, staff: web.Application) -> None:
    """Mount the comment, tag and flag pages on `staff`."""
    add = staff.router.add_route
    add("GET", f"{CAMPAIGN}/comments", moderation.comments_page, name="staff.comments")
    add(
        "POST",
        f"{CAMPAIGN}/comments/{{response}}",
        moderation.moderate_comment,
        name="staff.moderate",
    )
    add("GET", f"{CAMPAIGN}/place-notes", place_notes.notes_page, name="staff.place_notes")
    add(
        "POST",
        f"{CAMPAIGN}/place-notes/{{response}}",
        place_notes.moderate,
        name="staff.place_note",
    )
    add("POST", f"{CAMPAIGN}/comments-bulk", bulk_themes.bulk_action, name="staff.comments_bulk")
    add("GET", f"{CAMPAIGN}/flags", flag_review.flags_page, name="staff.flags")
    add("POST", f"{CAMPAIGN}/flags/{{response}}", flag_review.decide_flag, name="staff.flag")
    add("POST", f"{CAMPAIGN}/tags", moderation.create_tag, name="staff.tags")
    add("POST", f"{CAMPAIGN}/tags/{{tag}}/delete", moderation.remove_tag, name="staff.tag_delete")
