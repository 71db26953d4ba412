"""The column names of the exports: a machine name for scripts, a label in the export's
language for people (Swedish message ids, translated in the `core` catalogs)."""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:
    return message


LABELS = {
    "id": N_("Svarets id"),
    "submitted_at": N_("Inskickat (lokal tid)"),
    "submitted_at_utc": N_("Inskickat (UTC)"),
    "date": N_("Datum"),
    "channel": N_("Kanal"),
    "source": N_("Plats"),
    "locale": N_("Språk"),
    "comment": N_("Synpunkt"),
    "sample": N_("Exempeldata"),
    "rank": N_("Placering"),
    "area": N_("Områdets id"),
    "label": N_("Område"),
    "votes": N_("Röster"),
    "share_of_participants": N_("Andel av deltagarna (%)"),
    "areas": N_("Valda områden"),
    "status": N_("Granskning"),
    "themes": N_("Teman"),
    "redacted": N_("Text för publicering"),
}


def column_label(name: str, gettext: Callable[[str], str]) -> str:
    """The label of a column in the language of `gettext`; its machine name if it has none."""
    message = LABELS.get(name)
    return gettext(message) if message else name
