"""Shared pieces of the plan-authoring actions: limits, checks, the change history.

Every authoring action runs in ``structure_action``: it refuses a unit
member's structural edit locally (with the reason, before anything is written
or queued for sync), opens one store action and hands out a ``History`` that
appends ``task_change`` rows (调整记录) in the same transaction.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from desktop.errors import Message, NotFound, UserError
from desktop.models.coordination_common import _now_after, default_author, parse_date
from desktop.models.ids import new_id
from desktop.models.store import Store, Tx
from sync.vocabulary import ROLE_LABELS, ROLES

# Bounded lengths of everything a person types (CLI, dialog, revised document),
# within the limits of the synced schema (titles from documents get 500 there).
TITLE_MAX = 300  # plan, section and task titles
NAME_MAX = 200  # issuer, metric: one line of a printed briefing
TEXT_MAX = 20_000  # task and work item text
NOTE_MAX = 4_000  # target text
BASIS_MAX = 500
SHORT_MAX = 100  # 发文字号, unit names
SECTION_NO_MAX = 20
UOM_MAX = 50
METRIC_MAX = NAME_MAX
NO_MAX = 100_000
COMPARATOR_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
ROLE_UNIT_LABELS = {role: f"{label}单位" for role, label in ROLE_LABELS.items()}


def clean_text(
    value: Any, what: str, limit: int, *, required: bool = False, multiline: bool = False
) -> str:
    """Stripped text, refused when empty (``required``), longer than ``limit``, or
    holding control characters (line breaks only where ``multiline``)."""
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise UserError(f"{what}不能为空。")
    if len(text) > limit:
        raise UserError(f"{what}过长（{len(text)} 字，最多 {limit} 字）。")
    allowed = "\n\t" if multiline else ""
    if any((ord(ch) < 32 or ord(ch) == 127) and ch not in allowed for ch in text):
        what_is = "含有无效字符" if multiline else "不能包含换行或控制字符"
        raise UserError(f"{what}{what_is}。")
    return text


def clean_date(value: Any, what: str) -> str | None:
    """An ISO date, or None for empty input; a clear message for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, what)


def clean_number(value: Any, what: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UserError("{}“{}”不是数字。", Message(what), value) from None
    if not math.isfinite(number):
        raise UserError(f"{what}必须是有限的数字。")
    return number


def clean_role(role: str) -> str:
    """``lead``/``support``/``responsible`` or 牵头/配合/责任 (also 牵/配/责)."""
    text = (role or "").strip()
    if text in ROLES:
        return text
    for key, label in ROLE_LABELS.items():
        if text in (label, label[0], f"{label}单位"):
            return key
    raise UserError("未知的职责“{}”：请写 牵头、配合 或 责任。", role)


def clean_no(value: Any, what: str = "序号") -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise UserError("{}“{}”不是整数。", Message(what), value) from None
    if not 1 <= number <= NO_MAX:
        raise UserError(f"{what}应在 1 到 {NO_MAX} 之间。")
    return number


def row(db: Any, table: str, record_id: str, noun: str) -> dict[str, Any]:
    found = next(db.query(f"SELECT * FROM [{table}] WHERE id = ?", [record_id]), None)
    if found is None:
        raise NotFound(f"{noun}不存在。")
    return found


# -- permissions -------------------------------------------------------------------------


def account(db: Any) -> dict[str, str]:
    """The sync account this database last logged in with (role as the server said)."""
    state = dict(
        db.execute(
            "SELECT key, value FROM sync_state WHERE key IN ('username', 'role', 'unit')"
        ).fetchall()
    )
    return {k: state.get(k) or "" for k in ("username", "role", "unit")}


def dependencies_touching(db: Any, nodes: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Every dependency with one of ``nodes`` (``(kind, id)``) at either end, once each
    (snapshots for undo and restore)."""
    found: dict[str, dict[str, Any]] = {}
    for kind, rid in nodes:
        for d in db.query(
            "SELECT * FROM dependency WHERE (pred_kind = ? AND pred_id = ?)"
            " OR (succ_kind = ? AND succ_id = ?)",
            [kind, rid, kind, rid],
        ):
            found[d["id"]] = d
    return list(found.values())


def check_structure_permission(db: Any) -> None:
    """Refuse plan-structure edits of a unit member (the server would reject them)."""
    who = account(db)
    if who["role"] == "member":
        if who["unit"]:
            raise UserError(
                "当前登录账号 {} 是单位成员（{}）：只有协调员可以修改计划结构"
                "（计划、章节、任务、事项、分工、目标）。本次修改未保存，也不会同步。",
                who["username"],
                who["unit"],
            )
        raise UserError(
            "当前登录账号 {} 是单位成员{}：只有协调员可以修改计划结构"
            "（计划、章节、任务、事项、分工、目标）。本次修改未保存，也不会同步。",
            who["username"],
            "",
        )


# -- the change history ---------------------------------------------------------------------


@dataclass
class History:
    """Appends 调整记录 rows in the action's transaction."""

    tx: Tx
    basis: str
    author: str
    last: str | None = None  # the latest changed_at: each record is strictly later

    def task(
        self,
        task: dict[str, Any],
        kind: str,
        summary: str,
        old: Any = None,
        new: Any = None,
    ) -> None:
        self._add(task["plan_id"], task["id"], task["no"], task["title"], kind, summary, old, new)

    def plan(self, plan_id: str, kind: str, summary: str, old: Any = None, new: Any = None) -> None:
        self._add(plan_id, None, None, "", kind, summary, old, new)

    def _next_time(self) -> str:
        """Now, made strictly later than every change recorded here, so the history
        reads in order even within one millisecond."""
        if self.last is None:
            self.last = self.tx.db.execute("SELECT max(changed_at) FROM task_change").fetchone()[0]
        self.last = _now_after(self.last)
        return self.last

    def _add(
        self,
        plan_id: str,
        task_id: str | None,
        task_no: int | None,
        task_title: str,
        kind: str,
        summary: str,
        old: Any,
        new: Any,
    ) -> None:
        self.tx.insert(
            "task_change",
            {
                "id": new_id(),
                "plan_id": plan_id,
                "task_id": task_id,
                "task_no": task_no,
                "task_title": task_title,
                "kind": kind,
                "summary": summary,
                "old": _encode(old),
                "new": _encode(new),
                "basis": self.basis,
                "author": self.author,
                "changed_at": self._next_time(),
            },
        )


def _encode(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@contextmanager
def structure_action(store: Store, name: str, basis: str = "") -> Iterator[History]:
    """One authoring action: permission check, one transaction, history in it."""
    check_structure_permission(store.db)
    basis = clean_text(basis, "依据", BASIS_MAX)
    author = default_author(store)
    with store.action(name) as tx:
        yield History(tx, basis, author)
