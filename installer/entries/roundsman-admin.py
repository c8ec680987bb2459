"""The frozen roundsman-admin: core.cli's main (the spawned children of the route planner and of
the invoice printer start in this executable too, so freeze_support comes first)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from core.cli import main

    sys.exit(main())
