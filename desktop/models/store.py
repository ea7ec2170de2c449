"""The store: the only code that writes SQL.

One user action = one ``Store.action(...)`` block = one transaction, in
which every insert/update/delete of a synced table also appends an op to
``change_log`` (the sync outbox). If the log row cannot be written, the edit
is not written either.

The store is plain Python (no Qt); one ``Store`` per thread (sqlite3
connections are per thread; WAL lets a background job write while the GUI
reads through its own connection).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.errors import NotFound, UserError
from desktop.importer.model import ROLES, ParsedPlan, ParsedTarget
from desktop.models.db import open_database
from desktop.models.ids import new_id, stable_id
from desktop.models.schema import SYNCED_TABLES, wire_columns

log = logging.getLogger(__name__)

Listener = Callable[[str, frozenset[str]], None]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def target_fields(target: ParsedTarget) -> dict[str, Any]:
    """The columns a parsed target (task target or plan goal) is stored in."""
    return {
        "text": target.text,
        "metric": target.metric,
        "comparator": target.comparator,
        "value": target.value,
        "uom": target.uom,
        "deadline": target.deadline,
        "span_start": target.span.start if target.span else None,
        "span_end": target.span.end if target.span else None,
    }


class Tx:
    """The write handle of one action. Every write is logged for sync."""

    def __init__(self, db: Database, action: str) -> None:
        self.db = db
        self.action = action
        self.tables: set[str] = set()
        self._base_seq = int(
            (db.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone() or [0])[0]
            or 0
        )
        self._now = utc_now()

    def _log(self, rows: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
        self.db.conn.executemany(
            "INSERT INTO change_log (op_id, action, tbl, record_id, kind, fields, base_seq,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    new_id(),
                    self.action,
                    table,
                    record_id,
                    kind,
                    json.dumps(fields, ensure_ascii=False, separators=(",", ":")),
                    self._base_seq,
                    self._now,
                )
                for table, record_id, kind, fields in rows
            ],
        )

    @staticmethod
    def _columns(table: str) -> tuple[str, ...]:
        try:
            return SYNCED_TABLES[table]
        except KeyError:
            raise ValueError(f"not a synced table: {table}") from None

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> list[str]:
        """Insert rows (each may carry its own ``id``); returns the ids."""
        if not rows:
            return []
        columns = self._columns(table)
        for row in rows:
            row.setdefault("id", new_id())
            unknown = set(row) - set(columns) - {"id"}
            if unknown:
                raise ValueError(f"unknown columns for {table}: {sorted(unknown)}")
        names = ("id", *columns)
        self.db.conn.executemany(
            f"INSERT INTO [{table}] ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [tuple(row.get(name) for name in names) for row in rows],
        )
        wire = wire_columns(table)
        self._log((table, row["id"], "insert", {c: row.get(c) for c in wire}) for row in rows)
        self.tables.add(table)
        return [row["id"] for row in rows]

    def insert(self, table: str, row: dict[str, Any]) -> str:
        return self.insert_many(table, [row])[0]

    def update(self, table: str, record_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Set fields; only values that really change are written and logged."""
        columns = self._columns(table)
        unknown = set(fields) - set(columns)
        if unknown:
            raise ValueError(f"unknown columns for {table}: {sorted(unknown)}")
        current = self.db.execute(
            f"SELECT {', '.join(fields)} FROM [{table}] WHERE id = ?", [record_id]
        ).fetchone()
        if current is None:
            raise NotFound(f"记录不存在：{table} {record_id}")
        changed = {
            name: fields[name]
            for name, old in zip(fields, current, strict=True)
            if fields[name] != old
        }
        if changed:
            assignments = ", ".join(f"[{name}] = ?" for name in changed)
            self.db.execute(
                f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*changed.values(), record_id]
            )
            wire = wire_columns(table)
            logged = {name: value for name, value in changed.items() if name in wire}
            if logged:
                self._log([(table, record_id, "update", logged)])
            self.tables.add(table)
        return changed

    def delete(self, table: str, record_id: str) -> None:
        """Delete a row and, first, log what SQLite would cascade.

        Children under ``ON DELETE CASCADE`` are deleted (and logged) one by one,
        ``ON DELETE SET NULL`` references are cleared with a logged update, so
        other clients see exactly what happened here.
        """
        self._columns(table)
        for child, column, on_delete in _dependents(self.db, table):
            rows = self.db.execute(
                f"SELECT id FROM [{child}] WHERE [{column}] = ?", [record_id]
            ).fetchall()
            for (child_id,) in rows:
                if on_delete == "CASCADE":
                    self.delete(child, child_id)
                elif on_delete == "SET NULL":
                    self.update(child, child_id, {column: None})
        cursor = self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [record_id])
        if cursor.rowcount:
            self._log([(table, record_id, "delete", {})])
            self.tables.add(table)


