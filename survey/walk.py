"""The walk through a survey: its ordered steps, and a draft that moves along them.

Every channel renders these steps; none defines its own flow. What a step allows is data
on the step: `required` (False: the resident may skip it, and skipping stores no answer) and
`returns_to` (where the walk goes after the step was changed from the summary). The API
serves the same data to the channels that walk on the client (`step_as_dict`).

A draft is plain data (it round-trips through JSON), so a channel can keep it in the store
and resume after a restart. See docs/architecture.md, "The one walk".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from survey.campaign import BACKGROUND, PREFER_NOT_TO_SAY, TOPIC, Campaign, Question
from survey.kinds import kind_of
from survey.validation import Answers, Problem, check_areas, check_comment, clean_comment


@dataclass(frozen=True)
class LanguageStep:
    """Choose one of the campaign's languages (only when it offers more than one)."""

    id = "language"
    required = True
    returns_to = None


@dataclass(frozen=True)
class IntroStep:
    """Who asks and why, the dates, and the privacy notice."""

    id = "intro"
    required = True
    returns_to = None


@dataclass(frozen=True)
class AreasStep:
    """Choose exactly `pick` of the campaign's areas."""

    id = "areas"
    required = True
    returns_to = "confirm"
    pick: int = 3


@dataclass(frozen=True)
class CommentStep:
    """Write a comment, or skip it when it is optional."""

    id = "comment"
    returns_to = "confirm"
    required: bool = False
    max_length: int = 2000


@dataclass(frozen=True)
class ChoiceStep:
    """One question of any kind (`survey.kinds`): skipping an optional one stores no answer;
    "prefer not to say" is an answer."""

    question: Question
    # What a list of the question offers: its options, or for a place the map's zones.
    choices: tuple[str, ...] = ()
    returns_to = "confirm"

    @property
    def id(self) -> str:
        return f"question:{self.question.id}"

    @property
    def required(self) -> bool:
        return self.question.required

    @property
    def prefer_not_to_say(self) -> str | None:
        """The option that means "prefer not to say", if the question has one."""
        return PREFER_NOT_TO_SAY if self.question.option(PREFER_NOT_TO_SAY) else None


@dataclass(frozen=True)
class ConfirmStep:
    """Review the answer, change it or send it."""

    id = "confirm"
    required = True
    returns_to = None


Step = LanguageStep | IntroStep | AreasStep | CommentStep | ChoiceStep | ConfirmStep
STEP_TYPES: tuple[type, ...] = (
    LanguageStep,
    IntroStep,
    AreasStep,
    CommentStep,
    ChoiceStep,
    ConfirmStep,
)


def steps(campaign: Campaign) -> tuple[Step, ...]:
    """The ordered steps of the walk for `campaign`."""
    walk: list[Step] = []
    # The language step also offers Lättläst, so a campaign with easy texts has it.
    if len(campaign.languages) > 1 or campaign.easy_languages:
        walk.append(LanguageStep())
    walk += [IntroStep(), AreasStep(pick=campaign.pick)]
    walk += [question_step(campaign, q) for q in campaign.questions if q.section == TOPIC]
    walk.append(
        CommentStep(required=campaign.comment.required, max_length=campaign.comment.max_length)
    )
    walk += [question_step(campaign, q) for q in campaign.questions if q.section == BACKGROUND]
    walk.append(ConfirmStep())
    return tuple(walk)


def leads_back_to_areas(campaign: Campaign, step_id: str) -> bool:
    """Whether the walk shows the chosen areas on `step_id`, with the way back to them: on
    every step after the areas up to the comment (the topic questions and the comment), so
    that an area ticked by mistake is seen while the answers are still about the areas."""
    ids = [s.id for s in steps(campaign)]
    if step_id not in ids:
        return False
    return ids.index(AreasStep.id) < ids.index(step_id) <= ids.index(CommentStep.id)


def question_step(campaign: Campaign, question: Question) -> ChoiceStep:
    choices = tuple(choice for choice, _ in kind_of(question).choices(campaign, question))
    return ChoiceStep(question, choices)


