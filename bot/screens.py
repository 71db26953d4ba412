"""One renderer per step type of the walk: a step and the draft in, a message out.

Renderers are pure: they build the text and the buttons (label, callback data) and nothing
else. A step type of `survey.walk.STEP_TYPES` without a renderer here is a failing test.
Messages are plain text (no parse mode), so campaign texts and comments need no escaping.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot import callback_data as cd
from bot.i18n import Tr
from locales.shared_texts import POLICE_NOTICE
from survey import (
    AreasStep,
    Campaign,
    ChoiceStep,
    CommentStep,
    ConfirmStep,
    Draft,
    IntroStep,
    LanguageStep,
    Step,
)
from survey.campaign import BACKGROUND
from survey.walk import leads_back_to_areas

Button = tuple[str, str]  # label, callback data


class Link(tuple):
    """A button that opens a URL instead of sending callback data: (label, url)."""

    def __new__(cls, label: str, url: str) -> Link:
        return super().__new__(cls, (label, url))


SUMMARY_COMMENT_CHARS = 1500


@dataclass(frozen=True)
class Screen:
    """What one bot message shows: its text and its rows of buttons."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()

    def with_note(self, note: str | None) -> Screen:
        return self if not note else Screen(f"{note}\n\n{self.text}", self.buttons)


@dataclass(frozen=True)
class View:
    """Everything a renderer may look at."""

    campaign: Campaign
    draft: Draft
    tr: Tr
    prompts: Mapping[str, str] | None = None  # "choose a language" in each language
    collecting: bool = False  # typed messages are being collected into the comment
    review: bool = False  # a step opened from the summary: leaving it returns there

    @property
    def token(self) -> str:
        return cd.campaign_token(self.campaign.id)

    def data(self, op: str, arg: str | int = "") -> str:
        return cd.encode(self.token, op, arg)

    def text(self, text) -> str:
        return self.campaign.text(text, self.tr.lang, self.tr.easy)


def rows(*buttons: Button) -> tuple[tuple[Button, ...], ...]:
    """One button a row: long labels stay readable on a phone."""
    return tuple((button,) for button in buttons)


def crime_warning(tr: Tr) -> str:
    return tr._(POLICE_NOTICE)


def render_language(step: LanguageStep, view: View) -> Screen:
    """The language choice; the prompt in every offered language, each name in itself, and
    Lättläst beside each language the campaign has easy texts in."""
    return language_screen(
        view.campaign.languages, view.draft.locale, view.tr, view.prompts, view.campaign
    )


def language_screen(
    languages: tuple[str, ...],
    current: str,
    tr: Tr,
    prompts: Mapping[str, str] | None = None,
    campaign: Campaign | None = None,
) -> Screen:
    prompts = prompts or {current: tr._("Välj språk")}
    text = "\n".join(f"🌐 {prompts[lang]}" for lang in languages if lang in prompts)
    buttons = []
    for lang in languages:
        chosen = lang == current and not tr.easy
        name = f"{'✅ ' if chosen else ''}{tr.language_name(lang)}"
        buttons.append((name, cd.encode(None, "L", lang)))
        if campaign is not None and campaign.offers_easy(lang):
            easy = tr._("%(language)s – lättläst") % {"language": tr.language_name(lang)}
            chosen = lang == current and tr.easy
            buttons.append((f"{'✅ ' if chosen else ''}{easy}", cd.encode(None, "L", f"{lang}-e")))
    return Screen(text, rows(*buttons))


def render_intro(step: IntroStep, view: View) -> Screen:
    """Who asks and why, the dates, and a short privacy notice.

    It is the head of the first question's message (the areas), not a message of its own:
    the walk begins with the question, so there is nothing to press to begin.
    """
    tr, campaign = view.tr, view.campaign
    period = (
        tr._("Enkäten är öppen %(period)s.")
        % {"period": tr.period(campaign.opens, campaign.closes)}
        if campaign.closes
        else tr._("Enkäten är öppen från %(date)s.") % {"date": tr.date(campaign.opens)}
    )
    text = "\n\n".join(
        [
            view.text(campaign.title),
            view.text(campaign.intro),
            tr._("Frågorna ställs av: %(organisers)s.")
            % {"organisers": tr.names(campaign.organisers_in(tr.lang))},
            period,
            tr._(
                "🔒 Vi sparar ditt svar utan ditt namn, användarnamn eller Telegram-id. "
                "Mer om hur vi hanterar dina uppgifter: /privacy"
            ),
        ]
    )
    buttons = [(tr._("🌐 Språk"), view.data("G"))] if len(campaign.languages) > 1 else []
    return Screen(text, rows(*buttons))