_DEPENDENTS: dict[tuple[int, str], list[tuple[str, str, str]]] = {}


def _dependents(db: Database, table: str) -> list[tuple[str, str, str]]:
    """Synced tables referencing ``table``: (child, column, on_delete action)."""
    key = (id(db.conn), table)
    if key not in _DEPENDENTS:
        found = []
        for child in SYNCED_TABLES:
            for fk in db.execute(f"PRAGMA foreign_key_list([{child}])").fetchall():
                # (id, seq, table, from, to, on_update, on_delete, match)
                if fk[2] == table and fk[6] in ("CASCADE", "SET NULL"):
                    found.append((child, fk[3], fk[6]))
        _DEPENDENTS[key] = found
    return _DEPENDENTS[key]


@dataclass
class ImportResult:
    plan_id: str
    created: bool
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class Store:
    """The local database of one user profile."""

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self._listeners: list[Listener] = []

    @classmethod
    def open(cls, path: str | Path) -> Store:
        return cls(open_database(path), Path(path))

    def close(self) -> None:
        self.db.conn.close()

    # -- transactions and change notification ---------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(action, tables)`` after each committed action."""
        self._listeners.append(listener)

    @contextmanager
    def action(self, name: str) -> Iterator[Tx]:
        """One user action: one transaction, every write logged for sync."""
        if self.db.conn.in_transaction:
            raise RuntimeError("store actions do not nest")
        tx = None
        with self.db.atomic():
            tx = Tx(self.db, name)
            yield tx
        tables = frozenset(tx.tables)
        for listener in list(self._listeners):
            listener(name, tables)

    def pending_changes(self) -> int:
        return self.db.execute(
            "SELECT count(*) FROM change_log WHERE acked_seq IS NULL"
        ).fetchone()[0]

    # -- plans ----------------------------------------------------------------

    def find_existing_plan(self, parsed: ParsedPlan) -> str | None:
        row = self.db.execute(
            "SELECT id FROM plan WHERE fingerprint = ? OR (doc_no != '' AND doc_no = ?"
            " AND title = ?) LIMIT 1",
            [parsed.fingerprint, parsed.doc_no, parsed.title],
        ).fetchone()
        return row[0] if row else None

    def import_plan(self, parsed: ParsedPlan) -> ImportResult:
        """Write a parsed (and possibly user-corrected) plan in one transaction.

        Importing the same document again changes nothing. Units are shared
        across plans by name or alias.
        """
        existing = self.find_existing_plan(parsed)
        if existing:
            return ImportResult(existing, False, parsed.title, warnings=list(parsed.warnings))
        if not parsed.tasks:
            raise UserError("计划中没有任何任务，未导入。")
        plan_id = stable_id("plan", parsed.fingerprint or parsed.doc_no or parsed.title)
        counts = {"sections": 0, "tasks": 0, "items": 0, "units_new": 0, "assignments": 0}
        counts["targets"] = 0
        with self.action("import_plan") as tx:
            tx.insert(
                "plan",
                {
                    "id": plan_id,
                    "title": parsed.title,
                    "doc_no": parsed.doc_no,
                    "issuer": parsed.issuer,
                    "index_no": parsed.index_no,
                    "written_date": parsed.written_date,
                    "published_date": parsed.published_date,
                    "source_name": parsed.source_name,
                    "source_text": parsed.source_text,
                    "fingerprint": parsed.fingerprint,
                    "imported_at": utc_now(),
                },
            )
            section_ids: dict[str, str] = {}
            for position, section in enumerate(parsed.sections):
                section_ids[section.key] = stable_id(plan_id, "section", section.key)
                tx.insert(
                    "section",
                    {
                        "id": section_ids[section.key],
                        "plan_id": plan_id,
                        "parent_id": section_ids.get(section.parent_key or ""),
                        "key": section.key,
                        "level": section.level,
                        "no": section.no,
                        "title": section.title,
                        "position": position,
                    },
                )
            counts["sections"] = len(parsed.sections)
            units = self._unit_lookup()
            for task in parsed.tasks:
                task_id = stable_id(plan_id, "task", task.no)
                tx.insert(
                    "task",
                    {
                        "id": task_id,
                        "plan_id": plan_id,
                        "section_id": section_ids.get(task.section_key),
                        "no": task.no,
                        "title": task.title,
                        "text": task.text,
                        "span_start": task.span.start if task.span else None,
                        "span_end": task.span.end if task.span else None,
                    },
                )
                counts["tasks"] += 1
                for item_pos, item in enumerate(task.items):
                    item_id = stable_id(task_id, "item", item_pos)
                    tx.insert(
                        "item",
                        {
                            "id": item_id,
                            "task_id": task_id,
                            "position": item_pos,
                            "text": item.text,
                            "attribution": item.attribution,
                            "span_start": item.span.start if item.span else None,
                            "span_end": item.span.end if item.span else None,
                        },
                    )
                    counts["items"] += 1
                    seen: set[tuple[str, str]] = set()
                    rows = []
                    for unit_pos, ref in enumerate(item.units):
                        if ref.role not in ROLES:
                            raise UserError(f"任务{task.no}：未知的职责“{ref.role}”")
                        name = ref.name.strip()
                        if not name:
                            continue
                        unit_id = units.get(name)
                        if unit_id is None:
                            unit_id = self._create_unit(tx, name, ref.kind)
                            units[name] = unit_id
                            counts["units_new"] += 1
                        if (unit_id, ref.role) in seen:
                            continue
                        seen.add((unit_id, ref.role))
                        rows.append(
                            {
                                "id": stable_id(item_id, unit_id, ref.role),
                                "item_id": item_id,
                                "unit_id": unit_id,
                                "role": ref.role,
                                "position": unit_pos,
                            }
                        )
                    tx.insert_many("assignment", rows)
                    counts["assignments"] += len(rows)
                for target_pos, target in enumerate(task.targets):
                    tx.insert(
                        "target",
                        {
                            "id": stable_id(task_id, "target", target_pos),
                            "task_id": task_id,
                            "item_id": None,
                            "position": target_pos,
                            **target_fields(target),
                        },
                    )
                    counts["targets"] += 1
            tx.insert_many(
                "plan_goal",
                [
                    {
                        "id": stable_id(plan_id, "goal", i),
                        "plan_id": plan_id,
                        "position": i,
                        **target_fields(goal),
                    }
                    for i, goal in enumerate(parsed.goals)
                ],
            )
            counts["goals"] = len(parsed.goals)
            tx.insert_many(
                "plan_warning",
                [
                    {
                        "id": stable_id(plan_id, "warning", i),
                        "plan_id": plan_id,
                        "position": i,
                        "message": message,
                    }
                    for i, message in enumerate(parsed.warnings)
                ],
            )
        counts["units"] = len(parsed.unit_names())
        return ImportResult(plan_id, True, parsed.title, counts, list(parsed.warnings))

    def delete_plan(self, plan_id: str) -> None:
        """Remove a plan with everything that belongs to it (each delete logged)."""
        if not self.db.execute("SELECT 1 FROM plan WHERE id = ?", [plan_id]).fetchone():
            raise NotFound("计划不存在。")
        with self.action("delete_plan") as tx:
            from desktop.models.coordination import delete_for_plan

            delete_for_plan(tx, plan_id)  # logged, before the task rows cascade
            by_task = "JOIN task t ON t.id = {}.task_id WHERE t.plan_id = ?"
            for table, sql in (
                (
                    "assignment",
                    "SELECT a.id FROM assignment a JOIN item i ON i.id = a.item_id "
                    + by_task.format("i"),
                ),
                ("target", "SELECT g.id FROM target g " + by_task.format("g")),
                ("item", "SELECT i.id FROM item i " + by_task.format("i")),
                ("task", "SELECT id FROM task WHERE plan_id = ?"),
                ("section", "SELECT id FROM section WHERE plan_id = ? ORDER BY level DESC"),
                ("plan_warning", "SELECT id FROM plan_warning WHERE plan_id = ?"),
                ("plan_goal", "SELECT id FROM plan_goal WHERE plan_id = ?"),
            ):
                for (record_id,) in self.db.execute(sql, [plan_id]).fetchall():
                    tx.delete(table, record_id)
            tx.delete("plan", plan_id)

    # -- units ----------------------------------------------------------------

    def _unit_lookup(self) -> dict[str, str]:
        """Every name and alias → unit id."""
        lookup: dict[str, str] = {}
        for unit_id, name, aliases in self.db.execute("SELECT id, name, aliases FROM unit"):
            for alias in json.loads(aliases or "[]"):
                lookup.setdefault(alias, unit_id)
            lookup[name] = unit_id
        return lookup

    def _create_unit(self, tx: Tx, name: str, kind: str) -> str:
        unit_id = stable_id("unit", name)
        if self.db.execute("SELECT 1 FROM unit WHERE id = ?", [unit_id]).fetchone():
            unit_id = new_id()  # the natural id belongs to a renamed unit
        return tx.insert("unit", {"id": unit_id, "name": name, "kind": kind, "aliases": "[]"})

    def find_unit(self, name_or_alias: str) -> str:
        """The id of the unit with this name or alias; ``NotFound`` otherwise."""
        unit_id = self._unit_lookup().get(name_or_alias.strip())
        if unit_id is None:
            raise NotFound(f"找不到单位“{name_or_alias}”（按名称或别名）。")
        return unit_id

    def _unit(self, unit_id: str) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT id, name, kind, aliases FROM unit WHERE id = ?", [unit_id]
        ).fetchone()
        if row is None:
            raise NotFound("单位不存在。")
        return {"id": row[0], "name": row[1], "kind": row[2], "aliases": json.loads(row[3])}

    def _check_name_free(self, name: str, unit_id: str) -> None:
        other = self._unit_lookup().get(name)
        if other and other != unit_id:
            raise UserError(f"名称“{name}”已属于另一个单位；如是同一单位，请使用“合并单位”。")

    def edit_unit(
        self,
        unit_id: str,
        *,
        name: str | None = None,
        kind: str | None = None,
        aliases: list[str] | None = None,
    ) -> None:
        """Rename, re-kind and/or set aliases of a unit in one action.

        A renamed unit keeps its old name as an alias, so later imports of
        documents using the old spelling still match.
        """
        from desktop.importer.model import UNIT_KINDS

        unit = self._unit(unit_id)
        fields: dict[str, Any] = {}
        new_name = unit["name"] if name is None else name.strip()
        if not new_name:
            raise UserError("单位名称不能为空。")
        if new_name != unit["name"]:
            self._check_name_free(new_name, unit_id)
            fields["name"] = new_name
        if kind is not None and kind != unit["kind"]:
            if kind not in UNIT_KINDS:
                raise UserError(f"未知的单位类型：{kind}")
            fields["kind"] = kind
        wanted = list(unit["aliases"]) if aliases is None else aliases
        if new_name != unit["name"] and unit["name"] not in wanted:
            wanted = [*wanted, unit["name"]]
        clean: list[str] = []
        for alias in wanted:
            alias = alias.strip()
            if alias and alias != new_name and alias not in clean:
                self._check_name_free(alias, unit_id)
                clean.append(alias)
        if clean != unit["aliases"]:
            fields["aliases"] = json.dumps(clean, ensure_ascii=False)
        if fields:
            with self.action("edit_unit") as tx:
                tx.update("unit", unit_id, fields)

    def rename_unit(self, unit_id: str, new_name: str) -> None:
        """Rename; the old name stays as an alias so later imports still match."""
        self.edit_unit(unit_id, name=new_name)

    def set_unit_aliases(self, unit_id: str, aliases: list[str]) -> None:
        self.edit_unit(unit_id, aliases=aliases)

    def set_unit_kind(self, unit_id: str, kind: str) -> None:
        self.edit_unit(unit_id, kind=kind)

    def merge_units(self, keep_id: str, drop_id: str) -> int:
        """Fold ``drop`` into ``keep``: assignments combined, names kept as aliases.

        Returns the number of assignments moved (duplicates are dropped).
        """
        if keep_id == drop_id:
            raise UserError("不能把单位与自身合并。")
        keep, drop = self._unit(keep_id), self._unit(drop_id)
        aliases = list(keep["aliases"])
        for name in [drop["name"], *drop["aliases"]]:
            if name != keep["name"] and name not in aliases:
                aliases.append(name)
        moved = 0
        with self.action("merge_units") as tx:
            rows = self.db.execute(
                "SELECT id, item_id, role, position FROM assignment WHERE unit_id = ?", [drop_id]
            ).fetchall()
            for assignment_id, item_id, role, position in rows:
                tx.delete("assignment", assignment_id)
                new_assignment = stable_id(item_id, keep_id, role)
                exists = self.db.execute(
                    "SELECT 1 FROM assignment WHERE item_id = ? AND unit_id = ? AND role = ?",
                    [item_id, keep_id, role],
                ).fetchone()
                if not exists:
                    tx.insert(
                        "assignment",
                        {
                            "id": new_assignment,
                            "item_id": item_id,
                            "unit_id": keep_id,
                            "role": role,
                            "position": position,
                        },
                    )
                    moved += 1
            tx.delete("unit", drop_id)
            tx.update("unit", keep_id, {"aliases": json.dumps(aliases, ensure_ascii=False)})
        return moved

    def set_assignment_role(self, assignment_id: str, role: str) -> None:
        if role not in ROLES:
            raise UserError(f"未知的职责：{role}")
        row = self.db.execute(
            "SELECT item_id, unit_id, role, position FROM assignment WHERE id = ?",
            [assignment_id],
        ).fetchone()
        if row is None:
            raise NotFound("分工记录不存在。")
        item_id, unit_id, old_role, position = row
        if old_role == role:
            return
        with self.action("set_assignment_role") as tx:
            tx.delete("assignment", assignment_id)
            if not self.db.execute(
                "SELECT 1 FROM assignment WHERE item_id = ? AND unit_id = ? AND role = ?",
                [item_id, unit_id, role],
            ).fetchone():
                tx.insert(
                    "assignment",
                    {
                        "id": stable_id(item_id, unit_id, role),
                        "item_id": item_id,
                        "unit_id": unit_id,
                        "role": role,
                        "position": position,
                    },
                )
