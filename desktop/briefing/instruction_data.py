"""领导批示 in the briefings (issue 12): the recent 批示 on the tasks of a 通报's scope and
every 批示 of one task for its 任务督办单."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

RECENT_DAYS = 92  # a 通报 names the 批示 of about the last quarter
MAX_IN_OVERVIEW = 10


@dataclass
class InstructionLine:
    given_on: str
    leader: str
    text: str
    task_heading: str  # 任务5“…”
    follow_up: str  # "交办市政数局，2026-12-31前" or ""


def _follow_up(db: Any, item_id: str | None) -> str:
    if not item_id:
        return ""
    row = db.execute(
        "SELECT (SELECT u.name FROM assignment a JOIN unit u ON u.id = a.unit_id"
        "  WHERE a.item_id = :i AND a.role = 'lead' LIMIT 1),"
        " (SELECT coalesce(m.current_due, m.due) FROM milestone m WHERE m.item_id = :i LIMIT 1)",
        {"i": item_id},
    ).fetchone()
    unit, due = row if row else (None, None)
    return f"交办{unit or '（单位已删除）'}，{due or '时限未定'}前落实" if unit or due else ""


def task_instructions(db: Any, task_id: str, heading: str = "") -> list[InstructionLine]:
    rows = db.execute(
        "SELECT given_on, leader, text, item_id FROM instruction WHERE task_id = ?"
        " ORDER BY given_on, recorded_at",
        [task_id],
    ).fetchall()
    return [InstructionLine(r[0], r[1], r[2], heading, _follow_up(db, r[3])) for r in rows]


def recent_instructions(scope: Any) -> tuple[list[InstructionLine], int]:
    """The 批示 of the last ``RECENT_DAYS`` on tasks of the scope (latest first, at most
    ``MAX_IN_OVERVIEW``) and how many more there are."""
    tasks = {t.task_id: t for t in scope.tasks}
    since = (scope.today - timedelta(days=RECENT_DAYS)).isoformat()
    rows = scope.db.execute(
        "SELECT task_id, given_on, leader, text, item_id FROM instruction"
        " WHERE given_on BETWEEN ? AND ? ORDER BY given_on DESC, recorded_at DESC",
        [since, scope.today.isoformat()],
    ).fetchall()
    found = [
        InstructionLine(r[1], r[2], r[3], tasks[r[0]].heading, _follow_up(scope.db, r[4]))
        for r in rows
        if r[0] in tasks
    ]
    return found[:MAX_IN_OVERVIEW], max(0, len(found) - MAX_IN_OVERVIEW)


def instruction_sentence(line: InstructionLine) -> str:
    follow = f"（{line.follow_up}）" if line.follow_up else ""
    return f"{line.given_on}，{line.leader}对{line.task_heading}批示：“{line.text}”{follow}"
