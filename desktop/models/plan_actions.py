"""Store actions on plans: importing a parsed plan, deleting a plan."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.errors import ImportFailed, NotFound, UserError
from desktop.models.ids import stable_id
from desktop.models.transactions import Tx, utc_now
from desktop.models.unit_actions import UnitActions
from sync.vocabulary import ROLES

if TYPE_CHECKING:
    from desktop.importer.model import ParsedPlan, ParsedTarget, ParsedTask


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


def task_ids(plan_id: str, tasks: list[ParsedTask]) -> list[str]:
    """Record ids of a plan's tasks, from their outline position.

    A task's identity is its outline key (section path + number). Plans numbered
    once through the whole document keep the ids earlier versions derived from
    the number alone (the number then *is* the position), so databases and
    servers holding such plans converge; any plan whose numbers repeat (numbering
    restarting per section) gets ids from the full key.
    """
    numbers = [task.no for task in tasks]
    if len(set(numbers)) == len(numbers):
        return [stable_id(plan_id, "task", task.no) for task in tasks]
    keys = [task.outline_key() for task in tasks]
    if len(set(keys)) != len(keys):
        raise ImportFailed("计划中有两个任务处于同一位置（章节和编号都相同），无法区分，未导入。")
    return [stable_id(plan_id, "task", key) for key in keys]


@dataclass
class ImportResult:
    plan_id: str
    created: bool
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class PlanActions(UnitActions):
    """Mixed into ``Store``: needs ``self.db``, ``self.action`` and the unit actions."""

    def _link_imported_tasks(self, tx: Tx, task_rows: list[dict], links: dict[int, str]) -> int:
        """Link imported tasks to their accepted 上级任务 (provided by ``Store``)."""
        raise NotImplementedError

    def find_existing_plan(self, parsed: ParsedPlan) -> str | None:
        row = self.db.execute(
            "SELECT id FROM plan WHERE fingerprint = ? OR (doc_no != '' AND doc_no = ?"
            " AND title = ?) LIMIT 1",
            [parsed.fingerprint, parsed.doc_no, parsed.title],
        ).fetchone()
        return row[0] if row else None

    def import_plan(
        self,
        parsed: ParsedPlan,
        deadline_milestones: bool = False,
        *,
        as_new: bool = False,
        links: dict[int, str] | None = None,
    ) -> ImportResult:
        """Write a parsed (and possibly user-corrected) plan in one transaction.

        Importing the same document again changes nothing. Units are shared
        across plans by name or alias. ``deadline_milestones``: each task's
        完成时限 becomes a milestone "完成时限" due that day, in the same
        transaction. ``as_new``: a revised version of a stored plan (same 发文字号
        and title, other content) becomes a plan of its own. ``links``: parsed task
        index → the higher-level task it implements (上级任务, accepted link
        suggestions), linked in the same transaction. Any database refusal
        (a constraint, a full disk) rolls the whole import back and becomes
        ``ImportFailed``.
        """
        try:
            return self._import_plan(parsed, deadline_milestones, as_new, links or {})
        except sqlite3.Error as exc:
            raise ImportFailed(
                f"导入失败，未写入任何数据：数据库拒绝了这份计划（{exc}）", detail=repr(exc)
            ) from exc

    def _import_plan(
        self, parsed: ParsedPlan, deadline_milestones: bool, as_new: bool, links: dict[int, str]
    ) -> ImportResult:
        if as_new:
            row = self.db.execute(
                "SELECT id FROM plan WHERE fingerprint = ? LIMIT 1", [parsed.fingerprint]
            ).fetchone()
            existing = row[0] if row else None
        else:
            existing = self.find_existing_plan(parsed)
        if existing:
            return ImportResult(existing, False, parsed.title, warnings=list(parsed.warnings))
        if not parsed.tasks:
            raise UserError("计划中没有任何任务，未导入。")
        plan_id = stable_id("plan", parsed.fingerprint or parsed.doc_no or parsed.title)
        counts = {"sections": 0, "tasks": 0, "items": 0, "units_new": 0, "assignments": 0}
        counts["targets"] = 0
        with self.action("import_plan", bulk=True) as tx:
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
            section_rows = []
            for position, section in enumerate(parsed.sections):
                section_ids[section.key] = stable_id(plan_id, "section", section.key)
                section_rows.append(
                    {
                        "id": section_ids[section.key],
                        "plan_id": plan_id,
                        "parent_id": section_ids.get(section.parent_key or ""),
                        "key": section.key,
                        "level": section.level,
                        "no": section.no,
                        "title": section.title,
                        "position": position,
                    }
                )
            tx.insert_many("section", section_rows)  # parents come before children
            counts["sections"] = len(parsed.sections)
            units = self._unit_lookup()
            # One insert per table (units are created as they are first met).
            task_rows: list[dict[str, Any]] = []
            item_rows: list[dict[str, Any]] = []
            assignment_rows: list[dict[str, Any]] = []
            target_rows: list[dict[str, Any]] = []
            for task, task_id in zip(parsed.tasks, task_ids(plan_id, parsed.tasks), strict=True):
                task_rows.append(
                    {
                        "id": task_id,
                        "plan_id": plan_id,
                        "section_id": section_ids.get(task.section_key),
                        "no": task.no,
                        "title": task.title,
                        "text": task.text,
                        "span_start": task.span.start if task.span else None,
                        "span_end": task.span.end if task.span else None,
                        "outline_key": task.outline_key(),
                        "leaders": json.dumps(task.leaders, ensure_ascii=False),
                        "deadline": task.deadline,
                    }
                )
                for item_pos, item in enumerate(task.items):
                    item_id = stable_id(task_id, "item", item_pos)
                    item_rows.append(
                        {
                            "id": item_id,
                            "task_id": task_id,
                            "position": item_pos,
                            "text": item.text,
                            "attribution": item.attribution,
                            "span_start": item.span.start if item.span else None,
                            "span_end": item.span.end if item.span else None,
                        }
                    )
                    seen: set[tuple[str, str]] = set()
                    for unit_pos, ref in enumerate(item.units):
                        if ref.role not in ROLES:
                            raise UserError("任务{}：未知的职责“{}”", task.no, ref.role)
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
                        assignment_rows.append(
                            {
                                "id": stable_id(item_id, unit_id, ref.role),
                                "item_id": item_id,
                                "unit_id": unit_id,
                                "role": ref.role,
                                "position": unit_pos,
                            }
                        )
                for target_pos, target in enumerate(task.targets):
                    target_rows.append(
                        {
                            "id": stable_id(task_id, "target", target_pos),
                            "task_id": task_id,
                            "item_id": None,
                            "position": target_pos,
                            **target_fields(target),
                        }
                    )
            tx.insert_many("task", task_rows)
            if links:
                counts["links"] = self._link_imported_tasks(tx, task_rows, links)
            tx.insert_many("item", item_rows)
            tx.insert_many("assignment", assignment_rows)
            tx.insert_many("target", target_rows)
            milestone_rows = []
            if deadline_milestones:
                milestone_rows = [
                    {
                        "id": stable_id(row["id"], "deadline"),
                        "task_id": row["id"],
                        "item_id": None,
                        "title": "完成时限",
                        "due": task.deadline,
                        "owner_unit_id": None,
                        "done_date": None,
                        "note": "导入时由计划中的完成时限生成",
                        "position": 0,
                    }
                    for task, row in zip(parsed.tasks, task_rows, strict=True)
                    if task.deadline
                ]
                tx.insert_many("milestone", milestone_rows)
            counts["milestones"] = len(milestone_rows)
            counts["tasks"] = len(task_rows)
            counts["items"] = len(item_rows)
            counts["assignments"] = len(assignment_rows)
            counts["targets"] = len(target_rows)
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
            # Dependencies name their ends without a foreign key; everything
            # else (sections, tasks, items, assignments, milestones, reports …)
            # goes with the plan row, each cascaded delete logged by ``Tx.delete``.
            delete_dependencies_of_plan(tx, plan_id)
            tx.delete("plan", plan_id)


def delete_dependencies_of_plan(tx: Tx, plan_id: str) -> None:
    """Delete (logged) the dependencies touching a plan's tasks, items or milestones.

    They reference their ends by (kind, id) without a foreign key, so the
    cascade that ``Tx.delete`` logs for the plan's other rows cannot reach them.
    """
    db = tx.db
    nodes = db.execute(
        "SELECT 'task', id FROM task WHERE plan_id = :p"
        " UNION ALL SELECT 'item', i.id FROM item i JOIN task t ON t.id = i.task_id"
        " WHERE t.plan_id = :p"
        " UNION ALL SELECT 'milestone', m.id FROM milestone m JOIN task t ON t.id = m.task_id"
        " WHERE t.plan_id = :p",
        {"p": plan_id},
    ).fetchall()
    dependency_ids: set[str] = set()
    for kind, rid in nodes:
        dependency_ids.update(
            row[0]
            for row in db.execute(
                "SELECT id FROM dependency WHERE (pred_kind = ? AND pred_id = ?)"
                " OR (succ_kind = ? AND succ_id = ?)",
                [kind, rid, kind, rid],
            )
        )
    for dep_id in sorted(dependency_ids):
        tx.delete("dependency", dep_id)
