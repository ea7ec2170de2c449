"""Server push apply: the province database's whole change log applied by the server.

    python -m bench.push [DB_PATH] [--only sqlite,postgresql] [--batch 2000]

Reads the change log of ``DB_PATH`` (default ``/tmp/province.db`` from
``python -m bench.generate``) as the desktop would push it and applies it with the
server's own ``apply_push`` (validation, permissions, conflicts, seqs, outcomes,
audit), in batches of ``--batch`` ops (default: the desktop's push batch), as a coordinator:
once on a fresh SQLite server and once on a fresh PostgreSQL database (a private
cluster, ``tests.helpers.postgres``), in this process — no HTTP, so the figure is
the server's own work. Then the same log pushed again (every op a duplicate).

Prints wall and CPU time of this process (the machine is shared: CPU is the figure
to compare) and, for PostgreSQL, the CPU time of the database server processes.
Goals (issue 14): 10,000 ops answered ≤ 0.3 s, the whole log (~68k ops) ≤ 2 s, and
within 3× of a raw bulk insert of the same rows: the rows a push writes (``op``,
``record``, ``audit``), made beforehand, inserted per batch with the storage's own
``insert_rows`` (``executemany`` / ``COPY``) and committed, on a fresh database of the
same schema, in the same run (``raw bulk insert`` lines; the ratio is printed). The floor
keeps an audit row per op, as pushes wrote them before the audit referred to op rows
(push3): the same floor for every tree compared.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.cpu import cluster_pids, cpu_of, load_average
from sync.client import PUSH_BATCH
from sync.server import admin
from sync.server.batch import AUDIT_COLUMNS, OP_COLUMNS, RECORD_WRITE_COLUMNS, compact_json
from sync.server.push import apply_push
from sync.server.storage import lookup_value, now_iso, open_storage

DEFAULT_DB = Path("/tmp/province.db")


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.3f} {unit} (goal {goal})", flush=True)


def load_ops(db_path: Path) -> list[dict[str, Any]]:
    """The change log as wire ops, in push order (what ``pending_ops`` sends)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(change_log)")}
    order = "relay IS NULL, seq" if "relay" in columns else "seq"  # older generated files
    rows = conn.execute(
        f"SELECT op_id, tbl, record_id, kind, fields, base_seq FROM change_log ORDER BY {order}"
    ).fetchall()
    conn.close()
    return [
        {
            "op": r[0],
            "tbl": r[1],
            "id": r[2],
            "kind": r[3],
            "fields": json.loads(r[4]),
            "base": r[5],
        }
        for r in rows
    ]


