"""Revised plans (修订版 / 年度调整): a reviewed diff between a stored plan and a
newly parsed version of it, applied as ordinary recorded edits.

Tasks are matched by content (title and text similarity), never by number, so
a renumbered task keeps its id and with it its milestones, reports, values,
dependencies and 上级任务 links. ``diff_plan`` lists the changes; the user
accepts or rejects each; ``apply_revision`` writes the accepted ones in one
action whose basis (依据) is the revised document. A removed task on which
something was recorded is archived (kept, visible), never deleted.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.errors import Joined, Message, UserError
from desktop.importer.model import ParsedPlan, ParsedTask
from desktop.models import authoring as au
from desktop.models.archive import active
from desktop.models.authoring_common import ROLE_UNIT_LABELS, History, structure_action
from desktop.models.ids import new_id, stable_id
from desktop.models.plan_actions import target_fields
from desktop.models.store import Store

MATCH_THRESHOLD = 0.55  # similarity below which two tasks are not "the same task"
CANDIDATE_OVERLAP = 0.25  # shared character bigrams (Jaccard) to be compared at all
CANDIDATES = 5  # closest candidates compared in full per stored task


@dataclass
class Change:
    """One reviewable change. ``key`` is stable for a given (plan, revised document)."""

    key: str
    kind: str  # task_add, task_remove, renumber, retitle, text, section, unit_add,
    # unit_remove, unit_role, lead_replace, target_add, target_remove, target_change, plan
    task_no: int | None  # the number in the revised document (old number for removals)
    title: str
    # as shown for review: template and values (titles and names kept whole in English)
    message: Message
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The change in Chinese, as recorded in the history."""
        return str(self.message)


@dataclass
class PlanDiff:
    plan_id: str
    plan_title: str
    parsed: ParsedPlan
    changes: list[Change]
    matched: dict[str, int]  # stored task id -> index in parsed.tasks

    @property
    def basis(self) -> str:
        doc = f"（{self.parsed.doc_no[:100]}）" if self.parsed.doc_no else ""
        title = (
            self.parsed.title if len(self.parsed.title) <= 200 else self.parsed.title[:199] + "…"
        )
        return f"修订版《{title}》{doc}"


_LEADING_NUMBER = re.compile(r"^\s*[（(]?\d+\s*[)）.．、]\s*")


def _norm(text: str) -> str:
    """Text for comparison: no leading task number, whitespace or punctuation."""
    text = _LEADING_NUMBER.sub("", text or "")
    return "".join(ch for ch in text if not ch.isspace() and ch not in "，。；、,.;:：")


def _similarity(a_title: str, a_text: str, b_title: str, b_text: str) -> float:
    a, b = _norm(a_title + a_text), _norm(b_title + b_text)
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    score = matcher.ratio()
    if _norm(a_title) and _norm(a_title) == _norm(b_title):
        score = max(score, 0.8)
    return score


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset([text])


def match_tasks(old: list[dict[str, Any]], new: list[ParsedTask]) -> dict[str, int]:
    """Stored task id → index of the same task in the revised document (by content).

    Identical texts pair first; the rest are compared only with candidates sharing
    enough character bigrams (a cheap filter), then by sequence similarity, best
    pairs first (ties: the closer number)."""
    old_text = [_norm(t["title"] + t["text"]) for t in old]
    new_text = [_norm(n.title + n.text) for n in new]
    matched: dict[str, int] = {}
    used_new: set[int] = set()
    by_text: dict[str, list[int]] = {}
    for j, text in enumerate(new_text):
        by_text.setdefault(text, []).append(j)
    rest = []
    for i, text in enumerate(old_text):
        same = [j for j in by_text.get(text, []) if j not in used_new]
        if same:
            j = min(same, key=lambda j: abs(new[j].no - old[i]["no"]))
            matched[old[i]["id"]] = j
            used_new.add(j)
        else:
            rest.append(i)
    free = [j for j in range(len(new)) if j not in used_new]
    grams = {j: _bigrams(new_text[j]) for j in free}
    pairs = []
    for i in rest:
        mine = _bigrams(old_text[i])
        candidates = []
        for j in free:
            theirs = grams[j]
            overlap = len(mine & theirs) / (len(mine | theirs) or 1)
            if overlap >= CANDIDATE_OVERLAP:
                candidates.append((overlap, j))
        for _overlap, j in sorted(candidates, reverse=True)[:CANDIDATES]:
            n = new[j]
            score = _similarity(old[i]["title"], old[i]["text"], n.title, n.text)
            if score >= MATCH_THRESHOLD:
                pairs.append((score, -abs(old[i]["no"] - n.no), i, j))
    pairs.sort(reverse=True)
    used_old: set[int] = set()
    for _score, _distance, i, j in pairs:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        matched[old[i]["id"]] = j
    return matched


