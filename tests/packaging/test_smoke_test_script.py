"""packaging/smoke_test.py: arguments, verdicts, and runs against stand-in binaries."""

from __future__ import annotations

import sys
import textwrap

import pytest

ALL_SCREENS = ("home", "hike", "lab", "learn", "cards", "quiz", "stats")
GOOD_OUTPUT = "".join(f"screen {s}: ok\n  {s}: did things\n" for s in ALL_SCREENS) + (
    "smoke test passed\n"
)


@pytest.fixture(scope="module")
def smoke(load_packaging):
    return load_packaging("smoke_test")


def fake_binary(tmp_path, body: str):
    """An executable Python script standing in for the frozen gdgame."""
    path = tmp_path / "fake-gdgame"
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body))
    path.chmod(0o755)
    return path


def test_good_output_passes(smoke):
    assert smoke.check_output(0, GOOD_OUTPUT, ALL_SCREENS) == []
    assert smoke.screens_reported(GOOD_OUTPUT) == list(ALL_SCREENS)


@pytest.mark.parametrize(
    ("returncode", "output", "problem"),
    [
        (1, GOOD_OUTPUT, "exit code 1"),
        (None, GOOD_OUTPUT, "timed out"),
        (0, GOOD_OUTPUT.replace("screen lab: ok\n", ""), "screens not reported: lab"),
        (0, GOOD_OUTPUT + "Traceback (most recent call last):\n", "'Traceback'"),
        (0, GOOD_OUTPUT + "ModuleNotFoundError: No module named 'x'\n", "ModuleNotFoundError"),
        (0, GOOD_OUTPUT + "ImportError: cannot import name 'y'\n", "'ImportError'"),
        (0, GOOD_OUTPUT.replace("smoke test passed", "done"), "no 'smoke test passed'"),
    ],
)
def test_each_failure_is_named(smoke, returncode, output, problem):
    problems = smoke.check_output(returncode, output, ALL_SCREENS)
    assert any(problem in p for p in problems), problems


def test_a_screen_line_must_say_ok(smoke):
    assert smoke.screens_reported("screen lab: failed\nscreen hike: ok\n") == ["hike"]


def test_arguments(smoke, load_packaging):
    cfg = load_packaging("freeze_config")
    args = smoke.parse_args([])
    assert args.binary == cfg.executable_path()
    assert args.timeout == 60.0
    assert args.screens == ALL_SCREENS
    assert args.platform == "offscreen"
    args = smoke.parse_args(["/x/gdgame", "--timeout", "5", "--screens", "home, hike"])
    assert (str(args.binary), args.timeout, args.screens) == ("/x/gdgame", 5.0, ("home", "hike"))
    with pytest.raises(SystemExit):
        smoke.parse_args(["--timeout", "0"])


def test_missing_binary_exits_2(smoke, tmp_path, capsys):
    assert smoke.main([str(tmp_path / "nope")]) == 2
    assert "no frozen app" in capsys.readouterr().out


def test_passes_a_binary_that_reports_every_screen(smoke, tmp_path, capsys):
    binary = fake_binary(
        tmp_path,
        f"""
        import os, sys
        assert sys.argv[1] == "--smoke-test" and sys.argv[2] == "--data-dir"
        assert os.path.isdir(sys.argv[3]), "temporary data folder missing"
        assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
        sys.stdout.write({GOOD_OUTPUT!r})
        """,
    )
    assert smoke.main([str(binary)]) == 0
    assert "FROZEN SMOKE TEST PASSED (7 screens)" in capsys.readouterr().out


def test_fails_a_binary_that_crashes(smoke, tmp_path, capsys):
    binary = fake_binary(tmp_path, "import sys\nprint('screen home: ok')\nraise SystemExit(3)\n")
    assert smoke.main([str(binary), "--screens", "home"]) == 1
    out = capsys.readouterr().out
    assert "exit code 3" in out and "no 'smoke test passed'" in out


def test_stderr_tracebacks_are_caught(smoke, tmp_path):
    binary = fake_binary(
        tmp_path,
        f"""
        import sys
        sys.stdout.write({GOOD_OUTPUT!r})
        sys.stdout.flush()
        sys.stderr.write("Traceback (most recent call last):\\n")
        """,
    )
    result = smoke.run_smoke_test(binary, timeout=30)
    assert not result.passed
    assert result.problems == ["output contains 'Traceback'"]


def test_hanging_binary_times_out(smoke, tmp_path):
    binary = fake_binary(tmp_path, "import time\nprint('screen home: ok', flush=True)\n"
                                   "time.sleep(30)\n")  # fmt: skip
    result = smoke.run_smoke_test(binary, timeout=1.0, required=("home",))
    assert result.returncode is None
    assert "timed out" in result.problems
