"""UI texts that every channel shows word for word: one catalog entry (core domain) for all.

Channels translate them with their own gettext and, in right-to-left languages, isolate
the numbers (`locales.isolate_numbers`), so that "114 14" never reads "14 114".
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


POLICE_NOTICE = N_(
    "⚠️ Det här är inte ett sätt att anmäla brott. Vid nödläge: ring 112. "
    "För andra polisärenden: ring 114 14."
)


def police_notice(gettext, lang: str) -> str:
    """The comment step's notice (112 in an emergency, 114 14 for the police) in `lang`."""
    from locales import isolate_numbers

    return isolate_numbers(gettext(POLICE_NOTICE), lang)
