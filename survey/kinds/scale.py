"""`scale`: ordered points, lowest first, then options that are no point on it ("Vet inte").

A point's number is its place among the scored options, from 1; the mean is taken over the
residents who chose a scored point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from survey.campaign import Question
from survey.kinds.base import Kind


class Scale(Kind):
    """One point of an ordered scale, or an unscored option such as "Vet inte"."""

    name = "scale"
    option_keys = frozenset({"id", "label", "scored"})

    def read(self, reader: Any, table: dict[str, Any], path: str, options: list) -> dict:
        scored = [option for option in options if option.scored]
        if len(scored) < 2:
            raise reader.fail(f"{path}.options", "a scale needs at least two scored points")
        first_unscored = next((i for i, o in enumerate(options) if not o.scored), len(options))
        if any(option.scored for option in options[first_unscored:]):
            raise reader.fail(f"{path}.options", "options with scored = false come last")
        return {}

    def mean(self, question: Question, counts: Mapping[str, int]) -> float | None:
        """The mean point of those who chose a scored one, the lowest point being 1."""
        scored = [o for o in question.options if o.scored]
        total = sum(counts.get(o.id, 0) for o in scored)
        if not total:
            return None
        return sum(n * counts.get(o.id, 0) for n, o in enumerate(scored, 1)) / total

    def document(self, question: Question) -> dict[str, Any]:
        return {}

    def describe(self, question: Question) -> dict[str, Any]:
        return {"scored": [option.id for option in question.options if option.scored]}


SCALE = Scale()
