"""Command-line start-up: ``liandong --help``, one command per module and two reading
commands on the demo plan's database, against a bare Python.

    python -m bench.startup [--runs 20]

Repeated runs (hyperfine-style): the median wall time and the median CPU time
(user + system, ``resource.getrusage`` of the child) of each command line, and
their ratio to ``python -c pass``. CPU time is the steadier figure on a loaded
machine. ``python -X importtime main.py --help`` shows what is imported.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINES = {
    "bare python (python -c pass)": ["-c", "pass"],
    "liandong --help": ["main.py", "--help"],
    "liandong plans --help": ["main.py", "plans", "--help"],
    "liandong status --help": ["main.py", "status", "--help"],
    "liandong briefing --help": ["main.py", "briefing", "--help"],
    "liandong sync --help": ["main.py", "sync", "--help"],
    # a reading command against a real database (the demo plan, imported once)
    "liandong units (demo plan)": ["main.py", "--db", "{db}", "units"],
    "liandong status (demo plan)": ["main.py", "--db", "{db}", "status"],
}


def run(args: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, check=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", nargs="?", help="ignored (bench.run passes its database)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "LIANDONG_DATA_DIR": data}
        db = str(Path(data) / "demo-plan.db")
        demo = ["main.py", "--db", db, "import", str(ROOT / "assets/demo-plan-changchun-2023.txt")]
        subprocess.run([sys.executable, *demo], cwd=ROOT, env=env, capture_output=True, check=True)
        bare_wall = bare_cpu = 0.0
        for name, line in LINES.items():
            wall, cpu = run([a.format(db=db) for a in line], args.runs, env)
            if not bare_wall:
                bare_wall, bare_cpu = wall, cpu
            goal = "<= 100 ms" if name == "liandong --help" else "-"
            ratio = f"{wall / bare_wall:.1f}x wall, {cpu / bare_cpu:.1f}x CPU of bare python"
            print(
                f"{name}: {wall * 1000:.1f} ms (CPU {cpu * 1000:.1f} ms; {ratio}) (goal {goal})",
                flush=True,
            )


if __name__ == "__main__":
    main()
