"""Theme suggestions and place counts: what helps an analyst write the results' paragraph.

A comment is suggested a theme when one of its words has the same Swedish stem as one of
the theme's keywords ("patrullerande poliser" meets "polis"), or starts with a keyword
stem of five letters or more (Swedish compounds: "polisbil"). Places are counted where a
comment names them, with the areas those comments chose.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from survey.analysis import ThemeRule

WORD = re.compile(r"\w+", re.UNICODE)
COMPOUND_PREFIX = 5
_stemmer = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.casefold())


def stems(text: str) -> set[str]:
    return {stem(word) for word in WORD.findall(text)}


def _matches(word_stems: set[str], keyword_stems: set[str]) -> bool:
    if word_stems & keyword_stems:
        return True
    long = [k for k in keyword_stems if len(k) >= COMPOUND_PREFIX]
    return any(w.startswith(k) for w in word_stems for k in long)


def suggest_themes(text: str, themes: Sequence[ThemeRule]) -> tuple[str, ...]:
    """The ids of the themes whose keywords the comment uses, in the campaign's order."""
    found = stems(text)
    return tuple(
        theme.id
        for theme in themes
        if _matches(found, {stem(k) for keyword in theme.keywords for k in WORD.findall(keyword)})
    )


@dataclass(frozen=True)
class PlaceCount:
    """How many comments name a place, and the areas those comments chose (most first)."""

    place: str
    comments: int
    areas: tuple[tuple[str, int], ...]

    @property
    def mostly(self) -> str | None:
        """The area most of these comments chose, if one stands out."""
        if not self.areas or (len(self.areas) > 1 and self.areas[0][1] == self.areas[1][1]):
            return None
        return self.areas[0][0]


def _mentions(text: str, place: str) -> bool:
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, place.split())) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def count_places(
    comments: Iterable[tuple[str, Sequence[str]]], places: Sequence[str], area_order: Sequence[str]
) -> list[PlaceCount]:
    """Each place some comment names: the comments (text, chosen areas) naming it, most first.

    A comment naming two places counts for both ("Nobelplan på Norrstrand")."""
    counted: dict[str, int] = {}
    areas: dict[str, Counter[str]] = {}
    for text, chosen in comments:
        for place in places:
            if _mentions(text, place):
                counted[place] = counted.get(place, 0) + 1
                areas.setdefault(place, Counter()).update(chosen)
    order = {area: index for index, area in enumerate(area_order)}
    found = [
        PlaceCount(
            place,
            n,
            tuple(sorted(areas[place].items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))),
        )
        for place, n in counted.items()
    ]
    return sorted(found, key=lambda p: (-p.comments, places.index(p.place)))
