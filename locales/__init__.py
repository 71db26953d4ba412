"""UI translations: gettext catalogs per language, compiled from the `.po` files at start-up.

Message ids are Swedish, the source language; every shipped language has a complete catalog.
Catalogs are split by domain (one per part of the product) and merged per language.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).parent
LANGUAGES = ("sv", "en", "ar", "fi")
DOMAINS = ("core", "bot", "web", "staff")


def compile_po(path: Path, lang: str) -> Translations:
    """Compile one `.po` file in memory; fuzzy entries are left out, as msgfmt does."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=path.stem)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=path.stem)


@dataclass(frozen=True)
class Catalogs:
    """Every shipped language's translations, built once at start-up and passed around."""

    by_language: dict[str, Translations]

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR) -> Catalogs:
        """The catalogs of `directory`, compiled once per process while its files stay the same
        (a process that assembles the product again, as tests do, does not parse them again)."""
        paths = [
            path
            for lang in LANGUAGES
            for domain in DOMAINS
            if (path := directory / lang / "LC_MESSAGES" / f"{domain}.po").exists()
        ]
        stamps = tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in paths)
        return _compiled(stamps)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.by_language)

    def get(self, lang: str) -> NullTranslations:
        """The translations for `lang`; Swedish message ids for a language not shipped."""
        return self.by_language.get(lang) or NullTranslations()


@functools.lru_cache(maxsize=4)
def _compiled(stamps: tuple[tuple[Path, int, int], ...]) -> Catalogs:
    """Each language's domains merged into one catalog, from the `.po` files in `stamps`."""
    by_language: dict[str, Translations] = {}
    for path, _, _ in stamps:
        lang = path.parent.parent.name
        compiled = compile_po(path, lang)
        merged = by_language.get(lang)
        by_language[lang] = compiled if merged is None else merged.merge(compiled)
    return Catalogs(by_language)


@functools.cache
def text_direction(lang: str) -> str:
    """ "rtl" or "ltr" for a language code."""
    return Locale.parse(lang).text_direction


@functools.cache
def language_name(lang: str) -> str:
    """A language named in itself ("svenska", "العربية"), for language choices."""
    return Locale.parse(lang).get_display_name(lang) or lang


def format_number(n: int | float, lang: str) -> str:
    """A count as the language writes it ("1 234" in Swedish)."""
    return format_decimal(n, locale=lang)


@functools.cache
def _percent_pattern(lang: str) -> str:
    """The language's own percent pattern ("#,##0\xa0%" in Swedish) with one decimal."""
    return Locale.parse(lang).percent_formats[None].pattern.replace("0", "0.0", 1)


def format_share(share: float, lang: str) -> str:
    """A share (0.254) as the language writes a percentage, with one decimal ("25,4 %")."""
    return format_percent(share, _percent_pattern(lang), locale=lang)


# English is written for readers in Sweden and Europe: "1 January 2024", not "January 1, 2024".
FORMAT_LOCALES = {"en": "en_GB"}


def format_locale(lang: str) -> str:
    """The Babel locale that dates and numbers are formatted in for a language code."""
    return FORMAT_LOCALES.get(lang, lang)


def format_long_date(day: date, lang: str) -> str:
    """ "1 januari 2024", "1 January 2024": a date as a sentence in the reader's language."""
    return format_date(day, "long", locale=format_locale(lang))


def format_names(names: list[str] | tuple[str, ...], lang: str) -> str:
    """ "Polisen och Kommunen", "الشرطة والبلدية": names as a list reads in the language."""
    return format_list(list(names), locale=format_locale(lang)) if names else ""


def format_period(opens: date, closes: date | None, lang: str) -> str:
    """ "22 februari–18 mars 2016" in the reader's language; only the start if open-ended."""
    lang = format_locale(lang)
    if closes is None:
        return format_date(opens, "long", locale=lang)
    if opens.year == closes.year:
        first = format_skeleton("MMMMd", opens, locale=lang)
    else:
        first = format_date(opens, "long", locale=lang)
    last = format_date(closes, "long", locale=lang)
    pattern = Locale.parse(lang).interval_formats.get(None, "{0}–{1}")
    return pattern.replace("\u2009", "").replace("{0}", first).replace("{1}", last)


FSI, PDI = "\u2068", "\u2069"
# Digits with the spaces, hyphens, dashes, dots and slashes inside phone numbers, dates and
# ranges ("114 14", "070-123 45 67", "2024-01-01", "20–34"), a leading + included; not one
# already isolated.
_NUMBER = re.compile(r"(?<![\u2066\u2067\u2068\d+])\+?\d+(?:[ ./:–-]\d+)*(?![\d\u2069]|[ ./:–-]\d)")


@functools.lru_cache(maxsize=64)
def _right_to_left(lang: str) -> bool:
    return text_direction(lang) == "rtl"


def isolate_numbers(text: str, lang: str) -> str:
    """The text with each number in Unicode isolates (FSI … PDI) when `lang` is right to left.

    Without them a right-to-left reader sees "114 14" as "14 114": the bidirectional
    algorithm orders the groups of a number by the text around them. Every channel that
    writes numbers into Arabic text passes it through here.
    """
    if not _right_to_left(lang):
        return text
    return _NUMBER.sub(lambda m: f"{FSI}{m.group()}{PDI}", text)
