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
    "late": N_("Kom in efter stängning"),
    "easy_read": N_("Lättläst"),
    "flag": N_("Flagga"),
    "rank": N_("Placering"),
    "area": N_("Områdets id"),
    "label": N_("Område"),
    "votes": N_("Röster"),
    "share_of_participants": N_("Andel av deltagarna (%)"),
    "areas": N_("Valda områden"),
    "status": N_("Granskning"),
    "themes": N_("Teman"),
    "redacted": N_("Text för publicering"),
    "question": N_("Fråga"),
    "n": N_("Platsens nummer"),
    "lat": N_("Latitud"),
    "lon": N_("Longitud"),
    "zone": N_("Zon"),
    "option": N_("Varför"),
    "note": N_("Anteckning"),
}
# The parts of each place of a place question, in the export's columns `{question}.{n}.{part}`.
PLACE_PARTS = {
    "lat": N_("latitud"),
    "lon": N_("longitud"),
    "zone": N_("zon"),
    "option": N_("varför"),
    "note": N_("anteckning"),
}


CHANNELS = {
    "telegram": N_("Telegram"),
    "kiosk": N_("Kiosk"),
    "web": N_("Webbenkät"),
    "paper": N_("Papper och workshop"),
}
# What each column of the analyst copy holds, for its metadata.json.
DESCRIPTIONS = {
    "id": N_("Svarets id, slumpat av enheten som skickade det"),
    "submitted_at": N_("När svaret kom in, i dialogens lokala tid"),
    "submitted_at_utc": N_("När svaret kom in, i UTC"),
    "channel": N_("Hur invånaren svarade"),
    "source": N_("Kioskens eller workshoppens plats"),
    "locale": N_("Språket invånaren svarade på"),
    "comment": N_("Synpunkten, om personal har godkänt den, utan personuppgifter"),
    "sample": N_("1 för påhittade exempelsvar från demon"),
    "easy_read": N_("1 om invånaren svarade med lättlästa texter (Lättläst)"),
    "area": N_("Områdets id"),
    "label": N_("Område"),
    "position": N_("Områdets plats i enkätens lista"),
    "votes": N_("Röster"),
    "share_percent": N_("Andel av deltagarna (%)"),
    "response_id": N_("Svarets id"),
    "question": N_("Platsfrågans id"),
    "n": N_("Platsens nummer i svaret (1, 2, …)"),
    "lat": N_("Latitud (WGS84), avrundad till kartans rutnät; tom för en zon"),
    "lon": N_("Longitud (WGS84), avrundad till kartans rutnät; tom för en zon"),
    "zone": N_("Zonen platsen ligger i (id), tom utanför zonerna"),
    "option": N_("Varför platsen markerades (svarsalternativets id)"),
    "note": N_("Anteckningen om platsen: granskas inte, så den lämnas tom i kopian"),
}


COPY_DESCRIPTION = N_(
    "Svaren i en medborgardialog: ett per rad, med de valda områdena i en egen tabell."
)
TABLE_DESCRIPTIONS = {
    "responses": N_("Ett svar per rad"),
    "areas": N_("Områdena i enkätens ordning"),
    "response_areas": N_("Vilka områden varje svar valde"),
    "tally": N_("Röster per område, flest först"),
    "places": N_("En rad per plats som invånarna markerade på kartan"),
}


def column_label(name: str, gettext: Callable[[str], str]) -> str:
    """The label of a column in the language of `gettext`; its machine name if it has none."""
    message = LABELS.get(name)
    return gettext(message) if message else name
