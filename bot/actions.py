"""What a button press does: one small function per operation, looked up from the data.

Operations are verbs on the draft (toggle an area, answer a question, send), not states of
a conversation: which step comes next is always the walk's decision (`Draft.advance`).
Each checks that it fits where the resident is; a press that does not changes nothing.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot import around_walk
from bot.callback_data import Action, campaign_token
from bot.screens import comment_warning, language_screen, place_label, place_why
from bot.state import Changes
from bot.turn import Turn
from storage import Outcome
from storage.submit import Submitted, ready_or_outcome
from survey import AreasStep, CommentStep, ConfirmStep, Draft, Response
from survey.personal_data import LONG_TEXT, comment_warnings
from survey.walk import ChoiceStep, LanguageStep, step_by_id, steps


async def apply(turn: Turn, action: Action | None) -> None:
    """Apply a parsed press to the resident's state; None (unparseable data) is refused."""
    if action is None:
        turn.alert = turn.tr._("Den knappen känner jag inte igen. Skriv /start för att fortsätta.")
        return
    if action.op in GLOBAL:
        await GLOBAL[action.op](turn, action)
        return
    campaign = turn.deps.by_token.get(action.scope or "")
    if campaign is None:
        turn.stale()
        return
    if action.op == "P":
        await turn.begin(campaign)
        return
    if turn.campaign is None or campaign_token(turn.campaign.id) != action.scope:
        turn.stale()  # a button of another campaign than the one being answered
        return
    if not turn.is_open(campaign):
        turn.alert = turn.tr._("Enkäten är stängd. Tack för ditt intresse!")
        if turn.draft is not None:
            turn.changes.drop_draft = campaign.id
            turn.draft = None
        turn.screen = around_walk.not_open(campaign, turn.status(campaign), turn.tr)
        return
    handler, step_id = IN_CAMPAIGN[action.op]
    if step_id is not None and (turn.draft is None or not _at(turn.draft, step_id)):
        turn.stale()
        return
    await handler(turn, action)


def _at(draft: Draft, step_id: str) -> bool:
    if step_id == "question:":
        return draft.step.startswith(step_id)
    return step_id == "*" or draft.step == step_id


async def choose_language(turn: Turn, action: Action) -> None:
    """Use another language (or its Lättläst, `sv-easy`), then show where the resident was."""
    campaign, draft = turn.campaign, turn.draft
    lang, easy = action.arg.removesuffix("-e"), action.arg.endswith("-e")
    offered = campaign.languages if campaign and draft else turn.deps.catalogs.languages
    if lang not in offered or (easy and not (campaign and draft and campaign.offers_easy(lang))):
        turn.stale()
        return
    turn.set_session(replace(turn.session, locale=lang))
    if draft is None:
        turn.screen = around_walk.language_set(turn.tr)
        return
    turn.set_draft(replace(draft, locale=lang, easy=easy))
    if draft.step == LanguageStep.id:
        turn.advance()
    else:
        turn.screen = turn.step_screen()


async def show_open_campaigns(turn: Turn, action: Action) -> None:
    """The campaigns open now, to choose from (after a link to one that is not)."""
    turn.screen = around_walk.open_campaigns(turn.deps.open_campaigns(), turn.tr)


async def show_languages(turn: Turn, action: Action) -> None:
    """Offer the campaign's languages in place of the current step."""
    assert turn.campaign is not None and turn.draft is not None
    turn.screen = language_screen(
        turn.campaign.languages, turn.draft.locale, turn.tr, turn.deps.prompts, turn.campaign
    )


async def next_step(turn: Turn, action: Action) -> None:
    """Leave the areas, or a question of several picks, when enough are chosen ("Klar")."""
    turn.advance()


async def tick_area(turn: Turn, action: Action) -> None:
    """Tick or untick an area (as the button says: a second delivery changes nothing).

    Ticking the last area needed goes on at once, saving a press and a message edit.
    """
    campaign, draft = turn.campaign, turn.draft
    index = action.index()
    if index >= len(campaign.areas):
        turn.stale()
        return
    area_id = campaign.areas[index].id
    if (area_id in draft.areas) == action.arg.endswith("+"):
        turn.screen = turn.step_screen()  # already so
        return
    toggled, problem = draft.toggle_area(campaign, area_id)
    if problem is not None:
        turn.refuse(problem)
        return
    turn.set_draft(toggled)
    step = step_by_id(campaign, AreasStep.id)
    if len(toggled.areas) == step.pick:
        turn.advance()  # the next step's message says which areas were chosen
    else:
        turn.screen = turn.step_screen()