def render_areas(step: AreasStep, view: View) -> Screen:
    """The areas as a multi-select keyboard, with how many are chosen, under the intro.

    Ticking the last area that is needed goes on by itself; "Klar" is there only when
    enough were chosen before (coming back to the areas).
    """
    tr, chosen = view.tr, view.draft.areas
    n = step.pick
    instruction = (
        tr.pgettext(
            "lättläst",
            "Vilka problem ska polisen och kommunen arbeta mest med? "
            "Välj dem som är viktigast för dig.",
        )
        if tr.easy
        else tr.ngettext(
            "Välj det område som du tycker att polisen och kommunen ska prioritera.",
            "Välj de %(n)d områden som du tycker att polisen och kommunen ska prioritera.",
            n,
        )
        % {"n": n}
    )
    text = "\n\n".join(
        [
            instruction,
            tr.ngettext("%(chosen)d av %(n)d vald", "%(chosen)d av %(n)d valda", n)
            % {"chosen": len(chosen), "n": n},
        ]
    )
    buttons = [
        (f"✅ {view.text(area.label)}", view.data("A", f"{index}-"))
        if area.id in chosen
        else (f"⬜ {view.text(area.label)}", view.data("A", f"{index}+"))
        for index, area in enumerate(view.campaign.areas)
    ]
    if len(chosen) == n:
        buttons.append((tr._("Klar ▶"), view.data("N")))
    screen = Screen(text, rows(*buttons))
    if view.review:
        return screen
    intro = render_intro(IntroStep(), view)
    return Screen(f"{intro.text}\n\n{screen.text}", screen.buttons + intro.buttons)


def render_comment(step: CommentStep, view: View) -> Screen:
    """Ask for a comment typed in the chat; once messages come, say how much was received."""
    tr, comment = view.tr, view.draft.comment
    if view.collecting and comment is not None:
        return comment_received(step, view)
    ask = (
        tr._("Skriv din synpunkt eller ditt förslag här i chatten (högst %(max)d tecken).")
        if step.required
        else tr._(
            "Vill du lämna en synpunkt eller ett förslag? Skriv det här i chatten "
            "(högst %(max)d tecken), eller hoppa över."
        )
    ) % {"max": step.max_length}
    parts = [ask, tr._("Skriv inga namn eller andra personuppgifter."), crime_warning(tr)]
    if not view.review:
        parts.insert(0, chosen_list(view.campaign, view.draft, tr))  # what the areas showed
    buttons: list[Button] = []
    if comment is not None:
        parts.append(tr._("Din synpunkt nu: %(comment)s") % {"comment": _short(comment)})
        parts.append(tr._("Skriv en ny synpunkt för att ersätta den, eller behåll den."))
        buttons.append((tr._("Behåll synpunkten ▶"), view.data("K")))
        if not step.required:
            buttons.append((tr._("Ta bort synpunkten"), view.data("S")))
    elif not step.required:
        buttons.append((tr._("Hoppa över ▶"), view.data("S")))
    if not view.review:
        buttons.append((tr._("Ändra områden"), view.data("H")))
    return Screen("\n\n".join(parts), rows(*buttons))


def chosen_list(campaign: Campaign, draft, tr: Tr) -> str:
    """ "Dina områden:" and the areas of a draft or a stored answer, numbered."""
    areas = "\n".join(
        f"{number}. {campaign.text(campaign.area(a).label, tr.lang, tr.easy)}"
        for number, a in enumerate(draft.areas, 1)
        if campaign.area(a) is not None
    )
    return tr._("Dina områden:") + "\n" + areas


def comment_received(step: CommentStep, view: View) -> Screen:
    """How much of the comment has come, and the way on ("Klar")."""
    tr, comment = view.tr, view.draft.comment or ""
    text = tr.ngettext(
        "Synpunkten är mottagen, %(n)d tecken. Skriv mer, eller tryck Klar.",
        "Synpunkten är mottagen, %(n)d tecken. Skriv mer, eller tryck Klar.",
        len(comment),
    ) % {"n": len(comment)}
    buttons = [(tr._("Klar ▶"), view.data("K"))]
    if not step.required:
        buttons.append((tr._("Ta bort synpunkten"), view.data("S")))
    return Screen(text, rows(*buttons))


def comment_warning(view: View, kinds: tuple[str, ...]) -> Screen:
    """Personal data seems to be in the comment: say what, and offer to change or send it."""
    tr = view.tr
    names = {
        "name": tr._("ett namn"),
        "personnummer": tr._("ett personnummer"),
        "phone": tr._("ett telefonnummer"),
        "email": tr._("en e-postadress"),
    }
    found = [names[kind] for kind in kinds if kind in names]
    what = found[0]
    if len(found) > 1:
        what = tr._("%(first)s och %(last)s") % {
            "first": ", ".join(found[:-1]),
            "last": found[-1],
        }
    text = "\n\n".join(
        [
            tr._("Din synpunkt verkar innehålla %(what)s.") % {"what": what},
            tr._(
                "Skriv inga personuppgifter om dig själv eller andra. Du kan ändra texten, "
                "eller skicka den som den är."
            ),
        ]
    )
    buttons = ((tr._("✏️ Ändra"), view.data("V")), (tr._("Skicka ändå ▶"), view.data("W")))
    return Screen(text, rows(*buttons))


