"""Which campaigns hold sample answers, kept on the app for the staff pages' banner."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class SampleData:
    """Campaign id → how many sample answers it holds; read at start-up, cleared on removal."""

    counts: dict[str, int] = field(default_factory=dict)


SAMPLE_DATA = web.AppKey("staff_sample_data", SampleData)
