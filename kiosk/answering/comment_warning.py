"""What the web survey says when a comment seems to hold personal data (it never blocks)."""

from __future__ import annotations

import asyncio

from kiosk.i18n import gettext as _
from survey.personal_data import LONG_TEXT, comment_warnings


async def scan_comment(text: str | None) -> tuple[str, ...]:
    """`comment_warnings(text)`, without holding the event loop for a long text.

    Callers refuse a comment over its length limit first: the scan only sees what may be kept.
    """
    if text is None or len(text) < LONG_TEXT:
        return comment_warnings(text)
    return await asyncio.to_thread(comment_warnings, text)


def warning_message(kinds: tuple[str, ...]) -> str | None:
    """The warning for these kinds (from `survey.personal_data.comment_warnings`), or None."""
    if not kinds:
        return None
    names = {
        "name": _("ett namn"),
        "personnummer": _("ett personnummer"),
        "phone": _("ett telefonnummer"),
        "email": _("en e-postadress"),
    }
    found = ", ".join(names.get(kind, kind) for kind in kinds)
    return _(
        "Din synpunkt verkar innehålla %(found)s. Synpunkter kan bli offentliga: skriv inte "
        "uppgifter som visar vem du eller någon annan är. Vill du ändra synpunkten?"
    ) % {"found": found}
