"""The bot's messages for a campaign that is not open yet, as staff preview it: each step of
the walk rendered by the bot's own renderers, with the labels of its buttons."""

from __future__ import annotations

from bot.i18n import tr_for
from bot.screens import View, render
from locales import Catalogs
from survey import Campaign, Draft, steps


def preview_messages(
    catalogs: Catalogs, campaign: Campaign, lang: str
) -> list[tuple[str, list[list[str]]]]:
    """Each step's message in `lang`: its text and its rows of button labels."""
    tr = tr_for(catalogs, lang)
    prompts = {code: catalogs.get(code).gettext("Välj språk") for code in campaign.languages}
    messages = []
    for step in steps(campaign):
        draft = Draft(campaign=campaign.id, response_id="preview", locale=lang, step=step.id)
        screen = render(step, View(campaign, draft, tr, prompts))
        buttons = [[label for label, _ in row] for row in screen.buttons]
        messages.append((screen.text, buttons))
    return messages
