"""One checkout's ``compute_status``, timed in this process (the child of
``bench.status_pass --baseline TREE``; run by its path, so only TREE's ``desktop`` is
importable):

    python bench/status_of_tree.py TREE DB_PATH RUNS

Prints one line of JSON: the CPU milliseconds of ``RUNS`` full passes after a warm-up,
each snapshot dropped untimed. ``DB_PATH`` is opened read-only, so a tree older than the
database reads it as it is (every statement of a pass names its columns); the pass is
found where the tree keeps it: ``desktop.models.status_queries`` now,
``desktop.models.coordination_queries`` in the trees of 2026-11-29 (issue 14 was filed
against d47e2e6, whose pass took 3.0 s at 100k tasks on the filer's host).
"""

from __future__ import annotations

import gc
import json
import sqlite3
import sys
import time
from pathlib import Path


def main() -> None:
    tree, path, runs = Path(sys.argv[1]).resolve(), Path(sys.argv[2]), int(sys.argv[3])
    sys.path[0] = str(tree)  # (this script's folder out: only the tree's packages)
    from sqlite_utils import Database

    try:
        from desktop.models.status_queries import compute_status
    except ImportError:  # (a tree from before the status pass had its own module)
        from desktop.models.coordination_queries import compute_status  # type: ignore[no-redef]

    db = Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
    compute_status(db)  # (a warm-up: the pages in the OS cache, the modules imported)
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.process_time()
        snapshot = compute_status(db)
        times.append((time.process_time() - started) * 1000)
        del snapshot
    print(json.dumps({"tree": str(tree), "cpu_ms": times}), flush=True)


if __name__ == "__main__":
    main()
