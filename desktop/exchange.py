"""The ``liandong/1`` JSON interchange format (see docs/formats.md).

Export is a pure read; import restores every record with its original id in
one store action, so export → import into an empty database → export gives
the same document. Coordination data (milestones, reports, …) is carried by
``desktop.exchange_coordination`` when that feature is present.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.errors import UserError
from desktop.models import queries
from desktop.models.ids import stable_id
from desktop.models.schema_registry import SYNCED_TABLES
from desktop.models.store import ImportResult, Store
from desktop.models.transactions import InvalidRecord, Tx
from sync.vocabulary import ROLES

FORMAT = "liandong/1"


def _coordination_module():
    try:
        from desktop import exchange_coordination
    except ImportError:  # feature not present in this build
        return None
    return exchange_coordination


def export_data(db: Database) -> dict[str, Any]:
    """The whole database as a ``liandong/1`` document."""
    unit_names = {row[0]: row[1] for row in db.execute("SELECT id, name FROM unit")}
    units = [
        {"id": r["id"], "name": r["name"], "aliases": json.loads(r["aliases"]), "kind": r["kind"]}
        for r in db.query("SELECT id, name, aliases, kind FROM unit ORDER BY name, id")
    ]
    assignments: dict[str, dict[str, list[str]]] = {}
    for item_id, unit_id, role in db.execute(
        "SELECT item_id, unit_id, role FROM assignment ORDER BY item_id, position, unit_id"
    ):
        assignments.setdefault(item_id, {r: [] for r in ROLES})[role].append(unit_names[unit_id])
    items_by_task: dict[str, list[dict[str, Any]]] = {}
    for r in db.query("SELECT * FROM item ORDER BY task_id, position"):
        roles = assignments.get(r["id"], {role: [] for role in ROLES})
        items_by_task.setdefault(r["task_id"], []).append(
            {
                "id": r["id"],
                "text": r["text"],
                "attribution": r["attribution"],
                **{role: roles[role] for role in ROLES},
                "span": [r["span_start"], r["span_end"]],
            }
        )
    targets_by_task: dict[str, list[dict[str, Any]]] = {}
    for r in db.query("SELECT * FROM target ORDER BY task_id, position"):
        targets_by_task.setdefault(r["task_id"], []).append(_target_out(r) | {"item": r["item_id"]})
    plans = []
    for p in db.query("SELECT * FROM plan ORDER BY imported_at, id"):
        section_keys = {}
        sections = []
        for s in db.query("SELECT * FROM section WHERE plan_id = ? ORDER BY position", [p["id"]]):
            section_keys[s["id"]] = s["key"]
            sections.append(
                {
                    "id": s["id"],
                    "key": s["key"],
                    "level": s["level"],
                    "no": s["no"],
                    "title": s["title"],
                    "parent": section_keys.get(s["parent_id"]),
                }
            )
        tasks = [
            {
                "id": t["id"],
                "no": t["no"],
                "title": t["title"],
                "section": section_keys.get(t["section_id"]),
                "text": t["text"],
                "span": [t["span_start"], t["span_end"]],
                "outline_key": t["outline_key"],
                "leaders": json.loads(t["leaders"] or "[]"),
                "deadline": t["deadline"],
                "items": items_by_task.get(t["id"], []),
                "targets": targets_by_task.get(t["id"], []),
                **_authoring_task_out(t),
            }
            for t in db.query(
                f"SELECT * FROM task WHERE plan_id = ? ORDER BY {queries.TASK_DOCUMENT_ORDER}",
                [p["id"]],
            )
        ]
        goals = [
            _target_out(r)
            for r in db.query(
                "SELECT * FROM plan_goal WHERE plan_id = ? ORDER BY position", [p["id"]]
            )
        ]
        warnings = [
            {"id": w[0], "message": w[1]}
            for w in db.execute(
                "SELECT id, message FROM plan_warning WHERE plan_id = ? ORDER BY position",
                [p["id"]],
            )
        ]
        plans.append(
            {
                "id": p["id"],
                "title": p["title"],
                "doc_no": p["doc_no"],
                "issuer": p["issuer"],
                "index_no": p["index_no"],
                "written_date": p["written_date"],
                "published_date": p["published_date"],
                "source_name": p["source_name"],
                "fingerprint": p["fingerprint"],
                "imported_at": p["imported_at"],
                "source_text": p["source_text"],
                "sections": sections,
                "tasks": tasks,
                "goals": goals,
                "warnings": warnings,
                "changes": _changes_out(db, p["id"]),
            }
        )
    # units before plans: an import reads them first (``import_file``: one pass)
    data: dict[str, Any] = {"format": FORMAT, "units": units, "plans": plans}
    coordination = _coordination_module()
    if coordination is not None:
        data["coordination"] = coordination.export_coordination(db)
    return data


def _authoring_task_out(t: dict[str, Any]) -> dict[str, Any]:
    """A task's authoring fields: deadline, archive date, 上级任务 link, roll-up."""
    return {
        "deadline": t["deadline"],
        "archived": t["archived"],
        "parent_task": t["parent_task_id"],
        "rollup": bool(t["rollup"]),
    }


