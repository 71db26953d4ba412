"""Which changes a campaign may take once residents have answered it.

Areas and options may be relabelled, added and reordered, but one that has answers may not
be removed or given another id, whatever the question's kind; a question keeps its kind,
and how many areas to pick may not change: the answers already given would no longer mean
what they meant. Dates may move; the editor warns how many answers then fall outside the
period.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from survey.campaign import Campaign


@dataclass(frozen=True)
class Usage:
    """What the answers given so far use: how many, which areas, which options."""

    answers: int = 0
    areas: frozenset[str] = frozenset()
    options: frozenset[tuple[str, str]] = frozenset()  # (question id, option id)


@dataclass(frozen=True)
class ChangeProblem:
    """A refused change: a code the channels translate, the field, and its details."""

    code: str
    field: str
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
        return f"{self.field}: {self.code}" + (f" ({details})" if details else "")


def refused_changes(old: Campaign, new: Campaign, usage: Usage) -> list[ChangeProblem]:
    """The changes from `old` to `new` that the answers in `usage` do not allow."""
    if usage.answers == 0:
        return []
    problems = []
    if new.pick != old.pick:
        problems.append(ChangeProblem("change.pick", "pick", {"pick": str(old.pick)}))
    kept_areas = {area.id for area in new.areas}
    for area in old.areas:
        if area.id in usage.areas and area.id not in kept_areas:
            problems.append(ChangeProblem("change.area_removed", "areas", {"area": area.id}))
    for question in old.questions:
        kept = new.question(question.id)
        if kept is not None and kept.kind != question.kind:
            at = next(i for i, q in enumerate(new.questions) if q.id == question.id)
            params = {"question": question.id, "kind": question.kind}
            problems.append(ChangeProblem("change.kind", f"questions[{at}].kind", params))
        for option in question.options:
            if (question.id, option.id) not in usage.options:
                continue
            if kept is None or kept.option(option.id) is None:
                params = {"question": question.id, "option": option.id}
                problems.append(ChangeProblem("change.option_removed", "questions", params))
    return problems


def dates_moved(old: Campaign, new: Campaign) -> bool:
    return (old.opens, old.closes, old.timezone) != (new.opens, new.closes, new.timezone)
