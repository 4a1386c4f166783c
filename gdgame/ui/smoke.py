"""``gdgame --smoke-test``: build the window, visit every screen, exercise each briefly."""

from __future__ import annotations

import logging
import time
import traceback

from PySide6.QtCore import QEventLoop, QTimer

from gdgame.paths import AppPaths


def wait(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds (test helper, not for product code)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class _ErrorCounter(logging.Handler):
    """Remembers every traceback logged while the smoke test runs (each one fails it)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or "Traceback" in record.getMessage():
            self.records.append(record)

    def first(self) -> str | None:
        if not self.records:
            return None
        record = self.records[0]
        return f"{record.name}: {record.getMessage().splitlines()[0]}"


def run_smoke_test(paths: AppPaths) -> int:
    """Visit and exercise every screen; exit 1 if anything failed or logged a traceback."""
    started = time.monotonic()
    errors = _ErrorCounter()
    logger = logging.getLogger("gdgame")
    logger.addHandler(errors)
    try:
        return _run(paths, started, errors)
    finally:
        logger.removeHandler(errors)


def _run(paths: AppPaths, started: float, errors: _ErrorCounter) -> int:
    window = None
    try:
        from gdgame.ui.app import build_window

        app, window, reporter = build_window(paths, interactive=False)
        window.show()
        wait(100)
        for screen_id, screen in window.screens.items():
            window.navigate(screen_id)
            wait(100)
            lines = screen.smoke(wait)
            print(f"screen {screen_id}: ok", flush=True)
            for line in lines:
                print(f"  {line}", flush=True)
            problem = reporter.errors[0] if reporter.errors else errors.first()
            if problem:
                raise RuntimeError(f"error while on {screen_id}: {problem}")
        window.close()
        wait(50)
        problem = reporter.errors[0] if reporter.errors else errors.first()
        if problem:
            raise RuntimeError(problem)
    except Exception:
        traceback.print_exc()
        print("smoke test FAILED", flush=True)
        if window is not None:  # stop the screens' workers: a running QThread aborts the exit
            window.close()
            wait(50)
        return 1
    print(f"visited {len(window.screens)} screens in {time.monotonic() - started:.1f} s")
    print("smoke test passed", flush=True)
    return 0
