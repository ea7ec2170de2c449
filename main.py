"""Liandong (联动) launcher: ``python main.py [command] ...``; see ``--help``."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
