"""Question kinds: what a campaign may ask beside its areas and its comment.

Each kind is one module here that says everything about it: the keys it takes in a campaign
file and the rules they follow, what a valid answer is, how answers are counted and
summarised, its export columns, and what it adds to the API's and the file's description of
a question. The channels render a question by its kind (one renderer per channel each);
`tests/test_question_kinds.py` fails when a kind lacks one.

- `choice`: pick one option (a background question ends with "prefer not to say").
- `scale`: ordered points, lowest first, then options with `scored = false` ("Vet inte");
  results give the distribution and the mean of the scored points, numbered 1, 2, 3, …
- `multi`: pick between `min` and `max` of the options, each at most once.
- `place`: up to `max` places on the campaign's map, each a point or a zone, with why.
"""

from __future__ import annotations

from survey.kinds.base import Kind
from survey.kinds.choice import CHOICE
from survey.kinds.multi import MULTI
from survey.kinds.place import PLACE
from survey.kinds.scale import SCALE

KINDS: dict[str, Kind] = {kind.name: kind for kind in (CHOICE, SCALE, MULTI, PLACE)}


def kind_of(question) -> Kind:
    """The kind of a question (every question has one of `KINDS`)."""
    return KINDS[question.kind]


__all__ = ["KINDS", "Kind", "kind_of"]
