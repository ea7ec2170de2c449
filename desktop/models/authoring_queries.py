"""Read-only queries of plan authoring: change history, lead warnings, lookups.

``task_history(db, task_id)`` is the plain query other features (the 任务督办单
briefing) use for a task's 调整记录.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlite_utils import Database

from desktop.errors import Message, NotFound, UserError
from desktop.models.archive import active


def change_line(change: dict[str, Any]) -> str:
    """ "2027-03-02 牵头单位 市工信局 → 市政数局，依据：第5次调度会（张三）" """
    line = f"{change['changed_at'][:10]} {change['summary']}"
    if change.get("basis"):
        line += f"，依据：{change['basis']}"
    if change.get("author"):
        line += f"（{change['author']}）"
    return line


def task_history(db: Database, task_id: str) -> list[dict[str, Any]]:
    """A task's change history (调整记录), oldest first; each row also has ``line``."""
    rows = list(
        db.query("SELECT * FROM task_change WHERE task_id = ? ORDER BY changed_at, id", [task_id])
    )
    for r in rows:
        r["line"] = change_line(r)
    return rows


def plan_history(db: Database, plan_id: str) -> list[dict[str, Any]]:
    """Every change recorded for a plan (its own header and all its tasks)."""
    rows = list(
        db.query("SELECT * FROM task_change WHERE plan_id = ? ORDER BY changed_at, id", [plan_id])
    )
    for r in rows:
        r["line"] = change_line(r)
    return rows


def lead_warnings(db: Database, plan_id: str | None = None) -> list[dict[str, Any]]:
    """Active tasks with a work item that has no lead (and no 责任单位) or two leads.

    Allowed (a plan may say so), but worth a look: each row has ``task_id``,
    ``no``, ``title``, ``plan_id``, ``item_label`` and the Chinese ``problem``.
    """
    where = "AND t.plan_id = ?" if plan_id else ""
    params = [plan_id] if plan_id else []
    rows = db.execute(
        "SELECT t.id, t.no, t.title, t.plan_id, i.id, i.position,"
        " (SELECT count(*) FROM item x WHERE x.task_id = t.id),"
        " (SELECT count(DISTINCT unit_id) FROM assignment a WHERE a.item_id = i.id"
        "  AND a.role = 'lead'),"
        " (SELECT count(*) FROM assignment a WHERE a.item_id = i.id AND a.role = 'responsible')"
        " FROM item i JOIN task t ON t.id = i.task_id"
        f" WHERE {active('t')} {where} ORDER BY t.plan_id, t.no, i.position",
        params,
    ).fetchall()
    out = []
    for task_id, no, title, plan, item_id, position, items, leads, responsible in rows:
        if leads == 0 and responsible == 0:
            problem = "没有牵头单位"
        elif leads > 1:
            problem = f"有 {leads} 个牵头单位"
        else:
            continue
        label = f"{no}-{position + 1}" if items > 1 else str(no)
        out.append(
            {"task_id": task_id, "no": no, "title": title, "plan_id": plan, "item_id": item_id,
             "item_label": label, "problem": problem}
        )  # fmt: skip
    return out


def resolve_section(db: Database, plan_id: str, text: str) -> str:
    """A section by key (二/一), number (二 / 一 / （一）) or part of its title."""
    text = text.strip().strip("、").strip("（）()")
    rows = db.execute(
        "SELECT id, key, no, title FROM section WHERE plan_id = ? ORDER BY position", [plan_id]
    ).fetchall()
    for matcher in (
        lambda r: r[1] == text,
        lambda r: r[2] == text,
        lambda r: r[3] == text,
        lambda r: text in r[3],
    ):
        found = [r for r in rows if matcher(r)]
        if len(found) == 1:
            return found[0][0]
        if len(found) > 1:
            names = [f"{r[1]} {r[3]}" for r in found[:5]]
            raise UserError("章节“{}”匹配多个（{}），请写完整路径，如 二/一。", text, names)
    known = [f"{r[1]} {r[3]}" for r in rows[:8]] or Message("（该计划没有章节）")
    raise NotFound("找不到章节“{}”。已有章节：{}", text, known)


def lower_tasks(db: Database, task_id: str) -> list[dict[str, Any]]:
    """Tasks of lower-level plans that implement ``task_id``, with their units."""
    rows = list(
        db.query(
            "SELECT t.id, t.no, t.title, t.archived, p.title AS plan_title, p.doc_no"
            " FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.parent_task_id = ?"
            " ORDER BY p.doc_no, p.title, t.no",
            [task_id],
        )
    )
    for r in rows:
        r["units"] = [
            {"name": name, "role": role}
            for name, role in db.execute(
                "SELECT DISTINCT u.name, a.role FROM assignment a JOIN unit u ON u.id = a.unit_id"
                " JOIN item i ON i.id = a.item_id WHERE i.task_id = ? ORDER BY a.role, u.name",
                [r["id"]],
            )
        ]
    return rows


