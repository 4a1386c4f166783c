"""Benchmark the descent engine: 10,000 hikers x 1,000 SGD steps on the Rosenbrock banana,
and 10,000 hikers x 300 mini-batch steps on the penguin line (a model on real data).

Prints figures only (no asserts; speed is never a test):

* the engine's ``descend`` (recording every position, loss and gradient) versus a
  hand-written NumPy loop doing the same maths and recording the same arrays
  (target: engine <= 1.5x the hand loop);
* the same comparison without recording (``lr_sweep``'s path: only the final state);
* the engine versus looping over hikers one at a time in Python (target: >= 50x faster).
  Those loops are slow, so they run on a subset of hikers and the time is scaled up to all
  hikers; the output says so;
* mini-batch SGD on ``penguin_mass`` (every hiker feels the same shuffled batch of real
  penguins at each step) through ``descend`` versus a hand-written NumPy loop dealing the
  same batches from the same seeded generator and recording the same arrays
  (target: engine <= 1.5x the hand loop).

Run:  python benchmarks/engine.py [--hikers 10000] [--steps 1000] [--subset 100]
                                  [--mb-steps 300] [--batch 32] [--only-minibatch]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from gdgame.engine import descend, get_landscape, make_optimizer
from gdgame.engine.descent import Descent

LR = 1e-4
MB_LR = 0.05
MB_SEED = 7


def starts(n: int) -> np.ndarray:
    return np.random.default_rng(0).uniform([-2.0, -1.0], [2.0, 3.0], size=(n, 2))


def rosen_value(X):
    x, y = X[:, 0], X[:, 1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def rosen_gradient(X):
    x, y = X[:, 0], X[:, 1]
    w = 200 * (y - x * x)
    return np.stack([-2 * (1 - x) - 2 * x * w, w], axis=1)


def hand_loop(X0: np.ndarray, steps: int, record: bool = True):
    """Plain NumPy: SGD, loss and finite check each step, recording like ``descend``."""
    X = X0.copy()
    n = len(X)
    positions = losses = gradients = None
    if record:
        positions = np.empty((steps + 1, n, 2))
        losses = np.empty((steps + 1, n))
        gradients = np.empty((steps + 1, n, 2))
    with np.errstate(all="ignore"):
        loss = rosen_value(X)
        G = rosen_gradient(X)
        if record:
            positions[0], losses[0], gradients[0] = X, loss, G
        for k in range(steps):
            X -= LR * G
            loss = rosen_value(X)
            if not (np.isfinite(loss).all() and np.isfinite(X).all()):
                raise RuntimeError("benchmark rates should not diverge")
            G = rosen_gradient(X)
            if record:
                positions[k + 1], losses[k + 1], gradients[k + 1] = X, loss, G
    return X, positions, losses, gradients


def engine_no_record(landscape, X0, steps):
    core = Descent(landscape, X0, make_optimizer("sgd", LR))
    for _ in range(steps):
        core.step()
    return core.X


def per_hiker_numpy(X0, steps):
    """One hiker at a time, NumPy on arrays of shape (2,): the naive way to write it."""
    out = []
    for x in X0:
        x = x.copy()
        for _ in range(steps):
            w = 200 * (x[1] - x[0] ** 2)
            g = np.array([-2 * (1 - x[0]) - 2 * x[0] * w, w])
            x -= LR * g
            _loss = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
        out.append(x)
    return out


def per_hiker_floats(X0, steps):
    """One hiker at a time with plain Python floats (the fastest pure-Python version)."""
    out = []
    for x, y in X0.tolist():
        for _ in range(steps):
            w = 200.0 * (y - x * x)
            gx = -2.0 * (1.0 - x) - 2.0 * x * w
            x, y = x - LR * gx, y - LR * w
            _loss = (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2
        out.append((x, y))
    return out


def per_hiker_engine(landscape, X0, steps):
    """One hiker at a time through the engine's own ``descend``."""
    return [descend(landscape, x, make_optimizer("sgd", LR), steps).positions[-1] for x in X0]


def best_of(repeats: int, fn, *args) -> tuple[float, object]:
    """Fastest of several runs; the previous result is dropped first so that every run
    allocates its (large) output arrays under the same conditions."""
    best, result = np.inf, None
    for _ in range(repeats):
        result = None
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def penguin_starts(landscape, n: int) -> np.ndarray:
    lo, hi = np.array(landscape.bounds).T
    return np.random.default_rng(1).uniform(lo, hi, size=(n, 2))


