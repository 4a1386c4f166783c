"""The steps of one Lab run, made on demand and shared by successive workers (Qt-free).

A run's generator (``hiker_stream``) holds its whole state: positions, optimiser memory,
noise generator, step number. Keeping the generator itself between workers means a worker
started after a stop (leaving the Lab, coming back) resumes from that state at once,
instead of replaying every step already recorded.

Only one worker may pull at a time (a lock); a cancelled worker gives the lock back within
one step. Every batch is numbered by its first step, and handed over while the lock is held,
so batches arrive in order and the recording can tell a batch it already has.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator


class StepSource:
    """``take(count, cancelled, deliver)`` pulls up to ``count`` steps from the generator."""

    def __init__(self, factory: Callable[[], Iterator], total: int):
        self._factory = factory
        self._stream: Iterator | None = None
        self._lock = threading.Lock()
        self.total = int(total)
        self.produced = 0  # steps pulled from the generator so far
        self.done = False
        self.error: BaseException | None = None

    def take(
        self,
        count: int,
        cancelled: Callable[[], bool],
        deliver: Callable[[int, list], None],
    ) -> int:
        """Pull steps until ``count``, the end, or ``cancelled()`` (checked before each step).

        ``deliver(first_step, items)`` is called (lock held) with what was pulled, even when
        cancelled midway, so no step is ever lost. Returns how many steps were pulled.
        Exceptions from the generator are stored in ``error`` and re-raised (it is done).
        """
        with self._lock:
            first, items = self.produced, []
            try:
                if self._stream is None and not self.done:
                    self._stream = self._factory()
                while len(items) < max(1, count) and not self.done and not cancelled():
                    try:
                        items.append(next(self._stream))
                    except StopIteration:
                        self.done = True
                        break
                    self.produced += 1
                    self.done = self.produced >= self.total
            except Exception as error:
                self.done, self.error = True, error
                raise
            finally:
                if items:
                    deliver(first, items)
            return len(items)
