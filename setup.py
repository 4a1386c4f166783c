"""Ship the top-level resources/ folder inside the wheel as gdgame/_resources.

Everything else is configured in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithResources(build_py):
    """Copy resources/ into the built package so wheels carry the data."""

    def run(self):
        super().run()
        source = HERE / "resources"
        target = Path(self.build_lib) / "gdgame" / "_resources"
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                destination = target / path.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                self.copy_file(str(path), str(destination))


setup(cmdclass={"build_py": BuildPyWithResources})