def render_choice(step: ChoiceStep, view: View) -> Screen:
    """A question: one button per option ("prefer not to say" last). Several picks (`multi`)
    are ticked and unticked, then "Klar"; one pick goes on at once. A place question has its
    own screen (`render_place`)."""
    tr, question = view.tr, step.question
    if question.kind == "place":
        return render_place(step, view)
    number = view.campaign.questions.index(question)
    current = view.draft.answers.get(question.id)
    if question.kind == "multi":
        picked = set(current or ())
        buttons = [
            (f"{'✅' if option.id in picked else '⬜'} {view.text(option.label)}",
             view.data("T", f"{number}-{index}{'-' if option.id in picked else '+'}"))
            for index, option in enumerate(question.options)
        ]  # fmt: skip
        if len(picked) >= question.min:
            buttons.append((tr._("Klar ▶"), view.data("M")))
        hint = tr._("Välj %(min)d till %(max)d.") % {"min": question.min, "max": question.max}
    else:
        buttons = [
            (f"{'✅ ' if option.id == current else ''}{view.text(option.label)}",
             view.data("Q", f"{number}-{index}"))
            for index, option in enumerate(question.options)
        ]  # fmt: skip
        hint = ""
    if not step.required:
        buttons.append((tr._("Hoppa över ▶"), view.data("Y", number)))
    parts = [question_head(step, view), view.text(question.text), hint]
    return with_areas(step, view, parts, buttons)


def with_areas(step: ChoiceStep, view: View, parts: list[str], buttons: list[Button]) -> Screen:
    """A question's screen; on a topic question, with the chosen areas above and the way back
    to them below, as the comment shows them (`survey.walk.leads_back_to_areas`)."""
    if not view.review and leads_back_to_areas(view.campaign, step.id):
        parts.insert(0, chosen_list(view.campaign, view.draft, view.tr))
        buttons.append((view.tr._("Ändra områden"), view.data("H")))
    return Screen("\n\n".join(part for part in parts if part), rows(*buttons))


def N_(message: str) -> str:
    """A message id marked for translation where it is defined, translated where it is used."""
    return message


LOCATION_BUTTON = N_("📍 Skicka plats")


def render_place(step: ChoiceStep, view: View) -> Screen:
    """A place question: the map's zones as buttons, ticked and unticked up to the question's
    max, and the places given so far; a point comes as a location, through the reply
    keyboard's "📍 Skicka plats" (`location_keyboard`), which a message cannot carry along
    with these buttons."""
    tr, question, campaign = view.tr, step.question, view.campaign
    number = campaign.questions.index(question)
    places = list(view.draft.answers.get(question.id) or ())
    zones = {place.get("zone") for place in places if "lat" not in place}
    area_map = campaign.map
    buttons: list[Button] = [
        (f"{'✅' if zone.id in zones else '⬜'} {view.text(zone.name)}",
         view.data("Z", f"{number}-{index}{'-' if zone.id in zones else '+'}"))
        for index, zone in enumerate(area_map.zones if area_map else ())
    ]  # fmt: skip
    if places:
        buttons.append((tr._("Klar ▶"), view.data("M")))
        buttons.append((tr._("🗑 Ta bort platserna"), view.data("I", number)))
    if not step.required:
        buttons.append((tr._("Hoppa över ▶"), view.data("Y", number)))
    hint = tr.ngettext(
        "Tryck på en zon, eller skicka en plats med knappen %(button)s under skrivfältet. "
        "Du kan ange en plats.",
        "Tryck på zoner, eller skicka platser med knappen %(button)s under skrivfältet. "
        "Du kan ange högst %(n)d platser.",
        question.max,
    ) % {"button": tr._(LOCATION_BUTTON), "n": question.max}
    parts = [question_head(step, view), view.text(question.text), hint]
    if places:
        listed = "\n".join(
            f"{n}. {place_label(campaign, question, place, tr)}"
            for n, place in enumerate(places, 1)
        )
        parts.append(tr._("Dina platser:") + "\n" + listed)
    return with_areas(step, view, parts, buttons)


