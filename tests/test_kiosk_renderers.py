"""Every step type of the walk has a screen in the kiosk and a place in the web form."""

from __future__ import annotations

import re

from kiosk.app import STATIC_DIR, TEMPLATES_DIR
from survey.walk import steps


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


def test_every_step_of_the_web_form_is_in_the_template(campaigns):
    template = (TEMPLATES_DIR / "survey.html").read_text()
    for step_id in ("intro", "areas", "comment", "question:{{ question.id }}", "confirm"):
        assert f'data-step="{step_id}"' in template
    assert "_language_switch.html" in (TEMPLATES_DIR / "_campaign_header.html").read_text()
