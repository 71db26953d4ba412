"""A location sent in the chat: a point for the place question the resident is at.

Telegram sends a location (or a venue, with its location) when the resident presses "📍
Skicka plats" on the reply keyboard. The point is kept only on the campaign map's grid
(`AreaMap.rounded`), never as sent, and the place kind decides whether it is taken: off the
map, or one place too many, is refused in the resident's language.
"""

from __future__ import annotations

from bot import around_walk
from bot.actions import add_place
from bot.turn import Turn
from survey.walk import ChoiceStep, step_by_id


async def located(turn: Turn, lat: float, lon: float) -> None:
    """Add the point to the place question the resident is at; otherwise point the way."""
    campaign, draft, tr = turn.campaign, turn.draft, turn.tr
    if draft is None or campaign is None:
        turn.screen = around_walk.hint_start(tr)
        return
    if not turn.is_open(campaign):
        turn.changes.drop_draft = campaign.id
        turn.draft = None
        turn.screen = around_walk.not_open(campaign, turn.status(campaign), tr)
        return
    step = step_by_id(campaign, draft.step)
    if not isinstance(step, ChoiceStep) or step.question.kind != "place":
        turn.retire = "delete"  # the prompt is repeated below the message: one is enough
        turn.screen = turn.step_screen().with_note(tr._("Jag frågar inte efter en plats just nu."))
        return
    question = step.question
    place = {"lat": lat, "lon": lon}
    area_map = campaign.map
    if area_map is not None and area_map.contains(lat, lon):
        rounded = area_map.rounded(lat, lon)
        # Rounding never takes a point over the map's edge.
        if area_map.contains(*rounded):
            place = {"lat": rounded[0], "lon": rounded[1]}
    turn.retire = "delete"
    add_place(turn, question, place)
    if turn.screen is None:  # refused: the refusal above the question, as a message
        refusal, turn.alert, turn.popup = turn.alert, None, False
        turn.screen = turn.step_screen().with_note(refusal)
