"""One turn of the conversation: the resident's state in, what to store and show out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from bot import around_walk, state
from bot.deps import BotDeps
from bot.i18n import Tr, best_language
from bot.screens import Screen, View, location_keyboard, render
from bot.state import Changes, Keys, Session
from locales.problems import problem_message
from storage import Outcome
from survey import AreasStep, Campaign, CommentStep, ConfirmStep, Draft, IntroStep, Problem
from survey.walk import ChoiceStep, LanguageStep, new_draft, step_by_id


@dataclass(frozen=True)
class Typed:
    """A message from the resident as the walk reads it: its text, or a photo's caption."""

    message_id: int
    text: str | None
    date: int  # when Telegram received it (seconds since the epoch)
    caption: bool = False  # the text is the caption of a photo or file (never stored)

    @classmethod
    def of(cls, message: Any) -> Typed:
        text, caption = message.text, False
        if text is None and message.caption is not None:
            text, caption = message.caption, True
        return cls(message.message_id, text, int(message.date.timestamp()), caption)


@dataclass
class Turn:
    """The state of one resident while one update is handled (under their lock)."""

    deps: BotDeps
    keys: Keys
    update_id: int
    telegram_language: str | None
    session: Session
    draft: Draft | None
    changes: Changes = field(default_factory=Changes)
    alert: str | None = None
    popup: bool = False
    screen: Screen | None = None
    reply: bool = False  # show the screen as a reply to the resident's message
    # What becomes of the previous prompt when this turn sends a new message with buttons:
    # "strip" takes its keyboard away (it is spent), "delete" removes it (it is repeated).
    retire: str = "strip"
    stale_press: bool = False  # the press was of a button that no longer applies
    answers: dict = field(default_factory=dict)  # stored answers read with the state

    def __post_init__(self) -> None:
        if self.draft is not None:  # a draft kept at the intro by an earlier version
            self.draft = self._past_intro(self.draft)

    # --- reading ------------------------------------------------------------------------------

    @property
    def campaign(self) -> Campaign | None:
        return self.deps.campaigns.get(self.session.campaign or "")

    @property
    def tr(self) -> Tr:
        if self.draft is not None:
            return self.deps.tr(self.draft.locale, self.draft.easy)
        else:
            lang = best_language(self.deps.catalogs, self.session.locale, self.telegram_language)
        return self.deps.tr(lang)

    def view(self) -> View:
        assert self.campaign is not None and self.draft is not None
        collecting = self.session.collecting and self.draft.step == CommentStep.id
        return View(
            self.campaign, self.draft, self.tr, self.deps.prompts, collecting, self.session.review
        )

    def step_screen(self) -> Screen:
        """The current step of the walk, rendered."""
        view = self.view()
        step = step_by_id(view.campaign, self.draft.step) or ConfirmStep()
        return render(step, view)

    def is_open(self, campaign: Campaign) -> bool:
        return campaign.is_open(self.deps.now())

    def status(self, campaign: Campaign) -> str:
        return campaign.status(self.deps.now())

    async def stored_response(self, campaign: Campaign):
        """The resident's stored answer in `campaign` (read along with the state, if it was)."""
        if campaign.id in self.answers:
            return self.answers.pop(campaign.id)
        return await self.deps.store.read(state.stored_response(self.keys, campaign.id))

    # --- changing -----------------------------------------------------------------------------

    def set_draft(self, draft: Draft) -> None:
        self.draft = self.changes.draft = self._past_intro(draft)

    def _past_intro(self, draft: Draft) -> Draft:
        """The intro heads the areas' message (`render_areas`): a walk never stops at it."""
        campaign = self.campaign
        if draft.step != IntroStep.id or campaign is None or campaign.id != draft.campaign:
            return draft
        return draft.advance(campaign)[0]

    def set_session(self, session: Session) -> None:
        self.session = self.changes.session = session

    def refuse(self, problem: Problem | str) -> None:
        """Say no in a short alert; nothing changes."""
        text = (
            problem if isinstance(problem, str) else problem_message(problem, self.tr.translations)
        )
        self.alert, self.popup = text, True

    def stale(self) -> None:
        self.stale_press = True
        self.alert, self.popup = (
            self.tr._("Den här knappen gäller inte längre. Skriv /start för att fortsätta."),
            False,
        )

    async def switch_to(self, campaign: Campaign) -> None:
        """Make `campaign` the one being answered, with its draft if there is one."""
        if self.session.campaign == campaign.id:
            return
        self.set_session(
            replace(self.session.done_with_comment(), campaign=campaign.id, source=None)
        )
        key = self.keys.participant(campaign.id)
        waiting = self.deps.drafts.waiting(key)
        if waiting is not None:
            raw = waiting[1]
        else:
            raw = await self.deps.store.get_draft(state.CHANNEL, key)
        draft = state.draft_or_none(raw, campaign.id)
        self.draft = None if draft is None else self._past_intro(draft)

    async def begin(self, campaign: Campaign, source: str | None = None) -> None:
        """Start or resume `campaign`: its draft, else the stored answer, else a new walk.

        `source` is where a deep link came from (a poster's venue); the answer carries it.
        """
        status = self.status(campaign)
        if status != "open":
            self.screen = around_walk.not_open(campaign, status, self.tr)
            return
        await self.switch_to(campaign)
        if source is not None and source != self.session.source:
            self.set_session(replace(self.session, source=source))
        if self.draft is not None:
            self.screen = self.step_screen()
            return
        stored = await self.stored_response(campaign)
        if stored is not None:
            self.screen = around_walk.stored_answer(campaign, stored, self.tr)
            return
        wanted = self.session.locale or self.telegram_language
        draft = new_draft(campaign, str(uuid.uuid4()), wanted)
        self.set_session(replace(self.session, parts=(), collecting=False))
        if draft.step == LanguageStep.id and _offers(campaign, wanted):
            draft = draft.advance(campaign)[0]
        self.set_draft(draft)
        self.screen = self.step_screen()

    def location_keyboard(self) -> tuple[str, dict] | None:
        """The message that shows or takes away the reply keyboard with "📍 Skicka plats",
        if it must change: shown at a place question that takes another place, away
        everywhere else. None when it stays as it is."""
        campaign, draft = self.campaign, self.draft
        wanted = False
        if campaign is not None and draft is not None:
            step = step_by_id(campaign, draft.step)
            if isinstance(step, ChoiceStep) and step.question.kind == "place":
                wanted = len(draft.answers.get(step.question.id) or ()) < step.question.max
        if wanted == self.session.located:
            return None
        self.set_session(replace(self.session, located=wanted))
        return location_keyboard(self.tr, wanted)

    def advance(self) -> None:
        """Leave the current step if it is complete, and show the next one."""
        campaign, draft = self.campaign, self.draft
        assert campaign is not None and draft is not None
        moved, problem = draft.advance(campaign)
        if problem is not None:
            self.refuse(problem)
            return
        if self.session.review and draft.step in (AreasStep.id, CommentStep.id):
            moved = draft.at(ConfirmStep.id)
            self.set_session(replace(self.session, review=False))
        if draft.step == CommentStep.id and self.session.collecting:
            self.set_session(replace(self.session, collecting=False))
        self.set_draft(moved)
        self.screen = self.step_screen()

    async def commit(self) -> Any:
        """Write this turn's changes: an answer at once, a place in the walk a moment later.

        Returns what storing, consenting to or deleting an answer returned (else None).
        """
        changes, self.changes = self.changes, Changes()
        if not changes:
            return None
        outcome = None
        campaign_id = changes.answer
        if campaign_id is None:
            for key, (campaign, data) in state.rows(self.keys, changes).items():
                self.deps.drafts.stage(key, campaign, data)
        else:
            self.answers.clear()  # what was read along is out of date now
            mine = {self.keys.session, self.keys.participant(campaign_id)}
            earlier = self.deps.drafts.take(mine)
            outcome = await self.deps.store.write(state.commit(self.keys, changes, earlier))
        if changes.delete_everything is not None:
            self.session, self.draft = Session(), None
        dropped = changes.drop_draft is not None and outcome != Outcome.CONFLICT
        kept = state.Loaded(self.session, None if dropped else self.draft)
        self.deps.cache.put(self.keys.session, kept)
        return outcome


def _offers(campaign: Campaign, wanted: str | None) -> bool:
    if not wanted:
        return False
    return wanted.replace("_", "-").split("-")[0].lower() in campaign.languages
