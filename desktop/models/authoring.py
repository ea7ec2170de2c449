"""Store actions of plan authoring: plans, sections, tasks and their structure.

Each public function is one user action (``structure_action``: a permission
check, one transaction, every write logged for sync, every structural change
appended to the task's change history with its basis 依据). Bad input raises
``UserError`` (Chinese) before anything is written.

Ids: hand-made records get time-ordered UUIDv7s (``new_id``), which never
collide with the importer's name-based UUIDv5s; assignments keep the natural
key ``stable_id(item, unit, role)`` everywhere, so two offices assigning the
same unit the same role converge on one record.

Undo (the GUI's QUndoStack; each undo is itself a new, recorded action):

=======================================  ==========================================
action                                   inverse
=======================================  ==========================================
``create_plan`` / ``copy_plan`` → id     ``delete_plan(id)`` (plan without records)
``edit_plan`` / ``edit_task`` / ...      the same call with the returned old values
→ old values
``add_task`` → id                        ``delete_task(id)``
``delete_task`` → ``TaskRemoval``        ``restore_task(removal)``
``move_task`` → old number               ``move_task(id, old)``
``set_unit_role`` → old role             ``set_unit_role(..., old)``
``add_item`` / ``add_target`` → id       ``delete_item`` / ``delete_target``
``delete_item`` / ``delete_target``      ``restore_rows(snapshot)``
→ snapshot
=======================================  ==========================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.errors import NotFound, UserError
from desktop.models import coordination as co
from desktop.models.archive import active
from desktop.models.authoring_common import (
    COMPARATOR_TEXT,
    METRIC_MAX,
    NAME_MAX,
    NOTE_MAX,
    ROLE_UNIT_LABELS,
    SECTION_NO_MAX,
    SHORT_MAX,
    TEXT_MAX,
    TITLE_MAX,
    UOM_MAX,
    History,
    check_structure_permission,  # noqa: F401 (used as au.check_structure_permission)
    clean_date,
    clean_no,
    clean_number,
    clean_role,
    clean_text,
    dependencies_touching,
    row,
    structure_action,
)
from desktop.models.coordination_common import default_author
from desktop.models.ids import new_id, stable_id
from desktop.models.store import Store, Tx, utc_now
from sync.vocabulary import COMPARATORS

Snapshot = dict[str, list[dict[str, Any]]]
# The basis (依据) recorded for the GUI's undo and redo steps.
UNDO_BASIS = "撤销"
REDO_BASIS = "重做"
UNDO_REDO_BASIS = "撤销/重做"
# Restore order of a task's rows: parents first.
STRUCTURE_ORDER = ("task", "item", "assignment", "target")

# -- plans -----------------------------------------------------------------------------------


def _plan_fields(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "title" in values:
        out["title"] = clean_text(values["title"], "计划标题", TITLE_MAX, required=True)
    if "doc_no" in values:
        out["doc_no"] = clean_text(values["doc_no"], "发文字号", SHORT_MAX)
    if "issuer" in values:
        out["issuer"] = clean_text(values["issuer"], "发文机关", NAME_MAX)
    for name, what in (("written_date", "成文日期"), ("published_date", "发布日期")):
        if name in values:
            out[name] = clean_date(values[name], what)
    unknown = set(values) - {"title", "doc_no", "issuer", "written_date", "published_date"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    return out


def _check_doc_no_free(store: Store, doc_no: str, plan_id: str = "") -> None:
    if (
        doc_no
        and store.db.execute(
            "SELECT 1 FROM plan WHERE doc_no = ? AND id != ?", [doc_no, plan_id]
        ).fetchone()
    ):
        raise UserError("已有发文字号为“{}”的计划；请换一个文号，或修改那份计划。", doc_no)


def create_plan(
    store: Store,
    title: str,
    *,
    doc_no: str = "",
    issuer: str = "",
    written_date: str | date | None = None,
    published_date: str | date | None = None,
    basis: str = "",
) -> str:
    """A plan written by hand (会议议定事项, 重点工作台账 …): no source document."""
    fields = _plan_fields(
        {"title": title, "doc_no": doc_no, "issuer": issuer,
         "written_date": written_date, "published_date": published_date}
    )  # fmt: skip
    _check_doc_no_free(store, fields["doc_no"])
    plan_id = new_id()
    with structure_action(store, "create_plan", basis) as history:
        history.tx.insert("plan", {"id": plan_id, **fields, "imported_at": utc_now()})
        history.plan(plan_id, "plan_add", f"新建计划《{fields['title']}》", new=fields)
    return plan_id


def edit_plan(store: Store, plan_id: str, *, basis: str = "", **values: Any) -> dict[str, Any]:
    """Change the header (title, 发文字号, issuer, dates); returns the old values."""
    current = row(store.db, "plan", plan_id, "计划")
    fields = _plan_fields(values)
    if "doc_no" in fields:
        _check_doc_no_free(store, fields["doc_no"], plan_id)
    changed = {k: v for k, v in fields.items() if current[k] != v}
    if not changed:
        return {}
    old = {k: current[k] for k in changed}
    labels = {"title": "标题", "doc_no": "发文字号", "issuer": "发文机关",
              "written_date": "成文日期", "published_date": "发布日期"}  # fmt: skip
    with structure_action(store, "edit_plan", basis) as history:
        history.tx.update("plan", plan_id, changed)
        for name, value in changed.items():
            history.plan(
                plan_id,
                f"plan_{name}",
                f"计划{labels[name]} {old[name] or '（空）'} → {value or '（空）'}",
                old[name],
                value,
            )
    return old


def copy_plan(
    store: Store,
    plan_id: str,
    *,
    title: str,
    doc_no: str = "",
    issuer: str | None = None,
    written_date: str | date | None = None,
    published_date: str | date | None = None,
    basis: str = "",
) -> str:
    """A new plan with the structure of ``plan_id`` (sections, tasks, items, units,
    targets) as a template, e.g. for next year; nothing recorded is copied."""
    source = row(store.db, "plan", plan_id, "计划")
    fields = _plan_fields(
        {"title": title, "doc_no": doc_no,
         "issuer": source["issuer"] if issuer is None else issuer,
         "written_date": written_date, "published_date": published_date}
    )  # fmt: skip
    _check_doc_no_free(store, fields["doc_no"])
    new_plan = new_id()
    db = store.db
    with structure_action(store, "copy_plan", basis) as history:
        tx = history.tx
        tx.insert("plan", {"id": new_plan, **fields, "imported_at": utc_now()})
        section_ids: dict[str, str] = {}
        for s in db.query("SELECT * FROM section WHERE plan_id = ? ORDER BY position", [plan_id]):
            section_ids[s["id"]] = new_id()
            tx.insert(
                "section",
                {**_without(s, "id"), "id": section_ids[s["id"]], "plan_id": new_plan,
                 "parent_id": section_ids.get(s["parent_id"])},
            )  # fmt: skip
        tasks = list(
            db.query(
                f"SELECT * FROM task WHERE plan_id = ? AND {active('task')} ORDER BY no", [plan_id]
            )
        )
        for t in tasks:
            task_id = new_id()
            tx.insert(
                "task",
                {**_without(t, "id", "archived", "span_start", "span_end"), "id": task_id,
                 "plan_id": new_plan, "section_id": section_ids.get(t["section_id"])},
            )  # fmt: skip
            for i in db.query("SELECT * FROM item WHERE task_id = ? ORDER BY position", [t["id"]]):
                item_id = new_id()
                tx.insert(
                    "item",
                    {**_without(i, "id", "span_start", "span_end"), "id": item_id,
                     "task_id": task_id},
                )  # fmt: skip
                tx.insert_many(
                    "assignment",
                    [
                        {**_without(a, "id"), "id": stable_id(item_id, a["unit_id"], a["role"]),
                         "item_id": item_id}
                        for a in db.query(
                            "SELECT * FROM assignment WHERE item_id = ? ORDER BY position",
                            [i["id"]],
                        )
                    ],
                )  # fmt: skip
            for g in db.query(
                "SELECT * FROM target WHERE task_id = ? ORDER BY position", [t["id"]]
            ):
                tx.insert(
                    "target",
                    {**_without(g, "id", "item_id", "span_start", "span_end"), "id": new_id(),
                     "task_id": task_id},
                )  # fmt: skip
        history.plan(
            new_plan,
            "plan_copy",
            f"以《{source['title']}》为模板新建计划《{fields['title']}》（任务 {len(tasks)} 项）",
            old=plan_id,
            new=fields,
        )
    return new_plan


def _without(record: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in names}


def delete_plan(store: Store, plan_id: str) -> Any:
    """Delete a plan with everything in it (coordinators only); returns a
    ``plan_undo.PlanSnapshot`` of what it had (for undo). Creating a plan is undone
    with ``plan_undo.remove_authored_plan``."""
    from desktop.models import plan_undo

    return plan_undo.delete_plan(store, plan_id)


def add_unit(store: Store, name: str, kind: str = "other") -> str:
    """A new unit (for a hand-made plan); an existing name or alias is refused."""
    from desktop.models.authoring_common import check_structure_permission as check

    name = clean_text(name, "单位名称", SHORT_MAX, required=True)
    if name in store._unit_lookup():
        raise UserError("单位“{}”已存在。", name)
    check(store.db)
    with store.action("add_unit") as tx:
        return store._create_unit(tx, name, kind)


# -- sections --------------------------------------------------------------------------------


def add_section(
    store: Store,
    plan_id: str,
    title: str,
    *,
    no: str = "",
    parent_id: str | None = None,
    basis: str = "",
) -> str:
    """A section (一、) or, under ``parent_id``, a subsection (（一）), placed last."""
    row(store.db, "plan", plan_id, "计划")
    title = clean_text(title, "章节标题", TITLE_MAX, required=True)
    no = clean_text(no, "章节序号", SECTION_NO_MAX)
    parent = row(store.db, "section", parent_id, "上级章节") if parent_id else None
    if parent and parent["plan_id"] != plan_id:
        raise UserError("上级章节不属于该计划。")
    level = parent["level"] + 1 if parent else 1
    key_part = no or title[:SECTION_NO_MAX]
    key = f"{parent['key']}/{key_part}" if parent else key_part
    if len(key) > 100:
        raise UserError("章节层级过深或序号过长（章节路径最多 100 字）。")
    if store.db.execute(
        "SELECT 1 FROM section WHERE plan_id = ? AND key = ?", [plan_id, key]
    ).fetchone():
        raise UserError("该计划已有章节“{}”。", key)
    # Placed after the parent's last descendant (sections are stored in outline order).
    position = _after_subtree(store, plan_id, parent_id)
    section_id = new_id()
    with structure_action(store, "add_section", basis) as history:
        tx = history.tx
        for sid, pos in store.db.execute(
            "SELECT id, position FROM section WHERE plan_id = ? AND position >= ?"
            " ORDER BY position DESC",
            [plan_id, position],
        ).fetchall():
            tx.update("section", sid, {"position": pos + 1})
        tx.insert(
            "section",
            {"id": section_id, "plan_id": plan_id, "parent_id": parent_id, "key": key,
             "level": level, "no": no, "title": title, "position": position},
        )  # fmt: skip
        history.plan(plan_id, "section_add", f"新增章节 {no} {title}".replace("  ", " "))
    return section_id


def _after_subtree(store: Store, plan_id: str, parent_id: str | None) -> int:
    rows = store.db.execute(
        "SELECT id, parent_id, position FROM section WHERE plan_id = ? ORDER BY position",
        [plan_id],
    ).fetchall()
    if parent_id is None:
        return (rows[-1][2] + 1) if rows else 0
    inside = {parent_id}
    last = None
    for sid, parent, pos in rows:
        if sid == parent_id:
            last = pos
        elif parent in inside:
            inside.add(sid)
            last = pos
    return (last if last is not None else -1) + 1


def edit_section(
    store: Store, section_id: str, *, title: str | None = None, no: str | None = None,
    basis: str = "",
) -> dict[str, Any]:  # fmt: skip
    """Rename or renumber a section; returns the old values. Its key stays (ids and
    task references do not change)."""
    current = row(store.db, "section", section_id, "章节")
    fields: dict[str, Any] = {}
    if title is not None:
        fields["title"] = clean_text(title, "章节标题", TITLE_MAX, required=True)
    if no is not None:
        fields["no"] = clean_text(no, "章节序号", SECTION_NO_MAX)
    changed = {k: v for k, v in fields.items() if current[k] != v}
    if not changed:
        return {}
    old = {k: current[k] for k in changed}
    with structure_action(store, "edit_section", basis) as history:
        history.tx.update("section", section_id, changed)
        history.plan(
            current["plan_id"],
            "section_edit",
            f"章节 {current['no']} {current['title']} → "
            f"{changed.get('no', current['no'])} {changed.get('title', current['title'])}",
            old,
            changed,
        )
    return old


def delete_section(store: Store, section_id: str, *, basis: str = "") -> Snapshot:
    """Delete an empty section (no tasks, no subsections); returns its row for undo."""
    current = row(store.db, "section", section_id, "章节")
    if store.db.execute("SELECT 1 FROM task WHERE section_id = ?", [section_id]).fetchone():
        raise UserError("章节“{}”中还有任务：请先把任务移到其他章节或删除。", current["title"])
    if store.db.execute("SELECT 1 FROM section WHERE parent_id = ?", [section_id]).fetchone():
        raise UserError("章节“{}”下还有子章节：请先删除子章节。", current["title"])
    with structure_action(store, "delete_section", basis) as history:
        history.tx.delete("section", section_id)
        history.plan(
            current["plan_id"], "section_delete", f"删除章节 {current['no']} {current['title']}"
        )
    return {"section": [current]}


# -- tasks -------------------------------------------------------------------------------------


def _numbering_peers(store: Store, plan_id: str, section_id: str | None) -> list[tuple[str, int]]:
    """Tasks sharing one number sequence with tasks of ``section_id``: the whole plan,
    or the section when the plan's numbering restarts in every section."""
    restarts = store.db.execute(
        "SELECT 1 FROM task WHERE plan_id = ? GROUP BY no HAVING count(*) > 1 LIMIT 1", [plan_id]
    ).fetchone()
    if restarts:
        return store.db.execute(
            "SELECT id, no FROM task WHERE plan_id = ? AND section_id IS ? ORDER BY no",
            [plan_id, section_id],
        ).fetchall()
    return store.db.execute(
        "SELECT id, no FROM task WHERE plan_id = ? ORDER BY no", [plan_id]
    ).fetchall()


