"""What a campaign file may give the analysis of its results: themes with their keywords,
the place names residents mention, and a reference population for one background question."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

Text = Mapping[str, str]


@dataclass(frozen=True)
class ThemeRule:
    """A comment theme: its name in every language and the words that suggest it."""

    id: str
    name: Text
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """The population's shares per option of one background question (they sum to 1).

    `illustrative` marks made-up figures (the demo's): shown, and said to be illustrative.
    """

    question: str
    shares: Mapping[str, float]
    source: str
    year: int
    illustrative: bool = False


@dataclass(frozen=True)
class Analysis:
    """The analysis settings of a campaign; empty when its file gives none."""

    themes: tuple[ThemeRule, ...] = ()
    places: tuple[str, ...] = ()
    reference: Reference | None = None

    def theme(self, theme_id: str) -> ThemeRule | None:
        return next((t for t in self.themes if t.id == theme_id), None)
