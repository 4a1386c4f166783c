"""An answer that returned survives SIGKILL of the process at any moment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta

import pytest

from gdgame.study import Collection

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from gdgame.study import Collection

    path, start = sys.argv[1], int(sys.argv[2])
    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    col = Collection.open(path, now=t0)
    ids = [card.id for card in col.cards()]
    n = start
    while True:
        col.answer(ids[n % len(ids)], 1 + n % 4, now=t0 + timedelta(hours=n))
        print(n, flush=True)
        n += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_kill_minus_nine_loses_no_acknowledged_answer(tmp_path):
    path = tmp_path / "gdgame.sqlite3"
    Collection.open(path).close()
    acknowledged: list[int] = []
    start = 0
    for round_number in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(start)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        wanted = 20 + 17 * round_number
        assert child.stdout is not None
        for _ in range(wanted):
            line = child.stdout.readline()
            assert line, "the child stopped early"
            acknowledged.append(int(line))
        time.sleep(0.01 * round_number)  # kill at a different point of the loop each time
        child.send_signal(signal.SIGKILL)
        child.stdout.close()
        child.wait(10)
        col = Collection.open(path)
        try:
            times = {r.time for r in col.reviews()}
            start = len(col.reviews())
        finally:
            col.close()
        t0 = datetime(2026, 3, 1, tzinfo=UTC)
        missing = [n for n in acknowledged if t0 + timedelta(hours=n) not in times]
        assert not missing, f"answers acknowledged but lost after kill -9: {missing}"
        assert start >= len(acknowledged)
