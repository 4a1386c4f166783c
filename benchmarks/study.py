"""Benchmark the study collection on 10,000 cards.

Prints figures only (no asserts; speed is never a test):

* ``col.due()`` (rows turned into Card records) versus a raw SQLite select of the same
  rows and columns (target: <= 2x the raw select);
* the time of one ``col.answer()``, which commits before returning (target: <= 5 ms).

Run:  python benchmarks/study.py [--cards 10000] [--answers 300]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from gdgame.study import Collection
from gdgame.study.schema import CARD_COLUMNS, iso


def best_of(repeats: int, action) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        col = Collection.open(Path(folder) / "gdgame.sqlite3")
        col.import_cards((f"question {i}", f"answer {i}") for i in range(args.cards))
        now = datetime.now(UTC) + timedelta(seconds=1)
        count = len(col.due(now))
        print(f"cards due: {count:,}")

        sql = (
            f"SELECT {CARD_COLUMNS} FROM study_cards WHERE suspended = 0 AND due <= ?"
            " ORDER BY flag = '', last_review IS NULL, due, id"
        )

        def raw_select():
            cursor = col.conn.cursor()
            cursor.row_factory = None
            return cursor.execute(sql, (iso(now),)).fetchall()

        raw = best_of(20, raw_select)
        ours = best_of(20, lambda: col.due(now))
        print(f"raw SQLite select : {raw * 1000:8.2f} ms")
        print(f"col.due()         : {ours * 1000:8.2f} ms  ({ours / raw:.2f}x raw; target <= 2x)")

        cards = col.due(now)[: args.answers]
        durations = []
        for index, card in enumerate(cards):
            started = time.perf_counter()
            col.answer(card.id, 1 + index % 4, now=now)
            durations.append(time.perf_counter() - started)
        durations.sort()
        p95 = durations[int(len(durations) * 0.95) - 1]
        print(
            f"col.answer() commit: median {statistics.median(durations) * 1000:.2f} ms, "
            f"p95 {p95 * 1000:.2f} ms over {len(durations)} answers (target <= 5 ms)"
        )
        col.close()


if __name__ == "__main__":
    main()
