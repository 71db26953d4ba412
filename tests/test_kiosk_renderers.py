"""Every step type of the walk has a screen in the kiosk and a place in the web form."""

from __future__ import annotations

import re

from kiosk.app import STATIC_DIR, TEMPLATES_DIR
from survey.kinds import KINDS
from survey.walk import STEP_TYPES, steps


def test_every_step_type_has_a_kiosk_screen(campaigns):
    script = (STATIC_DIR / "kiosk" / "screens.js").read_text()
    block = script[script.index("export const screens = {") :]
    screens = set(re.findall(r"^  (\w+)(?:\(step, k\) \{|,$)", block, re.MULTILINE))
    types = {
        type(step).__name__.removesuffix("Step").lower()
        for campaign in campaigns.values()
        for step in steps(campaign)
    }
    assert types <= screens


def test_every_step_type_has_a_place_in_the_web_form(campaigns):
    template = (TEMPLATES_DIR / "survey.html").read_text()
    types = {kind.__name__.removesuffix("Step").lower() for kind in STEP_TYPES}
    # The language step is the header's language switch; every other is drawn from the data.
    rendered = set(re.findall(r'step\.type == "(\w+)"', template))
    assert types - {"language"} == rendered
    assert 'data-step="{{ step.id }}"' in template
    assert "_language_switch.html" in (TEMPLATES_DIR / "_campaign_header.html").read_text()


def renderers(script: str, start: str) -> set[str]:
    block = script[script.index(start) :]
    block = block[: block.index("};")]
    return set(re.findall(r"^  (\w+)[:,(]", block, re.MULTILINE))


def test_every_question_kind_has_a_kiosk_and_a_web_renderer():
    kiosk = (STATIC_DIR / "kiosk" / "screens.js").read_text()
    web = (STATIC_DIR / "survey.js").read_text()
    assert set(KINDS) <= renderers(kiosk, "export const kinds = {")
    assert set(KINDS) <= renderers(web, "const kinds = {")
