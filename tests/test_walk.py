"""The walk: steps come from the campaign, a draft moves along them and round-trips JSON."""

from __future__ import annotations

from dataclasses import replace

from survey import CommentRule, Draft
from survey.walk import leads_back_to_areas, new_draft, step_as_dict, step_by_id, steps


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
    described = {d["id"]: d for d in map(step_as_dict, steps(campaigns["demo"]))}
    assert {
        "id": "areas",
        "type": "areas",
        "required": True,
        "returns_to": "confirm",
        "pick": 3,
    } == described["areas"]
    assert {
        "id": "comment",
        "type": "comment",
        "required": False,
        "returns_to": "confirm",
        "max_length": 2000,
    } == described["comment"]
    assert {
        "id": "question:age",
        "type": "choice",
        "kind": "choice",
        "section": "background",
        "required": False,
        "returns_to": "confirm",
        "question": "age",
        "options": ["under-20", "20-34", "35-49", "50-64", "65-plus", "prefer-not-to-say"],
        "prefer_not_to_say": "prefer-not-to-say",
    } == described["question:age"]
    for step_id in ("language", "intro", "confirm"):
        assert (True, None) == (described[step_id]["required"], described[step_id]["returns_to"])


def test_a_required_comment_is_data_on_its_step(campaigns):
    required = replace(campaigns["demo"], comment=CommentRule(required=True, max_length=300))
    comment = step_as_dict(step_by_id(required, "comment"))
    assert (True, 300) == (comment["required"], comment["max_length"])
    draft = new_draft(required, "id-1", "sv").at("comment")
    assert ("comment", "step.required") == (
        draft.skip(required)[0].step,
        draft.skip(required)[1].code,
    )


def walked_to_summary(campaign) -> Draft:
    draft = new_draft(campaign, "id-1", "sv").at("areas")
    for area in ("traffic", "unsafe-places", "drugs-alcohol"):
        draft, _ = draft.toggle_area(campaign, area)
    return draft.at("confirm")


def test_skipping_an_optional_question_stores_no_answer(campaigns):
    demo = campaigns["demo"]
    draft, _ = walked_to_summary(demo).at("question:age").with_answer(demo, "age", "20-34")
    skipped, problem = draft.skip(demo)
    assert (None, "question:district", {}) == (problem, skipped.step, dict(skipped.answers))


def test_prefer_not_to_say_is_an_answer(campaigns):
    demo = campaigns["demo"]
    draft = walked_to_summary(demo).at("question:age")
    answered, _ = draft.with_answer(demo, "age", "prefer-not-to-say")
    moved, _ = answered.advance(demo)
    assert {"age": "prefer-not-to-say"} == dict(moved.answers)


def test_skipping_the_optional_comment_removes_it(campaigns):
    demo = campaigns["demo"]
    draft, _ = walked_to_summary(demo).at("comment").with_comment(demo, "Mer ljus")
    skipped, problem = draft.skip(demo)
    assert (None, None, "question:age") == (problem, skipped.comment, skipped.step)


def test_a_required_step_cannot_be_skipped(campaigns):
    demo = campaigns["demo"]
    for step_id in ("intro", "areas", "confirm"):
        stuck, problem = new_draft(demo, "id-1", "sv").at(step_id).skip(demo)
        assert (step_id, "step.required") == (stuck.step, problem.code)


def test_every_change_from_the_summary_returns_to_it(campaigns):
    demo = campaigns["demo"]
    summary = walked_to_summary(demo)
    for step in steps(demo):
        if step.returns_to is None:
            continue
        opened, problem = summary.change(demo, step.id)
        assert (None, step.id) == (problem, opened.step)
        back, problem = opened.skip(demo) if not step.required else opened.advance(demo)
        assert (None, "confirm", False) == (problem, back.step, back.changing)


def test_only_changeable_steps_open_from_the_summary(campaigns):
    demo = campaigns["demo"]
    summary = walked_to_summary(demo)
    assert "step.not_changeable" == summary.change(demo, "intro")[1].code
    assert "step.not_changeable" == summary.at("areas").change(demo, "comment")[1].code


def test_the_topic_questions_and_the_comment_lead_back_to_the_areas(campaigns):
    demo = campaigns["demo"]
    summary = walked_to_summary(demo)
    leading = [s.id for s in steps(demo) if leads_back_to_areas(demo, s.id)]
    assert [
        "question:safe-evening",
        "question:when-unsafe",
        "question:unsafe-places",
        "comment",
    ] == leading
    for step_id in leading:
        back, problem = summary.at(step_id).back_to_areas(demo)
        assert (None, "areas") == (problem, back.step)
    for step_id in ("intro", "areas", "question:age", "confirm"):
        assert "step.not_changeable" == summary.at(step_id).back_to_areas(demo)[1].code
    opened, _ = summary.change(demo, "comment")  # from the summary, it returns there instead
    assert "step.not_changeable" == opened.back_to_areas(demo)[1].code


def test_a_step_walked_in_order_goes_on_to_the_next(campaigns):
    demo = campaigns["demo"]
    draft = walked_to_summary(demo).at("comment")
    assert "question:age" == draft.advance(demo)[0].step


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
    assert ("question:safe-evening", None) == (moved.step, problem)  # the topic questions next


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
