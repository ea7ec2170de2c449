"""Rules of the 督办 workflow that the server enforces as the desktop does (issue 12).

A desktop refuses these before anything is written (``desktop.models.duban``); the
server refuses a pushed op that breaks them whatever client sent it, for every role:

- 申请办结 (``signoff``): only a closing unit of the task (or item) applies — the lead
  units, or the responsible units where an item has no lead;
- 延期申请 (``extension_request``): only before the milestone's due date (the current
  one, after approved extensions), for a milestone not done, to a later date, and
  not stamped in the future (an offline request made in time syncs later and counts);
- the contact phone format is a column kind (``sync.fields.Phone``), checked with the
  other columns in ``validation``.

``workflow_problem`` is called from ``PermissionContext.check_references`` with the
record as it would stand after the op.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sync.protocol import Op

if TYPE_CHECKING:
    from sync.server.permissions import PermissionContext

CLOCK_SKEW = timedelta(hours=1)  # a desktop's clock may run this much ahead


def closing_units(ctx: PermissionContext, task_id: Any, item_id: Any) -> set[str]:
    """Units that may apply to close the task (or item): see the module docstring.

    The task's items and their assignments are read by index (not every record)."""
    if not isinstance(task_id, str) or not task_id:
        return set()
    items = {
        record_id
        for record_id, _fields in ctx.records.live_where("item", "task_id", [task_id])
        if not item_id or record_id == item_id
    }
    by_item: dict[str, dict[str, set[str]]] = {}
    for _id, fields in ctx.records.live_where("assignment", "item_id", sorted(items)):
        if fields.get("item_id") in items and fields.get("role") in ("lead", "responsible"):
            roles = by_item.setdefault(fields["item_id"], {})
            roles.setdefault(fields["role"], set()).add(str(fields.get("unit_id")))
    units: set[str] = set()
    for roles in by_item.values():
        units |= roles.get("lead") or roles.get("responsible") or set()
    return units


def _signoff_problem(ctx: PermissionContext, fields: dict[str, Any]) -> str | None:
    if fields.get("unit_id") in closing_units(ctx, fields.get("task_id"), fields.get("item_id")):
        return None
    return "只有牵头单位可以申请办结（没有牵头单位的事项由责任单位申请）；该单位不能申请办结。"


def _extension_problem(ctx: PermissionContext, fields: dict[str, Any]) -> str | None:
    milestone = ctx._live("milestone", fields.get("milestone_id"))
    if milestone is None:
        return "申请延期的里程碑不存在。"
    if milestone.get("done_date"):
        return "该里程碑已完成，不能申请延期。"
    current = milestone.get("current_due") or milestone.get("due")
    if not current:
        return "该里程碑尚未排期，没有可延期的截止日期。"
    requested = str(fields.get("requested_at") or "")
    try:
        at = datetime.fromisoformat(requested.replace("Z", "+00:00"))
    except ValueError:
        return "延期申请的申请时间无效。"
    if at.tzinfo is not None and at > datetime.now(UTC) + CLOCK_SKEW:
        return "延期申请的申请时间晚于服务器时间，请校准本机时钟后重新申请。"
    if requested[:10] > current:
        return (
            f"截止日期 {current} 已过（申请于 {requested[:10]}），不能再申请延期；"
            "请联系督办室（协调员可直接延期）。"
        )
    if str(fields.get("new_due") or "") <= current:
        return f"申请延至的日期须晚于当前截止日期（{current}）。"
    return None


def workflow_problem(ctx: PermissionContext, op: Op, fields: dict[str, Any]) -> str | None:
    """Why the new workflow record ``fields`` breaks a rule above, or ``None``."""
    if op.kind != "insert":
        return None
    if op.tbl == "signoff":
        return _signoff_problem(ctx, fields)
    if op.tbl == "extension_request":
        return _extension_problem(ctx, fields)
    return None
