"""The raw-SQLite baseline of a status pass: the rows it reads, fetched and dropped.

    python -m bench.status_baseline DB_PATH [--runs 3]

A full status pass (``status_queries.load_status_inputs`` and ``workflow_inputs``)
reads the tasks, items, units, milestones, extensions, lead / responsible assignments,
dependencies, approved 办结, report percents, the targets with their latest values and
the plans' dates. ``raw_read`` runs the same statements with the ``sqlite3`` module
alone (``fetchall`` into lists, nothing built), so a pass's CPU time can be read as a
ratio to this in the same run: CPU times on the shared machine drift with the host
(the same tree's ``compute_status`` at 100k tasks took 1.25 s CPU one day and 3.9 s on
a slower host another), a ratio much less.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
from pathlib import Path

from bench.run import bounded_int, database_argument, median_wall_cpu, report_wall_cpu

#: The statements of a full pass (without ``rounds``), as the loader writes them.
STATEMENTS = (
    "SELECT id, no, plan_id FROM task WHERE 1 ORDER BY rowid",
    "SELECT id, task_id, position FROM item WHERE 1 ORDER BY rowid",
    "SELECT id, name FROM unit",
    "SELECT id, task_id, item_id, title, due, owner_unit_id, done_date FROM milestone"
    " ORDER BY rowid",
    "SELECT id, current_due FROM milestone WHERE current_due IS NOT NULL",
    "SELECT milestone_id, old_due, new_due, recorded_at, id FROM milestone_extension",
    "SELECT item_id, unit_id FROM assignment WHERE role IN ('lead', 'responsible') ORDER BY rowid",
    "SELECT id, pred_kind, pred_id, succ_kind, succ_id, lag_days FROM dependency ORDER BY rowid",
    "SELECT s.task_id, s.item_id FROM signoff s JOIN signoff_decision d"
    " ON d.signoff_id = s.id WHERE d.decision = 'approved'",
    "SELECT r.task_id, r.period, r.percent FROM report r WHERE r.percent IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM report s WHERE s.supersedes_id = r.id)",
    "SELECT v.target_id, v.value FROM (SELECT target_id, max(as_of) AS as_of"
    " FROM target_value GROUP BY target_id) m"
    " JOIN target_value v ON v.target_id = m.target_id AND v.as_of = m.as_of",
    "SELECT id, task_id, comparator, value, deadline FROM target WHERE 1",
    "SELECT id, coalesce(written_date, published_date) FROM plan"
    " WHERE coalesce(written_date, published_date) IS NOT NULL",
)


def raw_read(connection: sqlite3.Connection) -> int:
    """Every statement's rows fetched (and dropped); the number of rows read."""
    rows = 0
    for statement in STATEMENTS:
        rows += len(connection.execute(statement).fetchall())
    return rows


def baseline_figures(path: Path, runs: int = 3) -> tuple[float, float]:
    """Median (wall, CPU) ms of ``raw_read`` on the database at ``path``, printed."""
    connection = sqlite3.connect(path)
    try:
        rows = raw_read(connection)
        figures = median_wall_cpu(lambda: raw_read(connection), runs)
    finally:
        connection.close()
    report_wall_cpu(f"raw read of the rows a status pass reads ({rows:,} rows)", figures, "-")
    return figures


def report_ratio(name: str, cpu_ms: float, baseline_cpu_ms: float) -> None:
    """``name``'s CPU time as a multiple of the raw read's in the same run."""
    print(f"  {name}: {cpu_ms / baseline_cpu_ms:.2f}x the raw read (CPU)", flush=True)


def main() -> None:
    path = database_argument(__doc__)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=bounded_int(1, 100), default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "baseline.db"
        shutil.copy(path, copy)
        baseline_figures(copy, args.runs)


if __name__ == "__main__":
    main()
