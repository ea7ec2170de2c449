"""Excel ledger figures (issue 8 goals): the seed and a province-scale database.

    python -m bench.ledger DB_PATH

Works on a COPY of ``DB_PATH`` (made by ``bench.generate``) with the
coordination bench's milestones added. Prints ``name: value unit (goal …)``
with this process's CPU time beside each wall time (on a shared, loaded
machine the wall time mostly measures the other processes):

- the seed (demo plan: 36 rows, 6 sections): its 台账, and one unit's filled-in
  sheet imported (medians of a few runs);
- the province 台账 by section (as written: one sheet of every row for 200
  plans), the same one sheet per plan section (1,200 sheets, the layout
  before) and by unit; the status pass and data load alone, as a yardstick;
- a 100-unit fill-in round: the 100 busiest units' sheets filled in (every
  item row, with openpyxl as a person's spreadsheet program would) and
  imported as one batch (``ledger import DIR``: one action; the goal's figure)
  and, into a copy of the same database, one after the other (100 actions);
  then the batch again (adds nothing).

``python -m bench.ledger DB_PATH --fill-in-only`` runs only the 100-unit round.
``--export-only [--baseline TREE] [--runs N]``: ``ledger export`` (by section and by
unit) of a copy of ``DB_PATH`` (e.g. the 100k database) as the command line runs it,
each a child process: its peak RSS (MiB; goal 450 MB = 429 MiB) and CPU (user + sys) as
``wait4`` gives them, with
this tree's code and, interleaved, another checkout's (issue 14: the window runs the
export in its own process, at 100k ≤ ~150 MB over the status pass).
``--work DIR`` keeps the prepared database and the 100 filled sheets in ``DIR``
(made once, ~1.5 min) and reuses them. ``--baseline TREE [--runs N]`` then times
the batch import N times with this tree's code and with another checkout's
(``git archive main | tar -x -C TREE``), interleaved, each a fresh process on a
fresh copy of the database: on a loaded machine compare the CPU ratio.
``--baseline-sheets DIR``: the baseline reads the filled sheets in ``DIR``
instead (the same round written in the sheet format its code writes, e.g. a
baseline from before fill-in sheet format 2, which cannot read format 2 sheets).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.run import bounded_int

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

UNITS = 100
PERIOD = "2026-06"
SEED = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"
SEED_TODAY, SEED_PERIOD, SEED_UNIT = date(2024, 7, 1), "2024-07", "市政数局"


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.1f} {unit} (goal {goal})", flush=True)


def timed(fn) -> tuple[float, float, object]:  # noqa: ANN001
    """(wall seconds, CPU seconds of this process, result)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - started, time.process_time() - cpu, result


def report_timed(
    name: str, wall: float, cpu: float, goal: str, scale: float = 1, unit: str = "s"
) -> None:
    report(name, wall * scale, unit, goal)
    print(f"  CPU time of this process: {cpu * scale:.1f} {unit}", flush=True)


def fill_workbook(src: Path, dst: Path) -> Path:
    """Every item row of a fill-in sheet filled in, saved with openpyxl."""
    import openpyxl

    wb = openpyxl.load_workbook(src)
    ws = wb["填报表"]
    for row in ws.iter_rows(min_row=5):
        if row[0].value is not None:  # an item row
            ws[f"H{row[0].row}"] = f"第{row[0].value}项本期按计划推进"
            ws[f"I{row[0].row}"] = (row[0].value * 7) % 101
    wb.save(dst)
    return dst


def fill_sheets(store, folder: Path) -> list[Path]:  # noqa: ANN001
    """One filled sheet for each of the ``UNITS`` busiest non-group units."""
    from desktop.ledger.fill_sheet import write_fill_sheet
    from desktop.models import status_queries

    units = [
        r[0]
        for r in store.db.execute(
            "SELECT u.id FROM unit u JOIN assignment a ON a.unit_id = u.id"
            " WHERE u.kind != 'group' GROUP BY u.id ORDER BY count(*) DESC, u.name LIMIT ?",
            [UNITS],
        )
    ]
    paths = []
    snapshot = status_queries.compute_status(store.db)
    for n, unit_id in enumerate(units):
        path = folder / f"sheet-{n:03d}.xlsx"
        write_fill_sheet(store.db, unit_id, PERIOD, path, snapshot=snapshot)
        paths.append(fill_workbook(path, path))
    return paths


