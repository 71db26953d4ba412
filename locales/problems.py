"""What each validation problem says to a resident, in their language."""

from __future__ import annotations

from babel.support import NullTranslations

from survey import Problem


def problem_message(problem: Problem, translations: NullTranslations) -> str:
    """A short sentence that tells the resident what to change."""
    _ = translations.gettext
    ngettext = translations.ngettext
    params = problem.params
    if problem.code == "areas.count":
        expected = params["expected"]
        return ngettext("Välj %(n)d område.", "Välj %(n)d områden.", expected) % {"n": expected}
    if problem.code == "areas.too_many":
        expected = params["expected"]
        return ngettext(
            "Du kan välja %(n)d område. Ta bort ett val först.",
            "Du kan välja %(n)d områden. Ta bort ett val först.",
            expected,
        ) % {"n": expected}
    if problem.code == "areas.unknown":
        return _("Det området finns inte i den här enkäten.")
    if problem.code == "areas.repeated":
        return _("Samma område är valt två gånger.")
    if problem.code == "comment.too_long":
        limit = params["max"]
        return ngettext(
            "Synpunkten får vara högst %(max)d tecken lång (din är %(length)d).",
            "Synpunkten får vara högst %(max)d tecken lång (din är %(length)d).",
            limit,
        ) % {"max": limit, "length": params["length"]}
    if problem.code == "comment.required":
        return _("Skriv en synpunkt innan du går vidare.")
    if problem.code == "question.unknown":
        return _("Den frågan finns inte i den här enkäten.")
    if problem.code == "option.unknown":
        return _("Det svarsalternativet finns inte.")
    if problem.code == "question.required":
        return _("Svara på frågan innan du går vidare.")
    if problem.code == "answer.type":
        return _("Svaret på frågan har fel form.")
    if problem.code == "multi.too_many":
        most = params["max"]
        return ngettext(
            "Du kan välja högst %(n)d alternativ.", "Du kan välja högst %(n)d alternativ.", most
        ) % {"n": most}
    if problem.code == "multi.too_few":
        least = params["min"]
        return ngettext("Välj minst %(n)d alternativ.", "Välj minst %(n)d alternativ.", least) % {
            "n": least
        }
    if problem.code == "multi.repeated":
        return _("Samma alternativ är valt två gånger.")
    if problem.code == "place.too_many":
        most = params["max"]
        return ngettext(
            "Du kan markera högst %(n)d plats.", "Du kan markera högst %(n)d platser.", most
        ) % {"n": most}
    if problem.code == "place.none":
        return _("Markera minst en plats, eller hoppa över frågan.")
    if problem.code == "place.outside":
        return _("Platsen ligger utanför kartan för den här enkäten.")
    if problem.code == "place.not_a_point":
        return _("Platsen ska ha en latitud och en longitud som tal.")
    if problem.code == "place.zone_unknown":
        return _("Det området finns inte på kartan.")
    if problem.code == "place.missing":
        return _("Varje plats ska vara en punkt eller ett område på kartan.")
    if problem.code == "place.note_too_long":
        return _("Anteckningen om platsen får vara högst %(max)d tecken lång.") % {
            "max": params["max"]
        }
    if problem.code == "campaign.not_open":
        if params.get("status") == "upcoming":
            return _("Enkäten har inte öppnat än.")
        return _("Enkäten är stängd. Tack för ditt intresse!")
    if problem.code == "captured_at.future":
        return _("Svarets tidpunkt ligger i framtiden. Kontrollera klockan på enheten.")
    if problem.code == "step.required":
        return _("Det här steget går inte att hoppa över.")
    return _("Svaret kunde inte tas emot.")