def _renumber(history: History, task_id: str, old_no: int, new_no: int, reason: str) -> None:
    task = row(history.tx.db, "task", task_id, "任务")
    history.tx.update("task", task_id, {"no": new_no})
    history.task(task | {"no": new_no}, "no", f"序号 {old_no} → {new_no}{reason}", old_no, new_no)


def _check_section(store: Store, plan_id: str, section_id: str | None) -> None:
    if section_id:
        section = row(store.db, "section", section_id, "章节")
        if section["plan_id"] != plan_id:
            raise UserError("该章节不属于此计划。")


def add_task(
    store: Store,
    plan_id: str,
    title: str,
    *,
    text: str = "",
    section_id: str | None = None,
    no: int | None = None,
    deadline: str | date | None = None,
    basis: str = "",
) -> str:
    """A new task with one work item; numbered after the last task unless ``no`` is
    given (then the tasks from ``no`` on move down by one)."""
    plan = row(store.db, "plan", plan_id, "计划")
    title = clean_text(title, "任务标题", TITLE_MAX, required=True)
    text = clean_text(text, "任务内容", TEXT_MAX, multiline=True)
    deadline_iso = clean_date(deadline, "完成时限")
    _check_section(store, plan_id, section_id)
    peers = _numbering_peers(store, plan_id, section_id)
    last = max((n for _id, n in peers), default=0)
    number = last + 1 if no is None else clean_no(no)
    task_id = new_id()
    with structure_action(store, "add_task", basis) as history:
        tx = history.tx
        for other_id, other_no in sorted(peers, key=lambda p: -p[1]):
            if number <= other_no:
                _renumber(history, other_id, other_no, other_no + 1, "（因插入新任务）")
        task = {"id": task_id, "plan_id": plan_id, "section_id": section_id, "no": number,
                "title": title, "text": text, "deadline": deadline_iso}  # fmt: skip
        tx.insert("task", task)
        tx.insert("item", {"id": new_id(), "task_id": task_id, "position": 0, "text": text})
        history.task(task, "task_add", f"新增任务 {number}“{title}”（计划《{plan['title']}》）")
    return task_id