def matching_plan(store: Store, parsed: ParsedPlan) -> str | None:
    """A stored plan with the same 发文字号 (or, without one, the same title)."""
    if parsed.doc_no:
        row = store.db.execute(
            "SELECT id FROM plan WHERE doc_no = ? ORDER BY imported_at LIMIT 1", [parsed.doc_no]
        ).fetchone()
        if row:
            return row[0]
    row = store.db.execute(
        "SELECT id FROM plan WHERE title = ? ORDER BY imported_at LIMIT 1", [parsed.title]
    ).fetchone()
    return row[0] if row else None


def _units_of(store: Store, task_id: str) -> list[dict[str, str]]:
    """Per work item: unit name → role (the highest role of a unit)."""
    items = []
    for (item_id,) in store.db.execute(
        "SELECT id FROM item WHERE task_id = ? ORDER BY position", [task_id]
    ).fetchall():
        roles: dict[str, str] = {}
        for name, role in store.db.execute(
            "SELECT u.name, a.role FROM assignment a JOIN unit u ON u.id = a.unit_id"
            " WHERE a.item_id = ? ORDER BY a.position",
            [item_id],
        ):
            if name not in roles or au.unit_role_rank(role) < au.unit_role_rank(roles[name]):
                roles[name] = role
        items.append(roles)
    return items


def _parsed_units(task: ParsedTask, canonical: dict[str, str]) -> list[dict[str, str]]:
    items = []
    for item in task.items or []:
        roles: dict[str, str] = {}
        for ref in item.units:
            name = canonical.get(ref.name.strip(), ref.name.strip())
            if name and (
                name not in roles or au.unit_role_rank(ref.role) < au.unit_role_rank(roles[name])
            ):
                roles[name] = ref.role
        items.append(roles)
    return items


def _unit_changes(
    key: str, no: int, title: str, old: dict[str, str], new: dict[str, str], where: str
) -> list[Change]:
    changes: list[Change] = []
    old_leads = [n for n, r in old.items() if r == "lead" and new.get(n) != "lead"]
    new_leads = [n for n, r in new.items() if r == "lead" and old.get(n) != "lead"]
    replaced = set()
    if len(old_leads) == 1 and len(new_leads) == 1:
        a, b = old_leads[0], new_leads[0]
        replaced = {a, b}
        then = new.get(a)
        note = Message("（{}改为{}）", a, _label(then)) if then else ""
        changes.append(
            Change(f"{key}:lead:{a}:{b}", "lead_replace", no, title,
                   Message("任务{}{} 牵头单位 {} → {}{}", no, where, a, b, note),
                   {"old": a, "new": b, "old_then": then})
        )  # fmt: skip
    for name, role in new.items():
        if name in replaced:
            continue
        if name not in old:
            changes.append(
                Change(f"{key}:add:{name}", "unit_add", no, title,
                       Message("任务{}{} 新增{} {}", no, where, _label(role), name),
                       {"unit": name, "role": role})
            )  # fmt: skip
        elif old[name] != role:
            changes.append(
                Change(f"{key}:role:{name}", "unit_role", no, title,
                       Message("任务{}{} {} {} → {}", no, where, name, _label(old[name]),
                               _label(role)), {"unit": name, "role": role})
            )  # fmt: skip
    for name, role in old.items():
        if name not in new and name not in replaced:
            changes.append(
                Change(f"{key}:remove:{name}", "unit_remove", no, title,
                       Message("任务{}{} 取消{} {}", no, where, _label(role), name),
                       {"unit": name})
            )  # fmt: skip
    return changes


