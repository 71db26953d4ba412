"""The walk: steps come from the campaign, a draft moves along them and round-trips JSON."""

from __future__ import annotations

from survey import Draft
from survey.walk import new_draft, step_as_dict, steps


def test_steps_follow_the_campaign(campaigns):
    ids = [step.id for step in steps(campaigns["karlstad-2016"])]
    assert [
        "language",
        "intro",
        "areas",
        "comment",
        "question:age",
        "question:district",
        "confirm",
    ] == ids


def test_steps_describe_themselves_for_the_api(campaigns):
    described = [step_as_dict(step) for step in steps(campaigns["demo"])]
    assert {"id": "areas", "type": "areas", "pick": 3} == described[2]
    assert {"id": "question:age", "type": "choice", "question": "age"} == described[4]


def test_a_fourth_area_is_refused_and_a_tap_unticks(campaigns):
    demo = campaigns["demo"]
    draft = new_draft(demo, "id-1", "sv-SE")
    for area in ("traffic", "unsafe-places", "drugs-alcohol"):
        draft, problem = draft.toggle_area(demo, area)
        assert problem is None
    same, problem = draft.toggle_area(demo, "social-unrest")
    assert ("areas.too_many", draft) == (problem.code, same)
    fewer, problem = draft.toggle_area(demo, "traffic")
    assert (("unsafe-places", "drugs-alcohol"), None) == (fewer.areas, problem)


def test_areas_step_needs_exactly_pick_to_advance(campaigns):
    demo = campaigns["demo"]
    draft = new_draft(demo, "id-1", "fi").at("areas")
    stuck, problem = draft.advance(demo)
    assert ("areas", "areas.count") == (stuck.step, problem.code)
    for area in ("traffic", "unsafe-places", "drugs-alcohol"):
        draft, _ = draft.toggle_area(demo, area)
    moved, problem = draft.advance(demo)
    assert ("comment", None) == (moved.step, problem)


def test_a_too_long_comment_is_not_kept(campaigns):
    demo = campaigns["demo"]
    draft = new_draft(demo, "id-1", "sv").at("comment")
    kept, problem = draft.with_comment(demo, "x" * 2001)
    assert ("comment.too_long", None) == (problem.code, kept.comment)


def test_a_draft_survives_json(campaigns):
    demo = campaigns["demo"]
    draft = new_draft(demo, "id-1", "ar")
    draft, _ = draft.toggle_area(demo, "traffic")
    draft, _ = draft.with_answer(demo, "age", "20-34")
    draft, _ = draft.with_comment(demo, "Fler lampor i parken")
    assert draft == Draft.from_json(draft.to_json())


def test_new_draft_picks_an_offered_language(campaigns):
    demo = campaigns["demo"]
    assert "ar" == new_draft(demo, "x", "ar-SA").locale
    assert "sv" == new_draft(demo, "x", "de").locale
    assert "sv" == new_draft(demo, "x", None).locale
