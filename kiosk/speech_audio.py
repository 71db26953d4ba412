"""Recorded speech for "Lyssna" where the browser has no voice: espeak-ng, run by the server.

Each text is spoken once per voice and kept as a WAV file in a folder beside the database,
named by a hash of the voice and the text; the folder is kept under a size bound by removing
the files least recently made. espeak-ng runs as a subprocess off the event loop, with a
timeout and at most a few at a time; two requests for the same text wait for one run.

Only texts the server builds from a campaign's or promise's own data come here
(`survey.speech`): the routes take ids, never text.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from survey.easy_read import easy_key

# espeak-ng's voice for each shipped language.
VOICES = {"sv": "sv", "en": "en-gb", "ar": "ar", "fi": "fi"}
# The language tag a browser's speech synthesis is asked for (SpeechSynthesisUtterance.lang).
SPEECH_LANGS = {"sv": "sv-SE", "en": "en-GB", "ar": "ar", "fi": "fi-FI"}
WAV = "audio/wav"


class SpeechFailed(Exception):
    """espeak-ng gave no audio (it failed or took too long)."""


@dataclass
class SpeechAudio:
    """espeak-ng and the folder its recordings are kept in; `command` None: no server audio."""

    command: str | None
    folder: Path | None
    # The folder's bound: the oldest recordings go once it holds more than this.
    max_bytes: int = 200 * 1024 * 1024
    timeout_seconds: float = 30.0
    at_once: int = 2
    # How many times espeak-ng was run (a recording already kept is not made again).
    runs: int = 0
    _slots: asyncio.Semaphore | None = field(default=None, repr=False)
    _making: dict[str, asyncio.Future] = field(default_factory=dict, repr=False)

    @property
    def available(self) -> bool:
        return self.command is not None and self.folder is not None

    def speaks(self, lang: str) -> bool:
        """Whether the server can record speech in `lang`."""
        return self.available and lang in VOICES

    @staticmethod
    def key(lang: str, text: str) -> str:
        return hashlib.sha256(f"{VOICES[lang]}\0{text}".encode()).hexdigest()

    async def wav(self, lang: str, text: str) -> tuple[str, bytes]:
        """The recording of `text` in `lang` and its key: kept, or made now."""
        assert self.folder is not None
        key = self.key(lang, text)
        path = self.folder / f"{key}.wav"
        with contextlib.suppress(FileNotFoundError):
            return key, path.read_bytes()
        making = self._making.get(key)
        if making is None:
            making = asyncio.ensure_future(self._record(lang, text, path))
            self._making[key] = making
            making.add_done_callback(lambda _done: self._making.pop(key, None))
        return key, await asyncio.shield(making)

    async def _record(self, lang: str, text: str, path: Path) -> bytes:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.at_once)
        async with self._slots:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.part")
            self.runs += 1
            process = await asyncio.create_subprocess_exec(
                str(self.command),
                "-v",
                VOICES[lang],
                "-w",
                str(partial),
                "--stdin",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            try:
                await asyncio.wait_for(process.communicate(text.encode()), self.timeout_seconds)
            except TimeoutError:
                process.kill()
                await process.wait()
                partial.unlink(missing_ok=True)
                raise SpeechFailed(f"espeak-ng took longer than {self.timeout_seconds} s") from None
            if process.returncode != 0 or not partial.exists():
                partial.unlink(missing_ok=True)
                raise SpeechFailed(f"espeak-ng exited with {process.returncode}")
            body = partial.read_bytes()
            partial.replace(path)
        await asyncio.to_thread(self._bound, path)
        return body

    def _bound(self, made: Path) -> None:
        """Remove the oldest recordings, never the one just `made`, while the folder holds
        more than `max_bytes`."""
        assert self.folder is not None
        found = []
        for entry in self.folder.glob("*.wav"):
            if entry == made:
                continue
            with contextlib.suppress(FileNotFoundError):
                stat = entry.stat()
                found.append((stat.st_mtime, stat.st_size, entry))
        total = made.stat().st_size + sum(size for _mtime, size, _entry in found)
        for _mtime, size, entry in sorted(found, key=lambda each: each[0]):
            if total <= self.max_bytes:
                break
            entry.unlink(missing_ok=True)
            total -= size


SPEECH_AUDIO = web.AppKey("speech_audio", SpeechAudio)


def speech_audio(request: web.Request) -> SpeechAudio:
    return request.app[SPEECH_AUDIO]


def spoken_as(lang: str, easy: bool) -> str:
    """The path's language of a recording: `sv`, or `sv-easy` for the Lättläst texts."""
    return easy_key(lang) if easy else lang


def campaign_audio_url(
    audio: SpeechAudio, campaign: str, lang: str, easy: bool = False
) -> str | None:
    """Where a page of the campaign finds the recording of a step (`{step}` at the end), in
    Lättläst when `easy`, or None when the server records no speech in `lang`."""
    if not audio.speaks(lang):
        return None
    return f"/api/v1/campaigns/{campaign}/speech/{spoken_as(lang, easy)}/"


def promise_audio_url(
    audio: SpeechAudio, promise: str, lang: str, section: str, easy: bool = False
) -> str | None:
    if not audio.speaks(lang):
        return None
    return f"/api/v1/promises/{promise}/speech/{spoken_as(lang, easy)}/{section}"


def results_audio_url(audio: SpeechAudio, campaign: str, lang: str) -> str | None:
    if not audio.speaks(lang):
        return None
    return f"/api/v1/campaigns/{campaign}/results/speech/{lang}"


def page_speech(lang: str, text: str, url: str | None) -> dict[str, str | None]:
    """What a page's Lyssna button carries: the text, a voice's language, the recording."""
    return {"text": text, "lang": SPEECH_LANGS.get(lang, lang), "audio": url}
