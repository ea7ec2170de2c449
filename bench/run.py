"""Liandong benchmarks: prints one figure per line, ``name: value unit (goal)``.

    python -m bench.run [--scale 10000] [--db /tmp/province.db] [--only import,gui,...]

Builds the database with ``bench.generate`` when it does not exist: ``--scale``
tasks (50 per generated plan; 10,000 is today's province, the default, kept in
``/tmp/province.db``; other sizes in ``/tmp/province-N.db``). Each figure is the median of a few runs on this machine; goals come
from the issues. Runs offscreen (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "assets" / "demo-plan-changchun-2023.txt"


def database_argument(doc: str | None) -> Path:
    """The bench's DB_PATH (its first argument): ``-h``/``--help`` prints ``doc`` and
    exits 0; no argument, an option in its place or a path that is not a file prints the
    usage line and exits 2 (a mistyped flag must never become a new database file)."""
    args = sys.argv[1:]
    usage = (doc or "").strip().splitlines()
    if args and args[0] in ("-h", "--help"):
        print(doc or "")
        sys.exit(0)
    if not args or args[0].startswith("-") or not Path(args[0]).is_file():
        print(usage[2].strip() if len(usage) > 2 else "usage: DB_PATH …", file=sys.stderr)
        print(f"not a database file: {args[0]}" if args else "DB_PATH missing", file=sys.stderr)
        sys.exit(2)
    return Path(args[0])


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high``, else a usage error
    naming the range (a run of 0 edits or a typo must not end in a traceback)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not in {low}..{high}")
        return value

    return parse


def median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def median_wall_cpu(
    fn: Callable[[], object], runs: int = 5, setup: Callable[[], object] | None = None
) -> tuple[float, float]:
    """Median wall and process CPU milliseconds of ``fn()`` (after one warm-up call).
    ``setup``: called before each call, untimed (e.g. the last run's results dropped,
    so freeing them is not counted in the next).

    The machine may be shared: CPU time is what this process spent, wall time
    includes waiting for a core."""
    fn()
    walls, cpus = [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def report_wall_cpu(name: str, figures: tuple[float, float], goal: str) -> None:
    wall, cpu = figures
    print(f"{name}: {wall:.1f} ms wall, {cpu:.1f} ms CPU (goal {goal})", flush=True)


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.1f} {unit} (goal {goal})", flush=True)


def bench_import(tmp: Path) -> None:
    from desktop.importer import parse_file
    from desktop.models.store import Store

    report("parse seed plan", median_ms(lambda: parse_file(SEED), 10), "ms", "-")

    def import_fresh() -> None:
        path = tmp / f"import-{time.perf_counter_ns()}.db"
        store = Store.open(path)
        started = time.perf_counter()
        store.import_plan(parse_file(SEED))
        import_fresh.elapsed.append((time.perf_counter() - started) * 1000)
        store.close()

    import_fresh.elapsed = []  # type: ignore[attr-defined]
    for _ in range(5):
        import_fresh()
    report(
        "import seed plan (parse + write, db open excluded)",
        statistics.median(import_fresh.elapsed),  # type: ignore[attr-defined]
        "ms",
        "<= 100 ms",
    )


UNIT_POOL = ["市发改委", "市工信局", "市财政局", "市商务局", "市政数局", "市住建局", "市人社局"]


def large_plan_text(tasks: int = 300, per_section: int = 30) -> str:
    """A plan of ``tasks`` tasks, numbering restarting in every section, mixed wordings."""
    lines = ["某市重点工作任务分工方案", "列第一位者为牵头单位，下同。"]
    for s in range(tasks // per_section):
        lines.append(f"{'一二三四五六七八九十'[s % 10]}、第{s + 1}部分重点工作")
        for n in range(1, per_section + 1):
            a, b, c = (UNIT_POOL[(s + n + k) % len(UNIT_POOL)] for k in range(3))
            body = f"{n}. 推进第{s + 1}-{n}项工作，到2025年完成率达到{90 + n % 10}%。"
            if n % 3 == 0:
                lines.append(f"{body}（{a}牵头，{b}、{c}配合）")
            elif n % 3 == 1:
                lines.append(f"{body}（牵头单位：{a}；配合单位：{b}、{c}；完成时限：2025年底前）")
            else:
                lines.append(f"{body}（{a}、{b}、{c}负责）")
    return "\n".join(lines)


def bench_large_import(tmp: Path) -> None:
    from desktop.importer import parse_text
    from desktop.models.store import Store

    text = large_plan_text()
    elapsed = []
    for i in range(5):
        store = Store.open(tmp / f"large-{i}.db")
        started = time.perf_counter()
        plan = parse_text(text)
        store.import_plan(plan)
        elapsed.append((time.perf_counter() - started) * 1000)
        store.close()
        assert len(plan.tasks) == 300, len(plan.tasks)
    report("import 300-task plan (parse + write)", statistics.median(elapsed), "ms", "<= 300 ms")


def bench_import_accuracy() -> None:
    from bench import import_accuracy

    import_accuracy.main([])


def bench_queries(db: Path) -> None:
    from desktop.models import queries
    from desktop.models.store import Store

    store = Store.open(db)
    report("matrix data query (province)", median_ms(lambda: queries.matrix(store.db)), "ms", "-")
    report(
        "full-text search '算力中心' (province)",
        median_ms(lambda: queries.search_tasks(store.db, "算力中心")),
        "ms",
        "<= 50 ms",
    )
    report(
        "unit summaries (province)",
        median_ms(lambda: queries.unit_summaries(store.db)),
        "ms",
        "-",
    )
    store.close()


def run_module_figures(module: str, db: Path) -> None:
    """Run a feature's bench module in its own process (fresh memory figures)."""
    proc = subprocess.run(
        [sys.executable, "-m", module, str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        print(f"{module}: FAILED\n{proc.stderr[-2000:]}", flush=True)


SECTIONS = {
    "import": lambda db, tmp: (bench_import(tmp), bench_large_import(tmp)),
    "import_accuracy": lambda db, tmp: bench_import_accuracy(),
    "queries": lambda db, tmp: bench_queries(db),
    "gui": lambda db, tmp: run_module_figures("bench.gui", db),
    "coordination": lambda db, tmp: run_module_figures("bench.coordination", db),
    "sync": lambda db, tmp: run_module_figures("bench.sync", db),
    "briefing": lambda db, tmp: run_module_figures("bench.briefing", db),
    "ledger": lambda db, tmp: run_module_figures("bench.ledger", db),
    "duban": lambda db, tmp: run_module_figures("bench.duban", db),
    "server_load": lambda db, tmp: run_module_figures("bench.server_load", db),
    "push": lambda db, tmp: run_module_figures("bench.push", db),
    "write": lambda db, tmp: run_module_figures("bench.write", db),
    "startup": lambda db, tmp: run_module_figures("bench.startup", db),
    "gui_startup": lambda db, tmp: run_module_figures("bench.gui_startup", db),
    "close_mid_load": lambda db, tmp: run_module_figures("bench.close_mid_load", db),
}

PROVINCE_TASKS = 10_000
TASKS_PER_PLAN = 50  # bench.generate.make_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=PROVINCE_TASKS, help="tasks (default 10000)")
    parser.add_argument("--db", type=Path, help="default /tmp/province.db (or province-N.db)")
    parser.add_argument("--only", default=",".join(SECTIONS))
    args = parser.parse_args()
    if args.db is None:
        name = "province.db" if args.scale == PROVINCE_TASKS else f"province-{args.scale}.db"
        args.db = Path(tempfile.gettempdir()) / name
    if not args.db.exists():
        from bench.generate import generate

        started = time.perf_counter()
        counts = generate(args.db, plans=max(1, args.scale // TASKS_PER_PLAN))
        print(f"generated {args.db} in {time.perf_counter() - started:.1f} s: {counts}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only.split(","):
            if (ROOT / "bench" / f"{name}.py").exists() or name in (
                "import",
                "queries",
                "import_accuracy",
            ):
                SECTIONS[name](args.db, Path(tmp))


if __name__ == "__main__":
    main()
