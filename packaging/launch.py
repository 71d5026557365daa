"""The bundle's entry point (PyInstaller needs a script): the same ``main`` as the
installed ``coprod-workshop`` command."""

import sys

from coprod_workshop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