def raw_rows(
    ops: list[dict[str, Any]], device_id: str
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The ``op``, ``record`` and ``audit`` rows a first push of ``ops`` writes."""
    op_rows, record_rows, audit_rows = [], [], []
    at = now_iso()
    for seq, op in enumerate(ops, 1):
        fields = compact_json(op["fields"])
        op_rows.append((seq, op["op"], op["tbl"], op["id"], op["kind"], fields, device_id))
        versions = compact_json({"*": [seq, device_id]})  # batch.EVERY_FIELD
        lookup = lookup_value(op["tbl"], op["fields"])
        record_rows.append((op["tbl"], op["id"], fields, versions, None, seq, lookup))
        audit_rows.append(
            (at, "author", device_id, "127.0.0.1", op["op"], op["tbl"], op["id"], op["kind"],
             "accepted", seq, "", fields, None)
        )  # fmt: skip
    return op_rows, record_rows, audit_rows


def request_bodies(ops: list[dict[str, Any]], batch: int) -> list[bytes]:
    """The push request bodies of ``ops`` in batches of ``batch``, as the desktop sends them."""
    return [
        json.dumps({"ops": ops[s : s + batch]}, ensure_ascii=False).encode()
        for s in range(0, len(ops), batch)
    ]


def raw_insert(
    label: str,
    location: str | Path,
    bodies: list[bytes],
    cluster_data: Path | None = None,
) -> tuple[float, float]:
    """Insert the rows of a first push of ``bodies``, one transaction per body, with
    ``insert_rows``: the floor for the push apply. Returns (first 10,000 ops, all) CPU
    seconds (this process + PostgreSQL)."""
    admin.init_server(location, "admin", "correct-horse-1")
    storage = open_storage(location)
    # The floor keeps an audit row per op (as pushes wrote before push3's runs).
    tables = [("op", OP_COLUMNS), ("record", RECORD_WRITE_COLUMNS), ("audit_log", AUDIT_COLUMNS)]
    batches = [json.loads(body)["ops"] for body in bodies]
    ops = [op for ops_of_batch in batches for op in ops_of_batch]
    batch = len(batches[0]) if batches else 1
    rows = raw_rows(ops, str(uuid.uuid4()))
    del batches
    gc.collect()
    storage.max_seq()  # connected (PostgreSQL: the pool's backends exist)

    def postgres_cpu() -> float:
        return cpu_of(cluster_pids(cluster_data)) if cluster_data is not None else 0.0

    cpu0, pg0, wall0 = time.process_time(), postgres_cpu(), time.perf_counter()
    first_10k = 0.0
    for start in range(0, len(ops), batch):
        with storage.write() as conn:
            for (table, columns), table_rows in zip(tables, rows, strict=True):
                storage.insert_rows(conn, table, columns, table_rows[start : start + batch])
        if not first_10k and start + batch >= 10_000:
            first_10k = time.process_time() - cpu0 + postgres_cpu() - pg0
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0 + postgres_cpu() - pg0
    storage.close()
    print(f"# {label}: raw bulk insert of the same rows (op, record, audit): {len(ops)} ops")
    report(f"{label}, raw bulk insert: first 10,000 ops, CPU (+ PostgreSQL)", first_10k, "s", "-")
    report(f"{label}, raw bulk insert: {len(ops)} ops, CPU (+ PostgreSQL)", cpu, "s", "-")
    report(f"{label}, raw bulk insert: {len(ops)} ops, wall", wall, "s", "-")
    return first_10k, cpu


def run(
    label: str,
    location: str | Path,
    bodies: list[bytes],
    cluster_data: Path | None = None,
    raw: tuple[float, float] | None = None,
) -> None:
    """Push the request ``bodies`` twice; ``cluster_data``: the PostgreSQL cluster's data
    folder (its processes' CPU is reported); ``raw``: the raw bulk insert's CPU (first
    10,000, all) for the ratios. Each batch is timed as the server handles a request: the
    body decoded from JSON, applied, the reply encoded (the web framework's own work is
    not in it: ``bench.sync`` measures a real server). Only the bodies are in memory
    meanwhile (bytes), as in a server: no decoded log for the garbage collector to walk."""

    def postgres_pids() -> list[int]:
        return cluster_pids(cluster_data) if cluster_data is not None else []

    admin.init_server(location, "admin", "correct-horse-1")
    storage = open_storage(location)
    storage.add_account("author", "x", "", "coordinator")
    account = storage.account("author")
    assert account is not None
    device_id = str(uuid.uuid4())
    storage.add_device(account, device_id, "bench")
    device = storage.device(device_id)
    assert device is not None
    gc.collect()
    for attempt in ("first push", "same log again (duplicates)"):
        pg_before = cpu_of(postgres_pids())
        usage0 = resource.getrusage(resource.RUSAGE_SELF)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        first_10k = None
        statuses: dict[str, int] = {}
        done = 0
        for body in bodies:
            results = apply_push(storage, device, json.loads(body)["ops"], "127.0.0.1")
            done += len(results)
            reply = {"results": results, "max_seq": storage.max_seq()}
            json.dumps(reply, ensure_ascii=False, separators=(",", ":"))
            for result in results:
                key = "duplicate" if result.get("duplicate") else result["status"]
                statuses[key] = statuses.get(key, 0) + 1
            if first_10k is None and done >= 10_000:
                first_10k = (
                    time.perf_counter() - wall0,
                    time.process_time() - cpu0,
                    cpu_of(postgres_pids()) - pg_before,
                )
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        pg_cpu = cpu_of(postgres_pids()) - pg_before
        print(f"# {label}, {attempt}: {done} ops in {len(bodies)} requests: {statuses}")
        if first_10k is not None:
            report(f"{label}, {attempt}: first 10,000 ops, wall", first_10k[0], "s", "≤ 0.3 s")
            report(f"{label}, {attempt}: first 10,000 ops, CPU", first_10k[1], "s", "-")
            if storage.backend == "postgresql":
                report(
                    f"{label}, {attempt}: first 10,000 ops, PostgreSQL CPU", first_10k[2], "s", "-"
                )
            if raw is not None and attempt == "first push" and raw[0]:
                ratio = (first_10k[1] + first_10k[2]) / raw[0]
                print(f"  first 10,000 ops: {ratio:.1f}× the raw bulk insert's CPU (goal ≤ 3×)")
        report(f"{label}, {attempt}: {done} ops, wall", wall, "s", "≤ 2 s")
        usage = resource.getrusage(resource.RUSAGE_SELF)
        report(f"{label}, {attempt}: {done} ops, CPU of this process", cpu, "s", "-")
        print(
            f"  (user {usage.ru_utime - usage0.ru_utime:.2f} s,"
            f" system {usage.ru_stime - usage0.ru_stime:.2f} s)"
        )
        if storage.backend == "postgresql":
            report(f"{label}, {attempt}: CPU of the PostgreSQL processes", pg_cpu, "s", "-")
        report(f"{label}, {attempt}: ops/s (wall)", done / wall, "ops/s", "-")
        if raw is not None and attempt == "first push" and raw[1]:
            ratio = (cpu + pg_cpu) / raw[1]
            print(f"  {done} ops: {ratio:.1f}× the raw bulk insert's CPU (goal ≤ 3×)")
    storage.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", nargs="?", type=Path, default=DEFAULT_DB)
    parser.add_argument("--only", default="sqlite,postgresql")
    parser.add_argument("--batch", type=int, default=PUSH_BATCH, help="ops per push")
    parser.add_argument("--limit", type=int, default=0, help="push only the first N ops")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"找不到数据库文件：{args.db}（先运行 python -m bench.generate {args.db}）")
        return 2
    ops = load_ops(args.db)
    if args.limit:
        ops = ops[: args.limit]
    print(f"# {load_average()}; {len(ops)} ops from {args.db}", flush=True)
    bodies = request_bodies(ops, args.batch)
    del ops
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in args.only:
            raw = raw_insert("sqlite", Path(tmp) / "raw", bodies)
            run("sqlite", Path(tmp) / "server", bodies, raw=raw)
        if "postgresql" in args.only:
            from tests.helpers.postgres import Cluster, binaries

            bindir = binaries()
            if bindir is None:
                print("# PostgreSQL not installed: skipped")
                return 0
            cluster = Cluster(bindir)
            cluster.start()
            try:
                raw = raw_insert("postgresql", cluster.new_database(), bodies, cluster.data)
                run("postgresql", cluster.new_database(), bodies, cluster.data, raw)
            finally:
                cluster.stop()
    print(f"# {load_average()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
