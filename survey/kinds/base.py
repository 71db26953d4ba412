"""What every question kind provides; the kinds differ in what a valid answer is and how
answers are counted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from survey.campaign import Campaign, Question
from survey.problem import Problem

Value = str | list[str] | tuple[str, ...]


class Kind:
    """A question kind: subclasses say what differs; the rest is what one pick needs."""

    name = ""
    # Keys a question of this kind may have in a campaign file, beyond the common ones.
    keys: frozenset[str] = frozenset()
    option_keys: frozenset[str] = frozenset({"id", "label"})
    needs_options = True

    def read(self, reader: Any, table: dict[str, Any], path: str, options: list) -> dict:
        """Check the kind's own keys and rules; the fields of `Question` they set."""
        return {}

    def problems(self, campaign: Campaign, question: Question, value: Any) -> list[Problem]:
        """What is wrong with `value` as an answer to `question` (empty: it is valid)."""
        if type(value) is str and question.option(value) is not None:
            return []
        field = f"answers.{question.id}"
        if type(value) is not str:
            return [Problem("answer.type", field, {"question": question.id})]
        return [Problem("option.unknown", field, {"question": question.id, "option": value})]

    def picked(self, value: Value) -> tuple[str, ...]:
        """The option ids an answer picks."""
        return (value,) if isinstance(value, str) else tuple(value)

    def normalised(self, campaign: Campaign, question: Question, value: Any) -> Any:
        """A valid answer as it is stored (most kinds keep it as given)."""
        return value

    def mean(self, question: Question, counts: Mapping[str, int]) -> float | None:
        """The mean of the answers where they have one (a scale's points); else None."""
        return None

    def choices(self, campaign: Campaign, question: Question) -> list[tuple[str, Any]]:
        """What a channel lists for the question: (id, label text) per choice."""
        return [(option.id, option.label) for option in question.options]

    def columns(self, question: Question) -> tuple[str, ...]:
        """The export's machine names for this question: one column."""
        return (question.id,)

    def cells(self, question: Question, value: Value | None) -> tuple[Any, ...]:
        """The export's cells for one answer (None where it was skipped)."""
        return (value,)

    def document(self, question: Question) -> dict[str, Any]:
        """The kind's own keys as a campaign file writes them."""
        return {}

    def describe(self, question: Question) -> dict[str, Any]:
        """The kind's own rules as the API gives them to channels."""
        return {}
