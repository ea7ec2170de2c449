"""Bulk writes against a raw-SQLite baseline measured in the same run.

    python -m bench.write DB_PATH     # DB from ``python -m bench.generate`` (read only)

For the rows of ``DB_PATH`` it measures:

- the baseline: raw ``executemany`` of the same rows into a fresh database with
  the same schema (indexes and full-text triggers included), one transaction;
  once for the records alone and once with their change-log rows;
- document import (``Store.import_plan`` of every generated plan, the change log
  written as it would be; generation of the parsed plans excluded);
- ``import-json`` of the database's export, a whole ``liandong`` process;
- snapshot apply (first sync to a new desktop: every record in the order the server
  sends them, by table and id, in ``sync.client``'s pages of 5,000);
- pull apply (every change-log op, in ``sync.client``'s pages of 5,000; ``--pull-page N``
  another size: the figures of 2026-11-30 were taken with pages of 1,000);
the two applies as ``sync.client`` runs them: foreign keys off, one page cache for
the whole sync.

Every write is printed with its ratio to the baseline that writes the same rows
(records + change log for the logged writes, records alone for the sync
applies), and with user/system CPU seconds (``resource.getrusage``) and the bytes
the process read and wrote through system calls (``/proc/self/io``: SQLite's page
reads, WAL frames and checkpoints). The bulk writes run with a 64 MiB page cache
(``sync.bulk_writes``); each baseline is measured with SQLite's default cache and
again with that one, and the ratio is printed against both.

``--only import,json,snapshot,pull`` runs some of the writes (the baselines
always run). ``import-json``'s peak RSS is its own (``/usr/bin/time``), not the
benchmark's.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.run import bounded_int
from desktop.models.schema_registry import SYNCED_TABLES
from desktop.models.store import Store
from sync.client import PULL_PAGE, SNAPSHOT_PAGE
from sync.protocol import MAX_PULL_LIMIT

ROOT = Path(__file__).resolve().parent.parent


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.1f} {unit} (goal {goal})", flush=True)


class Timing:
    wall = user = system = 0.0
    read = written = 0  # bytes through read/write system calls (this process)


def _io() -> dict[str, int]:
    """``/proc/self/io`` (Linux): rchar/wchar count every byte read()/written()."""
    try:
        with open("/proc/self/io") as fh:
            return {key: int(value) for key, value in (line.split(":") for line in fh)}
    except OSError:
        return {}


@contextmanager
def timed(children: bool = False) -> Iterator[Timing]:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    before = resource.getrusage(who)
    io_before = _io()
    started = time.perf_counter()
    timing = Timing()
    yield timing
    timing.wall = time.perf_counter() - started
    after = resource.getrusage(who)
    timing.user = after.ru_utime - before.ru_utime
    timing.system = after.ru_stime - before.ru_stime
    io_after = _io()
    if not children and io_before and io_after:
        timing.read = io_after["rchar"] - io_before["rchar"]
        timing.written = io_after["wchar"] - io_before["wchar"]


def cpu_note(timing: Timing) -> str:
    note = f"(user {timing.user:.1f} s, sys {timing.system:.1f} s"
    if timing.read or timing.written:
        note += f", read {timing.read / 1e6:,.0f} MB, written {timing.written / 1e6:,.0f} MB"
    return note + ")"


def table_rows(db_path: Path) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    """Every synced table's columns and rows, plus the change log's (read from a copy: the
    store migrates what it opens, and ``db_path`` is left as it was)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "source.db"
        shutil.copyfile(db_path, copy)
        store = Store.open(copy)
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


def raw_insert(
    path: Path,
    rows: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]],
    cache_kib: int | None = None,
) -> None:
    """The baseline: executemany per table into the same schema, one transaction
    (``cache_kib``: with that page cache instead of SQLite's default)."""
    Store.open(path).close()  # schema, indexes, triggers
    store = Store.open(path)
    try:
        if cache_kib:
            store.db.conn.execute(f"PRAGMA cache_size = {-cache_kib}")
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