async def back_to_areas(turn: Turn, action: Action) -> None:
    """From a topic question or the comment prompt back to the areas (a third area ticked by
    mistake), where the walk allows it."""
    draft, problem = turn.draft.back_to_areas(turn.campaign)
    if problem is not None or turn.session.review:
        turn.stale()
        return
    turn.set_session(replace(turn.session, collecting=False))
    turn.set_draft(draft)
    turn.screen = turn.step_screen()


async def skip_comment(turn: Turn, action: Action) -> None:
    """Go on without a comment (removing one written before)."""
    cleared, _problem = turn.draft.with_comment(turn.campaign, None)
    turn.set_draft(cleared)
    turn.set_session(replace(turn.session, parts=()))
    turn.advance()


async def keep_comment(turn: Turn, action: Action) -> None:
    """ "Klar": go on with the comment, after a warning if it seems to hold personal data."""
    if turn.draft.comment is None:
        turn.stale()
        return
    comment = turn.draft.comment
    long = len(comment) >= LONG_TEXT
    kinds = (
        await asyncio.to_thread(comment_warnings, comment) if long else comment_warnings(comment)
    )
    if kinds:
        turn.screen = comment_warning(turn.view(), kinds)
        return
    turn.advance()


async def send_comment_anyway(turn: Turn, action: Action) -> None:
    """Go on with a comment the resident was warned about (a warning never blocks)."""
    if turn.draft.comment is None:
        turn.stale()
        return
    turn.advance()


async def change_comment(turn: Turn, action: Action) -> None:
    """Back to the comment prompt after a warning: the next message replaces the comment."""
    turn.set_session(replace(turn.session, collecting=False))
    turn.screen = turn.step_screen()


async def answer_question(turn: Turn, action: Action) -> None:
    """Answer the current question with one of its options, then go on."""
    campaign, draft = turn.campaign, turn.draft
    q, o = action.pair()
    if q >= len(campaign.questions) or draft.step != f"question:{campaign.questions[q].id}":
        turn.stale()
        return
    question = campaign.questions[q]
    if o >= len(question.options):
        turn.stale()
        return
    if question.kind == "multi":
        turn.stale()  # a one-pick button on a question of several picks: not ours
        return
    answered, problem = draft.with_answer(campaign, question.id, question.options[o].id)
    if problem is not None:
        turn.refuse(problem)
        return
    turn.set_draft(answered)
    turn.advance()


async def tick_option(turn: Turn, action: Action) -> None:
    """Tick or untick an option of a question of several picks (as the button says: a second
    delivery changes nothing), and stay until "Klar"."""
    campaign, draft = turn.campaign, turn.draft
    q, o = (int(part) for part in action.arg[:-1].split("-"))
    question = campaign.questions[q] if q < len(campaign.questions) else None
    if question is None or question.kind != "multi" or draft.step != f"question:{question.id}":
        turn.stale()
        return
    if o >= len(question.options):
        turn.stale()
        return
    option = question.options[o].id
    answered, problem = draft.with_answer(campaign, question.id, option, action.arg[-1] == "+")
    if problem is not None:
        turn.refuse(problem)
        return
    turn.set_draft(answered)
    turn.screen = turn.step_screen()


def place_question_at(turn: Turn, number: int):
    """The place question with this index, if the resident is at it; else None."""
    campaign, draft = turn.campaign, turn.draft
    question = campaign.questions[number] if number < len(campaign.questions) else None
    if question is None or question.kind != "place" or draft.step != f"question:{question.id}":
        return None
    return question


def add_place(turn: Turn, question, place: dict) -> None:
    """Add a place to the question's answer as the kind takes it (or say why not), then say
    what was stored and ask why there, if the question has reasons to choose from."""
    places = [*(turn.draft.answers.get(question.id) or ()), place]
    answered, problem = turn.draft.with_places(turn.campaign, question.id, places)
    if problem is not None:
        turn.refuse(problem)
        return
    turn.set_draft(answered)
    view = turn.view()
    stored = turn.tr._("Sparat: %(place)s.") % {
        "place": place_label(turn.campaign, question, place, turn.tr)
    }
    if question.options:
        turn.screen = place_why(view, question, stored)
    else:
        turn.screen = turn.step_screen().with_note(stored)


