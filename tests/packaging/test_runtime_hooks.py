"""The frozen app's runtime hooks: output redirection and the QtOpenGL placeholder."""

from __future__ import annotations

import importlib
import io
import sys

import pytest


@pytest.fixture(scope="module")
def hook(load_packaging):
    return load_packaging("rthook_frozen_logging")


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["gdgame"], False),
        (["gdgame", "--data-dir", "x"], False),
        (["gdgame", "--smoke-test"], True),
        (["gdgame", "--startup-probe"], True),
        (["gdgame", "--version"], True),
        (["gdgame", "-h"], True),
        (["gdgame", "deck", "export", "f.apkg"], True),
        (["gdgame", "--data-dir", "d", "deck", "import", "f.csv"], True),
        (["gdgame", "--data-dir=d", "deck", "export", "f.apkg"], True),
        (["gdgame", "--data-dir", "deck"], False),  # a folder called "deck" is no command
        (["gdgame", "db", "check"], True),  # its answer must reach a pipe or script
        (["gdgame", "--data-dir", "d", "db", "recover"], True),
    ],
)
def test_command_line_modes(hook, argv, expected):
    assert hook.is_command_line_mode(argv) is expected


def test_every_command_line_tool_of_gdgame_keeps_its_output(hook):
    from gdgame.cli import TOOLS

    assert set(TOOLS) == hook.CLI_SUBCOMMANDS


def test_redirect_decisions(hook):
    gui, smoke = ["gdgame"], ["gdgame", "--smoke-test"]
    no_env: dict = {}
    assert hook.should_redirect(None, gui, no_env)  # windowed build: nowhere else to go
    assert hook.should_redirect(None, smoke, no_env)
    assert hook.should_redirect(io.StringIO(), gui, no_env)  # desktop launcher: no tty
    assert not hook.should_redirect(io.StringIO(), smoke, no_env)  # parent reads the pipe
    assert not hook.should_redirect(_Terminal(), gui, no_env)  # user watches a terminal
    assert not hook.should_redirect(io.StringIO(), gui, {hook.OPT_OUT_ENV: "1"})


def test_data_dir_argument_forms(hook):
    assert hook.data_dir_argument(["gdgame", "--data-dir", "/d"]) == "/d"
    assert hook.data_dir_argument(["gdgame", "--data-dir=/e"]) == "/e"
    assert hook.data_dir_argument(["gdgame", "--data-dir"]) is None


def test_log_folder_follows_data_dir(hook, tmp_path):
    assert hook.log_folder(["gdgame", "--data-dir", str(tmp_path)]) == tmp_path / "logs"


def test_rotating_stream_rotates_and_keeps_backups(hook, tmp_path):
    path = tmp_path / "out.log"
    stream = hook.RotatingTextStream(path, "test", max_bytes=100, backups=2)
    try:
        for index in range(30):
            stream.write(f"line {index:03d} of output\n")
        stream.flush()
        assert not stream.isatty()
    finally:
        stream.close()
    assert stream.write("after close") == 0
    assert path.read_text().endswith("line 029 of output\n")
    assert (tmp_path / "out.log.1").is_file() and (tmp_path / "out.log.2").is_file()
    assert not (tmp_path / "out.log.3").exists()


def test_install_redirects_only_streams_that_need_it(hook, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    target = hook.install(["gdgame"], folder=tmp_path, crash_log=False)
    try:
        assert target == tmp_path / hook.OUTPUT_LOG_NAME
        assert sys.stderr is terminal
        print("hello from a windowed app")
        sys.stdout.flush()
        assert "hello from a windowed app" in target.read_text()
    finally:
        sys.stdout.close()


def test_install_leaves_a_smoke_test_pipe_alone(hook, tmp_path, monkeypatch):
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stdout", pipe)
    monkeypatch.setattr(sys, "stderr", pipe)
    assert hook.install(["gdgame", "--smoke-test"], folder=tmp_path, crash_log=False) is None
    assert sys.stdout is pipe
    assert not (tmp_path / hook.OUTPUT_LOG_NAME).exists()


def test_qtopengl_placeholder_explains_itself(load_packaging):
    stub = load_packaging("rthook_qtopengl_stub")
    name = "gdgame_test_missing_gl_module"
    finder = stub.install({name})
    try:
        module = importlib.import_module(name)
        with pytest.raises(AttributeError, match="not part of gdgame's frozen build"):
            module.QOpenGLBuffer  # noqa: B018
        with pytest.raises(ImportError):
            exec(f"from {name} import QOpenGLShader", {})
    finally:
        sys.meta_path.remove(finder)
        sys.modules.pop(name, None)


def test_qtopengl_placeholder_never_hides_a_real_module(load_packaging):
    stub = load_packaging("rthook_qtopengl_stub")
    finder = stub.PlaceholderFinder({"json"})
    sys.meta_path.append(finder)
    try:
        sys.modules.pop("json", None)
        assert hasattr(importlib.import_module("json"), "dumps")
    finally:
        sys.meta_path.remove(finder)
