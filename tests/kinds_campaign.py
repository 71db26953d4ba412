"""A campaign that asks every question kind: a required scale and a multi among the topic
questions, and the demo's background choices after the comment."""

from __future__ import annotations

from pathlib import Path

from campaigns import SAMPLE_DIR
from survey import Campaign
from survey.loader import parse_campaign

KIND_QUESTIONS = (Path(__file__).parent / "kinds_questions.toml").read_text(encoding="utf-8")


# Where the demo's own (optional) copies of the two questions begin: the kinds campaign asks
# its own instead, the scale required.
DEMO_TOPIC = "# The topic questions, asked right after the areas"


def kinds_campaign_text(campaign_id: str = "kinds") -> str:
    """The demo's campaign file under another id, with the two kinds' questions: the scale
    required, the multi optional."""
    text = (SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8")
    text = text.split(DEMO_TOPIC, 1)[0]
    return text.replace('id = "demo"', f'id = "{campaign_id}"', 1) + "\n" + KIND_QUESTIONS


def kinds_campaign(campaign_id: str = "kinds") -> Campaign:
    return parse_campaign(kinds_campaign_text(campaign_id), f"{campaign_id}.toml")


def kinds_folder(folder: Path, with_demo: bool = False) -> Path:
    """A campaigns folder with the kinds campaign (and the demo beside it, if asked)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kinds.toml").write_text(kinds_campaign_text(), encoding="utf-8")
    if with_demo:
        (folder / "demo.toml").write_text((SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8"))
    return folder
