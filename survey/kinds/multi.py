"""`multi`: pick between `min` and `max` of the options, each at most once.

An answer is a list of option ids. An empty list is an answer below `min`, not a skip: a
resident who skips an optional question leaves it out. Each option is counted once per
resident; exports give a column per option."""

from __future__ import annotations

from typing import Any

from survey.campaign import Campaign, Question
from survey.kinds.base import Kind, Value
from survey.problem import Problem


class Multi(Kind):
    """Several options, between `min` and `max` of them."""

    name = "multi"
    keys = frozenset({"min", "max"})

    def read(self, reader: Any, table: dict[str, Any], path: str, options: list) -> dict:
        if len(options) < 2:
            raise reader.fail(f"{path}.options", "must have at least two options")
        least = table.get("min", 1)
        most = table.get("max", len(options))
        for key, value in (("min", least), ("max", most)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise reader.fail(f"{path}.{key}", "must be a whole number")
        if least < 1:
            raise reader.fail(f"{path}.min", "must be at least 1")
        if least > most:
            raise reader.fail(f"{path}.min", f"must not exceed max ({most})")
        if most > len(options):
            limit = len(options)
            raise reader.fail(f"{path}.max", f"must not exceed the number of options ({limit})")
        return {"min": least, "max": most}

    def problems(self, campaign: Campaign, question: Question, value: Any) -> list[Problem]:
        field = f"answers.{question.id}"
        if type(value) is not list or not all(type(item) is str for item in value):
            return [Problem("answer.type", field, {"question": question.id})]
        params = {"question": question.id, "min": question.min, "max": question.max}
        if len(value) > question.max:
            return [Problem("multi.too_many", field, {**params, "given": len(value)})]
        for item in value:
            if question.option(item) is None:
                return [Problem("option.unknown", field, {"question": question.id, "option": item})]
        if len(set(value)) != len(value):
            return [Problem("multi.repeated", field, params)]
        if len(value) < question.min:
            return [Problem("multi.too_few", field, {**params, "given": len(value)})]
        return []

    def columns(self, question: Question) -> tuple[str, ...]:
        return tuple(f"{question.id}.{option.id}" for option in question.options)

    def cells(self, question: Question, value: Value | None) -> tuple[Any, ...]:
        if value is None:
            return tuple(None for _ in question.options)
        picked = set(value)
        return tuple("1" if option.id in picked else "" for option in question.options)

    def document(self, question: Question) -> dict[str, Any]:
        return {"min": question.min, "max": question.max}

    def describe(self, question: Question) -> dict[str, Any]:
        return {"min": question.min, "max": question.max}


MULTI = Multi()
