"""The campaign editor's form as a test fills it: six areas, Swedish and English."""

from __future__ import annotations

AREAS = {
    "belysning": ("Dålig belysning", "Poor lighting"),
    "trafik": ("Trafiken", "Traffic"),
    "klotter": ("Klotter", "Graffiti"),
    "inbrott": ("Inbrott", "Burglary"),
    "narkotika": ("Narkotika", "Drugs"),
    "ungdomar": ("Ungdomar som stör", "Disturbing youths"),
}


def editor_form(csrf: str, revision: int, **changes) -> dict[str, str]:
    """The editor's fields for a complete sv+en campaign with six areas, pick three."""
    form = {
        "csrf": csrf,
        "revision": str(revision),
        "languages": ["sv", "en"],
        "title.sv": "Trygg i Kil",
        "title.en": "Safe in Kil",
        "intro.sv": "Vad tycker du att polisen och kommunen ska jobba med?",
        "intro.en": "What should the police and the municipality work on?",
        "next_steps.sv": "Vi läser alla svar och skriver ett medborgarlöfte.",
        "next_steps.en": "We read every answer and write a citizen promise.",
        "organiser-0.sv": "Polisen i Kil",
        "organiser-0.en": "Kil Police",
        "opens": "2026-11-01",
        "closes": "",
        "timezone": "Europe/Stockholm",
        "pick": "3",
        "comment.max_length": "2000",
    }
    for index, (area_id, (sv, en)) in enumerate(AREAS.items()):
        form |= {f"area-{index}.id": area_id, f"area-{index}.label.sv": sv}
        form |= {f"area-{index}.label.en": en}
    form.update(changes)
    return form


def as_multidict(form: dict):
    """The form as aiohttp posts it (a list value is a field given several times)."""
    pairs = []
    for key, value in form.items():
        for one in value if isinstance(value, list) else [value]:
            pairs.append((key, one))
    return pairs
