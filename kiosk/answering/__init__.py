"""Answering: every way a resident answers a campaign on the web, and the API they share.

The JSON API (`api`, with the request it reads in `answer_request`), the public web survey
(`web_survey`, which works without JavaScript), the kiosk page and its status for operators
(`kiosk_page`, `kiosk_status`), the comment check before sending (`comment_check`,
`comment_warning`), what the survey templates are given (`survey_context`), and the
pseudonymous sign of where an answer came from (`answer_signals`). Templates:
`survey.html`, `kiosk.html`.
"""

from aiohttp import web

from kiosk.answering.answer_signals import setup_answer_signals
from kiosk.answering.api import setup_api
from kiosk.answering.comment_check import setup_comment_check
from kiosk.answering.kiosk_page import setup_kiosk
from kiosk.answering.web_survey import setup_web_survey


def add_routes(app: web.Application) -> None:
    """Mount the answer API, the web survey, the kiosk page and the comment check."""
    setup_api(app)
    setup_web_survey(app)
    setup_kiosk(app)
    setup_comment_check(app)
    setup_answer_signals(app)