TASK_FIELDS = ("title", "text", "deadline", "section_id", "rollup")


def edit_task(store: Store, task_id: str, *, basis: str = "", **values: Any) -> dict[str, Any]:
    """Change ``title``/``text``/``deadline``/``section_id``/``rollup``; returns old values.

    A task with a single work item keeps the item's text in step with its own."""
    unknown = set(values) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    task = row(store.db, "task", task_id, "任务")
    fields: dict[str, Any] = {}
    if "title" in values:
        fields["title"] = clean_text(values["title"], "任务标题", TITLE_MAX, required=True)
    if "text" in values:
        fields["text"] = clean_text(values["text"], "任务内容", TEXT_MAX, multiline=True)
    if "deadline" in values:
        fields["deadline"] = clean_date(values["deadline"], "完成时限")
    if "section_id" in values:
        _check_section(store, task["plan_id"], values["section_id"])
        fields["section_id"] = values["section_id"] or None
    if "rollup" in values:
        fields["rollup"] = 1 if values["rollup"] else 0
    changed = {k: v for k, v in fields.items() if task[k] != v}
    if not changed:
        return {}
    old = {k: task[k] for k in changed}
    items = store.db.execute("SELECT id, text FROM item WHERE task_id = ?", [task_id]).fetchall()
    with structure_action(store, "edit_task", basis) as history:
        history.tx.update("task", task_id, changed)
        after = task | changed
        if "title" in changed:
            history.task(after, "title", f"标题 “{old['title']}” → “{changed['title']}”",
                         old["title"], changed["title"])  # fmt: skip
        if "text" in changed:
            history.task(after, "text", "修改任务内容", old["text"], changed["text"])
            if len(items) == 1 and items[0][1] == old["text"]:
                history.tx.update("item", items[0][0], {"text": changed["text"]})
        if "deadline" in changed:
            history.task(
                after,
                "deadline",
                f"完成时限 {old['deadline'] or '未定'} → {changed['deadline'] or '未定'}",
                old["deadline"],
                changed["deadline"],
            )
        if "section_id" in changed:
            names = [_section_name(store, s) for s in (old["section_id"], changed["section_id"])]
            history.task(after, "section", f"所属章节 {names[0]} → {names[1]}",
                         old["section_id"], changed["section_id"])  # fmt: skip
        if "rollup" in changed:
            label = {0: "直接填报", 1: "由下级任务汇总"}
            history.task(after, "rollup",
                         f"进度方式 {label[old['rollup']]} → {label[changed['rollup']]}",
                         old["rollup"], changed["rollup"])  # fmt: skip
    return old


