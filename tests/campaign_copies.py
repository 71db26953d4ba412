"""Campaign files made from the samples for tests: another id, fewer languages, other areas."""

from __future__ import annotations

from dataclasses import replace

from campaigns import SAMPLE_DIR
from survey import Area, Campaign, load_campaign


def demo_copy(campaign_id: str, languages: tuple[str, ...] = ("sv", "en")) -> Campaign:
    """The demo campaign under another id, in `languages`, without its questions."""
    demo = load_campaign(SAMPLE_DIR / "demo.toml")

    def only(text):
        return {lang: text[lang] for lang in languages}

    return replace(
        demo,
        id=campaign_id,
        languages=languages,
        title=only(demo.title),
        intro=only(demo.intro),
        next_steps=only(demo.next_steps),
        organiser_names=tuple(only(name) for name in demo.organiser_names),
        areas=tuple(Area(a.id, only(a.label)) for a in demo.areas),
        questions=(),
        analysis=replace(demo.analysis, themes=(), reference=None),
        map=demo.map
        and replace(demo.map, zones=tuple(replace(z, name=only(z.name)) for z in demo.map.zones)),
    )
