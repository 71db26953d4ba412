"""The language of one conversation turn: its gettext functions and how to format for it."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from babel.support import NullTranslations

from locales import (
    Catalogs,
    format_long_date,
    format_names,
    format_period,
    isolate_numbers,
    language_name,
)


@dataclass(frozen=True)
class Tr:
    """Translations for one language; `tr._("...")` and `tr.ngettext(...)` in renderers."""

    lang: str
    translations: NullTranslations
    easy: bool = False  # campaign texts in Lättläst, where the campaign has them

    def _(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """A message of a context: "lättläst" holds the easy-to-read versions of instructions."""
        return self.translations.pgettext(context, message)

    def period(self, opens: date, closes: date | None) -> str:
        return _period(opens, closes, self.lang)

    def date(self, day: date) -> str:
        return _date(day, self.lang)

    def names(self, names: tuple[str, ...] | list[str]) -> str:
        """ "Polisen och Kommunen": names as a list in this language."""
        return _names(tuple(names), self.lang)

    def language_name(self, lang: str) -> str:
        return _language_name(lang)

    def isolate(self, text: str) -> str:
        """Numbers kept in reading order in right-to-left text (see `locales.isolate_numbers`)."""
        return isolate_numbers(text, self.lang)


# Babel takes a fraction of a millisecond for each of these; campaigns have few dates and
# organisers, and the intro (which has both) heads the areas' message at every tick.
@functools.lru_cache(maxsize=1024)
def _period(opens: date, closes: date | None, lang: str) -> str:
    return format_period(opens, closes, lang)


@functools.lru_cache(maxsize=1024)
def _date(day: date, lang: str) -> str:
    return format_long_date(day, lang)


@functools.lru_cache(maxsize=1024)
def _names(names: tuple[str, ...], lang: str) -> str:
    return format_names(names, lang)


@functools.lru_cache(maxsize=64)
def _language_name(lang: str) -> str:
    return language_name(lang)


def best_language(catalogs: Catalogs, *wanted: str | None) -> str:
    """The first of `wanted` (codes like "sv" or "en-GB") that is shipped; Swedish otherwise."""
    for code in wanted:
        if code:
            base = code.replace("_", "-").split("-")[0].lower()
            if base in catalogs.languages:
                return base
    return "sv" if "sv" in catalogs.languages or not catalogs.languages else catalogs.languages[0]


def tr_for(catalogs: Catalogs, lang: str, easy: bool = False) -> Tr:
    return Tr(lang, catalogs.get(lang), easy)
