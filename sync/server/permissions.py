"""Who may write what: checked per op on the server.

- admin and coordinator: everything (coordinators edit the plan structure);
- member: only coordination records (milestones, their extensions, target
  values, progress reports, dependencies), and only for tasks to which the
  member's unit is assigned (as lead, support or responsible);
- progress reports are append-only: nobody updates them; only admins delete;
- references must agree with the rules and with each other, for everybody: a
  work item belongs to the record's task, a corrected report is one of the same
  unit, task, item and period; a member's milestone is owned by a unit of that
  task, and a member's dependency has its own unit's work as the successor;
- author fields (``AUTHOR_FIELDS``) are written by the server from the token.

Ops on tables the registry does not declare never get here (``validation``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sync import records
from sync.protocol import Op
from sync.server.storage import Account
from sync.server.workflow_rules import workflow_problem

if TYPE_CHECKING:
    from sync.server.batch import PushBatch

# Who writes which table is declared in the schema registry (shared with desktops).
STRUCTURE_TABLES = records.structure_tables()
MEMBER_TABLES = records.member_tables()
APPEND_ONLY = records.append_only_tables()
# Who wrote a record: set by the server from the pushing account, never taken from the client.
AUTHOR_FIELDS = {"report": "author", "milestone_extension": "recorded_by"}

# -- the 督办 workflow (issue 12) --------------------------------------------------------
# Members write 签收, 办结 applications and 延期 requests for their own unit on tasks it is
# assigned to, and their own unit's contact; decisions (审批/销号/退回) and reporting
# cycles are the coordinators' (not ``members`` in the registry). Steps are never
# changed; only admins delete them.
WORKFLOW_TASK_TABLES = ("signin", "signoff")
WORKFLOW_STEPS = frozenset(
    {"signin", "signoff", "signoff_decision", "extension_request", "extension_decision"}
)
WORKFLOW_OWN_UNIT = frozenset({"signin", "signoff", "extension_request", "unit_contact"})
WORKFLOW_NOT_MINE = object()  # the op is not a workflow case: the general rules decide


def check_workflow(ctx: PermissionContext, op: Op) -> object:
    """``None`` (allowed), a reason, or ``WORKFLOW_NOT_MINE`` for other tables."""
    if op.tbl in WORKFLOW_STEPS:
        if op.kind == "update":
            return "督办流程的每一步（签收、申请、审批）只能追加，不能修改；请提交新的一步。"
        if op.kind == "delete" and ctx.account.role != "admin":
            return "督办流程的记录只能由管理员删除。"
    if ctx.account.role in ("admin", "coordinator") or op.tbl not in WORKFLOW_OWN_UNIT:
        return WORKFLOW_NOT_MINE
    unit = op.fields.get("unit_id")
    if op.kind != "insert" and unit is None:
        rec = ctx.records.record(op.tbl, op.record_id)
        unit = rec["fields"].get("unit_id") if rec else None
    if unit not in ctx.unit_ids():
        return f"只能以本单位（{ctx.account.unit}）的名义办理。"
    if op.tbl == "unit_contact":
        return None
    return WORKFLOW_NOT_MINE


class PermissionContext:
    """Permission checks for one push by one account (assignment lookups cached).

    Records are read through the push's batch (``PushBatch``): each once per batch,
    and as earlier ops of the batch left them.
    """

    def __init__(self, records: PushBatch, account: Account) -> None:
        self.records = records
        self.account = account
        self._tasks: set[str] | None = None
        self._unit_ids: set[str] | None = None

    def _field(self, tbl: str, record_id: str | None, name: str) -> Any:
        if not record_id:
            return None
        rec = self.records.record(tbl, record_id)
        return rec["fields"].get(name) if rec else None

    def unit_ids(self) -> set[str]:
        if self._unit_ids is None:
            name = self.account.unit
            self._unit_ids = {
                record_id
                for record_id, fields in self.records.live_records("unit")
                if name
                and (
                    fields.get("name") == name or name in json.loads(fields.get("aliases") or "[]")
                )
            }
        return self._unit_ids

    def assigned_tasks(self) -> set[str]:
        if self._tasks is None:
            units = self.unit_ids()
            items = {
                fields.get("item_id")
                for _id, fields in self.records.live_records("assignment")
                if fields.get("unit_id") in units
            }
            self._tasks = {
                task
                for record_id, fields in self.records.live_records("item")
                if record_id in items and (task := fields.get("task_id")) is not None
            }
        return self._tasks

    def _task_of(self, tbl: str, record_id: str | None, fields: dict[str, Any]) -> set[str]:
        """The task(s) a coordination record belongs to (new and stored values)."""

        def get(name: str) -> Any:
            return fields[name] if name in fields else self._field(tbl, record_id, name)

        if tbl in ("milestone", "report", "attachment", *WORKFLOW_TASK_TABLES):
            task_id = get("task_id")
            if not task_id and get("item_id"):
                task_id = self._field("item", get("item_id"), "task_id")
            return {task_id} if task_id else set()
        if tbl in ("milestone_extension", "extension_request"):
            milestone = get("milestone_id")
            return self._task_of("milestone", milestone, {}) if milestone else set()
        if tbl == "target_value":
            target = get("target_id")
            return {self._field("target", target, "task_id")} - {None}
        if tbl == "comment":  # issue 12: a comment belongs to its task, item or report's task
            kind, ref = get("node_kind"), get("node_id")
            if kind == "task":
                return {ref} if ref else set()
            if kind in ("item", "report"):
                return {self._field(kind, ref, "task_id")} - {None}
            return set()
        if tbl == "dependency":
            tasks: set[str] = set()
            for side in ("pred", "succ"):
                kind, ref = get(f"{side}_kind"), get(f"{side}_id")
                if not ref:
                    continue
                if kind == "task":
                    tasks.add(ref)
                elif kind == "milestone":
                    tasks |= self._task_of("milestone", ref, {})
                elif kind == "item" and self._field("item", ref, "task_id"):
                    tasks.add(self._field("item", ref, "task_id"))
            return tasks
        return set()

    def check(self, op: Op) -> str | None:
        """``None`` if allowed, else the reason (Chinese) for rejecting the op."""
        role = self.account.role
        workflow = check_workflow(self, op)
        if workflow is not WORKFLOW_NOT_MINE:
            assert workflow is None or isinstance(workflow, str)
            return workflow
        if op.tbl in APPEND_ONLY and op.kind == "update":
            return f"{records.TABLES[op.tbl].label}只能追加，不能修改；请提交一条新的记录。"
        if op.tbl in APPEND_ONLY and op.kind == "delete" and role != "admin":
            return f"{records.TABLES[op.tbl].label}只能由管理员删除。"
        if role in ("admin", "coordinator"):
            return None
        if op.tbl not in MEMBER_TABLES:
            return "只有协调员可以修改计划结构（计划、任务、单位、分工、目标等）。"
        unit_field = op.fields.get("unit_id")
        if (
            op.tbl in ("report", "target_value")
            and (unit_field or op.kind == "insert")
            and unit_field not in self.unit_ids()
        ):
            return f"只能以本单位（{self.account.unit}）的名义填报。"
        tasks = self._task_of(op.tbl, op.record_id, op.fields)
        if op.kind != "insert":
            tasks |= self._task_of(op.tbl, op.record_id, {})
        if not tasks:
            return "无法确定该记录所属的任务，无权修改。"
        assigned = self.assigned_tasks()
        if op.tbl == "dependency":
            # The successor is the work that becomes 受阻: it must be the unit's own
            # (before and after the change); the predecessor may be anybody's.
            succ = self._succ_tasks(op.fields, None if op.kind == "insert" else op.record_id)
            if op.kind != "insert":
                succ |= self._succ_tasks({}, op.record_id)
            if not succ or not succ <= assigned:
                return (
                    f"单位成员只能为本单位（{self.account.unit}）承担的工作添加依赖（后续工作须是本单位的）；"
                    "其他依赖请协调员添加。"
                )
            return None
        if not tasks <= assigned:
            return f"本单位（{self.account.unit}）未承担该任务，无权修改。"
        return None

    def _succ_tasks(self, fields: dict[str, Any], record_id: str | None = None) -> set[str]:
        """The task(s) of a dependency's successor (``fields`` over the stored record)."""

        def get(name: str) -> Any:
            return fields[name] if name in fields else self._field("dependency", record_id, name)

        return self._task_of(
            "dependency", None, {"succ_kind": get("succ_kind"), "succ_id": get("succ_id")}
        )

    # -- references (every role) ------------------------------------------------------

    def _live(self, tbl: str, record_id: Any) -> dict[str, Any] | None:
        if not isinstance(record_id, str) or not record_id:
            return None
        rec = self.records.record(tbl, record_id)
        return rec["fields"] if rec and rec["deleted_seq"] is None else None

    def check_references(self, op: Op, fields: dict[str, Any]) -> str | None:
        """Consistency of the reference fields of ``fields`` (the record after ``op``).

        ``None`` if they agree, else the reason (Chinese). Checked for every role:
        a reference that contradicts another one misleads every desktop.
        """
        if op.kind == "delete":
            return None
        tbl = op.tbl
        if tbl in ("milestone", "report", "target") and fields.get("item_id"):
            item = self._live("item", fields["item_id"])
            if item is None:
                return "引用的工作项不存在。"
            if item.get("task_id") != fields.get("task_id"):
                return "工作项不属于该任务：工作项与任务必须一致。"
        if tbl == "report":
            reason = self._check_superseded(fields)
            if reason:
                return reason
        if tbl == "dependency":
            for side, label in (("pred", "前置工作"), ("succ", "后续工作")):
                kind, ref = fields.get(f"{side}_kind"), fields.get(f"{side}_id")
                if kind not in ("task", "item", "milestone") or self._live(kind, ref) is None:
                    return f"依赖的{label}不存在。"
        if self.account.role == "member" and tbl == "milestone" and fields.get("owner_unit_id"):
            owners = self._task_units(fields.get("task_id"))
            if fields["owner_unit_id"] not in owners:
                return "里程碑的责任单位必须是承担该任务的单位。"
        return workflow_problem(self, op, fields)

    def _check_superseded(self, fields: dict[str, Any]) -> str | None:
        """A correction supersedes only reports of the same unit, task, item and period."""
        older: list[Any] = []
        if fields.get("supersedes_id"):
            older.append(fields["supersedes_id"])
        also = fields.get("also_supersedes")
        if also not in (None, "", "[]"):
            try:
                listed = json.loads(also) if isinstance(also, str) else None
            except ValueError:
                listed = None
            if not isinstance(listed, list):
                return "also_supersedes 必须是报告编号的列表。"
            older += listed
        for old_id in older:
            old = self._live("report", old_id)
            if old is None:
                return "被更正的报告不存在。"
            same = all(old.get(k) == fields.get(k) for k in ("task_id", "item_id", "unit_id"))
            if not same or old.get("period") != fields.get("period"):
                return "只能更正同一单位、同一任务（事项）、同一期次的报告。"
        return None

    def _task_units(self, task_id: Any) -> set[str]:
        """Units assigned (any role) to any work item of a task (read by index)."""
        if not isinstance(task_id, str) or not task_id:
            return set()
        items = [
            record_id for record_id, _ in self.records.live_where("item", "task_id", [task_id])
        ]
        return {
            unit
            for _id, fields in self.records.live_where("assignment", "item_id", items)
            if (unit := fields.get("unit_id")) is not None
        }
