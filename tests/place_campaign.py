"""A campaign with a map of Karlstad and a place question: the demo, and the map and the
question of tests/place_questions.toml."""

from __future__ import annotations

from pathlib import Path

from campaigns import SAMPLE_DIR
from survey import Campaign
from survey.loader import parse_campaign
from tests.kinds_campaign import DEMO_TOPIC

PLACE_PART = (Path(__file__).parent / "place_questions.toml").read_text(encoding="utf-8")


def place_campaign_text(campaign_id: str = "places") -> str:
    """The demo's file under another id, without its topic questions (the place question is
    the only one), with the map and the place question."""
    text = (SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8").split(DEMO_TOPIC, 1)[0]
    return text.replace('id = "demo"', f'id = "{campaign_id}"', 1) + "\n" + PLACE_PART


def place_campaign(campaign_id: str = "places") -> Campaign:
    return parse_campaign(place_campaign_text(campaign_id), f"{campaign_id}.toml")