def upper_task(db: Database, task_id: str) -> dict[str, Any] | None:
    """The higher-level task ``task_id`` implements, or None."""
    return next(
        db.query(
            "SELECT u.id, u.no, u.title, p.title AS plan_title, p.doc_no FROM task t"
            " JOIN task u ON u.id = t.parent_task_id JOIN plan p ON p.id = u.plan_id"
            " WHERE t.id = ?",
            [task_id],
        ),
        None,
    )


def rollup_links(db: Database) -> tuple[dict[str, list[str]], set[str]]:
    """(parent task id → its active lower-level task ids, ids of tasks set to roll up),
    by one scan of the tasks (a status cache's full pass reads them at 100k tasks)."""
    children: dict[str, list[str]] = {}
    rolled: set[str] = set()
    for task_id, parent_id, is_active, rolls_up in db.execute(
        f"SELECT id, parent_task_id, {active('task')}, rollup = 1 FROM task"
        " WHERE parent_task_id IS NOT NULL OR rollup = 1"
    ):
        if parent_id is not None and is_active:
            children.setdefault(parent_id, []).append(task_id)
        if rolls_up:
            rolled.add(task_id)
    return children, rolled


def _any_link(db: Database) -> bool:
    """Whether a task implements a higher-level one (its parent set): the first entry
    of the index ``task_parent`` past the NULLs, not ``rollup_links``' scan of every
    task (~15 ms at 100k tasks, for none in most databases)."""
    found = db.execute("SELECT 1 FROM task WHERE parent_task_id IS NOT NULL LIMIT 1")
    return found.fetchone() is not None


def apply_rollup(
    db: Database, snapshot: Any, links: tuple[dict[str, list[str]], set[str]] | None = None
) -> Any:
    """Tasks set to roll up (``task.rollup``) take, from their active lower-level
    tasks (deepest first), the worst status and the lowest percent: a finished
    lower task (已完成/待销号) counts as 100 %, one without a percent is left out.
    The rolled-up percent replaces the task's own and is compared with the task's
    own 序时进度 (未达序时 when it falls short). Others keep their own. Returns
    ``snapshot``. ``links``: ``rollup_links(db)`` when the caller has them already."""
    from desktop.models import status as st
    from desktop.models.status_rules import expected_for

    if links is None and not _any_link(db):  # (nothing below any task: nothing to roll up)
        return snapshot
    children, rolled = links if links is not None else rollup_links(db)
    done: dict[str, tuple[str | None, float | None]] = {}
    cache: dict[tuple[str | None, str | None], float] = {}

    def finished(status: str | None) -> bool:
        return status in (st.DONE, st.AWAITING_SIGNOFF)

    def state(task_id: str, path: frozenset[str]) -> tuple[str | None, float | None]:
        """(status, percent) of a task after rolling up what lies below it."""
        if task_id in done:
            return done[task_id]
        node = snapshot.tasks.get(task_id)
        own = node.status if node else None
        percent = node.percent if node else None
        if task_id in rolled and children.get(task_id) and task_id not in path:
            below = [state(c, path | {task_id}) for c in children[task_id]]  # noqa: F821 (del below)
            found = [s for s, _p in below if s]
            if found:
                own = st.worst(found)
                if node:
                    node.status = own
            known = [100.0 if finished(s) else p for s, p in below]
            percents = [p for p in known if p is not None]
            if percents and node:
                node.rolled_from = len(percents)
                lowest = percent = node.percent = min(percents)
                if finished(own):
                    node.expected, node.behind = None, False
                else:
                    node.expected = expected_for(snapshot.inputs, task_id, snapshot.today, cache)
                    # compared at one decimal, as time_progress.meets_schedule
                    node.behind = round(lowest, 1) < round(node.expected, 1)
        done[task_id] = (own, percent)
        return own, percent

    for task_id in rolled:
        state(task_id, frozenset())
    # ``state`` calls itself: the closure and its cell are a reference cycle that would
    # keep ``snapshot`` (every row of a status pass) alive until the collector's next
    # full collection; emptying the cell breaks it
    del state
    return snapshot


def lower_task_statuses(db: Database, task_id: str, snapshot: Any) -> dict[str, str]:
    """Lower-level task id → status (from a status snapshot)."""
    return {
        t["id"]: snapshot.tasks[t["id"]].status
        for t in lower_tasks(db, task_id)
        if t["id"] in snapshot.tasks
    }


