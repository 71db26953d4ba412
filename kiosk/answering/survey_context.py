"""What the web survey's templates are given: the campaign's texts in one language."""

from __future__ import annotations

from typing import Any

from kiosk.answering.answer_request import Submission
from kiosk.campaign_header import header_context
from kiosk.i18n import gettext as _
from kiosk.speech_audio import SPEECH_LANGS
from locales.problems import problem_message
from locales.shared_texts import police_notice
from survey import Campaign, ChoiceStep, Problem, steps
from survey.campaign import Question
from survey.kinds import kind_of
from survey.kinds.place import zones_marked
from survey.serialize import map_as_dict
from survey.speech import easy_reader, walk_speech
from survey.validation import check_areas
from survey.walk import step_as_dict


def api_url(campaign: Campaign) -> str:
    return f"/api/v1/campaigns/{campaign.id}/responses"


def chosen_counts(pick: int, translations) -> list[str]:
    """ "2 av 3 valda" for every count from none to all, for scripts to show."""
    ngettext = translations.ngettext
    return [
        ngettext("%(n)d av %(pick)d vald", "%(n)d av %(pick)d valda", n) % {"n": n, "pick": pick}
        for n in range(pick + 1)
    ]


def area_messages(campaign: Campaign, translations) -> dict[str, str]:
    """The two things a script says about areas: choose exactly `pick`, not one more."""
    count = check_areas(campaign, ())[-1]
    too_many = Problem("areas.too_many", "areas", {"expected": campaign.pick})
    return {
        "areas_count": problem_message(count, translations),
        "too_many": problem_message(too_many, translations),
    }


# The kinds a list answers with several ticks: a multi's options, a place question's zones.
SEVERAL = ("multi", "place")


def asks_where(campaign: Campaign) -> bool:
    """Whether a page of the campaign draws its map: only a place question does (the map is
    also the safety walks', which these pages do not show)."""
    return campaign.map is not None and any(q.kind == "place" for q in campaign.questions)