def _changes_out(db: Database, plan_id: str) -> list[dict[str, Any]]:
    """The plan's change history (调整记录), oldest first, complete rows."""
    columns = ("id", *SYNCED_TABLES["task_change"])
    return list(
        db.query(
            f"SELECT {', '.join(columns)} FROM task_change WHERE plan_id = ?"
            " ORDER BY changed_at, id",
            [plan_id],
        )
    )


def _target_out(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "text": r["text"],
        "metric": r["metric"],
        "comparator": r["comparator"],
        "value": r["value"],
        "unit": r["uom"],
        "deadline": r["deadline"],
        "span": [r["span_start"], r["span_end"]],
    }


def _target_in(g: dict[str, Any]) -> dict[str, Any]:
    span = g.get("span") or [None, None]
    return {
        "id": g["id"],
        "text": g.get("text", ""),
        "metric": g.get("metric", ""),
        "comparator": g.get("comparator", ">="),
        "value": g.get("value"),
        "uom": g.get("unit", ""),
        "deadline": g.get("deadline"),
        "span_start": span[0],
        "span_end": span[1],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def is_exchange_file(path: Path) -> bool:
    """True for a ``liandong/1`` JSON document (sniffed, not by extension only)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).decode("utf-8", "ignore")
    except OSError:
        return False
    return head.lstrip().startswith("{") and FORMAT in head


def _require(record: dict[str, Any], *keys: str, where: str) -> None:
    missing = [k for k in keys if k not in record]
    if missing:
        raise UserError(f"数据文件格式错误：{where} 缺少字段 {', '.join(missing)}。")


def import_data(
    store: Store, data: dict[str, Any], summary: dict[str, int] | None = None
) -> list[ImportResult]:
    """Restore a ``liandong/1`` document in one action; known plans are skipped.

    ``summary`` (when given) receives what was added besides plans: ``units``
    (new units), one count per coordination table, and ``kept`` (records of the
    file already present, left unchanged: import never updates a record).
    """
    coordination = data.get("coordination")

    def read(importer: _Importer) -> None:
        for p in data.get("plans", []):
            importer.plan(p)
        if coordination:
            from desktop import exchange_coordination as xc

            importer.coordination(xc.import_coordination(importer.tx, coordination))
            importer.added["kept"] += sum(
                len(v) for v in coordination.values() if isinstance(v, list)
            )

    return _import(store, data.get("units", []), read, summary)


def check_file(path: Path) -> list[Any]:
    """The units of a ``liandong/1`` file (``UserError`` when it is none): read
    before a database is opened, so that a wrong file creates nothing."""
    from desktop import exchange_stream

    with _readable(path):
        fmt, units = exchange_stream.head(path)
    if fmt != FORMAT:
        raise UserError("{} 不是联动导出的数据文件（需要 format = {}）。", path, FORMAT)
    if units is not None and not isinstance(units, list):
        raise UserError("数据文件格式错误：units 应为单位列表。未导入任何内容。")
    return units or []


def import_file(
    store: Store,
    path: Path,
    summary: dict[str, int] | None = None,
    units: list[Any] | None = None,
) -> list[ImportResult]:
    """``import_data`` of a file read as a stream (``exchange_stream``): one plan and
    at most ``exchange_coordination.BATCH`` records are in memory at a time, so
    memory does not grow with the file. The format and the units are read first
    (exports write them first; an older file, with its units after the plans, is
    read twice). Still one action: a file that turns out malformed halfway writes
    nothing. ``units``: what ``check_file`` returned, when it was called."""
    from desktop import exchange_stream

    if units is None:
        units = check_file(path)

    def read(importer: _Importer) -> None:
        def visit(key: str, cursor: Any) -> bool:
            if key == "plans":
                for p in cursor.elements():
                    importer.plan(p)
            elif key == "coordination" and cursor.peek() == "{":
                importer.coordination_stream(cursor)
            else:
                cursor.skip()  # format, units (read above), anything else
            return True

        with _readable(path):
            exchange_stream.walk(path, visit)

    return _import(store, units, read, summary)


@contextmanager
def _readable(path: Path) -> Iterator[None]:
    """A file that cannot be read or parsed: the message of ``load``."""
    from desktop.exchange_stream import ReadError

    try:
        yield
    except ReadError as exc:
        raise UserError("无法读取 JSON 文件 {}：{}", path, str(exc)[:200]) from exc


class _Importer:
    """The parts of one import, inside its action: units, then plan by plan, then
    the coordination tables."""

    def __init__(self, tx: Tx, units: list[Any]) -> None:
        self.tx = tx
        self.results: list[ImportResult] = []
        self.added: dict[str, int] = {"units": 0, "kept": 0}
        self.unit_ids: dict[str, str] = {}
        self.links: dict[str, str] = {}  # task id -> 上级任务 id, set once every plan is in
        existing = {name: uid for uid, name in tx.db.execute("SELECT id, name FROM unit")}
        for u in units:
            _require(u, "id", "name", where="units")
            if u["name"] in existing:
                self.unit_ids[u["name"]] = existing[u["name"]]
                continue
            tx.insert(
                "unit",
                {
                    "id": u["id"],
                    "name": u["name"],
                    "kind": u.get("kind", "other"),
                    "aliases": json.dumps(u.get("aliases", []), ensure_ascii=False),
                },
            )
            self.unit_ids[u["name"]] = u["id"]
            self.added["units"] += 1

    def plan(self, p: dict[str, Any]) -> None:
        _require(p, "id", "title", "tasks", where="plans")
        if self.tx.db.execute("SELECT 1 FROM plan WHERE id = ?", [p["id"]]).fetchone():
            self.results.append(ImportResult(p["id"], False, p["title"]))
        else:
            self.results.append(_import_plan(self.tx, p, self.unit_ids, self.links))
            self.tx.forget_checked()  # memory flat: the ids of this plan are not kept

    def coordination(self, counts: dict[str, int]) -> None:
        self.added.update(counts)
        self.added["kept"] -= sum(counts.values())

    def coordination_stream(self, cursor: Any) -> None:
        """The coordination tables as they come, each in its turn (parents first:
        a table that comes early is held until the tables before it are in)."""
        from desktop import exchange_coordination as xc

        order = list(xc.IMPORT_ORDER)
        held: dict[str, list[Any]] = {}

        def tables() -> Iterator[tuple[str, Iterable[Any]]]:
            for table in cursor.members():
                if table not in order:
                    cursor.skip()
                    continue
                if cursor.peek() != "[":
                    raise UserError("导入文件格式不对：{} 应为记录列表。", table)
                if table != order[0]:  # out of turn: hold it
                    held[table] = list(cursor.elements())
                    continue
                while order and order[0] != table:
                    order.pop(0)
                order.pop(0)
                yield table, cursor.elements()
                while order and order[0] in held:
                    later = order.pop(0)
                    yield later, held.pop(later)
            for table in order:
                if table in held:
                    yield table, held.pop(table)

        counts, read = xc.import_tables(self.tx, tables())
        self.added["kept"] += read
        self.coordination(counts)


def _import(
    store: Store,
    units: list[Any],
    read: Callable[[_Importer], None],
    summary: dict[str, int] | None,
) -> list[ImportResult]:
    try:
        with store.action("import_json", bulk=True) as tx:
            importer = _Importer(tx, units)
            read(importer)
            _import_links(tx, importer.links)
    except InvalidRecord as exc:
        raise UserError("数据文件中有无效的记录，未导入任何内容：{}", exc.text) from exc
    except UserError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UserError("数据文件格式错误：{}。未导入任何内容。", exc) from exc
    if summary is not None:
        summary.update(importer.added)
    return importer.results


def _import_plan(
    tx, p: dict[str, Any], unit_ids: dict[str, str], links: dict[str, str]
) -> ImportResult:
    """One plan of the file: its rows collected per table, then one insert per table."""
    plan_id = p["id"]
    text_fields = ("title", "doc_no", "issuer", "index_no", "source_name", "fingerprint")
    row = {k: p.get(k) or "" for k in text_fields}
    row.update({k: p.get(k) for k in ("written_date", "published_date", "imported_at")})
    tx.insert("plan", {"id": plan_id, **row, "source_text": p.get("source_text") or ""})
    section_ids: dict[str, str] = {}
    rows: dict[str, list[dict[str, Any]]] = {
        table: [] for table in ("section", "task", "item", "assignment", "target")
    }
    for position, s in enumerate(p.get("sections", [])):
        section_ids[s["key"]] = s["id"]
        rows["section"].append(
            {
                "id": s["id"],
                "plan_id": plan_id,
                "parent_id": section_ids.get(s.get("parent") or ""),
                "key": s["key"],
                "level": s["level"],
                "no": s.get("no", ""),
                "title": s.get("title", ""),
                "position": position,
            }
        )
    for t in p["tasks"]:
        _require(t, "id", "no", where="tasks")
        span = t.get("span") or [None, None]
        rows["task"].append(
            {
                "id": t["id"],
                "plan_id": plan_id,
                "section_id": section_ids.get(t.get("section") or ""),
                "no": t["no"],
                "title": t.get("title", ""),
                "text": t.get("text", ""),
                "span_start": span[0],
                "span_end": span[1],
                "outline_key": str(t.get("outline_key") or ""),
                "leaders": json.dumps(_leaders(t.get("leaders")), ensure_ascii=False),
                "deadline": _deadline(t.get("deadline")),
                "archived": t.get("archived"),
                "rollup": 1 if t.get("rollup") else 0,
            }
        )
        if t.get("parent_task"):
            links[t["id"]] = t["parent_task"]
        for position, item in enumerate(t.get("items", [])):
            span = item.get("span") or [None, None]
            rows["item"].append(
                {
                    "id": item["id"],
                    "task_id": t["id"],
                    "position": position,
                    "text": item.get("text", ""),
                    "attribution": item.get("attribution", ""),
                    "span_start": span[0],
                    "span_end": span[1],
                }
            )
            assignments: list[dict[str, Any]] = []
            for role in ROLES:
                for name in item.get(role, []):
                    if name not in unit_ids:
                        raise UserError("数据文件格式错误：单位“{}”不在 units 列表中。", name)
                    assignments.append(
                        {
                            "item_id": item["id"],
                            "unit_id": unit_ids[name],
                            "role": role,
                            "position": len(assignments),
                        }
                    )
            for assignment in assignments:
                assignment["id"] = stable_id(
                    assignment["item_id"], assignment["unit_id"], assignment["role"]
                )
            rows["assignment"].extend(assignments)
        for position, g in enumerate(t.get("targets", [])):
            rows["target"].append(
                _target_in(g) | {"task_id": t["id"], "item_id": g.get("item"), "position": position}
            )
    for table, table_rows in rows.items():  # parents before children
        tx.insert_many(table, table_rows)
    counts = {name + "s": len(rows[name]) for name in rows}
    counts["sections"] = len(section_ids)
    tx.insert_many(
        "plan_goal",
        [
            _target_in(g) | {"plan_id": plan_id, "position": position}
            for position, g in enumerate(p.get("goals", []))
        ],
    )
    warnings = p.get("warnings", [])
    tx.insert_many(
        "plan_warning",
        [
            {"id": w["id"], "plan_id": plan_id, "position": position, "message": w["message"]}
            for position, w in enumerate(warnings)
        ],
    )
    allowed = set(SYNCED_TABLES["task_change"])
    for change in p.get("changes", []):  # one by one: their columns vary (schema defaults)
        _require(change, "id", "summary", "changed_at", where="changes")
        tx.insert(
            "task_change",
            {"id": change["id"], **{k: v for k, v in change.items() if k in allowed},
             "plan_id": plan_id},
        )  # fmt: skip
    return ImportResult(plan_id, True, p["title"], counts, [w["message"] for w in warnings])


def _leaders(value: object) -> list[str]:
    """The ``leaders`` of a task in a data file: a list of names."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError("数据文件格式错误：任务的 leaders 必须是姓名列表。")
    return value


def _deadline(value: object) -> str | None:
    """A task's ``deadline`` in a data file: an ISO date or null."""
    if value is None:
        return None
    from desktop.models.coordination_common import parse_date

    if not isinstance(value, str):
        raise UserError("数据文件格式错误：任务的 deadline 必须是日期（YYYY-MM-DD）或 null。")
    return parse_date(value, "任务完成时限")


def _import_links(tx, links: dict[str, str]) -> None:
    """上级任务 links whose higher-level task is present (in the file or already here)."""
    for task_id, parent_id in links.items():
        if tx.db.execute("SELECT 1 FROM task WHERE id = ?", [parent_id]).fetchone():
            tx.update("task", task_id, {"parent_task_id": parent_id})
