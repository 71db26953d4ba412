"""What the commands and typed messages do, as functions of a turn."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot import around_walk
from bot.comment_input import add_message, edit_message
from bot.screens import Screen, language_screen
from bot.turn import Turn, Typed
from locales.problems import problem_message
from survey import CommentStep
from survey.start_links import parse_payload


async def start(turn: Turn, args: list[str]) -> None:
    """Begin or resume: the linked campaign, the current one, the only open one, or a choice."""
    deps = turn.deps
    if args:
        link = parse_payload(args[0])
        campaign = deps.campaigns.get(link.campaign) if link else None
        if campaign is None:
            turn.screen = around_walk.unknown_campaign(turn.tr)
        else:
            await turn.begin(campaign, link.source)
        return
    current = turn.campaign
    if current is not None and turn.is_open(current):
        await turn.begin(current)
        return
    open_campaigns = deps.open_campaigns()
    if not open_campaigns:
        turn.screen = around_walk.no_open_campaign(turn.tr)
    elif len(open_campaigns) == 1:
        await turn.begin(open_campaigns[0])
    else:
        turn.screen = around_walk.campaign_choice(open_campaigns, turn.tr)


async def language(turn: Turn, args: list[str]) -> None:
    """Offer the languages: the campaign's during a walk, every shipped one otherwise."""
    if turn.draft is not None and turn.campaign is not None:
        languages, current = turn.campaign.languages, turn.draft.locale
        campaign = turn.campaign
    else:
        languages, current, campaign = turn.deps.catalogs.languages, turn.tr.lang, None
    turn.screen = language_screen(languages, current, turn.tr, turn.deps.prompts, campaign)


async def privacy(turn: Turn, args: list[str]) -> None:
    """The full privacy notice, naming the current campaign's organisers."""
    turn.screen = around_walk.privacy_page(turn.campaign, turn.tr)


async def help_(turn: Turn, args: list[str]) -> None:
    """What the bot is for and its commands."""
    turn.screen = around_walk.help_page(turn.tr)


async def cancel(turn: Turn, args: list[str]) -> None:
    """Drop the half-finished walk; a stored answer stays."""
    campaign = turn.campaign
    if turn.draft is None or campaign is None:
        turn.screen = around_walk.nothing_to_cancel(turn.tr)
        return
    tr = turn.tr
    turn.changes.drop_draft = campaign.id
    turn.set_session(turn.session.done_with_comment())
    turn.draft = None
    turn.screen = around_walk.cancelled(await turn.stored_response(campaign) is not None, tr)


async def delete(turn: Turn, args: list[str]) -> None:
    """Ask to confirm deleting the answer (and draft) in the current campaign."""
    campaign = turn.campaign
    stored = await turn.stored_response(campaign) if campaign else None
    if campaign is None:
        for candidate in turn.deps.campaigns.values():
            stored = await turn.stored_response(candidate)
            if stored is not None:
                campaign = candidate
                await turn.switch_to(campaign)
                break
    if campaign is None or (stored is None and turn.draft is None):
        turn.screen = around_walk.nothing_to_delete(turn.tr)
    elif not turn.is_open(campaign):
        turn.screen = around_walk.closed_cannot_change(campaign, turn.tr)
    else:
        turn.screen = around_walk.confirm_delete(campaign, stored is not None, turn.draft, turn.tr)


async def unknown(turn: Turn, args: list[str]) -> None:
    """A command the bot does not have: the help."""
    turn.screen = around_walk.help_page(turn.tr).with_note(turn.tr._("Det kommandot finns inte."))


Body = Callable[[Turn, list[str]], Awaitable[None]]
COMMANDS: dict[str, Body] = {
    "start": start,
    "language": language,
    "privacy": privacy,
    "delete": delete,
    "cancel": cancel,
    "help": help_,
}


async def typed(turn: Turn, message: Typed) -> None:
    """A message typed in the chat: part of the comment at the comment step, else a pointer."""
    campaign, draft, tr = turn.campaign, turn.draft, turn.tr
    if draft is None or campaign is None:
        turn.screen = around_walk.hint_start(tr)
        return
    if not turn.is_open(campaign):
        turn.changes.drop_draft = campaign.id
        turn.draft = None
        turn.screen = around_walk.not_open(campaign, turn.status(campaign), tr)
        return
    if draft.step != CommentStep.id:
        turn.retire = "delete"  # the prompt is repeated below the message: one is enough
        turn.screen = turn.step_screen().with_note(tr._("Använd knapparna här nedanför, tack."))
        return
    if message.text is None:
        turn.reply = True
        turn.screen = Screen(
            tr._("Skriv din synpunkt som text, tack. Bilder och filer sparas inte.")
        )
        return
    added = add_message(
        campaign, draft, turn.session, message.message_id, message.text, message.date
    )
    turn.set_session(added.session)
    if added.problem is not None:
        turn.reply = True
        turn.screen = Screen(too_long(turn, added.problem, added.rest_of_refused))
        return
    turn.set_draft(added.draft)
    note = None
    if message.caption:
        note = tr._("Bilden sparas inte. Texten till bilden är mottagen som synpunkt.")
    turn.screen = turn.step_screen().with_note(note)


def too_long(turn: Turn, problem, rest: bool) -> str:
    """A message that would make the comment too long: nothing of it is kept."""
    tr = turn.tr
    if rest:
        return tr._("Resten av det långa meddelandet sparades inte heller.")
    kept = len(turn.draft.comment or "") if turn.session.collecting else 0
    lines = [problem_message(problem, tr.translations)]
    if kept:
        lines.append(
            tr._(
                "Det här meddelandet sparades inte. Synpunkten är som förut, %(n)d tecken: "
                "skriv en kortare fortsättning, eller tryck Klar."
            )
            % {"n": kept}
        )
    else:
        lines.append(tr._("Meddelandet sparades inte. Korta texten och skicka den igen."))
    return "\n\n".join(lines)


async def edited(turn: Turn, message: Typed) -> None:
    """An edited part of the comment replaces that part, until the answer is sent."""
    campaign, draft, tr = turn.campaign, turn.draft, turn.tr
    if draft is None or campaign is None or message.text is None or not turn.is_open(campaign):
        return
    changed = edit_message(campaign, draft, turn.session, message.message_id, message.text)
    if changed is None:
        return  # not a part of the comment: an edit changes nothing else
    if changed.problem is not None:
        turn.reply = True
        turn.screen = Screen(
            problem_message(changed.problem, tr.translations)
            + "\n\n"
            + tr._("Ändringen sparades inte; synpunkten är som förut.")
        )
        return
    turn.set_draft(changed.draft)
    turn.set_session(changed.session)
    turn.retire = "delete"
    turn.screen = turn.step_screen().with_note(tr._("Synpunkten är ändrad."))
