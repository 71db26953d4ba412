"""Reading the promise forms: texts per language, dates, ids; problems as translated text.

A text needs the promise's first language; the others may wait for a translator (the public
page shows the first language meanwhile). Promise files, by contrast, need every language.
"""

from __future__ import annotations

from datetime import date

from kiosk.i18n import gettext
from survey.loader import ID_PATTERN
from survey.promises.promise import Promise

MAX_TEXT = 4000


class FormProblem(ValueError):
    """A form that cannot be saved; the message says why, in the staff member's language."""


def field(form, name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def texts(form, prefix: str, promise: Promise, label: str, required: bool = True):
    """The text of `prefix.<lang>` fields; None when all are empty and it is optional."""
    found = {}
    for lang in promise.languages:
        value = field(form, f"{prefix}.{lang}")
        if len(value) > MAX_TEXT:
            raise FormProblem(
                gettext("%(field)s är för lång: högst %(n)d tecken.")
                % {"field": label, "n": MAX_TEXT}
            )
        if value:
            found[lang] = value
    if not found and not required:
        return None
    if promise.default_language not in found:
        raise FormProblem(
            gettext("Skriv %(field)s åtminstone på %(language)s.")
            % {"field": label, "language": promise.default_language}
        )
    return found


def day(form, name: str, label: str, required: bool = True) -> date | None:
    value = field(form, name)
    if not value and not required:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FormProblem(
            gettext("%(field)s ska vara ett datum (ÅÅÅÅ-MM-DD).") % {"field": label}
        ) from None


def ident(value: str, label: str) -> str:
    if not ID_PATTERN.match(value):
        raise FormProblem(
            gettext("%(field)s ska vara 1–40 tecken: a–z, 0–9 och bindestreck.") % {"field": label}
        )
    return value
