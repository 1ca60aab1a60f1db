"""Progress on stderr: a bar per stage, redrawn in place on a terminal, one plain line per event otherwise.

Logs, CI and tests read stderr through a pipe, so without a terminal (or with TERM=dumb) every update is a
`llmigrate: <stage>: ...` line as before; on a terminal the stage's bar is redrawn and other messages print
above it.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from typing import TextIO

_lock = threading.RLock()  # translation reports from worker threads
_active: Bar | None = None
WIDTH = 24  # characters of the bar itself


def interactive(stream: TextIO) -> bool:
    """True when `stream` is a terminal that understands carriage return and erase-line."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def say(text: str, stream: TextIO | None = None) -> None:
    """A message line; on a terminal it goes above the active bar, which is then redrawn."""
    stream = stream or sys.stderr
    with _lock:
        bar = _active if _active is not None and _active.stream is stream and _active.tty else None
        stream.write(("\r\033[K" if bar else "") + f"llmigrate: {text}\n")
        if bar:
            bar.draw()
        stream.flush()


class Bar:
    """One stage's bar: `done` and `failed` out of `total` units."""

    def __init__(self, stage: str, total: int, stream: TextIO | None = None, noun: str = "units"):
        self.stage, self.total, self.noun = stage, total, noun
        self.stream = stream or sys.stderr
        self.tty = interactive(self.stream)
        self.done = self.failed = 0
        self.note = ""

    def __enter__(self) -> Bar:
        global _active
        with _lock:
            _active = self
            if self.tty:  # shown at once: the first unit (or cargo check) can take a while
                self.draw()
                self.stream.flush()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, done: int, failed: int, note: str = "", line: str | None = None,
               quiet: bool = False) -> None:
        """Set the counts; off a terminal print `line` (default: `<stage>: d/t units done, f failed`) unless
        `quiet` (work reused from an earlier run, summed up once by the caller)."""
        with _lock:
            self.done, self.failed, self.note = done, failed, note
            if quiet and not self.tty:
                return
            if self.tty:
                self.draw()
                self.stream.flush()
                return
        default = f"{self.stage}: {done}/{self.total} {self.noun} done, {failed} failed"
        say(line if line is not None else default + (f" ({note})" if note else ""), self.stream)

    def text(self) -> str:
        """The bar as one line: stage, filled part, counts, note."""
        filled = WIDTH * self.done // self.total if self.total else WIDTH
        bar = "#" * filled + "-" * (WIDTH - filled)
        counts = f"{self.done}/{self.total} {self.noun}, {self.failed} failed"
        return f"llmigrate: {self.stage} [{bar}] {counts}" + (f"  {self.note}" if self.note else "")

    def draw(self) -> None:
        """Redraw the bar in place, cut to the terminal's width."""
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write("\r\033[K" + self.text()[:width])

    def close(self) -> None:
        """End the bar's line (a terminal keeps its final state on screen)."""
        global _active
        with _lock:
            if self.tty:
                self.draw()
                self.stream.write("\n")
                self.stream.flush()
            if _active is self:
                _active = None
