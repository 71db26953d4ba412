"""The steps of the kiosk page as the API describes them (docs/contract.md, `steps`): each with
`required` and `returns_to`, a choice step with its `options` and `prefer_not_to_say`.

`describe_steps(page)` fills in the keys a server leaves out, with the described values, so
that a browser test walks the described steps; keys the server sends are never changed.
`change_steps(page, edit)` lets a test give the kiosk other step data (a required question).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from playwright.sync_api import Page, Route

KIOSK_PAGE = re.compile(r"/kiosk/[^/]+/(\?.*)?$")
DATA = re.compile(r'(<script type="application/json" id="kiosk-data">)(.*?)(</script>)', re.S)
RETURNS_TO = {"areas": "confirm", "comment": "confirm", "choice": "confirm"}


def described(data: dict) -> dict:
    questions = {q["id"]: q for q in data["campaign"]["questions"]}
    for step in data["campaign"]["steps"]:
        kind = step["type"]
        step.setdefault("required", kind != "choice")
        step.setdefault("returns_to", RETURNS_TO.get(kind))
        if kind == "choice":
            options = [o["id"] for o in questions[step["question"]]["options"]]
            step.setdefault("options", options)
            prefer = "prefer-not-to-say" if "prefer-not-to-say" in options else None
            step.setdefault("prefer_not_to_say", prefer)
    return data


def html_json(data: dict) -> str:
    """JSON safe inside a <script> element, as Jinja's `tojson` writes it."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escaped)
    return text


def change_steps(page: Page, edit: Callable[[dict], dict] = described) -> None:
    def handle(route: Route) -> None:
        response = route.fetch()
        body = response.text()
        match = DATA.search(body)
        if match is None:
            route.fulfill(response=response)
            return
        data = edit(json.loads(match.group(2)))
        body = body[: match.start(2)] + html_json(data) + body[match.end(2) :]
        route.fulfill(response=response, body=body)

    page.route(KIOSK_PAGE, handle)


def describe_steps(page: Page) -> None:
    change_steps(page, described)
