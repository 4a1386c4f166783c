"""Entry script of the frozen app (PyInstaller runs this; same as the `gdgame` command)."""

import multiprocessing
import sys

from gdgame.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
