"""What "Lyssna" reads aloud: the spoken text of a step of the walk, of a section of a promise
and of the published ranking, in one language.

Every text is built here from the campaign's or promise's own data and the UI's words, so
the browser's speech synthesis and the server's recorded audio say the same thing, and no
text a visitor sends is ever spoken by the server. Pure: the translations come in
(`gettext`/`ngettext`), text goes out.

`read` is how a campaign or promise text is read in the language: by default the text
itself (`Campaign.text`); an easy-to-read (Lättläst) variant passes a reader that picks its
easy version, and everything else stays as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from survey.campaign import Campaign, Text
from survey.kinds import kind_of
from survey.promises.notice_text import status_label
from survey.promises.promise import Promise
from survey.tally import Tally
from survey.walk import (
    AreasStep,
    ChoiceStep,
    CommentStep,
    ConfirmStep,
    IntroStep,
    LanguageStep,
    Step,
    steps,
)

Reader = Callable[[Text], str]
# The sections of a promise's page, each read on its own.
PROMISE_SECTIONS = ("said", "promised", "progress")
# What ends a sentence, in the shipped languages (Arabic has its own question mark).
_ENDS = (".", "!", "?", "…", ":", "؟", "。")


def spoken(parts: Iterable[str | None]) -> str:
    """Parts as one text, each a sentence of its own, so that a voice pauses between them."""
    sentences = []
    for part in parts:
        text = " ".join((part or "").split())
        if text:
            sentences.append(text if text.endswith(_ENDS) else f"{text}.")
    return " ".join(sentences)


def easy_reader(source: Campaign | Promise, lang: str, easy: bool) -> Reader | None:
    """How `source`'s texts are read in Lättläst: their easy-to-read versions where they have
    one (None, the plain texts, when not `easy`)."""
    return (lambda text: source.text(text, lang, True)) if easy else None


def _reader(campaign: Campaign | Promise, lang: str, read: Reader | None) -> Reader:
    return read or (lambda text: campaign.text(text, lang))


def step_speech(
    campaign: Campaign, step: Step, lang: str, translations: Any, *, read: Reader | None = None
) -> str:
    """The heading, the text and the choices of one step, as spoken in `lang`.

    The kiosk and the web survey word some headings differently; both are read, so that
    whichever is on screen is heard.
    """
    _ = translations.gettext
    ngettext = translations.ngettext
    said = _reader(campaign, lang, read)
    if isinstance(step, LanguageStep):
        return spoken([_("Välj språk")])
    if isinstance(step, IntroStep):
        return spoken(
            [
                said(campaign.title),
                _("Om enkäten"),
                said(campaign.intro),
                _("Ditt svar är anonymt. Vi sparar inte vem du är."),
            ]
        )
    if isinstance(step, AreasStep):
        pick = ngettext("Välj %(n)d område", "Välj %(n)d områden", step.pick) % {"n": step.pick}
        labels = [said(area.label) for area in campaign.areas]
        return spoken([_("Vad ska polisen och kommunen prioritera?"), pick, *labels])
    if isinstance(step, CommentStep):
        rule = (
            _("Skriv en synpunkt. Högst %(max)d tecken.")
            if step.required
            else _("Frivilligt. Högst %(max)d tecken.")
        )
        heading = _("Vill du lämna en synpunkt eller ett förslag?")
        return spoken([heading, rule % {"max": step.max_length}])
    if isinstance(step, ChoiceStep):
        question = step.question
        parts = [said(question.text), _("Obligatorisk fråga") if step.required else None]
        if question.kind in ("multi", "place"):
            parts.append(_("Välj %(min)d–%(max)d.") % {"min": question.min, "max": question.max})
        choices = kind_of(question).choices(campaign, question)
        return spoken([*parts, *(said(label) for _id, label in choices)])
    if isinstance(step, ConfirmStep):
        return spoken([_("Skicka ditt svar"), _("Stämmer det här?")])
    raise TypeError(f"no speech for {step!r}")


def walk_speech(
    campaign: Campaign, lang: str, translations: Any, *, read: Reader | None = None
) -> dict[str, str]:
    """Every step's spoken text, by step id: what the pages hand their script."""
    return {
        step.id: step_speech(campaign, step, lang, translations, read=read)
        for step in steps(campaign)
    }


def promise_speech(
    promise: Promise,
    section: str,
    lang: str,
    translations: Any,
    campaigns: Mapping[str, Campaign],
    *,
    read: Reader | None = None,
) -> str:
    """One section of a promise's page (`PROMISE_SECTIONS`), as spoken in `lang`."""
    _ = translations.gettext
    said = _reader(promise, lang, read)
    if section == "said":
        parts = [said(promise.title), _("Det här sa ni")]
        if promise.situation:
            parts.append(said(promise.situation))
        if promise.focus:
            parts.append(_("De områden som ni prioriterade i medborgardialogen:"))
        for focus in promise.focus:
            campaign = campaigns.get(focus.campaign)
            area = campaign.area(focus.area) if campaign else None
            label = campaign.text(area.label, lang) if campaign and area else focus.area
            parts.append(f"{_('Plats %(rank)s') % {'rank': focus.rank}}: {label}")
        return spoken(parts)
    if section == "promised":
        parts = [_("Det här lovar vi")]
        for number, activity in enumerate(promise.activities, start=1):
            parts.append(f"{_('Aktivitet %(n)s') % {'n': number}}: {said(activity.text)}")
        if promise.goals:
            parts.append(_("Det här ska vi åstadkomma tillsammans"))
            parts += [said(goal) for goal in promise.goals]
        return spoken(parts)
    if section == "progress":
        parts = [_("Så går det")]
        for number, activity in enumerate(promise.activities, start=1):
            status = status_label(activity.status, _)
            parts.append(f"{_('Aktivitet %(n)s') % {'n': number}}: {_('Status:')} {status}")
        followup = promise.followup
        if followup is not None and followup.published_at is not None and followup.text:
            parts += [_("Uppföljning"), said(followup.text)]
        return spoken(parts)
    raise ValueError(f"no section {section!r} in a promise")


def ranking_speech(
    campaign: Campaign, tally: Tally, lang: str, translations: Any, *, read: Reader | None = None
) -> str:
    """The published ranking, as spoken in `lang`: how many took part, then each area with
    its place and its votes."""
    _ = translations.gettext
    ngettext = translations.ngettext
    said = _reader(campaign, lang, read)
    n = tally.participants
    parts = [
        said(campaign.title),
        f"{n} " + ngettext("person var med och tyckte till", "personer var med och tyckte till", n),
        _("Det här tycker deltagarna är viktigast"),
    ]
    for count in tally.areas:
        area = campaign.area(count.area)
        label = said(area.label) if area else count.area
        votes = ngettext("%(n)s röst", "%(n)s röster", count.votes) % {"n": count.votes}
        parts.append(f"{_('Plats %(rank)s') % {'rank': count.rank}}: {label}, {votes}")
    return spoken(parts)