def _label(role: str) -> Message:
    """牵头单位 / 配合单位 / 责任单位: a role's label as a value of a change."""
    return Message(ROLE_UNIT_LABELS[role])


def _units_of_role(role: str, names: list[str]) -> Message:
    """牵头单位 A、B: the units a new task gives a role."""
    if role == "lead":
        return Message("牵头单位 {}", names)
    if role == "responsible":
        return Message("责任单位 {}", names)
    return Message("配合单位 {}", names)


def _target_tuple(t: dict[str, Any]) -> tuple[Any, ...]:
    return (t["metric"], t["comparator"], t["value"], t["uom"], t["deadline"])


def diff_plan(store: Store, plan_id: str, parsed: ParsedPlan) -> PlanDiff:
    """The changes that turn the stored plan into ``parsed`` (nothing is written)."""
    db = store.db
    plan = next(db.query("SELECT * FROM plan WHERE id = ?", [plan_id]), None)
    if plan is None:
        raise UserError("要更新的计划不存在。")
    if not parsed.tasks:
        raise UserError("修订版中没有任何任务，未做更改。")
    old = list(
        db.query(
            "SELECT t.*, s.key AS section_key FROM task t LEFT JOIN section s ON s.id = t.section_id"
            f" WHERE t.plan_id = ? AND {active('t')} ORDER BY t.no",
            [plan_id],
        )
    )
    matched = match_tasks(old, parsed.tasks)
    canonical = store._unit_lookup()
    canonical = {alias: _name(db, uid) for alias, uid in canonical.items()}
    changes: list[Change] = []
    if parsed.title and parsed.title != plan["title"]:
        changes.append(
            Change("plan:title", "plan", None, "",
                   Message("计划标题 “{}” → “{}”", plan["title"], parsed.title),
                   {"field": "title", "value": parsed.title})
        )  # fmt: skip
    for t in old:
        if t["id"] not in matched:
            counts = au.recorded_counts(db, t["id"])
            kept = Message("，已有记录将归档保留") if any(counts.values()) else ""
            changes.append(
                Change(f"remove:{t['id']}", "task_remove", t["no"], t["title"],
                       Message("删除任务 {}“{}”{}", t["no"], t["title"], kept),
                       {"task_id": t["id"]})
            )  # fmt: skip
            continue
        n = parsed.tasks[matched[t["id"]]]
        key = f"task:{t['id']}"
        if n.no != t["no"]:
            changes.append(
                Change(f"{key}:no", "renumber", n.no, n.title,
                       Message("任务{}“{}” 序号 {} → {}", t["no"], t["title"], t["no"], n.no),
                       {"task_id": t["id"], "no": n.no})
            )  # fmt: skip
        if n.section_key and n.section_key != t["section_key"]:
            changes.append(
                Change(f"{key}:section", "section", n.no, n.title,
                       Message("任务{} 所属章节 {} → {}", n.no,
                               t["section_key"] or Message("（无）"), n.section_key),
                       {"task_id": t["id"], "section_key": n.section_key})
            )  # fmt: skip
        if n.title != t["title"]:
            changes.append(
                Change(f"{key}:title", "retitle", n.no, n.title,
                       Message("任务{} 标题 “{}” → “{}”", n.no, t["title"], n.title),
                       {"task_id": t["id"], "title": n.title})
            )  # fmt: skip
        if _norm(n.text) != _norm(t["text"]):
            changes.append(
                Change(f"{key}:text", "text", n.no, n.title, Message("任务{} 任务内容修改", n.no),
                       {"task_id": t["id"], "text": n.text})
            )  # fmt: skip
        old_units = _units_of(store, t["id"])
        new_units = _parsed_units(n, canonical)
        if len(old_units) == len(new_units):
            for position, (a, b) in enumerate(zip(old_units, new_units, strict=True)):
                where = f"-{position + 1}" if len(old_units) > 1 else ""
                for c in _unit_changes(f"{key}:{position}", n.no, n.title, a, b, where):
                    c.data.update(task_id=t["id"], position=position)
                    changes.append(c)
        else:
            a = {k: v for roles in old_units for k, v in roles.items()}
            b = {k: v for roles in new_units for k, v in roles.items()}
            for c in _unit_changes(f"{key}:all", n.no, n.title, a, b, ""):
                c.data.update(task_id=t["id"], position=None)
                changes.append(c)
        old_targets = list(
            db.query("SELECT * FROM target WHERE task_id = ? ORDER BY position", [t["id"]])
        )
        new_targets = [target_fields(g) for g in n.targets]
        for position in range(max(len(old_targets), len(new_targets))):
            a_t = old_targets[position] if position < len(old_targets) else None
            b_t = new_targets[position] if position < len(new_targets) else None
            tk = f"{key}:target:{position}"
            if a_t and b_t and _target_tuple(a_t) != _target_tuple(b_t):
                changes.append(
                    Change(tk, "target_change", n.no, n.title,
                           Message("任务{} 量化目标 {} → {}", n.no, au.target_text(a_t),
                                   au.target_text(b_t)),
                           {"target_id": a_t["id"], "fields": b_t})
                )  # fmt: skip
            elif b_t and not a_t:
                changes.append(
                    Change(tk, "target_add", n.no, n.title,
                           Message("任务{} 新增量化目标 {}", n.no, au.target_text(b_t)),
                           {"task_id": t["id"], "fields": b_t})
                )  # fmt: skip
            elif a_t and not b_t:
                changes.append(
                    Change(tk, "target_remove", n.no, n.title,
                           Message("任务{} 删除量化目标 {}", n.no, au.target_text(a_t)),
                           {"target_id": a_t["id"]})
                )  # fmt: skip
    taken = set(matched.values())
    for j, n in enumerate(parsed.tasks):
        if j in taken:
            continue
        by_role: dict[str, list[str]] = {}
        for roles in _parsed_units(n, canonical):
            for name, r in roles.items():
                if name not in by_role.setdefault(r, []):
                    by_role[r].append(name)
        units = [_units_of_role(r, by_role[r]) for r in ("lead", "responsible", "support")
                 if r in by_role]  # fmt: skip
        added = (
            Message("新增任务 {}“{}”（{}）", n.no, n.title, Joined(tuple(units), "；"))
            if units
            else Message("新增任务 {}“{}”", n.no, n.title)
        )
        changes.append(
            Change(f"add:{j}:{_norm(n.title)[:40]}", "task_add", n.no, n.title, added,
                   {"index": j})
        )  # fmt: skip
    changes.sort(key=lambda c: (c.task_no if c.task_no is not None else -1, c.key))
    return PlanDiff(plan_id, plan["title"], parsed, changes, matched)