def seed_figures(folder: Path, runs: int = 5) -> None:
    """The city-scale figures: the seed's 台账 and one unit's sheet imported."""
    from desktop.demo import add_demo_coordination
    from desktop.importer import parse_file
    from desktop.ledger.export import export_ledger
    from desktop.ledger.fill_import import import_fill_sheet
    from desktop.ledger.fill_sheet import write_fill_sheet
    from desktop.models.store import Store

    seed_db = folder / "seed.db"
    store = Store.open(seed_db)
    store.import_plan(parse_file(SEED))
    add_demo_coordination(store, SEED_TODAY)
    unit = store.find_unit(SEED_UNIT)
    sheet = folder / "seed-fill.xlsx"
    write_fill_sheet(store.db, unit, SEED_PERIOD, sheet, today=SEED_TODAY)
    fill_workbook(sheet, sheet)
    exports = [timed(lambda: export_ledger(store.db, folder / "seed.xlsx", today=SEED_TODAY))]
    exports += [timed(lambda: export_ledger(store.db, folder / "seed.xlsx", today=SEED_TODAY))
                for _ in range(runs - 1)]  # fmt: skip
    store.close()
    counts = exports[0][2]
    report_timed(
        f"seed ledger ({counts['rows']} rows, {counts['sheets']} sheets, median of {runs})",
        statistics.median(w for w, _c, _r in exports),
        statistics.median(c for _w, c, _r in exports),
        "-",
        1000,
        "ms",
    )
    imports = []
    for n in range(runs):
        copy = folder / f"seed-{n}.db"
        shutil.copy(seed_db, copy)
        store = Store.open(copy)
        imports.append(timed(lambda s=store: import_fill_sheet(s, sheet)))
        store.close()
    report_timed(
        f"seed fill-in import ({SEED_UNIT}, {imports[0][2].added} reports, median of {runs})",
        statistics.median(w for w, _c, _r in imports),
        statistics.median(c for _w, c, _r in imports),
        "-",
        1000,
        "ms",
    )


def prepare(db_path: Path, folder: Path, figures: bool = False) -> tuple[Path, list[Path]]:
    """A copy of ``db_path`` with the coordination bench's milestones, and the
    ``UNITS`` filled sheets in ``folder/sheets`` (both reused when already there)."""
    from bench.coordination import populate
    from desktop.models.store import Store

    copy, sheets = folder / "province.db", folder / "sheets"
    if copy.exists() and len(list(sheets.glob("*.xlsx"))) == UNITS and not figures:
        return copy, sorted(sheets.glob("*.xlsx"))
    sheets.mkdir(parents=True, exist_ok=True)
    shutil.copy(db_path, copy)
    store = Store.open(copy)
    populate(store)
    if figures:
        ledger_figures(store, folder)
    paths = fill_sheets(store, sheets)
    store.close()
    return copy, paths


def export_figures(db_path: Path, runs: int, baseline: Path | None = None) -> None:
    """``ledger export`` of a copy of ``db_path``, by section and by unit, each run a
    child process (``main.py --db COPY ledger export``): peak RSS and CPU, medians of
    ``runs``; with ``baseline``, that checkout's run after each of this tree's."""
    trees = {"this tree": Path(__file__).resolve().parent.parent}
    if baseline is not None:
        trees["baseline"] = baseline.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy = folder / "export.db"
        shutil.copy(db_path, copy)
        for by in ("section", "unit"):
            figures: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
            for run in range(runs):
                for name, tree in trees.items():
                    peak, cpu = _child_export(tree, copy, folder / f"{by}.xlsx", by)
                    figures[name].append((peak, cpu))
                    print(f"  run {run + 1} {name}, by {by}: peak RSS {peak:.0f} MiB,"
                          f" CPU {cpu:.2f} s", flush=True)  # fmt: skip
            for name, runs_of in figures.items():
                peak = statistics.median(p for p, _c in runs_of)
                cpu = statistics.median(c for _p, c in runs_of)
                where = "" if name == "this tree" else f" ({trees[name]})"
                report(f"ledger export by {by}, {name}{where}: peak RSS", peak, "MiB", "<= 429")
                report(f"  CPU (user + sys), median of {runs}", cpu, "s", "not above main")


