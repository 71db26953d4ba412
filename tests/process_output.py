"""Reading what a child process prints, with deadlines that hold even when it prints nothing."""

from __future__ import annotations

import queue
import threading
import time
from typing import IO


class OutputLines:
    """The lines of a child's output, read by a thread of its own: a wait for the next line
    ends at its deadline whether the child prints or not, and the pipe never fills up."""

    def __init__(self, stream: IO[str]):
        self._lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put(line)
        self._lines.put(None)  # the end of the output

    def next(self, timeout: float) -> str | None:
        """The next line; None once the output has ended. Fails after `timeout` seconds."""
        try:
            return self._lines.get(timeout=max(0.0, timeout))
        except queue.Empty:
            raise AssertionError(f"the process printed nothing for {timeout} s") from None

    def until(self, text: str, timeout: float) -> str:
        """What is printed from now up to the line with `text`; fails when the output ends
        first or `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        lines: list[str] = []
        while not lines or text not in lines[-1]:
            try:
                line = self.next(deadline - time.monotonic())
            except AssertionError:
                raise AssertionError(f"no {text!r} in {timeout} s:\n{''.join(lines)}") from None
            assert line is not None, f"the output ended before {text!r}:\n{''.join(lines)}"
            lines.append(line)
        return "".join(lines)

    def rest(self, timeout: float) -> list[str]:
        """Every line still to come, once the child has ended (or closed its output)."""
        deadline = time.monotonic() + timeout
        lines = []
        while (line := self.next(deadline - time.monotonic())) is not None:
            lines.append(line)
        return lines

    def join(self, timeout: float) -> None:
        """Wait for the reader to reach the end of the output (close the stream after this)."""
        self._reader.join(timeout)