def _section_name(store: Store, section_id: str | None) -> str:
    if not section_id:
        return "（无）"
    found = store.db.execute("SELECT no, title FROM section WHERE id = ?", [section_id]).fetchone()
    return f"{found[0]} {found[1]}".strip() if found else "（已删除）"


def move_task(store: Store, task_id: str, new_no: int, *, basis: str = "") -> int:
    """Renumber a task; the tasks in between shift by one. Returns the old number."""
    task = row(store.db, "task", task_id, "任务")
    new_no = clean_no(new_no)
    old_no = task["no"]
    if new_no == old_no:
        return old_no
    peers = _numbering_peers(store, task["plan_id"], task["section_id"])
    with structure_action(store, "move_task", basis) as history:
        for other_id, other_no in peers:
            if other_id == task_id:
                continue
            if new_no < old_no and new_no <= other_no < old_no:
                _renumber(history, other_id, other_no, other_no + 1, "（因任务调整顺序）")
            elif old_no < new_no and old_no < other_no <= new_no:
                _renumber(history, other_id, other_no, other_no - 1, "（因任务调整顺序）")
        _renumber(history, task_id, old_no, new_no, "")
    return old_no


@dataclass
class TaskRemoval:
    """What ``delete_task`` did: archived (records kept) or deleted (snapshot for undo)."""

    task_id: str
    archived: bool
    counts: dict[str, int] = field(default_factory=dict)
    snapshot: Snapshot = field(default_factory=dict)


def recorded_counts(db: Any, task_id: str) -> dict[str, int]:
    """Milestones, reports and target values recorded against a task."""
    return {
        "milestones": db.execute(
            "SELECT count(*) FROM milestone WHERE task_id = ?", [task_id]
        ).fetchone()[0],
        "reports": db.execute(
            "SELECT count(*) FROM report WHERE task_id = ?", [task_id]
        ).fetchone()[0],
        "values": db.execute(
            "SELECT count(*) FROM target_value v JOIN target g ON g.id = v.target_id"
            " WHERE g.task_id = ?",
            [task_id],
        ).fetchone()[0],
    }