def step_by_id(campaign: Campaign, step_id: str) -> Step | None:
    return next((s for s in steps(campaign) if s.id == step_id), None)


def step_as_dict(step: Step) -> dict[str, Any]:
    """A step as the JSON API describes it to channels that walk on the client."""
    kind = type(step).__name__.removesuffix("Step").lower()
    data: dict[str, Any] = {
        "id": step.id,
        "type": kind,
        "required": step.required,
        "returns_to": step.returns_to,
    }
    if isinstance(step, AreasStep):
        data["pick"] = step.pick
    elif isinstance(step, CommentStep):
        data["max_length"] = step.max_length
    elif isinstance(step, ChoiceStep):
        question = step.question
        data["question"] = question.id
        data["kind"] = question.kind
        data["section"] = question.section
        data["options"] = [option.id for option in question.options]
        data["prefer_not_to_say"] = step.prefer_not_to_say
        data.update(kind_of(question).describe(question))
        if list(step.choices) != data["options"]:  # a place question lists the map's zones
            data["zones"] = list(step.choices)
    return data


@dataclass(frozen=True)
class Draft:
    """A half-finished walk: where the resident is and what they chose so far."""

    campaign: str
    response_id: str
    locale: str
    step: str = "intro"
    areas: tuple[str, ...] = ()
    comment: str | None = None
    answers: Mapping[str, Any] = field(default_factory=dict)
    followup_consent: bool = False
    # Set while a step opened from the summary is changed: leaving it returns to the summary.
    changing: bool = False
    # Shown in Lättläst, the easy-to-read texts (where the campaign has them in `locale`).
    easy: bool = False

    def to_json(self) -> str:
        data = {
            "campaign": self.campaign,
            "response_id": self.response_id,
            "locale": self.locale,
            "step": self.step,
            "areas": list(self.areas),
            "comment": self.comment,
            "answers": dict(self.answers),
            "followup_consent": self.followup_consent,
            "changing": self.changing,
        }
        if self.easy:
            data["easy"] = True
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Draft:
        data = json.loads(raw)
        data["areas"] = tuple(data.get("areas", ()))
        return cls(**data)

    def as_answers(self) -> Answers:
        return Answers(areas=self.areas, comment=self.comment, answers=dict(self.answers))

    def at(self, step_id: str) -> Draft:
        return replace(self, step=step_id)

    def back_to_areas(self, campaign: Campaign) -> tuple[Draft, Problem | None]:
        """Back to the areas from a step that leads back to them (`leads_back_to_areas`);
        not from a step opened from the summary, which returns to the summary."""
        if self.changing or not leads_back_to_areas(campaign, self.step):
            return self, Problem("step.not_changeable", "step", {"step": AreasStep.id})
        return self.at(AreasStep.id), None

    def toggle_area(self, campaign: Campaign, area_id: str) -> tuple[Draft, Problem | None]:
        """Tick or untick an area; refuse an unknown area or one more than the campaign allows."""
        if campaign.area(area_id) is None:
            return self, Problem("areas.unknown", "areas", {"area": area_id})
        if area_id in self.areas:
            return replace(self, areas=tuple(a for a in self.areas if a != area_id)), None
        if len(self.areas) >= campaign.pick:
            return self, Problem("areas.too_many", "areas", {"expected": campaign.pick})
        return replace(self, areas=(*self.areas, area_id)), None

    def with_comment(self, campaign: Campaign, text: str | None) -> tuple[Draft, Problem | None]:
        """Set (or clear, with None) the comment; a too long one is refused and not kept."""
        comment = clean_comment(text)
        if comment is not None:
            problems = check_comment(campaign, comment)
            if problems:
                return self, problems[0]
        return replace(self, comment=comment), None

    def with_answer(
        self, campaign: Campaign, question_id: str, option_id: str, picked: bool | None = None
    ) -> tuple[Draft, Problem | None]:
        """Answer a question with one of its options; for several picks (`multi`), tick it
        (`picked` True), untick it (False) or turn it over (None), refusing one more than the
        question allows."""
        question = campaign.question(question_id)
        if question is None:
            return self, Problem("question.unknown", "answers", {"question": question_id})
        if question.option(option_id) is None:
            params = {"question": question_id, "option": option_id}
            return self, Problem("option.unknown", f"answers.{question_id}", params)
        value: Any = option_id
        if question.kind == "multi":
            chosen = set(self.answers.get(question_id, ()))
            tick = option_id not in chosen if picked is None else picked
            if tick and option_id not in chosen and len(chosen) >= question.max:
                params = {"question": question_id, "min": question.min, "max": question.max}
                return self, Problem("multi.too_many", f"answers.{question_id}", params)
            chosen = chosen | {option_id} if tick else chosen - {option_id}
            value = [o.id for o in question.options if o.id in chosen]  # in the options' order
        return replace(self, answers={**self.answers, question_id: value}), None

    def with_places(
        self, campaign: Campaign, question_id: str, places: list[dict[str, Any]]
    ) -> tuple[Draft, Problem | None]:
        """Answer a place question with `places` as the kind takes them (`survey.kinds.place`),
        refusing what it refuses; no places at all leaves the question unanswered."""
        question = campaign.question(question_id)
        if question is None or question.kind != "place":
            return self, Problem("question.unknown", "answers", {"question": question_id})
        answers = {k: v for k, v in self.answers.items() if k != question_id}
        if not places:
            return replace(self, answers=answers), None
        problems = kind_of(question).problems(campaign, question, places)
        if problems:
            return self, problems[0]
        return replace(self, answers={**answers, question_id: places}), None

    def problem_here(self, campaign: Campaign) -> Problem | None:
        """What keeps the resident from leaving the current step, if anything."""
        if self.step == AreasStep.id:
            problems = check_areas(campaign, self.areas)
            return problems[0] if problems else None
        if self.step == CommentStep.id:
            problems = check_comment(campaign, self.comment)
            return problems[0] if problems else None
        step = step_by_id(campaign, self.step)
        if isinstance(step, ChoiceStep):
            question = step.question
            if question.id not in self.answers:
                if not question.required:
                    return None
                return Problem(
                    "question.required", f"answers.{question.id}", {"question": question.id}
                )
            problems = kind_of(question).problems(campaign, question, self.answers[question.id])
            return problems[0] if problems else None
        return None

    def advance(self, campaign: Campaign) -> tuple[Draft, Problem | None]:
        """Move on when the current step is complete: to the next step, or, when the step
        was opened from the summary, to where the step returns to."""
        problem = self.problem_here(campaign)
        if problem is not None:
            return self, problem
        walk = steps(campaign)
        ids = [s.id for s in walk]
        index = ids.index(self.step) if self.step in ids else -1
        returns_to = walk[index].returns_to if index >= 0 else None
        if self.changing and returns_to is not None:
            return replace(self, step=returns_to, changing=False), None
        return self.at(ids[min(index + 1, len(ids) - 1)]), None

    def change(self, campaign: Campaign, step_id: str) -> tuple[Draft, Problem | None]:
        """From the summary, open a step to change it; leaving it comes back to the summary."""
        step = step_by_id(campaign, step_id)
        if self.step != ConfirmStep.id or step is None or step.returns_to is None:
            return self, Problem("step.not_changeable", "step", {"step": step_id})
        return replace(self, step=step_id, changing=True), None

    def skip(self, campaign: Campaign) -> tuple[Draft, Problem | None]:
        """Leave an optional step without answering it: its answer is removed, none stored."""
        step = step_by_id(campaign, self.step)
        if step is None or step.required:
            return self, Problem("step.required", "step", {"step": self.step})
        if isinstance(step, CommentStep):
            cleared = replace(self, comment=None)
        elif isinstance(step, ChoiceStep):
            answers = {q: o for q, o in self.answers.items() if q != step.question.id}
            cleared = replace(self, answers=answers)
        else:
            cleared = self
        return cleared.advance(campaign)


def new_draft(campaign: Campaign, response_id: str, locale: str | None = None) -> Draft:
    """A fresh walk at its first step, in the best offered language for `locale`."""
    first = steps(campaign)[0].id
    return Draft(
        campaign=campaign.id, response_id=response_id, locale=campaign.language(locale), step=first
    )