def _name(db: Any, unit_id: str) -> str:
    return db.execute("SELECT name FROM unit WHERE id = ?", [unit_id]).fetchone()[0]


# -- applying --------------------------------------------------------------------------------


def apply_revision(store: Store, diff: PlanDiff, accepted: set[str] | None = None) -> int:
    """Write the accepted changes (all when ``accepted`` is None) in one action;
    returns how many were applied. Each is recorded with the revised document as basis."""
    chosen = [c for c in diff.changes if accepted is None or c.key in accepted]
    if not chosen:
        return 0
    db = store.db
    parsed = diff.parsed
    with structure_action(store, "revise_plan", diff.basis) as history:
        tx = history.tx
        sections = _ensure_sections(store, history, diff, chosen)
        units = store._unit_lookup()

        def unit_id(name: str, kind: str = "other") -> str:
            if name not in units:
                units[name] = store._create_unit(tx, name, kind)
            return units[name]

        for c in chosen:
            task = _task(db, c.data.get("task_id"))
            if c.kind == "plan":
                tx.update("plan", diff.plan_id, {c.data["field"]: c.data["value"]})
                history.plan(diff.plan_id, "plan_title", c.summary)
            elif c.kind == "task_remove":
                counts = au.recorded_counts(db, task["id"])
                if any(counts.values()):
                    tx.update("task", task["id"], {"archived": date.today().isoformat()})
                    history.task(task, "task_archive", c.summary)
                else:
                    for (dep,) in db.execute(
                        "SELECT id FROM dependency WHERE (pred_kind = 'task' AND pred_id = ?)"
                        " OR (succ_kind = 'task' AND succ_id = ?)",
                        [task["id"], task["id"]],
                    ).fetchall():
                        tx.delete("dependency", dep)
                    tx.delete("task", task["id"])
                    history.task(task, "task_delete", c.summary)
            elif c.kind == "renumber":
                tx.update("task", task["id"], {"no": c.data["no"]})
                history.task(task | {"no": c.data["no"]}, "no", c.summary, task["no"], c.data["no"])
            elif c.kind == "section":
                section_id = sections.get(c.data["section_key"])
                tx.update("task", task["id"], {"section_id": section_id})
                history.task(task, "section", c.summary)
            elif c.kind == "retitle":
                tx.update("task", task["id"], {"title": c.data["title"]})
                history.task(task, "title", c.summary, task["title"], c.data["title"])
            elif c.kind == "text":
                tx.update("task", task["id"], {"text": c.data["text"]})
                history.task(task, "text", c.summary, task["text"], c.data["text"])
            elif c.kind in ("unit_add", "unit_role", "unit_remove", "lead_replace"):
                _apply_unit(store, history, task, c, unit_id)
            elif c.kind == "target_change":
                tx.update("target", c.data["target_id"], _target_update(c.data["fields"]))
                history.task(task or _target_task(db, c), "target_edit", c.summary)
            elif c.kind == "target_add":
                position = db.execute(
                    "SELECT coalesce(max(position) + 1, 0) FROM target WHERE task_id = ?",
                    [task["id"]],
                ).fetchone()[0]
                tx.insert(
                    "target",
                    {"id": new_id(), "task_id": task["id"], "position": position,
                     **_target_update(c.data["fields"])},
                )  # fmt: skip
                history.task(task, "target_add", c.summary)
            elif c.kind == "target_remove":
                owner = _target_task(db, c)
                if db.execute(
                    "SELECT 1 FROM target_value WHERE target_id = ?", [c.data["target_id"]]
                ).fetchone():
                    history.task(owner, "target_kept", c.summary + "（已登记数值，目标保留）")
                else:
                    tx.delete("target", c.data["target_id"])
                    history.task(owner, "target_delete", c.summary)
            elif c.kind == "task_add":
                _add_parsed_task(store, history, diff, parsed.tasks[c.data["index"]], sections,
                                 unit_id, c.summary)  # fmt: skip
    return len(chosen)