def task_snapshot(db: Any, task_id: str) -> Snapshot:
    """Every row of a task (structure and coordination), for undoing its deletion."""
    snap: Snapshot = {"task": [row(db, "task", task_id, "任务")]}
    snap["item"] = list(db.query("SELECT * FROM item WHERE task_id = ?", [task_id]))
    item_ids = [i["id"] for i in snap["item"]]
    marks = ",".join("?" * len(item_ids))
    snap["assignment"] = (
        list(db.query(f"SELECT * FROM assignment WHERE item_id IN ({marks})", item_ids))
        if item_ids
        else []
    )
    snap["target"] = list(db.query("SELECT * FROM target WHERE task_id = ?", [task_id]))
    snap["milestone"] = list(db.query("SELECT * FROM milestone WHERE task_id = ?", [task_id]))
    ms_ids = [m["id"] for m in snap["milestone"]]
    snap["milestone_extension"] = [
        e
        for m in ms_ids
        for e in db.query("SELECT * FROM milestone_extension WHERE milestone_id = ?", [m])
    ]
    snap["target_value"] = [
        v
        for g in snap["target"]
        for v in db.query("SELECT * FROM target_value WHERE target_id = ?", [g["id"]])
    ]
    snap["report"] = list(db.query("SELECT * FROM report WHERE task_id = ?", [task_id]))
    nodes = (
        [("task", task_id)] + [("item", i) for i in item_ids] + [("milestone", m) for m in ms_ids]
    )
    snap["dependency"] = dependencies_touching(db, nodes)
    snap["children"] = [
        {"id": r[0]} for r in db.execute("SELECT id FROM task WHERE parent_task_id = ?", [task_id])
    ]
    return snap


def delete_task(store: Store, task_id: str, *, basis: str = "") -> TaskRemoval:
    """Remove a task. One with recorded milestones, reports or values is archived
    (kept with everything recorded, marked 已归档); one without is deleted."""
    task = row(store.db, "task", task_id, "任务")
    counts = recorded_counts(store.db, task_id)
    if any(counts.values()):
        if task["archived"]:
            raise UserError(f"任务 {task['no']} 已归档。")
        today = date.today().isoformat()
        with structure_action(store, "archive_task", basis) as history:
            history.tx.update("task", task_id, {"archived": today})
            history.task(
                task,
                "task_archive",
                f"撤销任务 {task['no']}“{task['title']}”，已归档保留（里程碑 {counts['milestones']} 个、"
                f"填报 {counts['reports']} 条、目标数值 {counts['values']} 条）",
            )
        return TaskRemoval(task_id, True, counts)
    snapshot = task_snapshot(store.db, task_id)
    with structure_action(store, "delete_task", basis) as history:
        tx = history.tx
        for dep in snapshot["dependency"]:
            tx.delete("dependency", dep["id"])
        tx.delete("task", task_id)
        history.task(task, "task_delete", f"删除任务 {task['no']}“{task['title']}”")
    return TaskRemoval(task_id, False, counts, snapshot)


def restore_task(store: Store, removal: TaskRemoval, *, basis: str = "") -> None:
    """Undo ``delete_task``: unarchive, or re-create the task with the same ids."""
    if removal.archived:
        task = row(store.db, "task", removal.task_id, "任务")
        with structure_action(store, "unarchive_task", basis) as history:
            history.tx.update("task", removal.task_id, {"archived": None})
            history.task(task, "task_unarchive", f"恢复任务 {task['no']}“{task['title']}”")
        return
    snap = removal.snapshot
    task = snap["task"][0]
    if store.db.execute("SELECT 1 FROM task WHERE id = ?", [task["id"]]).fetchone():
        raise UserError("任务已存在，无需恢复。")
    with structure_action(store, "restore_task", basis) as history:
        insert_rows(history.tx, snap)
        history.task(task, "task_restore", f"恢复任务 {task['no']}“{task['title']}”")


def insert_rows(tx: Tx, snap: Snapshot) -> None:
    """Re-insert a ``task_snapshot`` (ids kept), structure first, then records."""
    for table in STRUCTURE_ORDER:
        rows = [dict(r) for r in snap.get(table) or []]
        if table == "task":
            for r in rows:
                r["parent_task_id"] = _existing(tx, r.get("parent_task_id"))
        tx.insert_many(table, [_without(r, "id") | {"id": r["id"]} for r in rows])
    co.insert_snapshot(tx, {t: snap.get(t) or [] for t in co.TABLE_ORDER})
    for task in snap.get("task") or []:
        for child in snap.get("children") or []:
            if tx.db.execute("SELECT 1 FROM task WHERE id = ?", [child["id"]]).fetchone():
                tx.update("task", child["id"], {"parent_task_id": task["id"]})


def _existing(tx: Tx, task_id: str | None) -> str | None:
    if task_id and tx.db.execute("SELECT 1 FROM task WHERE id = ?", [task_id]).fetchone():
        return task_id
    return None


# -- work items ----------------------------------------------------------------------------------