def _child_export(tree: Path, db: Path, out: Path, by: str) -> tuple[float, float]:
    """(peak RSS in MiB, CPU seconds) of one ``ledger export`` run with ``tree``'s code."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PYTHONPATH=str(tree), HOME=home, XDG_DATA_HOME=home)
        command = [sys.executable, "main.py", "--db", str(db), "ledger", "export"]
        child = subprocess.Popen(
            [*command, "-o", str(out), "--by", by],
            cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert child.stderr is not None
        errors = child.stderr.read()
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"ledger export failed in {tree}: {errors.decode(errors='replace')}")
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main(
    db_path: Path,
    fill_in_only: bool = False,
    work: Path | None = None,
    baseline: Path | None = None,
    runs: int = 5,
    baseline_sheets: Path | None = None,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not fill_in_only:
            seed_figures(folder)
        if work is not None:
            work.mkdir(parents=True, exist_ok=True)
        copy, paths = prepare(db_path, work or folder, figures=not fill_in_only)
        if baseline is not None:
            base_paths = sorted(baseline_sheets.glob("*.xlsx")) if baseline_sheets else paths
            compare_trees(copy, paths, baseline, runs, folder, base_paths)
        else:
            fill_in_round(copy, paths)


#: One timed batch import in a fresh process, with the code of the tree it runs in
#: (argv: database to copy, scratch folder, sheets…); prints "wall cpu added".
CHILD = """
import shutil, sys, time
from pathlib import Path
from desktop.ledger.fill_batch import import_fill_sheets
from desktop.models.store import Store
source, scratch, *sheets = sys.argv[1:]
copy = Path(scratch) / "child.db"
shutil.copy(source, copy)
store = Store.open(copy)
wall, cpu = time.perf_counter(), time.process_time()
result = import_fill_sheets(store, sheets)
print(time.perf_counter() - wall, time.process_time() - cpu, result.added)
store.close()
copy.unlink()
"""


def compare_trees(
    db_path: Path,
    paths: list[Path],
    baseline: Path,
    runs: int,
    folder: Path,
    base_paths: list[Path] | None = None,
) -> None:
    """The batch import timed ``runs`` times with this tree and with ``baseline``,
    interleaved (each run a fresh process on a fresh copy of the database);
    ``base_paths``: the baseline's own copies of the filled sheets."""
    trees = {"this tree": Path(__file__).resolve().parent.parent, "baseline": baseline.resolve()}
    sheets = {"this tree": paths, "baseline": base_paths or paths}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    added: set[int] = set()
    for run in range(runs):
        for name, tree in trees.items():
            env = dict(os.environ, PYTHONPATH=str(tree))
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(db_path), str(folder), *map(str, sheets[name])],
                env=env, cwd=tree, capture_output=True, text=True, check=True,
            )  # fmt: skip
            wall, cpu, count = out.stdout.split()
            times[name].append((float(wall), float(cpu)))
            added.add(int(count))
            print(f"  run {run + 1} {name}: {float(wall):.2f} s wall, {float(cpu):.2f} s CPU",
                  flush=True)  # fmt: skip
    assert len(added) == 1, added  # both trees write the same reports
    medians = {
        name: (statistics.median(w for w, _c in t), statistics.median(c for _w, c in t))
        for name, t in times.items()
    }
    (this_wall, this_cpu), (base_wall, base_cpu) = medians["this tree"], medians["baseline"]
    report_timed(
        f"{len(paths)}-unit fill-in import, one batch action ({added.pop()} reports written),"
        f" median of {runs}",
        this_wall,
        this_cpu,
        "<= 2 s",
    )
    report_timed(f"  the same with the baseline {trees['baseline']}", base_wall, base_cpu, "-")
    ratios = [
        c / b for (_w, c), (_bw, b) in zip(times["this tree"], times["baseline"], strict=True)
    ]
    print(f"  this tree / baseline: wall {this_wall / base_wall:.2f}, CPU {this_cpu / base_cpu:.2f}"
          f" (CPU per run: {', '.join(f'{r:.2f}' for r in ratios)})", flush=True)  # fmt: skip


