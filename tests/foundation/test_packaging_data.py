"""The built wheel carries resources/ and finds it once installed (no source checkout)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("src")
    for name in ("gdgame", "resources"):
        shutil.copytree(
            REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
        )
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(REPO / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (built,) = out.glob("gdgame-*.whl")
    return built


def test_wheel_contains_every_resource_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p for p in (REPO / "resources").rglob("*") if p.is_file()]
    assert shipped, "resources/ is empty"
    missing = [
        str(p.relative_to(REPO))
        for p in shipped
        if "gdgame/_resources/" + p.relative_to(REPO / "resources").as_posix() not in names
    ]
    assert not missing, f"not in the wheel: {missing[:10]}"


def test_installed_wheel_finds_its_resources(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    result = subprocess.run(
        [
            str(python),
            "-c",
            "import gdgame.resources as r; "
            "print(r.root()); print(r.path('RESOURCES.md').is_file())",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    root, exists = result.stdout.split()
    assert Path(root).is_relative_to(env_dir)
    assert root.endswith("_resources")
    assert exists == "True"
