"""Shared pieces of the coordination actions: parsing, checks, types.

Used by ``coordination`` (milestones, snapshots), ``progress`` (target values,
reports) and ``dependencies``; import the actions through ``coordination``.
"""

from __future__ import annotations

import getpass
import re
from datetime import date, datetime, timedelta
from typing import Any

from desktop.errors import Message, NotFound, UserError
from desktop.models.store import Store, utc_now

Snapshot = dict[str, list[dict[str, Any]]]
NodeKey = tuple[str, str]
NODE_KINDS = ("task", "item", "milestone")
# Restore order: parents before children.
TABLE_ORDER = (
    "milestone", "milestone_extension", "target_value", "report", "dependency",
    # the 督办 workflow (issue 12): exported and imported with the coordination records
    "report_cycle", "unit_contact", "signin", "signoff", "signoff_decision",
    "extension_request", "extension_decision",
)  # fmt: skip
MILESTONE_FIELDS = ("title", "due", "owner_unit_id", "note", "item_id", "position")


class NeedsConfirmation(UserError):
    """Valid but unusual input: ask the user, then retry with confirmation."""


class AlreadyReported(UserError):
    """The unit already has a current report for the period: correct that one instead."""

    def __init__(self, message: str | Message, report_id: str) -> None:
        super().__init__(message)
        self.report_id = report_id


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_date(text: str | date | None, what: str = "日期") -> str:
    """``2024-06-30`` / ``2024/6/30`` / ``2024年6月30日`` → ``2024-06-30``."""
    if isinstance(text, date):
        return text.isoformat()
    match = _DATE.match(text or "")
    try:
        if not match:
            raise ValueError
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        raise UserError(
            "{}“{}”不是有效日期，请写成 YYYY-MM-DD。", Message(what), text or ""
        ) from None


def parse_period(text: str) -> str:
    """``2024-06`` / ``2024年6月`` → ``2024-06``."""
    match = _PERIOD.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UserError("填报期“{}”无效，请写成 YYYY-MM（如 2024-06）。", text)
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def _now_after(last: str | None) -> str:
    """The current UTC timestamp, made strictly later than ``last``."""
    now = utc_now()
    if last and now <= last:
        bumped = datetime.fromisoformat(last) + timedelta(milliseconds=1)
        now = bumped.isoformat(timespec="milliseconds")
    return now


def default_author(store: Store) -> str:
    """Who is editing: the sync account if logged in, else the OS login name."""
    row = store.db.execute("SELECT value FROM sync_state WHERE key = 'username'").fetchone()
    if row and row[0]:
        return str(row[0])
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some systems
        return ""


def _row(store: Store, table: str, record_id: str, noun: str) -> dict[str, Any]:
    row = next(store.db.query(f"SELECT * FROM [{table}] WHERE id = ?", [record_id]), None)
    if row is None:
        raise NotFound(f"{noun}不存在。")
    return row


def _check_unit(store: Store, unit_id: str | None) -> None:
    if unit_id and not store.db.execute("SELECT 1 FROM unit WHERE id = ?", [unit_id]).fetchone():
        raise NotFound("单位不存在。")


def _check_item(store: Store, task_id: str, item_id: str | None) -> None:
    if (
        item_id
        and not store.db.execute(
            "SELECT 1 FROM item WHERE id = ? AND task_id = ?", [item_id, task_id]
        ).fetchone()
    ):
        raise NotFound("该工作事项不属于此任务。")


def _check_plan_date(
    store: Store, task_id: str, due: str | None, confirmed: bool, what: str = "截止日期"
) -> None:
    if not due or confirmed:
        return
    plan_date = store.db.execute(
        "SELECT coalesce(p.written_date, p.published_date) FROM task t"
        " JOIN plan p ON p.id = t.plan_id WHERE t.id = ?",
        [task_id],
    ).fetchone()[0]
    if plan_date and due < plan_date:
        raise NeedsConfirmation(
            "{} {} 早于计划成文日期 {}，请确认是否无误。", Message(what), due, plan_date
        )
