"""A problem the campaign loader found, said in the staff member's language beside its field.

The rules live once, in `survey.loader`, for files and the editor alike; its problems are
written for people who edit files. Here each becomes a sentence for the editor's form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale

from kiosk.i18n import current_language, gettext
from kiosk.staff.campaigns.form import field_id, field_name
from survey import CampaignError
from survey.campaign_changes import ChangeProblem


@dataclass(frozen=True)
class FieldProblem:
    """A message and the form field it belongs beside."""

    field: str
    message: str

    @property
    def anchor(self) -> str:
        return field_id(self.field)


def says(problem: str, key: str = "") -> str:
    """The loader's `problem` (of the field `key`) as a sentence in the staff member's
    language."""
    missing = re.fullmatch(r"missing language '(\w+)'", problem)
    if missing:
        name = Locale.parse(missing.group(1)).get_display_name(current_language())
        return gettext("Skriv texten på %(language)s.") % {"language": name}
    patterns = [
        (r"is missing", gettext("Fyll i det här.")),
        (r"must be a non-empty string", gettext("Fyll i det här.")),
        (r"must be a date, not \w+", gettext("Ska vara ett datum (ÅÅÅÅ-MM-DD).")),
        (r"must be a int, not \w+", gettext("Ska vara ett heltal.")),
        (r"must be a whole number", gettext("Ska vara ett heltal.")),
        (r".* is not an id .*", gettext("Ska vara 1–40 tecken: a–z, 0–9 och bindestreck.")),
        (r"duplicate id .*", gettext("Det id:t används redan här.")),
        (r"is before opens", gettext("Slutdatumet är före startdatumet.")),
        (r".* is not a known time zone", gettext("Okänd tidszon (till exempel Europe/Stockholm).")),
        (r"must be between 1 and the number of areas \((\d+)\)", None),
        (r"must be between 1 and (\d+)", None),
        (r"needs at least two areas", gettext("Lägg till minst två områden.")),
        (r"must name at least one language", gettext("Välj minst ett språk.")),
        (r"must be a list of names", gettext("Ange minst en arrangör.")),
        (r"must end with the option .*", gettext("Ge frågan minst ett svarsalternativ.")),
        (r"'.*' is not a question", gettext("Välj en av bakgrundsfrågorna.")),
        (r"is not an option of the question", gettext("Inte ett svarsalternativ till frågan.")),
        (r"must be a share between 0 and 1", gettext("Ska vara en andel mellan 0 och 1.")),
        (r"must add up to 1", gettext("Andelarna ska tillsammans bli 1.")),
        (r"must name where the figures come from", gettext("Ange varifrån siffrorna kommer.")),
        (r"lists a place twice", gettext("En plats står två gånger.")),
        (r"must be a list of words", gettext("Skriv orden åtskilda med kommatecken.")),
        (r"must be one of .*", gettext("Välj ett av alternativen.")),
        (r"must have at least two options", gettext("Ge frågan minst två svarsalternativ.")),
        (r"must be at least 1", gettext("Ska vara minst 1.")),
        (r"must not exceed max \((\d+)\)", gettext("Får inte vara större än det högsta (%(n)s).")),
        (
            r"must not exceed the number of options \((\d+)\)",
            gettext("Får inte vara fler än svarsalternativen (%(n)s)."),
        ),
        (
            r"a scale needs at least two scored points",
            gettext("En skala behöver minst två punkter som räknas."),
        ),
        (r"a ring needs at least four positions", gettext("En zon behöver minst fyra punkter.")),
        (
            r"a ring must be closed: .*",
            gettext("Zonens sista punkt ska vara densamma som den första."),
        ),
        (r"a ring must not cross itself", gettext("Zonens kant korsar sig själv.")),
        (r"lies outside the map's bounds", gettext("En punkt ligger utanför kartans gränser.")),
        (r"is not a point on Earth .*", gettext("En punkt ligger inte på jorden.")),
        (r"must be a pair .*", gettext("En punkt ska vara två tal: longitud och latitud.")),
        (r"must be a finite number", gettext("Ska vara ett tal.")),
        (
            r"options with scored = false come last",
            gettext("Alternativ som inte är en punkt på skalan (som ”Vet inte”) står sist."),
        ),
    ]
    if problem == "is not a known key":
        if key.endswith((".min", ".max")):
            return gettext("Gäller bara frågor med flera val.")
        if key.endswith(".scored"):
            return gettext("Gäller bara skalor.")
    for pattern, message in patterns:
        match = re.fullmatch(pattern, problem)
        if not match:
            continue
        if message is None:
            return gettext("Ska vara mellan 1 och %(n)s.") % {"n": match.group(1)}
        if match.groups():
            return message % {"n": match.group(1)}
        return message
    return gettext("Ogiltigt värde (%(problem)s).") % {"problem": problem}


def field_problem(error: CampaignError) -> FieldProblem:
    """The loader's problem, beside the form field it is about."""
    key = error.key
    missing = re.fullmatch(r"missing language '(\w+)'", error.problem)
    if missing:
        key = f"{key}.{missing.group(1)}"
    return FieldProblem(field_name(key) or "id", says(error.problem, key))


def change_problem(problem: ChangeProblem) -> FieldProblem:
    """A change the answers do not allow, said beside the field it is about."""
    if problem.code == "change.pick":
        message = gettext(
            "Antalet områden att välja kan inte ändras när det finns svar (det är %(pick)s)."
        ) % {"pick": problem.params["pick"]}
    elif problem.code == "change.area_removed":
        message = gettext(
            "Området %(area)s har svar: det kan byta namn men inte tas bort eller få ett annat id."
        ) % {"area": problem.params["area"]}
    elif problem.code == "change.kind":
        message = gettext("Frågan %(question)s har svar: den kan inte byta sort.") % {
            "question": problem.params["question"]
        }
    else:
        message = (
            gettext(
                "Svarsalternativet %(option)s i frågan %(question)s har svar: det kan byta namn "
                "men inte tas bort eller få ett annat id."
            )
            % problem.params
        )
    return FieldProblem(field_name(problem.field), message)