def place_label(campaign: Campaign, question, place: Mapping, tr: Tr) -> str:
    """A place as the resident reads it: "Centrum, dålig belysning"."""
    area_map = campaign.map
    zone_id = place.get("zone")
    if "lat" in place and area_map is not None:
        zone_id = area_map.zone_at(place["lat"], place["lon"])
    zone = area_map.zone(zone_id) if area_map is not None and zone_id else None
    where = campaign.text(zone.name, tr.lang, tr.easy) if zone else tr._("En plats utanför zonerna")
    option = question.option(place["option"]) if place.get("option") else None
    if option is None:
        return where
    why = campaign.text(option.label, tr.lang, tr.easy)
    return f"{where}, {why[:1].lower()}{why[1:]}"


def place_why(view: View, question, stored: str) -> Screen:
    """What was stored, and why there (the question's options), which may be skipped."""
    tr = view.tr
    number = view.campaign.questions.index(question)
    buttons = [
        (view.text(option.label), view.data("U", f"{number}-{index}"))
        for index, option in enumerate(question.options)
    ]
    buttons.append((tr._("Hoppa över ▶"), view.data("J", number)))
    text = "\n\n".join([stored, tr._("Varför just där? (frivilligt)")])
    return Screen(text, rows(*buttons))


def location_keyboard(tr: Tr, shown: bool) -> tuple[str, dict]:
    """The message that brings the reply keyboard with "📍 Skicka plats" (a location can be
    asked for only so, in a private chat), or that takes it away again."""
    if shown:
        markup = {
            "keyboard": [[{"text": tr._(LOCATION_BUTTON), "request_location": True}]],
            "resize_keyboard": True,
            "is_persistent": True,
        }
        text = tr._("📍 Står du på platsen? Tryck på %(button)s nedanför skrivfältet.") % {
            "button": tr._(LOCATION_BUTTON)
        }
        return text, markup
    return tr._("📍 Klart med platserna."), {"remove_keyboard": True}


def question_head(step: ChoiceStep, view: View) -> str:
    """ "Fråga 1 av 2 om dig (frivilligt)" over a background question; over a topic question,
    only whether it may be skipped."""
    tr, question = view.tr, step.question
    if question.section != BACKGROUND:
        return "" if step.required else tr._("(frivilligt)")
    background = [q for q in view.campaign.questions if q.section == BACKGROUND]
    place = {"i": background.index(question) + 1, "n": len(background)}
    if step.required:
        return tr._("Fråga %(i)d av %(n)d om dig") % place
    return tr._("Fråga %(i)d av %(n)d om dig (frivilligt)") % place


def render_confirm(step: ConfirmStep, view: View) -> Screen:
    """The summary, with a button to send and buttons to change areas, comment or answers."""
    tr = view.tr
    text = "\n\n".join([tr._("Stämmer det här?"), summary(view.campaign, view.draft, tr)])
    buttons = [
        (tr._("✅ Skicka"), view.data("C")),
        (tr._("Ändra områden"), view.data("E", "a")),
        (tr._("Ändra synpunkt"), view.data("E", "c")),
    ]
    if view.campaign.questions:
        buttons.append((tr._("Ändra svaren om dig"), view.data("E", "q")))
    return Screen(text, rows(*buttons))


def summary(campaign: Campaign, draft, tr: Tr) -> str:
    """Areas, comment and background answers of a draft or a stored response."""
    lang = tr.lang
    comment = _short(draft.comment) if draft.comment else tr._("(ingen)")
    parts = [
        chosen_list(campaign, draft, tr),
        tr._("Din synpunkt: %(comment)s") % {"comment": comment},
    ]
    for question in campaign.questions:
        value = draft.answers.get(question.id, ())
        if question.kind == "place":
            places = "; ".join(place_label(campaign, question, p, tr) for p in value) or "–"
            parts.append(f"{campaign.text(question.text, lang, tr.easy)} {places}")
            continue
        picked = [question.option(o) for o in ((value,) if isinstance(value, str) else value)]
        labels = ", ".join(campaign.text(o.label, lang, tr.easy) for o in picked if o) or "–"
        parts.append(f"{campaign.text(question.text, lang, tr.easy)} {labels}")
    return "\n\n".join(parts)


def _short(comment: str) -> str:
    if len(comment) <= SUMMARY_COMMENT_CHARS:
        return f"«{comment}»"
    return f"«{comment[:SUMMARY_COMMENT_CHARS]}…»"


Renderer = Callable[[Step, View], Screen]
RENDERERS: dict[type, Renderer] = {
    LanguageStep: render_language,
    IntroStep: render_intro,
    AreasStep: render_areas,
    CommentStep: render_comment,
    ChoiceStep: render_choice,
    ConfirmStep: render_confirm,
}


def render(step: Step, view: View) -> Screen:
    """The screen for `step`; a step type without a renderer is a programming error."""
    return RENDERERS[type(step)](step, view)
