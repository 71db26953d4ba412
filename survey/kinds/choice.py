"""`choice`: pick one of the options. A background question ends with "prefer not to say"."""

from __future__ import annotations

from typing import Any

from survey.campaign import BACKGROUND, PREFER_NOT_TO_SAY
from survey.kinds.base import Kind


class Choice(Kind):
    """One option; a background question's last option is "prefer not to say"."""

    name = "choice"

    def read(self, reader: Any, table: dict[str, Any], path: str, options: list) -> dict:
        if len(options) < 2:
            raise reader.fail(f"{path}.options", "must have at least two options")
        section = table.get("section", BACKGROUND)
        if section == BACKGROUND and options[-1].id != PREFER_NOT_TO_SAY:
            raise reader.fail(f"{path}.options", f"must end with the option {PREFER_NOT_TO_SAY!r}")
        return {}


CHOICE = Choice()
