"""Listen ("Lyssna"): the recorded speech of a step of the walk, of a section of a promise,
and of the published ranking, for the pages whose browser has no voice of its own.

`audio` answers `/api/v1/campaigns/{campaign}/speech/{lang}/{step}`,
`/api/v1/promises/{promise}/speech/{lang}/{section}` and
`/api/v1/campaigns/{campaign}/results/speech/{lang}`; the texts are `survey.speech`'s and
the recordings `kiosk.speech_audio`'s. The pages find these addresses in their own data.
"""

from aiohttp import web

from kiosk.listen.audio import setup_speech_audio


def add_routes(app: web.Application) -> None:
    """Mount the recorded speech of campaigns, promises and published results."""
    setup_speech_audio(app)
