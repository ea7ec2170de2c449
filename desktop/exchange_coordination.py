"""JSON export / import of the coordination tables (called by ``desktop.exchange``).

The export keeps record ids and every column, rows sorted by id, so that
export → import into an empty database → export gives identical content.
Import skips rows whose id already exists (importing twice changes nothing)
and writes through the caller's ``Tx`` (one logged transaction).
"""

from __future__ import annotations

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
    fresh: dict[str, list[dict[str, Any]]] = {}
    counts: dict[str, int] = {}
    for table in (*TABLE_ORDER, *REMARK_TABLES):
        rows = data.get(table) or []
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise UserError(f"导入文件格式不对：{table} 应为记录列表。")
        allowed = {"id", *SYNCED_TABLES[table]}
        keep = []
        for row in rows:
            if not row.get("id"):
                raise UserError(f"导入文件格式不对：{table} 中有记录缺少 id。")
            if tx.db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [row["id"]]).fetchone():
                continue
            keep.append({k: v for k, v in row.items() if k in allowed})
        fresh[table] = keep
        counts[table] = len(keep)
    insert_snapshot(tx, fresh)
    for table in REMARK_TABLES:  # validated by the store like every insert
        tx.insert_many(table, fresh[table])
    return counts