def add_item(store: Store, task_id: str, text: str, *, basis: str = "") -> str:
    """A further work item (its own units), placed last."""
    task = row(store.db, "task", task_id, "任务")
    text = clean_text(text, "事项内容", TEXT_MAX, required=True, multiline=True)
    position = store.db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM item WHERE task_id = ?", [task_id]
    ).fetchone()[0]
    item_id = new_id()
    with structure_action(store, "add_item", basis) as history:
        history.tx.insert(
            "item", {"id": item_id, "task_id": task_id, "position": position, "text": text}
        )
        history.task(task, "item_add", f"新增工作事项 {task['no']}-{position + 1}：{text[:60]}")
    return item_id


def edit_item(store: Store, item_id: str, text: str, *, basis: str = "") -> str:
    """Change a work item's text; returns the old text."""
    item = row(store.db, "item", item_id, "工作事项")
    text = clean_text(text, "事项内容", TEXT_MAX, required=True, multiline=True)
    if text == item["text"]:
        return text
    task = row(store.db, "task", item["task_id"], "任务")
    with structure_action(store, "edit_item", basis) as history:
        history.tx.update("item", item_id, {"text": text})
        history.task(task, "item_edit", f"修改工作事项 {_item_label(store, task, item)}",
                     item["text"], text)  # fmt: skip
    return item["text"]


def delete_item(store: Store, item_id: str, *, basis: str = "") -> Snapshot:
    """Delete a work item (not a task's only one) with its units; returns a snapshot."""
    item = row(store.db, "item", item_id, "工作事项")
    task = row(store.db, "task", item["task_id"], "任务")
    count = store.db.execute(
        "SELECT count(*) FROM item WHERE task_id = ?", [task["id"]]
    ).fetchone()[0]
    if count <= 1:
        raise UserError("这是任务唯一的工作事项，不能删除；可删除整个任务。")
    recorded = store.db.execute(
        "SELECT (SELECT count(*) FROM milestone WHERE item_id = :i)"
        " + (SELECT count(*) FROM report WHERE item_id = :i)",
        {"i": item_id},
    ).fetchone()[0]
    if recorded:
        raise UserError(f"该事项已有 {recorded} 条里程碑或填报记录，不能删除。")
    snap: Snapshot = {
        "item": [item],
        "assignment": list(store.db.query("SELECT * FROM assignment WHERE item_id = ?", [item_id])),
    }
    label = _item_label(store, task, item)
    with structure_action(store, "delete_item", basis) as history:
        history.tx.delete("item", item_id)
        history.task(task, "item_delete", f"删除工作事项 {label}：{item['text'][:60]}")
    return snap


def restore_rows(store: Store, snap: Snapshot, action: str = "restore_rows") -> None:
    """Undo of ``delete_item`` / ``delete_target`` / ``delete_section``."""
    with structure_action(store, action, UNDO_BASIS) as history:
        for table in ("section", "item", "assignment", "target"):
            history.tx.insert_many(table, [dict(r) for r in snap.get(table) or []])
        for r in snap.get("section") or []:
            history.plan(r["plan_id"], "section_restore", f"恢复章节 {r['no']} {r['title']}")
        for r in snap.get("item") or []:
            task = row(store.db, "task", r["task_id"], "任务")
            history.task(task, "item_restore", f"恢复工作事项：{r['text'][:60]}")
        for r in snap.get("target") or []:
            task = row(store.db, "task", r["task_id"], "任务")
            history.task(task, "target_restore", f"恢复量化目标 {target_text(r)}")


def _item_label(store: Store, task: dict[str, Any], item: dict[str, Any]) -> str:
    count = store.db.execute(
        "SELECT count(*) FROM item WHERE task_id = ?", [task["id"]]
    ).fetchone()[0]
    return f"{task['no']}-{item['position'] + 1}" if count > 1 else str(task["no"])


# -- units and roles -------------------------------------------------------------------------------


def item_of(store: Store, task_id: str, item_id: str | None = None) -> str:
    """The work item a unit is assigned on: ``item_id``, or the task's only item."""
    if item_id:
        found = row(store.db, "item", item_id, "工作事项")
        if found["task_id"] != task_id:
            raise UserError("该工作事项不属于此任务。")
        return item_id
    items = store.db.execute(
        "SELECT id FROM item WHERE task_id = ? ORDER BY position", [task_id]
    ).fetchall()
    if len(items) == 1:
        return items[0][0]
    if not items:
        raise NotFound("该任务没有工作事项。")
    raise UserError(f"该任务有 {len(items)} 个工作事项，请指定第几个（--item K）。")


ROLE_RANK = {"lead": 0, "responsible": 1, "support": 2}


def unit_role_rank(role: str) -> int:
    """Lower is stronger: 牵头 < 责任 < 配合 (a unit with several roles shows its strongest)."""
    return ROLE_RANK.get(role, 9)


def unit_role(db: Any, item_id: str, unit_id: str) -> str | None:
    """The unit's role on a work item (the highest if it has several)."""
    roles = [r[0] for r in db.execute(
        "SELECT role FROM assignment WHERE item_id = ? AND unit_id = ?", [item_id, unit_id]
    )]  # fmt: skip
    for role in ("lead", "responsible", "support"):
        if role in roles:
            return role
    return None