def _task(db: Any, task_id: str | None) -> dict[str, Any]:
    if not task_id:
        return {}
    return next(db.query("SELECT * FROM task WHERE id = ?", [task_id]), {})


def _target_task(db: Any, change: Change) -> dict[str, Any]:
    task_id = db.execute(
        "SELECT task_id FROM target WHERE id = ?", [change.data["target_id"]]
    ).fetchone()[0]
    return _task(db, task_id)


def _target_update(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: fields[k] for k in ("text", "metric", "comparator", "value", "uom", "deadline")}


def _ensure_sections(
    store: Store, history: History, diff: PlanDiff, chosen: list[Change]
) -> dict[str, str]:
    """Section key → id, adding the revised document's sections that accepted changes need."""
    db = store.db
    keys = dict(
        db.execute("SELECT key, id FROM section WHERE plan_id = ?", [diff.plan_id]).fetchall()
    )
    needed = {c.data["section_key"] for c in chosen if c.kind == "section"}
    needed |= {
        diff.parsed.tasks[c.data["index"]].section_key for c in chosen if c.kind == "task_add"
    }
    by_key = {s.key: s for s in diff.parsed.sections}
    position = db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM section WHERE plan_id = ?", [diff.plan_id]
    ).fetchone()[0]
    for section in diff.parsed.sections:  # parents come first in the document
        wanted = section.key in needed or any(k.startswith(section.key + "/") for k in needed)
        if not wanted or section.key in keys:
            continue
        keys[section.key] = new_id()
        history.tx.insert(
            "section",
            {"id": keys[section.key], "plan_id": diff.plan_id,
             "parent_id": keys.get(section.parent_key or ""), "key": section.key,
             "level": section.level, "no": section.no, "title": section.title,
             "position": position},
        )  # fmt: skip
        position += 1
        history.plan(diff.plan_id, "section_add", f"新增章节 {section.no} {section.title}")
    del by_key
    return keys


