"""Progress of a long run on stderr: a bar on a terminal, a plain line now and then elsewhere.

In: how much work there is (:meth:`Progress.add`) and each piece done
(:meth:`Progress.advance`). Out: text on the given stream only — never in the generated
output. Nothing is shown for runs shorter than ``delay`` seconds, so quick runs and tests
stay quiet; a terminal gets one line redrawn in place (at most ten times a second), a log
(CI, a pipe) a line every ``every`` seconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 30


class Progress:
    def __init__(self, label: str, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic, delay: float = 2.0,
                 every: float = 10.0) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.started = clock()
        self.delay = delay
        self.every = every
        self.total = 0
        self.done = 0
        self.shown_at: float | None = None
        try:
            self.terminal = self.stream.isatty()
        except (AttributeError, ValueError):
            self.terminal = False

    def add(self, count: int) -> None:
        """``count`` more pieces of work to do."""
        self.total += count

    def advance(self, count: int = 1) -> None:
        """``count`` pieces done."""
        self.done += count
        now = self.clock()
        if now - self.started < self.delay:
            return
        gap = 0.1 if self.terminal else self.every
        if self.shown_at is None or now - self.shown_at >= gap or self.done == self.total:
            self._show(now)

    def line(self, now: float) -> str:
        fraction = self.done / self.total if self.total else 1.0
        elapsed = now - self.started
        text = f"{self.label}: {self.done}/{self.total} articles ({fraction:.0%}, {elapsed:.0f} s)"
        if self.terminal:
            filled = round(BAR_WIDTH * fraction)
            text = f"{self.label}: [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] " + \
                text.split(": ", 1)[1]
        return text

    def _show(self, now: float) -> None:
        self.shown_at = now
        if self.terminal:
            self.stream.write("\r" + self.line(now) + "\x1b[K")
        else:
            self.stream.write(self.line(now) + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line (a terminal only, and only when one was drawn)."""
        if self.terminal and self.shown_at is not None:
            self.stream.write("\n")
            self.stream.flush()
