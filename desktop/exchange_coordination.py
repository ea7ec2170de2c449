"""JSON export / import of the coordination tables (called by ``desktop.exchange``).

The export keeps record ids and every column, rows sorted by id, so that
export → import into an empty database → export gives identical content.
Import skips rows whose id already exists (importing twice changes nothing)
and writes through the caller's ``Tx`` (one logged transaction).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from desktop.errors import UserError
from desktop.models.coordination import TABLE_ORDER, insert_snapshot
from desktop.models.schema_registry import SYNCED_TABLES
from desktop.models.store import Tx

# Meetings, comments and 领导批示 (issue 12), after the coordination tables, parents first.
REMARK_TABLES = ("meeting", "meeting_item", "instruction", "comment", "attachment")
ORDER_BY = {"comment": "created_at, id"}


def export_coordination(db: Database) -> dict[str, list[dict[str, Any]]]:
    """``{table: [row, ...]}`` for milestones, extensions, target values,
    reports and dependencies."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in (*TABLE_ORDER, *REMARK_TABLES):
        columns = ("id", *SYNCED_TABLES[table])
        order = ORDER_BY.get(table, "id")
        out[table] = list(db.query(f"SELECT {', '.join(columns)} FROM [{table}] ORDER BY {order}"))
    return out


def import_coordination(tx: Tx, data: dict[str, Any]) -> dict[str, int]:
    """Insert the rows of an export (those not already present); returns counts."""
    for table in IMPORT_ORDER:
        rows = data.get(table) or []
        if not isinstance(rows, list):
            raise UserError(f"导入文件格式不对：{table} 应为记录列表。")
    return import_tables(tx, ((table, data.get(table) or []) for table in IMPORT_ORDER))[0]


IMPORT_ORDER = (*TABLE_ORDER, *REMARK_TABLES)  # parents first
BATCH = 5_000  # rows inserted at a time (reports: a whole table, parents first)


def import_tables(
    tx: Tx, tables: Iterable[tuple[str, Iterable[Any]]]
) -> tuple[dict[str, int], int]:
    """Insert the rows of each ``(table, rows)`` (tables in ``IMPORT_ORDER``; rows may
    be a stream) that are not already present; returns (counts, rows read)."""
    counts: dict[str, int] = {}
    read = 0
    restored: set[str] = set()  # milestone ids of this import (extension rules)

    def insert(table: str, rows: list[dict[str, Any]]) -> None:
        if table in REMARK_TABLES:  # validated by the store like every insert
            tx.insert_many(table, rows)
        else:
            insert_snapshot(tx, {table: rows}, restored)
        if table == "milestone":
            restored.update(row["id"] for row in rows)
        counts[table] = counts.get(table, 0) + len(rows)

    for table, rows in tables:
        allowed = {"id", *SYNCED_TABLES[table]}
        keep: list[dict[str, Any]] = []
        counts.setdefault(table, 0)
        for row in rows:
            read += 1
            if not isinstance(row, dict):
                raise UserError(f"导入文件格式不对：{table} 应为记录列表。")
            if not row.get("id"):
                raise UserError(f"导入文件格式不对：{table} 中有记录缺少 id。")
            if tx.db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [row["id"]]).fetchone():
                continue
            keep.append({k: v for k, v in row.items() if k in allowed})
            if len(keep) >= BATCH and table != "report":
                insert(table, keep)
                tx.forget_checked()  # memory flat: the ids of this batch are not kept
                keep = []
        insert(table, keep)
    return counts, read
