"""What Lyssna says (survey/speech.py): each step's heading, text and choices in the page's
language, a promise's sections and the published ranking, built from the data alone."""

from __future__ import annotations

import pytest

from promises import SAMPLE_DIR as PROMISES
from survey import steps, tally_from_counts
from survey.promises.loader import load_promises
from survey.speech import (
    PROMISE_SECTIONS,
    promise_speech,
    ranking_speech,
    spoken,
    step_speech,
    walk_speech,
)
from survey.walk import step_by_id


def test_every_part_is_a_sentence_of_its_own():
    assert "Välj språk. Trygghet. Vad då?" == spoken(["Välj språk", " Trygghet ", None, "Vad då?"])


@pytest.mark.parametrize("lang", ["sv", "en", "ar", "fi"])
def test_every_step_of_every_campaign_has_a_text_in_each_language(campaigns, catalogs, lang):
    for campaign in campaigns.values():
        said = walk_speech(campaign, lang, catalogs.get(lang))
        assert [s.id for s in steps(campaign)] == list(said)
        assert all(said.values())


def test_the_areas_step_says_its_heading_then_every_area(campaigns, catalogs):
    demo = campaigns["demo"]
    said = step_speech(demo, step_by_id(demo, "areas"), "sv", catalogs.get("sv"))
    assert said.startswith("Vad ska polisen och kommunen prioritera? Välj 3 områden.")
    labels = [demo.text(area.label, "sv") for area in demo.areas]
    assert [said.index(label) for label in labels] == sorted(said.index(label) for label in labels)


def test_a_question_says_its_text_and_options_in_arabic(campaigns, catalogs):
    demo = campaigns["demo"]
    step = next(s for s in steps(demo) if s.id.startswith("question:"))
    said = step_speech(demo, step, "ar", catalogs.get("ar"))
    assert said.startswith(demo.text(step.question.text, "ar"))
    for option in step.question.options:
        assert demo.text(option.label, "ar") in said


def test_a_reader_chooses_how_campaign_texts_are_read(campaigns, catalogs):
    """The hook an easy-to-read variant uses: only campaign texts change, the UI's stay."""
    demo = campaigns["demo"]
    said = step_speech(
        demo, step_by_id(demo, "intro"), "sv", catalogs.get("sv"), read=lambda text: "LÄTT"
    )
    assert "LÄTT. Om enkäten. LÄTT. Ditt svar är anonymt. Vi sparar inte vem du är." == said


def test_each_section_of_a_promise(campaigns, catalogs):
    promise = load_promises(PROMISES)["demo"]
    said = {
        section: promise_speech(promise, section, "sv", catalogs.get("sv"), campaigns)
        for section in PROMISE_SECTIONS
    }
    assert said["said"].startswith(promise.text(promise.title, "sv"))
    assert said["promised"].startswith("Det här lovar vi. Aktivitet 1: ")
    assert said["progress"].startswith("Så går det. Aktivitet 1: Status: ")
    with pytest.raises(ValueError, match="no section"):
        promise_speech(promise, "elsewhere", "sv", catalogs.get("sv"), campaigns)


def test_the_ranking_in_order_with_votes(campaigns, catalogs):
    demo = campaigns["demo"]
    first, second = demo.areas[0].id, demo.areas[1].id
    tally = tally_from_counts(demo, 12, 0, {second: 9, first: 1})
    said = ranking_speech(demo, tally, "sv", catalogs.get("sv"))
    assert "12 personer var med och tyckte till." in said
    top = f"Plats 1: {demo.text(demo.areas[1].label, 'sv')}, 9 röster."
    assert top in said
    assert said.index(top) < said.index(f"{demo.text(demo.areas[0].label, 'sv')}, 1 röst.")