async def tick_zone(turn: Turn, action: Action) -> None:
    """Tick a zone of the map as a place (up to the question's max), or untick it (as the
    button says: a second delivery changes nothing)."""
    number, index = (int(part) for part in action.arg[:-1].split("-"))
    question = place_question_at(turn, number)
    area_map = turn.campaign.map
    if question is None or area_map is None or index >= len(area_map.zones):
        turn.stale()
        return
    zone = area_map.zones[index].id
    places = list(turn.draft.answers.get(question.id) or ())
    ticked = any(p.get("zone") == zone and "lat" not in p for p in places)
    if ticked == action.arg.endswith("+"):
        turn.screen = turn.step_screen()  # already so
        return
    if action.arg.endswith("+"):
        add_place(turn, question, {"zone": zone})
        return
    kept = [p for p in places if not (p.get("zone") == zone and "lat" not in p)]
    answered, problem = turn.draft.with_places(turn.campaign, question.id, kept)
    if problem is not None:
        turn.refuse(problem)
        return
    turn.set_draft(answered)
    turn.screen = turn.step_screen()


async def place_reason(turn: Turn, action: Action) -> None:
    """Why the latest place was marked: one of the question's options."""
    number, index = action.pair()
    question = place_question_at(turn, number)
    places = list(turn.draft.answers.get(question.id) or ()) if question else []
    if question is None or not places or index >= len(question.options):
        turn.stale()
        return
    places[-1] = {**places[-1], "option": question.options[index].id}
    answered, problem = turn.draft.with_places(turn.campaign, question.id, places)
    if problem is not None:
        turn.refuse(problem)
        return
    turn.set_draft(answered)
    stored = turn.tr._("Sparat: %(place)s.") % {
        "place": place_label(turn.campaign, question, places[-1], turn.tr)
    }
    turn.screen = turn.step_screen().with_note(stored)


async def no_reason(turn: Turn, action: Action) -> None:
    """No why for the latest place: back to the places."""
    if place_question_at(turn, action.index()) is None:
        turn.stale()
        return
    turn.screen = turn.step_screen()


async def clear_places(turn: Turn, action: Action) -> None:
    """Remove every place given to the question, to start it again."""
    question = place_question_at(turn, action.index())
    if question is None:
        turn.stale()
        return
    cleared, _problem = turn.draft.with_places(turn.campaign, question.id, [])
    turn.set_draft(cleared)
    turn.screen = turn.step_screen()


async def skip_question(turn: Turn, action: Action) -> None:
    """Leave an optional background question unanswered (an answer given before goes)."""
    campaign, draft = turn.campaign, turn.draft
    q = action.index()
    question = campaign.questions[q] if q < len(campaign.questions) else None
    step = step_by_id(campaign, draft.step)
    if question is None or not isinstance(step, ChoiceStep) or step.question != question:
        turn.stale()
        return
    if step.required:
        turn.stale()
        return
    answers = {k: v for k, v in draft.answers.items() if k != question.id}
    turn.set_draft(replace(draft, answers=answers))
    turn.advance()


async def change(turn: Turn, action: Action) -> None:
    """From the summary, go back to the areas, the comment or the background questions."""
    campaign, draft = turn.campaign, turn.draft
    if action.arg == "q":
        target = next((s.id for s in steps(campaign) if s.id.startswith("question:")), None)
        if target is None:
            turn.stale()
            return
    else:
        target = AreasStep.id if action.arg == "a" else CommentStep.id
        turn.set_session(replace(turn.session, review=True, collecting=False))
    turn.set_draft(draft.at(target))
    turn.screen = turn.step_screen()


async def send(turn: Turn, action: Action) -> None:
    """Store the answer (replacing an earlier one), drop the draft, and say thank you."""
    campaign, draft, tr = turn.campaign, turn.draft, turn.tr
    candidate = Response(
        id=draft.response_id,
        campaign=campaign.id,
        channel="telegram",
        locale=draft.locale,
        areas=draft.areas,
        comment=draft.comment,
        answers=dict(draft.answers),
        source=turn.session.source,
        participant=turn.keys.participant(campaign.id),
        followup_consent=draft.followup_consent,
        easy_read=draft.easy and campaign.offers_easy(draft.locale),
    )
    response = ready_or_outcome(campaign, candidate, now=turn.deps.now())
    if isinstance(response, Submitted):
        turn.refuse(response.problems[0])
        return
    turn.changes.response = response
    turn.changes.drop_draft = campaign.id
    turn.set_session(turn.session.done_with_comment())
    outcome = await turn.commit()
    if outcome == Outcome.CONFLICT:
        turn.refuse(tr._("Svaret kunde inte tas emot."))
        return
    turn.draft = None
    turn.screen = around_walk.thanks(campaign, draft.followup_consent, tr)