def add_status_facts(detail: dict[str, Any], snapshot: Any) -> dict[str, Any]:
    """Add to ``queries.task_detail()`` what a status snapshot says: each lower-level
    task's ``status`` and the task's ``progress`` (percent, 序时进度, behind and
    ``rolled_from``: how many lower-level tasks the percent was rolled up from),
    None without a percent. Returns ``detail``."""
    for lower in detail.get("lower", []):
        node = snapshot.tasks.get(lower["id"])
        lower["status"] = node.status if node else None
        lower["percent"] = node.percent if node else None
    node = snapshot.tasks.get(detail["id"])
    detail["progress"] = None
    if node is not None and node.percent is not None and node.expected is not None:
        detail["progress"] = {
            "percent": node.percent, "expected": node.expected, "behind": node.behind,
            "rolled_from": node.rolled_from,
        }  # fmt: skip
    return detail


SUGGEST_THRESHOLD = 0.6
SUGGEST_MAX_COMPARISONS = 5_000_000  # beyond this, suggestions are skipped (province scale)


def suggest_links(db: Database, plan_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """Tasks of ``plan_id`` (not linked yet) whose text closely matches a task of
    another plan: candidates for a 上级任务 link, best first."""
    mine = list(
        db.query(
            "SELECT id AS task_id, no, title, text FROM task WHERE plan_id = ?"
            f" AND parent_task_id IS NULL AND {active('task')}",
            [plan_id],
        )
    )
    me = db.execute("SELECT title, doc_no FROM plan WHERE id = ?", [plan_id]).fetchone()
    if me is None:
        return []
    return _match_links(db, mine, me[0], me[1], limit)


def suggest_links_for_parsed(db: Database, parsed: Any, limit: int = 20) -> list[dict[str, Any]]:
    """``suggest_links`` for a parsed plan before it is imported (the import preview):
    each suggestion has ``index`` (the parsed task's position) instead of ``task_id``;
    the best ``limit`` ones, in task order."""
    mine = [
        {"index": index, "no": task.no, "title": task.title, "text": task.text}
        for index, task in enumerate(parsed.tasks)
    ]
    found = _match_links(db, mine, parsed.title, parsed.doc_no or "", limit)
    return sorted(found, key=lambda s: s["index"])


def _match_links(
    db: Database, mine: list[dict[str, Any]], title: str, doc_no: str, limit: int
) -> list[dict[str, Any]]:
    """Tasks of ``mine`` whose title and text closely match an active task of another
    plan — not another version of the same document (same 发文字号 or title)."""
    from desktop.models.revision import (
        CANDIDATE_OVERLAP,
        CANDIDATES,
        _bigrams,
        _norm,
        _similarity,
    )

    others = list(
        db.query(
            "SELECT t.id, t.no, t.title, t.text, p.doc_no, p.title AS plan_title FROM task t"
            f" JOIN plan p ON p.id = t.plan_id WHERE {active('t')} AND p.title != :title"
            " AND (p.doc_no = '' OR p.doc_no != :doc_no)",
            {"title": title, "doc_no": doc_no},
        )
    )
    if not mine or not others or len(mine) * len(others) > SUGGEST_MAX_COMPARISONS:
        return []
    grams = [_bigrams(_norm(o["title"] + o["text"])) for o in others]
    # inverted index of character bigrams; bigrams found in most tasks say nothing
    postings: dict[str, list[int]] = {}
    for k, task_grams in enumerate(grams):
        for gram in task_grams:
            postings.setdefault(gram, []).append(k)
    common = max(50, len(others) // 10)
    found = []
    for task in mine:
        mine_grams = _bigrams(_norm(task["title"] + task["text"]))
        shared: Counter[int] = Counter()
        for gram in mine_grams:
            posting = postings.get(gram)
            if posting and len(posting) <= common:
                shared.update(posting)
        scored = []
        for k, _count in shared.most_common(CANDIDATES * 4):
            theirs = grams[k]
            overlap = len(mine_grams & theirs) / (len(mine_grams | theirs) or 1)
            if overlap >= CANDIDATE_OVERLAP:
                scored.append((overlap, others[k]["id"], others[k]))
        if not scored:
            continue
        near = [o for _o, _id, o in sorted(scored, key=lambda x: x[:2], reverse=True)[:CANDIDATES]]
        best = max(
            ((_similarity(task["title"], task["text"], o["title"], o["text"]), o) for o in near),
            key=lambda pair: pair[0],
        )
        if best[0] >= SUGGEST_THRESHOLD:
            other = best[1]
            found.append(
                {**{k: v for k, v in task.items() if k != "text"},
                 "parent_id": other["id"], "parent_no": other["no"],
                 "parent_title": other["title"],
                 "parent_plan": other["doc_no"] or other["plan_title"], "score": best[0]}
            )  # fmt: skip
    found.sort(key=lambda s: -s["score"])
    return found[:limit]