def picked(value) -> tuple[str, ...]:
    """The ids an answer (one id, a list of them, a list of places, or none) picks."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        return ()
    return tuple(
        v if isinstance(v, str) else v.get("zone") for v in value if isinstance(v, str | dict)
    )


def map_texts(translations) -> dict[str, str]:
    """What a script says about the map of a place question (the zones' list stays its text
    alternative): its name, how to mark a place, and a marked place."""
    _ = translations.gettext
    return {
        "map_label": _("Karta för att markera platser"),
        "map_help": _(
            "Tryck på kartan för att sätta en nål där du menar. Tryck på en nål för att ta bort "
            "den. Du kan också välja områden i listan."
        ),
        "map_point": _("Punkt på kartan"),
        "map_point_in": _("Punkt på kartan i %(zone)s"),
        "map_marked": _("Markerade platser"),
        "map_remove": _("Ta bort"),
        "map_zoom_in": _("Zooma in"),
        "map_zoom_out": _("Zooma ut"),
        "map_keys": _(
            "Med tangentbordet: flytta kartan med piltangenterna och tryck Enter för att sätta "
            "en nål vid korset mitt på kartan."
        ),
        "map_mark_here": _("Markera här"),
    }


def question_texts(question: Question, translations) -> dict[str, str]:
    """What a channel says about a question's rules, in words: required or optional, how
    many to pick (a multi), and the problems a script finds before the server would."""
    _ = translations.gettext

    def problem(code: str) -> str:
        params = {"question": question.id, "min": question.min, "max": question.max}
        return problem_message(Problem(code, f"answers.{question.id}", params), translations)

    texts = {
        "hint": _("Obligatorisk fråga") if question.required else _("Frivillig fråga"),
        "required": problem("question.required"),
    }
    if question.kind in SEVERAL:
        texts["pick"] = _("Välj %(min)d–%(max)d.") % {"min": question.min, "max": question.max}
        texts["too_few"] = problem("multi.too_few")
        texts["too_many"] = problem(f"{question.kind}.too_many")
    return texts


def survey_context(
    campaign: Campaign,
    lang: str,
    translations,
    *,
    answer_id: str,
    source: str | None,
    submission: Submission | None = None,
    errors: dict[str, str] | None = None,
    step: str | None = None,
    comment_warning: str | None = None,
    comment_ok: bool = False,
    speech_audio: str | None = None,
    easy: bool = False,
) -> dict[str, Any]:
    """The form: every step, what was already filled in, and the errors beside their fields.

    `step` is where survey.js resumes its walk after a language button; `comment_warning`
    says the comment seems to hold personal data (the resident may change it or send it);
    `speech_audio` is where the server's recording of a step is (the step's id at its end),
    None when it records none. `easy`: the campaign's texts in Lättläst, the easy-to-read
    versions.
    """
    errors = errors or {}
    chosen = set(submission.areas) if submission else set()
    given = dict(submission.answers) if submission else {}
    areas = [
        {"id": a.id, "label": campaign.text(a.label, lang, easy), "checked": a.id in chosen}
        for a in campaign.areas
    ]
    questions = {
        q.id: {
            "id": q.id,
            "text": campaign.text(q.text, lang, easy),
            "error": errors.get(f"answers.{q.id}"),
            **question_texts(q, translations),
            "options": [
                {
                    "id": choice,
                    "label": campaign.text(label, lang, easy),
                    "checked": choice in picked(given.get(q.id)),
                    "unscored": choice in unscored,
                }
                for choice, label in kind_of(q).choices(campaign, q)
            ],
        }
        for q in campaign.questions
        for unscored in [{o.id for o in q.options if not o.scored}]
    }
    # The walk as data, as the API serves it; the language step is the header's switch.
    walk = []
    for each in steps(campaign):
        data = step_as_dict(each)
        if isinstance(each, ChoiceStep):
            data["question"] = questions[each.question.id]
        if data["type"] != "language":
            walk.append(data)
    # The summary links to the first control of each field in error, in page order.
    anchors = {"areas": f"area-{campaign.areas[0].id}", "comment": "comment"}
    for q in campaign.questions:
        first = questions[q.id]["options"][:1]
        anchors[f"answers.{q.id}"] = f"q-{q.id}-{first[0]['id']}" if first else f"q-{q.id}"
    summary = [(anchors.get(field, "survey"), message) for field, message in errors.items()]
    # As survey.js shows the walk, so that nothing moves when it starts: at the step it
    # resumes at (else the first), with its navigation. A form with errors stays whole.
    ids = [each["id"] for each in walk]
    current = ids.index(step) if step in ids else 0
    for position, each in enumerate(walk):
        each |= {"position": position, "last": position == len(walk) - 1}
        each["current"] = position == current
    script_data = {
        "api": api_url(campaign),
        "comment_check": f"/api/v1/campaigns/{campaign.id}/comment-check",
        "lang": lang,
        "easy": easy,
        "source": source,
        "steps": [step_as_dict(each) for each in steps(campaign)],
        "resume": step,
        "questions": {q.id: question_texts(q, translations) for q in campaign.questions},
        # "Lyssna": each step's text, the language a voice is asked for, the recordings.
        "speech": walk_speech(campaign, lang, translations, read=easy_reader(campaign, lang, easy)),
        "speech_lang": SPEECH_LANGS.get(lang, lang),
        "speech_audio": speech_audio,
        "text": {
            "listen": _("Lyssna"),
            "next": _("Nästa"),
            "back": _("Tillbaka"),
            "skip": _("Hoppa över"),
            "change": _("Ändra"),
            "send_anyway": _("Skicka ändå"),
            "step": _("Steg %(n)d av %(total)d"),
            "chosen": chosen_counts(campaign.pick, translations),
            "sending": _("Skickar …"),
            "network": _("Svaret kunde inte skickas. Kontrollera anslutningen och försök igen."),
            "no_comment": _("Ingen synpunkt"),
            "no_answer": _("Inget svar"),
            "comment_required": problem_message(
                Problem("comment.required", "comment"), translations
            ),
            **area_messages(campaign, translations),
            **map_texts(translations),
        },
        "map": map_as_dict(campaign.map) if asks_where(campaign) else None,
    }
    return {
        **header_context(campaign, lang, easy),
        "intro": campaign.text(campaign.intro, lang, easy),
        "next_steps": campaign.text(campaign.next_steps, lang, easy),
        "action": f"/c/{campaign.id}/?lang={lang}" + ("&easy=1" if easy else ""),
        "language_form": "survey",
        "answer_id": answer_id,
        "source": source,
        "areas": areas,
        "comment": (submission.comment if submission else None) or "",
        "comment_warning": comment_warning,
        "comment_ok": comment_ok,
        "police_notice": police_notice(translations.gettext, lang),
        "walk": walk,
        "questions": list(questions.values()),
        "errors": errors,
        "summary": summary,
        "script_data": script_data,
        "stepwise": not summary,
        "progress": _("Steg %(n)d av %(total)d") % {"n": current + 1, "total": len(walk)},
    }


def thanks_context(
    campaign: Campaign, lang: str, submission: Submission, easy: bool = False
) -> dict[str, Any]:
    """The thank-you page: what was stored, and what happens next."""
    answers = []
    for q in campaign.questions:
        options = [q.option(o) for o in picked(submission.answers.get(q.id))]
        labels = [campaign.text(o.label, lang, easy) for o in options if o is not None]
        if labels:
            answers.append((campaign.text(q.text, lang, easy), ", ".join(labels)))
    return {
        **header_context(campaign, lang, easy),
        "next_steps": campaign.text(campaign.next_steps, lang, easy),
        "areas": [campaign.text(campaign.area(a).label, lang, easy) for a in submission.areas],
        "area_ids": list(submission.areas),
        # Where the resident marked places: a subscription made here hears of those zones too.
        "zone_ids": list(zones_marked(campaign, submission.answers)),
        "comment": submission.comment,
        "answers": answers,
    }


def closed_context(campaign: Campaign, lang: str, translations, now) -> dict[str, Any]:
    """A campaign that is not open: when it runs, and that it takes no answers now."""
    status = Problem("campaign.not_open", "campaign", {"status": campaign.status(now)})
    return {**header_context(campaign, lang), "message": problem_message(status, translations)}
