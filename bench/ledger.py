"""Excel ledger figures on a province-scale database (issue 8 goals).

    python -m bench.ledger DB_PATH

Works on a COPY of ``DB_PATH`` (made by ``bench.generate``) with the
coordination bench's milestones added. Prints ``name: value unit (goal …)``:
the province 台账 by section and by unit, and a 100-unit fill-in round: 100
units' sheets filled in (every item row) and imported one after the other.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

UNITS = 100
PERIOD = "2026-06"


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.1f} {unit} (goal {goal})", flush=True)


def timed(fn) -> tuple[float, object]:  # noqa: ANN001
    """(wall seconds, result); the CPU seconds of the call go to ``timed.cpu``."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    timed.cpu = time.process_time() - cpu  # type: ignore[attr-defined]
    return time.perf_counter() - started, result


def report_cpu() -> None:
    """The CPU time of the last ``timed`` call: on a busy shared machine the wall
    time mostly measures the other processes."""
    print(f"  of which CPU time of this process: {timed.cpu:.1f} s", flush=True)  # type: ignore[attr-defined]


def fill_sheets(store, folder: Path) -> list[Path]:  # noqa: ANN001
    """One filled sheet for each of the ``UNITS`` busiest non-group units."""
    import openpyxl

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
        wb = openpyxl.load_workbook(path)
        ws = wb["填报表"]
        for row in ws.iter_rows(min_row=5):
            if row[0].value is not None:  # an item row
                ws[f"H{row[0].row}"] = f"第{row[0].value}项本期按计划推进"
                ws[f"I{row[0].row}"] = (row[0].value * 7) % 101
        wb.save(path)
        paths.append(path)
    return paths


def main(db_path: Path) -> None:
    from bench.coordination import populate
    from desktop.ledger.export import export_ledger
    from desktop.ledger.fill_import import import_fill_sheet
    from desktop.models.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy = folder / "province.db"
        shutil.copy(db_path, copy)
        store = Store.open(copy)
        populate(store)
        rows = store.db.execute("SELECT count(*) FROM item").fetchone()[0]
        seconds, counts = timed(lambda: export_ledger(store.db, folder / "by-section.xlsx"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        report(
            f"province ledger by section ({counts['rows']} rows of {rows} items,"
            f" {counts['sheets']} sheets, {(folder / 'by-section.xlsx').stat().st_size >> 10} KiB)",
            seconds,
            "s",
            "<= 10 s",
        )
        report_cpu()
        report("  process peak RSS so far (incl. the bench's own setup)", peak, "MB", "-")
        seconds, counts = timed(lambda: export_ledger(store.db, folder / "by-unit.xlsx", by="unit"))
        report(
            f"province ledger by unit ({counts['rows']} rows, {counts['sheets']} sheets)",
            seconds,
            "s",
            "-",
        )
        report_cpu()
        paths = fill_sheets(store, folder)
        per_sheet = []
        added = 0
        started, cpu = time.perf_counter(), time.process_time()
        for path in paths:
            seconds, result = timed(lambda p=path: import_fill_sheet(store, p))
            per_sheet.append(seconds * 1000)
            added += result.added
        total = time.perf_counter() - started
        timed.cpu = time.process_time() - cpu  # type: ignore[attr-defined]
        report(
            f"{len(paths)}-unit fill-in import ({added} reports written)",
            total,
            "s",
            "<= 2 s",
        )
        report_cpu()
        report("  per unit sheet (median)", statistics.median(per_sheet), "ms", "-")
        seconds, _ = timed(lambda: [import_fill_sheet(store, p) for p in paths[:10]])
        report("  importing 10 of them again (adds nothing)", seconds * 1000, "ms", "-")
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