def minibatch_hand_loop(landscape, X0: np.ndarray, steps: int, batch: int, per_hiker=False):
    """Plain NumPy mini-batch SGD on the penguin line: shuffle the rows every epoch with the
    same seeded generator, deal ``batch`` rows per step, record like ``descend``.

    The batch gradient is 2 (M_b w - c_b) from the batch's sums, as the engine computes it;
    ``per_hiker=True`` writes it the direct way instead (each hiker's residual on each
    penguin of the batch), which costs batch-size times more arithmetic."""
    A, y = landscape.design, landscape.target
    M, best, floor = landscape.moments, landscape.minima[0], landscape.global_min_value
    rows_total = len(y)
    rng = np.random.default_rng(MB_SEED)
    order, cursor = None, rows_total
    X = X0.copy()
    n = len(X)
    positions = np.empty((steps + 1, n, 2))
    losses = np.empty((steps + 1, n))
    gradients = np.empty((steps + 1, n, 2))

    def batch_gradient(X):
        nonlocal order, cursor
        if cursor >= rows_total:
            order, cursor = rng.permutation(rows_total), 0
        rows = order[cursor : cursor + batch]
        cursor += len(rows)
        Ab, yb = A[rows], y[rows]
        if per_hiker:  # residual of every hiker on every penguin of the batch
            return (2.0 / len(rows)) * ((X @ Ab.T - yb) @ Ab)
        Mb, cb = Ab.T @ Ab * (2.0 / len(rows)), Ab.T @ yb * (2.0 / len(rows))
        return np.column_stack(
            [
                Mb[0, 0] * X[:, 0] + Mb[0, 1] * X[:, 1] - cb[0],
                Mb[1, 0] * X[:, 0] + Mb[1, 1] * X[:, 1] - cb[1],
            ]
        )

    def loss(X):
        a, b = X[:, 0] - best[0], X[:, 1] - best[1]
        return floor + (M[0, 0] * a * a + 2.0 * M[0, 1] * a * b + M[1, 1] * b * b)

    with np.errstate(all="ignore"):
        positions[0], losses[0] = X, loss(X)
        G = gradients[0] = batch_gradient(X)
        for k in range(steps):
            X -= MB_LR * G
            current = loss(X)
            if not (np.isfinite(current).all() and np.isfinite(X).all()):
                raise RuntimeError("benchmark rates should not diverge")
            G = batch_gradient(X)
            positions[k + 1], losses[k + 1], gradients[k + 1] = X, current, G
    return positions, losses, gradients


def minibatch_section(n: int, steps: int, batch: int, repeats: int) -> None:
    line = get_landscape("penguin_mass", batch_size=batch)
    X0 = penguin_starts(line, n)
    print(
        f"Penguin line, mini-batch SGD lr={MB_LR}, batch {batch} of {line.n_rows} penguins, "
        f"{n:,} hikers x {steps:,} steps (best of {repeats})"
    )
    opt = make_optimizer("sgd", MB_LR)
    t_engine, path = best_of(repeats, descend, line, X0, opt, steps, None, 0.0, MB_SEED)
    hand = minibatch_hand_loop(line, X0[:50], steps, batch)
    same = np.allclose(path.positions[:, :50], hand[0], rtol=1e-12, atol=1e-12)
    path = hand = None
    t_hand, _ = best_of(repeats, minibatch_hand_loop, line, X0, steps, batch)
    print(f"  engine descend (records everything): {t_engine:8.3f} s")
    print(f"  hand-written NumPy loop (same):      {t_hand:8.3f} s")
    print(f"  ratio engine / hand loop:            {t_engine / t_hand:8.2f}x  (target <= 1.5x)")
    print(f"  same batches, same positions:        {same}")
    t_direct, _ = best_of(repeats, minibatch_hand_loop, line, X0, steps, batch, True)
    print(f"  hand loop, residual per hiker+row:   {t_direct:8.3f} s  (the direct way)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hikers", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=1_000)
    parser.add_argument("--subset", type=int, default=100, help="hikers timed in Python loops")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--mb-steps", type=int, default=300, help="mini-batch steps")
    parser.add_argument("--batch", type=int, default=32, help="penguins per mini-batch")
    parser.add_argument("--only-minibatch", action="store_true")
    args = parser.parse_args()
    n, steps, r = args.hikers, args.steps, args.repeats
    if args.only_minibatch:
        minibatch_section(n, args.mb_steps, args.batch, r)
        return
    banana = get_landscape("rosenbrock")
    X0 = starts(n)
    print(f"Rosenbrock, SGD lr={LR}, {n:,} hikers x {steps:,} steps (best of {r})")

    t_engine, path = best_of(r, descend, banana, X0, make_optimizer("sgd", LR), steps)
    same = np.allclose(path.positions[-1, :50], hand_loop(X0[:50], steps)[0], rtol=1e-12, atol=0)
    path = None
    t_hand, _ = best_of(r, hand_loop, X0, steps)
    print(f"  engine descend (records everything): {t_engine:8.3f} s")
    print(f"  hand-written NumPy loop (same):      {t_hand:8.3f} s")
    print(f"  ratio engine / hand loop:            {t_engine / t_hand:8.2f}x  (target <= 1.5x)")
    print(f"  same final positions:                {same}")

    t_core, _ = best_of(r, engine_no_record, banana, X0, steps)
    t_bare, _ = best_of(r, hand_loop, X0, steps, False)
    print(f"  engine core, no recording:           {t_core:8.3f} s")
    print(f"  hand loop, no recording:             {t_bare:8.3f} s")
    print(f"  ratio (no recording):                {t_core / t_bare:8.2f}x")

    m = min(args.subset, n)
    print(f"  per-hiker Python loops, timed on {m} hikers and scaled x{n / m:g} to {n:,}:")
    loops = [
        ("engine descend per hiker", per_hiker_engine, (banana, X0[:m], steps)),
        ("NumPy (2,) arrays per hiker", per_hiker_numpy, (X0[:m], steps)),
        ("plain Python floats per hiker", per_hiker_floats, (X0[:m], steps)),
    ]
    for label, fn, fn_args in loops:
        t_all = best_of(1, fn, *fn_args)[0] * n / m
        print(f"    {label:30s} {t_all:8.1f} s -> engine is {t_all / t_engine:6.0f}x faster")
    print("  (target: engine >= 50x faster than a per-hiker Python loop)")
    minibatch_section(n, args.mb_steps, args.batch, r)


if __name__ == "__main__":
    main()
