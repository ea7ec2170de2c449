"""Table models of the sync views: open conflicts and rejected changes.

Rows are plain dicts from ``sync.apply`` (``open_conflicts``,
``rejected_changes``) plus a ``label`` naming the record, computed by
``load_conflicts`` / ``load_rejected`` on the GUI's connection.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from sqlite_utils import Database

from desktop.models.qt.base import FlatTable
from desktop.models.qt.domain_text import domain
from desktop.models.qt.roles import ID_ROLE
from desktop.models.qt.text import join_fields
from sync import apply as sync_apply
from sync.apply import record_label

Index = QModelIndex | QPersistentModelIndex


def table_name(tbl: str) -> str:
    """A plain name for a synced table."""
    names = {
        "plan": QCoreApplication.translate("SyncModels", "计划"),
        "section": QCoreApplication.translate("SyncModels", "章节"),
        "task": QCoreApplication.translate("SyncModels", "任务"),
        "item": QCoreApplication.translate("SyncModels", "工作项"),
        "unit": QCoreApplication.translate("SyncModels", "单位"),
        "assignment": QCoreApplication.translate("SyncModels", "分工"),
        "target": QCoreApplication.translate("SyncModels", "目标"),
        "plan_warning": QCoreApplication.translate("SyncModels", "导入提示"),
        "plan_goal": QCoreApplication.translate("SyncModels", "计划目标"),
        "milestone": QCoreApplication.translate("SyncModels", "里程碑"),
        "report": QCoreApplication.translate("SyncModels", "进度填报"),
        "extension": QCoreApplication.translate("SyncModels", "延期"),
        "dependency": QCoreApplication.translate("SyncModels", "依赖"),
        "target_value": QCoreApplication.translate("SyncModels", "目标数值"),
    }
    return names.get(tbl, tbl)


def field_name(field: str | None) -> str:
    """A plain name for a synced column (the column name where none is known)."""
    if not field:
        return QCoreApplication.translate("SyncModels", "整条记录")
    names = {
        "title": QCoreApplication.translate("SyncModels", "标题"),
        "text": QCoreApplication.translate("SyncModels", "内容"),
        "name": QCoreApplication.translate("SyncModels", "名称"),
        "no": QCoreApplication.translate("SyncModels", "序号"),
        "role": QCoreApplication.translate("SyncModels", "分工"),
        "value": QCoreApplication.translate("SyncModels", "数值"),
        "deadline": QCoreApplication.translate("SyncModels", "期限"),
        "note": QCoreApplication.translate("SyncModels", "备注"),
        "due": QCoreApplication.translate("SyncModels", "计划日期"),
        "done_on": QCoreApplication.translate("SyncModels", "完成日期"),
        "position": QCoreApplication.translate("SyncModels", "顺序"),
    }
    return names.get(field, field)


def format_value(value: Any) -> str:
    """One cell of a field value: text as is, a whole record as ``字段=值`` pairs."""
    if value is None:
        return QCoreApplication.translate("SyncModels", "（空）")
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return join_fields(
            f"{k}={format_value(v)}" for k, v in value.items() if v not in (None, "")
        )
    return json.dumps(value, ensure_ascii=False)


def conflict_kind(kind: str, side: str = "local") -> str:
    if side == "notice":  # our value stood; another device's change was held back
        return QCoreApplication.translate("SyncModels", "同一字段被修改（对方的修改未被采用）")
    return {
        "field": QCoreApplication.translate("SyncModels", "同一字段被修改"),
        "edit_delete": QCoreApplication.translate("SyncModels", "本机修改，对方已删除"),
        "delete_edit": QCoreApplication.translate("SyncModels", "本机删除，对方已修改"),
    }.get(kind, kind)


def other_side(conflict: dict[str, Any]) -> str:
    """``对方（设备 X，账号 Y）``: who holds the other value of a conflict."""
    who = []
    if conflict.get("other_device"):
        who.append(
            QCoreApplication.translate("SyncModels", "设备 {0}").format(conflict["other_device"])
        )
    if conflict.get("other_user"):
        who.append(
            QCoreApplication.translate("SyncModels", "账号 {0}").format(conflict["other_user"])
        )
    if not who:
        return QCoreApplication.translate("SyncModels", "对方")
    separator = QCoreApplication.translate("SyncModels", "，")
    return QCoreApplication.translate("SyncModels", "对方（{0}）").format(separator.join(who))


def in_force_text(conflict: dict[str, Any]) -> str:
    """Which value stands until the conflict is resolved."""
    if conflict.get("in_force") == "mine":
        return QCoreApplication.translate("SyncModels", "本机的值")
    return QCoreApplication.translate("SyncModels", "对方的值")


def conflict_value(value: Any, kind: str) -> str:
    """A value of a conflict; a whole record that is gone reads 已删除."""
    if value is None and kind != "field":
        return QCoreApplication.translate("SyncModels", "（已删除）")
    return format_value(value)


def load_conflicts(db: Database) -> list[dict[str, Any]]:
    rows = sync_apply.open_conflicts(db)
    for row in rows:
        mine = row["mine"] if isinstance(row["mine"], dict) else None
        row["label"] = record_label(db, row["tbl"], row["record_id"], mine)
    return rows


def load_rejected(db: Database) -> list[dict[str, Any]]:
    rows = sync_apply.rejected_changes(db)
    for row in rows:
        try:
            row["fields"] = json.loads(row["fields"] or "{}")
        except ValueError:
            row["fields"] = {}
        row["label"] = record_label(db, row["tbl"], row["record_id"], row["fields"])
    return rows


def short_time(stamp: str | None) -> str:
    """A UTC ISO stamp as local ``2024-06-30 16:15``."""
    try:
        moment = datetime.fromisoformat((stamp or "").replace("Z", "+00:00"))
    except ValueError:
        return (stamp or "").replace("T", " ")[:16]
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


class _RowsModel(FlatTable, QAbstractTableModel):
    """Rows as dicts; subclasses give the headers and each cell's text."""

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def cell(self, row: dict[str, Any], column: int) -> str:
        raise NotImplementedError

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = self.headers()
        self._rows: list[dict[str, Any]] = []

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self._rows

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_data(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # a long value cut short in the list, whole in its tooltip (the views' FitWidth
            # gives an elided cell's text in the tooltip too)
            text = self.cell(row, index.column())
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 80 else None
            return text[:79] + "…" if len(text) > 80 else text
        if role == ID_ROLE:
            return row["id"]
        return None


class ConflictsModel(_RowsModel):
    """Open conflicts: what, which field, 本机's value, 对方's value, who 对方 is, which stands."""

    KIND, MINE, THEIRS, OTHER, IN_FORCE, TIME = 3, 4, 5, 6, 7, 8

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("SyncModels", "类别"),
            QCoreApplication.translate("SyncModels", "记录"),
            QCoreApplication.translate("SyncModels", "字段"),
            QCoreApplication.translate("SyncModels", "冲突"),
            QCoreApplication.translate("SyncModels", "本机的值"),
            QCoreApplication.translate("SyncModels", "对方的值"),
            QCoreApplication.translate("SyncModels", "对方"),
            QCoreApplication.translate("SyncModels", "现行值"),
            QCoreApplication.translate("SyncModels", "时间"),
        )

    def cell(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return table_name(row["tbl"])
        if column == 1:
            return row["label"]
        if column == 2:
            return field_name(row["field"])
        if column == self.KIND:
            return conflict_kind(row["kind"], row.get("side", "local"))
        if column == self.MINE:
            return conflict_value(row["mine"], row["kind"])
        if column == self.THEIRS:
            return conflict_value(row["theirs"], row["kind"])
        if column == self.OTHER:
            return other_side(row)
        if column == self.IN_FORCE:
            return in_force_text(row)
        return short_time(row["created_at"])


class RejectedModel(_RowsModel):
    """Changes the server refused, with its reason."""

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("SyncModels", "类别"),
            QCoreApplication.translate("SyncModels", "记录"),
            QCoreApplication.translate("SyncModels", "操作"),
            QCoreApplication.translate("SyncModels", "更改内容"),
            QCoreApplication.translate("SyncModels", "原因"),
            QCoreApplication.translate("SyncModels", "时间"),
        )

    def cell(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return table_name(row["tbl"])
        if column == 1:
            return row["label"]
        if column == 2:
            return {
                "insert": QCoreApplication.translate("SyncModels", "新增"),
                "update": QCoreApplication.translate("SyncModels", "修改"),
                "delete": QCoreApplication.translate("SyncModels", "删除"),
            }.get(row["kind"], row["kind"])
        if column == 3:
            return format_value(row["fields"]) if row["fields"] else ""
        if column == 4:
            return domain(row["reason"] or "")
        return short_time(row["created_at"])


def sync_counts(db: Database, since: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the status item shows: pending changes, open conflicts, rejections, last sync.

    ``since`` (counts read before, with no sync in between): only the changes logged
    after those are counted and added. A store action only appends to the change log,
    and at 100,000 tasks a desktop that never synced holds over a million pending
    changes: counting them all after every edit took ~90 ms of the GUI thread."""

    def count(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0])

    if since is None:
        pending, last_seq = db.execute(
            "SELECT count(*), coalesce(max(seq), 0) FROM change_log WHERE acked_seq IS NULL"
        ).fetchone()
    else:  # rows after the last pending one were acknowledged then: only newer ones count
        added, newest = db.execute(
            "SELECT count(*), max(seq) FROM change_log WHERE acked_seq IS NULL AND seq > ?",
            [since["pending_seq"]],
        ).fetchone()
        pending, last_seq = since["pending"] + added, newest or since["pending_seq"]
    return {
        "pending": int(pending),
        "pending_seq": int(last_seq),
        "conflicts": count("SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL"),
        "rejected": count("SELECT count(*) FROM sync_rejected WHERE dismissed_at IS NULL"),
        "last_sync": sync_apply.get_state(db, "last_sync"),
    }
