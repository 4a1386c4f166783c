"""Lab presets: the shared ids exist, every hiker is valid, and each preset shows its lesson."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import descend, get_landscape, make_optimizer, safe_lr
from gdgame.engine.presets import (
    MAX_HIKERS,
    OPTIMIZERS,
    PRESETS,
    SCHEDULES,
    get_preset,
    list_presets,
)
from gdgame.ui.lab.run_setup import build_landscape, choice_for_preset, hiker_stream

SHARED_IDS = ["overshoot-demo", "too-small", "momentum-ravine", "decay-schedule", "penguin-batches"]


def run(preset):
    landscape = build_landscape(choice_for_preset(preset))
    steps = list(hiker_stream(landscape, list(preset.hikers), preset.steps, preset.noise, 0))
    return landscape, steps


def test_shared_preset_ids_exist_in_menu_order():
    assert list_presets() == SHARED_IDS


def test_unknown_preset_names_the_known_ones():
    with pytest.raises(KeyError, match="overshoot-demo"):
        get_preset("nope")


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.id)
def test_every_hiker_is_valid_for_its_landscape(preset):
    landscape = build_landscape(choice_for_preset(preset))
    assert 2 <= len(preset.hikers) <= MAX_HIKERS
    assert preset.title and preset.description
    for hiker in preset.hikers:
        assert hiker.optimizer in OPTIMIZERS
        assert hiker.schedule in SCHEDULES
        assert len(hiker.start) == landscape.dim
        assert landscape.contains(np.array(hiker.start))
        assert hiker.describe()


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.id)
def test_stream_yields_start_plus_every_step(preset):
    landscape, steps = run(preset)
    assert len(steps) == preset.steps + 1
    positions, losses, gradients, lrs, diverged, batches = steps[0]
    n = len(preset.hikers)
    assert positions.shape == (n, landscape.dim) and losses.shape == (n,)
    width = landscape.batch_size if landscape.stochastic else 0
    assert batches.shape == (n, width)
    np.testing.assert_allclose(positions, [h.start for h in preset.hikers])
    assert np.isnan(lrs).all()  # no step taken yet at step 0


def test_overshoot_demo_shows_glide_zigzag_and_blow_up():
    preset = get_preset("overshoot-demo")
    landscape, steps = run(preset)
    safe = safe_lr(landscape, np.array(preset.hikers[0].start))
    rates = [h.lr for h in preset.hikers]
    assert rates[0] < rates[1] < safe < rates[2]
    final = steps[-1][1]
    assert final[0] < 1e-6 and final[1] < 1e-2  # both below the safe rate settle
    assert final[2] > steps[0][1][2]  # above it the loss grows


def test_too_small_crawls_while_a_good_rate_arrives():
    _, steps = run(get_preset("too-small"))
    start, final = steps[0][1], steps[-1][1]
    assert final[0] > 0.5 * start[0]  # the tiny rate barely moved
    assert final[2] < 1e-6


def test_momentum_beats_plain_sgd_on_the_ravine():
    _, steps = run(get_preset("momentum-ravine"))
    final = steps[-1][1]
    assert final[1] < final[0] / 100 and final[2] < final[0] / 100


def test_decay_schedule_settles_closer_than_a_constant_rate():
    preset = get_preset("decay-schedule")
    _, steps = run(preset)
    final = steps[-1][1]
    assert final[1] < final[0] and final[2] < final[0]
    rates = np.array([s[3] for s in steps[1:]])
    assert np.all(rates[:, 0] == pytest.approx(0.2))
    assert rates[-1, 1] < 0.2 and rates[-1, 2] < 0.2


def test_engine_runs_on_a_formula_landscape_like_on_its_own():
    from gdgame.engine.formula import make_formula_landscape

    custom = make_formula_landscape("0.5*(x**2 + 4*y**2)")
    builtin = get_landscape("quadratic", scales=(1.0, 4.0))
    a = descend(custom, [2.0, 1.0], make_optimizer("adam", 0.1), 30)
    b = descend(builtin, [2.0, 1.0], make_optimizer("adam", 0.1), 30)
    np.testing.assert_allclose(a.positions, b.positions, atol=1e-12)
    assert safe_lr(custom, [0.0, 0.0]) == pytest.approx(0.5)


def test_stream_matches_the_engine_descend_for_each_hiker():
    from gdgame.engine.presets import HikerSpec
    from gdgame.ui.lab.run_setup import make_hiker_optimizer, make_hiker_schedule

    landscape = get_landscape("rosenbrock")
    hikers = [
        HikerSpec("momentum", 1e-3, (-1.2, 1.0), {"momentum": 0.8}),
        HikerSpec("adam", 0.02, (0.5, 2.0), schedule="cosine", schedule_params={"t_max": 20}),
    ]
    stream = list(hiker_stream(landscape, hikers, 20, noise=0.3, seed=5))
    for i, spec in enumerate(hikers):
        path = descend(
            landscape,
            np.array(spec.start),
            make_hiker_optimizer(spec),
            20,
            schedule=make_hiker_schedule(spec),
            noise=0.3,
            seed=5 + i,
        )
        positions = np.stack([step[0][i] for step in stream])
        np.testing.assert_allclose(positions, path.positions, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose([step[3][i] for step in stream[1:]], path.lrs)