def checkpoint(store: Store) -> None:
    """Fold the WAL back into the database: what the writes left for a later commit
    (or the close) to copy is part of their cost (the raw baselines close inside
    their measurement, which checkpoints)."""
    store.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def measure(fn: Callable[[], object], children: bool = False) -> Timing:
    with timed(children) as timing:
        fn()
    return timing


WRITES = ("import", "json", "snapshot", "pull")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--plans", type=int, help="plans the DB was generated with")
    parser.add_argument("--only", help=f"comma-separated writes to run: {', '.join(WRITES)}")
    parser.add_argument(
        "--only-import-json", action="store_true", help="the baselines and import-json alone"
    )
    parser.add_argument(
        "--pull-page",
        type=bounded_int(1, MAX_PULL_LIMIT),
        default=PULL_PAGE,
        help=f"ops per pulled page, one transaction each (sync.client's: {PULL_PAGE})",
    )
    args = parser.parse_args(argv)
    chosen = set(WRITES)
    if args.only_import_json:
        chosen = {"json"}
    elif args.only:
        chosen = {name.strip() for name in args.only.split(",")}
        if not chosen <= set(WRITES):
            parser.error(f"--only: unknown write(s) {sorted(chosen - set(WRITES))}")
    from bench.generate import make_plan, unit_pool

    try:
        from sync.bulk_writes import BULK_CACHE_KIB, bulk_writes
    except ImportError:  # a tree from before it, measured as the baseline of a comparison
        BULK_CACHE_KIB = 64 * 1024

        def bulk_writes(conn: Any) -> contextlib.AbstractContextManager[None]:
            return contextlib.nullcontext()

    rows = table_rows(args.db)
    # The benchmark's own data (every row, the snapshot records, the ops: millions of
    # objects at 100k) is moved out of the garbage collector's sight: a full collection
    # during a measured write would scan it, a cost the real writers (a page off the
    # network, one document) do not have — 20 % of the snapshot apply's user CPU at 30k.
    gc.freeze()
    tasks = len(rows["task"][1])
    records = {t: v for t, v in rows.items() if t != "change_log"}
    n_records = sum(len(v) for _, v in records.values())
    n_ops = len(rows["change_log"][1])
    size = f"{tasks // 1000}k tasks"
    print(f"# {size}: {n_records} records, {n_ops} change-log ops", flush=True)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bases: dict[str, list[Timing]] = {"all": [], "rec": []}
        for cache, label in ((None, "default cache"), (BULK_CACHE_KIB, "bulk cache 64 MiB")):
            for key, data, what in (
                ("all", rows, "records + change log"),
                ("rec", records, "records only"),
            ):
                path = tmp / f"raw-{key}-{cache or 0}.db"
                timing = measure(
                    lambda data=data, path=path, cache=cache: raw_insert(path, data, cache)
                )
                bases[key].append(timing)
                report(
                    f"raw executemany, {what}, {label} ({size}) {cpu_note(timing)}",
                    timing.wall,
                    "s",
                    "baseline",
                )
                path.unlink()

        def ratio(name: str, timing: Timing, key: str) -> None:
            default, bulk = bases[key]
            report(f"{name} ({size}) {cpu_note(timing)}", timing.wall, "s", "-")
            report(
                f"  ratio to raw executemany, wall ({size})",
                timing.wall / default.wall,
                "x",
                "<= 3",
            )
            cpu = timing.user + timing.system
            report(
                f"  ratio to raw executemany, CPU user+sys ({size})",
                cpu / (default.user + default.system),
                "x",
                "<= 3",
            )
            report(
                f"  ratio to raw executemany with the bulk cache, CPU user+sys ({size})",
                cpu / (bulk.user + bulk.system),
                "x",
                "<= 3",
            )
            report(
                f"  system CPU per 1,000 rows written ({size})",
                1e6 * timing.system / (n_records + (n_ops if key == "all" else 0)),
                "ms",
                "flat across sizes",
            )

        if "import" in chosen:
            # Document import through the store (the plans generated up front).
            plans = args.plans or max(1, tasks // 50)
            rng = random.Random(7)
            units = unit_pool(rng)
            parsed = [make_plan(rng, index, units) for index in range(plans)]
            gc.freeze()  # the benchmark's data, as above
            store = Store.open(tmp / "import.db")

            def import_all() -> None:
                for plan in parsed:
                    store.import_plan(plan)
                checkpoint(store)

            ratio("document import, store API (one action per plan)", measure(import_all), "all")
            store.close()
            parsed.clear()
            (tmp / "import.db").unlink()

        if "json" in chosen:
            # import-json, whole process (its own peak RSS through /usr/bin/time).
            export = tmp / "export.json"
            # (a copy, as ``table_rows``: a migrated original could no longer be opened by
            # an older tree measured against this one)
            shutil.copyfile(args.db, tmp / "source.db")
            source = Store.open(tmp / "source.db")
            from desktop import exchange

            export.write_text(exchange.dumps(exchange.export_data(source.db)), encoding="utf-8")
            source.close()
            (tmp / "source.db").unlink()
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            command = [sys.executable, str(ROOT / "main.py"), "import-json", str(export)]
            command += ["--db", str(tmp / "json.db")]
            rss_file = tmp / "rss.txt"
            gnu_time = Path("/usr/bin/time")
            if gnu_time.exists():
                command = [str(gnu_time), "-f", "%M", "-o", str(rss_file), *command]
            timing = measure(
                lambda: subprocess.run(
                    command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL
                ),
                True,
            )
            ratio("import-json, whole process", timing, "all")
            if rss_file.exists():
                peak = int(rss_file.read_text().split()[-1]) / 1024
                report(f"  import-json peak RSS, its own ({size})", peak, "MB", "flat")
            wal = tmp / "json.db-wal"
            if wal.exists():
                report(
                    f"  WAL file left after import-json ({size})",
                    wal.stat().st_size / 1e6,
                    "MB",
                    "-",
                )
            export.unlink()

        if "snapshot" in chosen:
            # Snapshot apply: every record in the server's order (table, id), in
            # sync.client's pages, foreign keys off as sync.client has them.
            from sync import apply as sync_apply

            snapshot = [
                {"tbl": table, "id": row[0], "fields": dict(zip(columns[1:], row[1:], strict=True))}
                for table, (columns, values) in sorted(records.items())
                for row in sorted(values, key=lambda row: row[0])
            ]
            gc.freeze()  # the benchmark's data, as above
            target = Store.open(tmp / "snapshot.db")
            target.db.conn.execute("PRAGMA foreign_keys = OFF")

            def apply_snapshot() -> None:
                with bulk_writes(target.db.conn):  # as sync.client holds it for a sync
                    apply_snapshot_pages()
                checkpoint(target)

            def apply_snapshot_pages() -> None:
                for start in range(0, len(snapshot), SNAPSHOT_PAGE):
                    page = snapshot[start : start + SNAPSHOT_PAGE]
                    last = page[-1]
                    more = start + SNAPSHOT_PAGE < len(snapshot)
                    after = {"tbl": last["tbl"], "id": last["id"]} if more else None
                    sync_apply.apply_snapshot_page(target.db, page, 1, after)

            ratio("snapshot apply (first sync to a new desktop)", measure(apply_snapshot), "rec")
            target.close()
            snapshot.clear()
            (tmp / "snapshot.db").unlink()

        if "pull" in chosen:
            # Pull apply: every change-log op.
            from sync import apply as sync_apply

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
            gc.freeze()  # the benchmark's data, as above
            target = Store.open(tmp / "pull.db")
            target.db.conn.execute("PRAGMA foreign_keys = OFF")  # as sync.client

            def apply_pull() -> None:
                with bulk_writes(target.db.conn):  # as sync.client holds it for a sync
                    apply_pull_pages()
                checkpoint(target)

            page_size = args.pull_page

            def apply_pull_pages() -> None:
                for start in range(0, len(ops), page_size):
                    sync_apply.apply_pull_page(target.db, ops[start : start + page_size], start)

            ratio(f"pull apply (every op, pages of {page_size})", measure(apply_pull), "rec")
            target.close()


if __name__ == "__main__":
    main()