def ledger_figures(store, folder: Path) -> None:  # noqa: ANN001
    """The province 台账 figures (by section, per plan section, by unit)."""
    from desktop.ledger import export
    from desktop.ledger.data import load_ledger

    rows = store.db.execute("SELECT count(*) FROM item").fetchone()[0]
    wall, cpu, _ = timed(lambda: load_ledger(store.db) and None)  # keep nothing
    report_timed("  yardstick: status pass and ledger data alone (province)", wall, cpu, "-")
    out = folder / "by-section.xlsx"
    wall, cpu, counts = timed(lambda: export.export_ledger(store.db, out))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report_timed(
        f"province ledger by section ({counts['rows']} rows of {rows} items,"
        f" {counts['sheets']} sheet(s), {out.stat().st_size >> 10} KiB)",
        wall,
        cpu,
        "<= 10 s",
    )
    report("  process peak RSS so far (incl. the bench's own setup)", peak, "MB", "-")
    limit = export.SECTION_SHEETS_MAX
    export.SECTION_SHEETS_MAX = 10**6  # one sheet per plan section, as before
    try:
        wall, cpu, counts = timed(lambda: export.export_ledger(store.db, out))
    finally:
        export.SECTION_SHEETS_MAX = limit
    report_timed(
        f"province ledger, one sheet per plan section ({counts['sheets']} sheets)",
        wall,
        cpu,
        "<= 10 s",
    )
    wall, cpu, counts = timed(lambda: export.export_ledger(store.db, out, by="unit"))
    report_timed(
        f"province ledger by unit ({counts['rows']} rows, {counts['sheets']} sheets)",
        wall,
        cpu,
        "-",
    )


def fill_in_round(db_path: Path, paths: list[Path]) -> None:
    """The 100 filled sheets imported into two copies of the same database: one
    after the other (100 actions, the way before ``ledger import DIR``) and as one
    batch (one action, the goal's figure); then the batch again (adds nothing)."""
    from desktop.ledger.fill_batch import import_fill_sheets
    from desktop.ledger.fill_import import import_fill_sheet
    from desktop.models.store import Store

    copies = []
    for name in ("one-by-one", "batch"):
        target = db_path.with_name(f"{db_path.stem}-{name}.db")
        shutil.copy(db_path, target)
        copies.append(Store.open(target))
    singles, batch = copies
    per_sheet = []
    started, cpu_started = time.perf_counter(), time.process_time()
    added = 0
    for path in paths:
        wall, _cpu, result = timed(lambda p=path: import_fill_sheet(singles, p))
        per_sheet.append(wall * 1000)
        added += result.added
    one_wall = time.perf_counter() - started
    one_cpu = time.process_time() - cpu_started
    wall, cpu, result = timed(lambda: import_fill_sheets(batch, paths))
    assert result.added == added, (result.added, added)  # the same reports either way
    report_timed(
        f"{len(paths)}-unit fill-in import, one batch action ({result.added} reports written)",
        wall,
        cpu,
        "<= 2 s",
    )
    report_timed(
        f"  the same sheets imported one after the other ({len(paths)} actions)",
        one_wall,
        one_cpu,
        "-",
    )
    print(f"  batch / one by one: wall {wall / one_wall:.2f}, CPU {cpu / one_cpu:.2f}", flush=True)
    report("  per unit sheet, one by one (median)", statistics.median(per_sheet), "ms", "-")
    wall, cpu, again = timed(lambda: import_fill_sheets(batch, paths))
    assert again.added == again.corrected == 0
    report_timed(f"  the same {len(paths)} sheets again as a batch (adds nothing)", wall, cpu, "-")
    for store in copies:
        store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--fill-in-only", action="store_true")
    parser.add_argument("--work", type=Path, help="keep and reuse the prepared files here")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--runs", type=bounded_int(1, 100), default=5)
    parser.add_argument("--baseline-sheets", type=Path, help="the baseline's filled sheets")
    parser.add_argument("--export-only", action="store_true", help="ledger export's peak RSS")
    args = parser.parse_args()
    # (a mistyped path is a usage error, not a traceback after minutes of work)
    if not args.db.is_file():
        parser.error(f"no database file at {args.db}")
    if args.baseline is not None and not (args.baseline / "main.py").is_file():
        parser.error(f"--baseline: {args.baseline} is not a Liandong checkout (no main.py)")
    if args.export_only:
        export_figures(args.db, args.runs, args.baseline)
        sys.exit()
    main(args.db, args.fill_in_only, args.work, args.baseline, args.runs, args.baseline_sheets)
