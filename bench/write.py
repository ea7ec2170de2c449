"""Bulk writes against a raw-SQLite baseline measured in the same run.

    python -m bench.write DB_PATH     # DB from ``python -m bench.generate`` (read only)

For the rows of ``DB_PATH`` it measures:

- the baseline: raw ``executemany`` of the same rows into a fresh database with
  the same schema (indexes and full-text triggers included), one transaction;
  once for the records alone and once with their change-log rows;
- document import (``Store.import_plan`` of every generated plan, the change log
  written as it would be; generation of the parsed plans excluded);
- ``import-json`` of the database's export, a whole ``liandong`` process;
- snapshot apply (first sync to a new desktop: every record, pages of 5,000);
- pull apply (every change-log op, pages of 1,000).

Every write is printed with its ratio to the baseline that writes the same rows
(records + change log for the logged writes, records alone for the sync
applies), and with user/system CPU seconds (``resource.getrusage``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.models.schema_registry import SYNCED_TABLES
from desktop.models.store import Store

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_PAGE = 5000
PULL_PAGE = 1000


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.1f} {unit} (goal {goal})", flush=True)


class Timing:
    wall = user = system = 0.0


@contextmanager
def timed(children: bool = False) -> Iterator[Timing]:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    before = resource.getrusage(who)
    started = time.perf_counter()
    timing = Timing()
    yield timing
    timing.wall = time.perf_counter() - started
    after = resource.getrusage(who)
    timing.user = after.ru_utime - before.ru_utime
    timing.system = after.ru_stime - before.ru_stime


def cpu_note(timing: Timing) -> str:
    return f"(user {timing.user:.1f} s, sys {timing.system:.1f} s)"


def table_rows(db_path: Path) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    """Every synced table's columns and rows, plus the change log's."""
    store = Store.open(db_path)
    try:
        out: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}
        for table in [*SYNCED_TABLES, "change_log"]:
            cursor = store.db.execute(f"SELECT * FROM [{table}]")
            columns = tuple(d[0] for d in cursor.description)
            if table == "change_log":
                columns = tuple(c for c in columns if c != "seq")
                cursor = store.db.execute(f"SELECT {', '.join(columns)} FROM change_log")
            out[table] = (columns, cursor.fetchall())
        return out
    finally:
        store.close()


def raw_insert(path: Path, rows: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]) -> None:
    """The baseline: executemany per table into the same schema, one transaction."""
    Store.open(path).close()  # schema, indexes, triggers
    store = Store.open(path)
    try:
        with store.db.atomic():
            for table, (columns, values) in rows.items():
                if values:
                    store.db.conn.executemany(
                        f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)})"
                        f" VALUES ({', '.join('?' * len(columns))})",
                        values,
                    )
    finally:
        store.close()


def measure(fn: Callable[[], object], children: bool = False) -> Timing:
    with timed(children) as timing:
        fn()
    return timing


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--plans", type=int, help="plans the DB was generated with")
    parser.add_argument(
        "--only-import-json", action="store_true", help="the baselines and import-json alone"
    )
    args = parser.parse_args(argv)
    from bench.generate import make_plan, unit_pool

    rows = table_rows(args.db)
    tasks = len(rows["task"][1])
    records = {t: v for t, v in rows.items() if t != "change_log"}
    n_records = sum(len(v) for _, v in records.values())
    n_ops = len(rows["change_log"][1])
    size = f"{tasks // 1000}k tasks"
    print(f"# {size}: {n_records} records, {n_ops} change-log ops", flush=True)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base_all = measure(lambda: raw_insert(tmp / "raw-all.db", rows))
        report(
            f"raw executemany, records + change log ({size}) {cpu_note(base_all)}",
            base_all.wall,
            "s",
            "baseline",
        )
        base_rec = measure(lambda: raw_insert(tmp / "raw-rec.db", records))
        report(
            f"raw executemany, records only ({size}) {cpu_note(base_rec)}",
            base_rec.wall,
            "s",
            "baseline",
        )

        def ratio(name: str, timing: Timing, base: Timing) -> None:
            report(f"{name} ({size}) {cpu_note(timing)}", timing.wall, "s", "-")
            report(
                f"  ratio to raw executemany, wall ({size})", timing.wall / base.wall, "x", "<= 3"
            )
            cpu = (timing.user + timing.system) / (base.user + base.system)
            report(f"  ratio to raw executemany, CPU user+sys ({size})", cpu, "x", "<= 3")

        # Document import through the store (the plans generated up front).
        plans = args.plans or max(1, tasks // 50)
        rng = random.Random(7)
        units = unit_pool(rng)
        parsed = [make_plan(rng, index, units) for index in range(plans)]
        store = Store.open(tmp / "import.db")

        def import_all() -> None:
            for plan in parsed:
                store.import_plan(plan)

        if not args.only_import_json:
            ratio("document import, store API (one action per plan)", measure(import_all), base_all)
        store.close()

        # import-json, whole process.
        export = tmp / "export.json"
        source = Store.open(args.db)
        from desktop import exchange

        export.write_text(exchange.dumps(exchange.export_data(source.db)), encoding="utf-8")
        source.close()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, str(ROOT / "main.py"), "import-json", str(export)]
        command += ["--db", str(tmp / "json.db")]
        timing = measure(
            lambda: subprocess.run(
                command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL
            ),
            True,
        )
        ratio("import-json, whole process", timing, base_all)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report(f"  peak RSS of the largest child so far ({size})", peak, "MB", "-")
        if args.only_import_json:
            return

        # Snapshot apply: every record, parents before children, pages of 5,000.
        from sync import apply as sync_apply

        snapshot = [
            {"tbl": table, "id": row[0], "fields": dict(zip(columns[1:], row[1:], strict=True))}
            for table, (columns, values) in records.items()
            for row in values
        ]
        target = Store.open(tmp / "snapshot.db")

        def apply_snapshot() -> None:
            for start in range(0, len(snapshot), SNAPSHOT_PAGE):
                page = snapshot[start : start + SNAPSHOT_PAGE]
                last = page[-1]
                more = start + SNAPSHOT_PAGE < len(snapshot)
                after = {"tbl": last["tbl"], "id": last["id"]} if more else None
                sync_apply.apply_snapshot_page(target.db, page, 1, after)

        ratio("snapshot apply (first sync to a new desktop)", measure(apply_snapshot), base_rec)
        target.close()
        snapshot.clear()

        # Pull apply: every change-log op.
        columns, values = rows["change_log"]
        ops = []
        for seq, row in enumerate(values, 1):
            op = dict(zip(columns, row, strict=True))
            ops.append(
                {
                    "seq": seq,
                    "op": op["op_id"],
                    "tbl": op["tbl"],
                    "id": op["record_id"],
                    "kind": op["kind"],
                    "fields": json.loads(op["fields"]),
                }
            )
        target = Store.open(tmp / "pull.db")

        def apply_pull() -> None:
            for start in range(0, len(ops), PULL_PAGE):
                sync_apply.apply_pull_page(target.db, ops[start : start + PULL_PAGE], start)

        ratio("pull apply (every op, pages of 1000)", measure(apply_pull), base_rec)
        target.close()


if __name__ == "__main__":
    main()