def _item_ids(db: Any, task_id: str, position: int | None) -> list[str]:
    rows = db.execute(
        "SELECT id FROM item WHERE task_id = ? ORDER BY position", [task_id]
    ).fetchall()
    if position is None:
        return [r[0] for r in rows]
    return [rows[position][0]] if position < len(rows) else []


def _apply_unit(store: Store, history: History, task: dict[str, Any], c: Change, unit_id) -> None:  # noqa: ANN001
    db, tx = store.db, history.tx
    for item_id in _item_ids(db, task["id"], c.data.get("position")):
        if c.kind == "lead_replace":
            old_id, new_unit = unit_id(c.data["old"]), unit_id(c.data["new"])
            rows = _rows(db, item_id, old_id)
            if rows:
                au._write_role(tx, item_id, old_id, c.data.get("old_then"), rows, rows[0][2])
                new_rows = _rows(db, item_id, new_unit)
                position = new_rows[0][2] if new_rows else _next_position(db, item_id)
                au._write_role(tx, item_id, new_unit, "lead", new_rows, position)
        else:
            uid = unit_id(c.data["unit"])
            rows = _rows(db, item_id, uid)
            role = c.data.get("role") if c.kind != "unit_remove" else None
            if c.kind == "unit_add" and rows:
                continue
            position = rows[0][2] if rows else _next_position(db, item_id)
            au._write_role(tx, item_id, uid, role, rows, position)
        if c.data.get("position") is None and c.kind == "unit_add":
            break  # a unit added to a task whose items changed: once, on the first item
    history.task(task, "role", c.summary, new=json.dumps(c.data, ensure_ascii=False))


def _rows(db: Any, item_id: str, unit_id: str) -> list[Any]:
    return db.execute(
        "SELECT id, role, position FROM assignment WHERE item_id = ? AND unit_id = ?",
        [item_id, unit_id],
    ).fetchall()


def _next_position(db: Any, item_id: str) -> int:
    return db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM assignment WHERE item_id = ?", [item_id]
    ).fetchone()[0]


def _add_parsed_task(
    store: Store,
    history: History,
    diff: PlanDiff,
    task: ParsedTask,
    sections: dict[str, str],
    unit_id,  # noqa: ANN001
    summary: str,
) -> None:
    tx = history.tx
    task_id = new_id()
    row = {"id": task_id, "plan_id": diff.plan_id, "section_id": sections.get(task.section_key),
           "no": task.no, "title": task.title, "text": task.text}  # fmt: skip
    tx.insert("task", row)
    items = task.items or []
    if not items:
        tx.insert("item", {"id": new_id(), "task_id": task_id, "position": 0, "text": task.text})
    for position, item in enumerate(items):
        item_id = new_id()
        tx.insert(
            "item",
            {"id": item_id, "task_id": task_id, "position": position, "text": item.text,
             "attribution": item.attribution},
        )  # fmt: skip
        seen: set[tuple[str, str]] = set()
        for unit_position, ref in enumerate(item.units):
            name = ref.name.strip()
            if not name:
                continue
            uid = unit_id(name, ref.kind)
            if (uid, ref.role) in seen:
                continue
            seen.add((uid, ref.role))
            tx.insert(
                "assignment",
                {"id": stable_id(item_id, uid, ref.role), "item_id": item_id, "unit_id": uid,
                 "role": ref.role, "position": unit_position},
            )  # fmt: skip
    for position, target in enumerate(task.targets):
        fields = target_fields(target)
        tx.insert(
            "target",
            {"id": new_id(), "task_id": task_id, "position": position,
             **_target_update(fields)},
        )  # fmt: skip
    history.task(row, "task_add", summary)
