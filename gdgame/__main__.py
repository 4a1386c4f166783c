"""`python -m gdgame` runs the same entry point as the `gdgame` command."""

import sys

from gdgame.cli import main

if __name__ == "__main__":
    sys.exit(main())
