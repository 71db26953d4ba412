"""Campaigns as organisers make them: the list, a new one or a copy, the editor, opening and
closing, and the preview of the walk on every channel.

`editor` holds the pages; `form` reads the form into a campaign file's data; `problems`
says what the loader found beside its field; `preview` shows the walk before it opens.
"""

from aiohttp import web

from kiosk.staff.campaigns import editor, preview

EDITED = "/campaigns/{campaign}"


def add_routes(app: web.Application, staff: web.Application) -> None:
    """Mount the campaign editor and its previews on `staff`."""
    add = staff.router.add_route
    add("GET", "/campaigns/", editor.campaigns_page, name="staff.editor")
    add("POST", "/campaigns/", editor.create, name="staff.editor")
    add("POST", "/campaigns/copy", editor.copy, name="staff.editor_copy")
    add("GET", f"{EDITED}/", editor.editor_page, name="staff.editor_campaign")
    add("POST", f"{EDITED}/", editor.save, name="staff.editor_campaign")
    add("POST", f"{EDITED}/open", editor.open_campaign, name="staff.editor_open")
    add("POST", f"{EDITED}/close", editor.close_early, name="staff.editor_close")
    add("GET", f"{EDITED}/preview", preview.preview_page, name="staff.editor_preview")
    add("GET", f"{EDITED}/preview/web", preview.preview_web, name="staff.editor_preview_web")
    add("GET", f"{EDITED}/preview/kiosk", preview.preview_kiosk, name="staff.editor_preview_kiosk")