async def consent(turn: Turn, action: Action) -> None:
    """Record whether the resident wants to hear about the follow-up (off until they say yes)."""
    campaign = turn.campaign
    wanted, where = action.arg[0] == "1", action.arg[1]
    turn.changes.consent = (campaign.id, wanted)
    if not await turn.commit():
        turn.stale()
        return
    if wanted:
        turn.alert = turn.tr._("Vi berättar om uppföljningen här i chatten.")
    else:
        turn.alert = turn.tr._("Du får inga meddelanden om uppföljningen.")
    if where == "t":
        turn.screen = around_walk.thanks(campaign, wanted, turn.tr)
    else:
        stored = await turn.stored_response(campaign)
        if stored is not None:
            turn.screen = around_walk.stored_answer(campaign, stored, turn.tr)


async def change_stored(turn: Turn, action: Action) -> None:
    """Open a stored answer for changes, at the summary; sending it replaces the stored one."""
    campaign = turn.campaign
    if turn.draft is not None:
        turn.screen = turn.step_screen()
        return
    stored = await turn.stored_response(campaign)
    if stored is None:
        turn.stale()
        return
    draft = Draft(
        campaign=campaign.id,
        response_id=str(uuid.uuid4()),
        locale=turn.tr.lang if turn.tr.lang in campaign.languages else stored.locale,
        step=ConfirmStep.id,
        areas=stored.areas,
        comment=stored.comment,
        answers=dict(stored.answers),
        followup_consent=stored.followup_consent,
    )
    turn.set_draft(draft)
    turn.screen = turn.step_screen()


async def ask_delete(turn: Turn, action: Action) -> None:
    """Ask before deleting, naming what there is: the answer, the draft or both."""
    stored = await turn.stored_response(turn.campaign)
    if stored is None and turn.draft is None:
        turn.screen = around_walk.nothing_to_delete(turn.tr)
        return
    turn.screen = around_walk.confirm_delete(turn.campaign, stored is not None, turn.draft, turn.tr)


async def delete(turn: Turn, action: Action) -> None:
    """Delete the resident's answer and draft in this campaign, and say which went."""
    had_draft = turn.draft is not None
    turn.changes = Changes(delete_everything=turn.campaign.id)
    removed = bool(await turn.commit())
    turn.draft = None
    turn.screen = around_walk.deleted(removed, had_draft, turn.tr)
    if removed or had_draft:
        turn.alert = turn.tr._("Raderat.")


async def keep(turn: Turn, action: Action) -> None:
    """Do not delete after all."""
    turn.screen = around_walk.kept(turn.tr)


Op = Callable[[Turn, Action], Awaitable[None]]
GLOBAL: dict[str, Op] = {"L": choose_language, "O": show_open_campaigns}
# op -> (what it does, the step it belongs to: None anywhere in the campaign, "*" any step)
IN_CAMPAIGN: dict[str, tuple[Op, str | None]] = {
    "G": (show_languages, "*"),
    "A": (tick_area, AreasStep.id),
    "N": (next_step, AreasStep.id),
    "H": (back_to_areas, "*"),  # the walk says where (`Draft.back_to_areas`)
    "S": (skip_comment, CommentStep.id),
    "K": (keep_comment, CommentStep.id),
    "W": (send_comment_anyway, CommentStep.id),
    "V": (change_comment, CommentStep.id),
    "Q": (answer_question, "question:"),
    "T": (tick_option, "question:"),
    "Y": (skip_question, "question:"),
    "M": (next_step, "question:"),
    "Z": (tick_zone, "question:"),
    "U": (place_reason, "question:"),
    "J": (no_reason, "question:"),
    "I": (clear_places, "question:"),
    "E": (change, ConfirmStep.id),
    "C": (send, ConfirmStep.id),
    "F": (consent, None),
    "R": (change_stored, None),
    "X": (ask_delete, None),
    "D": (delete, None),
    "B": (keep, None),
}