def set_unit_role(
    store: Store, item_id: str, unit_id: str, role: str | None, *, basis: str = ""
) -> str | None:
    """Give a unit ``role`` on a work item (None: unassign). Returns the old role.

    Assigning a unit that already has a role there changes its role."""
    item = row(store.db, "item", item_id, "工作事项")
    unit = row(store.db, "unit", unit_id, "单位")
    role = clean_role(role) if role else None
    old = unit_role(store.db, item_id, unit_id)
    existing = store.db.execute(
        "SELECT id, role, position FROM assignment WHERE item_id = ? AND unit_id = ?",
        [item_id, unit_id],
    ).fetchall()
    if old == role and len(existing) <= 1:
        return old
    task = row(store.db, "task", item["task_id"], "任务")
    position = existing[0][2] if existing else store.db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM assignment WHERE item_id = ?", [item_id]
    ).fetchone()[0]  # fmt: skip
    where = "" if _single_item(store, task["id"]) else f"（事项 {_item_label(store, task, item)}）"
    name = unit["name"]
    if old is None:
        assert role is not None  # no role before and none after returned above
        summary = f"新增{ROLE_UNIT_LABELS[role]} {name}"
    elif role is None:
        summary = f"取消{ROLE_UNIT_LABELS[old]} {name}"
    else:
        summary = f"{name} {ROLE_UNIT_LABELS[old]} → {ROLE_UNIT_LABELS[role]}"
    with structure_action(store, "set_unit_role", basis) as history:
        _write_role(history.tx, item_id, unit_id, role, existing, position)
        history.task(task, "role", summary + where, _role_value(name, old), _role_value(name, role))
    return old


def _write_role(
    tx: Tx, item_id: str, unit_id: str, role: str | None, existing: list[Any], position: int
) -> None:
    for assignment_id, old_role, _pos in existing:
        if old_role != role:
            tx.delete("assignment", assignment_id)
    if role and not any(r == role for _i, r, _p in existing):
        tx.insert(
            "assignment",
            {"id": stable_id(item_id, unit_id, role), "item_id": item_id, "unit_id": unit_id,
             "role": role, "position": position},
        )  # fmt: skip


def _role_value(name: str, role: str | None) -> dict[str, Any] | None:
    return {"unit": name, "role": role} if role else None


def _single_item(store: Store, task_id: str) -> bool:
    return (
        store.db.execute("SELECT count(*) FROM item WHERE task_id = ?", [task_id]).fetchone()[0]
        <= 1
    )


def replace_unit(
    store: Store, item_id: str, old_unit_id: str, new_unit_id: str, *, basis: str = ""
) -> str:
    """The new unit takes over the old unit's role (调整牵头单位). Returns the role."""
    if old_unit_id == new_unit_id:
        raise UserError("新旧单位相同。")
    item = row(store.db, "item", item_id, "工作事项")
    task = row(store.db, "task", item["task_id"], "任务")
    role = unit_role(store.db, item_id, old_unit_id)
    if role is None:
        old_name = row(store.db, "unit", old_unit_id, "单位")["name"]
        raise UserError("单位“{}”在该任务中没有分工，无法替换。", old_name)
    old_name = row(store.db, "unit", old_unit_id, "单位")["name"]
    new_name = row(store.db, "unit", new_unit_id, "单位")["name"]
    old_rows = store.db.execute(
        "SELECT id, role, position FROM assignment WHERE item_id = ? AND unit_id = ?",
        [item_id, old_unit_id],
    ).fetchall()
    new_rows = store.db.execute(
        "SELECT id, role, position FROM assignment WHERE item_id = ? AND unit_id = ?",
        [item_id, new_unit_id],
    ).fetchall()
    where = "" if _single_item(store, task["id"]) else f"（事项 {_item_label(store, task, item)}）"
    with structure_action(store, "replace_unit", basis) as history:
        _write_role(history.tx, item_id, old_unit_id, None, old_rows, 0)
        _write_role(history.tx, item_id, new_unit_id, role, new_rows, old_rows[0][2])
        history.task(
            task,
            "role",
            f"{ROLE_UNIT_LABELS[role]} {old_name} → {new_name}{where}",
            _role_value(old_name, role),
            _role_value(new_name, role),
        )
    return role


# -- targets ------------------------------------------------------------------------------------------


TARGET_FIELDS = ("text", "metric", "comparator", "value", "uom", "deadline")


def _target_fields(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    out: dict[str, Any] = {}
    if "text" in values:
        out["text"] = clean_text(values["text"], "目标说明", NOTE_MAX, multiline=True)
    if "metric" in values:
        out["metric"] = clean_text(values["metric"], "指标", METRIC_MAX, required=True)
    if "comparator" in values:
        comparator = {"≥": ">=", "≤": "<="}.get(values["comparator"], values["comparator"])
        if comparator not in COMPARATORS:
            raise UserError("比较方式“{}”无效：可用 >= > <= < =。", values["comparator"])
        out["comparator"] = comparator
    if "value" in values:
        out["value"] = clean_number(values["value"], "目标值")
        if out["value"] is None:
            raise UserError("目标值不能为空。")
    if "uom" in values:
        out["uom"] = clean_text(values["uom"], "计量单位", UOM_MAX)
    if "deadline" in values:
        out["deadline"] = clean_date(values["deadline"], "目标期限")
    return out


def target_text(t: dict[str, Any]) -> str:
    value = t.get("value")
    number = f"{value:g}" if isinstance(value, float) else str(value)
    deadline = f"（{t['deadline']}）" if t.get("deadline") else ""
    comparator = COMPARATOR_TEXT.get(t.get("comparator") or ">=", t.get("comparator"))
    return f"{t.get('metric')} {comparator} {number}{t.get('uom') or ''}{deadline}"


def add_target(
    store: Store,
    task_id: str,
    *,
    metric: str,
    value: float | str,
    comparator: str = ">=",
    uom: str = "",
    deadline: str | date | None = None,
    text: str = "",
    basis: str = "",
) -> str:
    task = row(store.db, "task", task_id, "任务")
    fields = _target_fields(
        {"metric": metric, "value": value, "comparator": comparator, "uom": uom,
         "deadline": deadline, "text": text}
    )  # fmt: skip
    position = store.db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM target WHERE task_id = ?", [task_id]
    ).fetchone()[0]
    target_id = new_id()
    with structure_action(store, "add_target", basis) as history:
        history.tx.insert(
            "target", {"id": target_id, "task_id": task_id, "position": position, **fields}
        )
        history.task(task, "target_add", f"新增量化目标 {target_text(fields)}", new=fields)
    return target_id


