"""``gdgame --smoke-test``: build the window, visit every screen, exercise each briefly."""

from __future__ import annotations

import time
import traceback

from PySide6.QtCore import QEventLoop, QTimer

from gdgame.paths import AppPaths


def wait(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds (test helper, not for product code)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def run_smoke_test(paths: AppPaths) -> int:
    started = time.monotonic()
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
            if reporter.errors:
                raise RuntimeError(f"error while on {screen_id}: {reporter.errors[0]}")
        window.close()
        wait(50)
        if reporter.errors:
            raise RuntimeError(reporter.errors[0])
    except Exception:
        traceback.print_exc()
        print("smoke test FAILED", flush=True)
        return 1
    print(f"visited {len(window.screens)} screens in {time.monotonic() - started:.1f} s")
    print("smoke test passed", flush=True)
    return 0