def edit_target(store: Store, target_id: str, *, basis: str = "", **values: Any) -> dict[str, Any]:
    current = row(store.db, "target", target_id, "量化目标")
    fields = _target_fields(values)
    changed = {k: v for k, v in fields.items() if current[k] != v}
    if not changed:
        return {}
    old = {k: current[k] for k in changed}
    task = row(store.db, "task", current["task_id"], "任务")
    with structure_action(store, "edit_target", basis) as history:
        history.tx.update("target", target_id, changed)
        history.task(
            task,
            "target_edit",
            f"量化目标 {target_text(current)} → {target_text(current | changed)}",
            old,
            changed,
        )
    return old


def delete_target(store: Store, target_id: str, *, basis: str = "") -> Snapshot:
    current = row(store.db, "target", target_id, "量化目标")
    values = store.db.execute(
        "SELECT count(*) FROM target_value WHERE target_id = ?", [target_id]
    ).fetchone()[0]
    if values:
        raise UserError(f"该目标已登记 {values} 条数值，不能删除（数值记录须保留）。")
    task = row(store.db, "task", current["task_id"], "任务")
    with structure_action(store, "delete_target", basis) as history:
        history.tx.delete("target", target_id)
        history.task(task, "target_delete", f"删除量化目标 {target_text(current)}", old=current)
    return {"target": [current]}


# -- 上级任务 links ---------------------------------------------------------------------------------


def link_task(
    store: Store, task_id: str, parent_task_id: str | None, *, basis: str = ""
) -> str | None:
    """Point a task at the higher-level task it implements (None: unlink); returns
    the old link."""
    task = row(store.db, "task", task_id, "任务")
    old = task["parent_task_id"]
    if parent_task_id == old:
        return old
    if parent_task_id:
        parent = row(store.db, "task", parent_task_id, "上级任务")
        if parent["plan_id"] == task["plan_id"]:
            raise UserError("上级任务须属于另一份（上级）计划。")
        seen, walk = {task_id}, parent_task_id
        while walk:
            if walk in seen:
                raise UserError("该链接会形成循环（上级任务最终指回本任务）。")
            seen.add(walk)
            found = store.db.execute("SELECT parent_task_id FROM task WHERE id = ?", [walk])
            walk = (found.fetchone() or [None])[0]
    labels = [_task_ref(store, t) for t in (old, parent_task_id)]
    summary = f"上级任务 {labels[0]} → {labels[1]}" if old else f"关联上级任务 {labels[1]}"
    if not parent_task_id:
        summary = f"取消关联上级任务 {labels[0]}"
    with structure_action(store, "link_task", basis) as history:
        history.tx.update("task", task_id, {"parent_task_id": parent_task_id})
        history.task(task, "link", summary, old, parent_task_id)
    return old


IMPORT_LINK_BASIS = "导入时按内容相近关联"


def link_imported_tasks(
    store: Store, tx: Tx, task_rows: list[dict[str, Any]], links: dict[int, str]
) -> int:
    """Link tasks being imported (``task_rows``, just inserted in ``tx``) to the
    higher-level tasks the user accepted in the import preview (task index → 上级任务
    id), recorded in their history. Returns how many were linked."""
    history = History(tx, IMPORT_LINK_BASIS, default_author(store))
    for index, parent_id in sorted(links.items()):
        if not 0 <= index < len(task_rows):
            raise UserError(f"关联的任务序号 {index + 1} 超出本计划的任务数。")
        task = task_rows[index]
        parent = store.db.execute(
            f"SELECT plan_id FROM task WHERE id = ? AND {active('task')}", [parent_id]
        ).fetchone()
        if parent is None:
            raise NotFound("要关联的上级任务不存在（可能已被删除），未导入。")
        if parent[0] == task["plan_id"]:
            raise UserError("上级任务应属于另一份计划。")
        tx.update("task", task["id"], {"parent_task_id": parent_id})
        history.task(task, "link", f"关联上级任务 {_task_ref(store, parent_id)}", None, parent_id)
    return len(links)


def _task_ref(store: Store, task_id: str | None) -> str:
    if not task_id:
        return "（无）"
    found = store.db.execute(
        "SELECT t.no, t.title, p.doc_no, p.title FROM task t JOIN plan p ON p.id = t.plan_id"
        " WHERE t.id = ?",
        [task_id],
    ).fetchone()
    if not found:
        return "（已删除）"
    return f"《{found[2] or found[3]}》任务{found[0]}“{found[1]}”"
