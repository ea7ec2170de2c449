"""Turn domain results (snapshot, dashboard, workspace, 催报) into ``Row`` lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.models import status as st
from desktop.models.lazy_sequence import KeptSequence
from desktop.models.progress import TargetTable
from desktop.models.qt.coordination_models import (
    TARGET_LIGHTS,
    Group,
    Row,
    status_label,
    target_state_label,
)
from desktop.models.qt.domain_text import node_label, risk_text, window_label
from desktop.models.qt.text import join_list, section_prefix, with_note
from desktop.models.status_tables import value_of


def task_text(titles: Mapping[str, tuple[int, str]], task_id: str) -> str:
    no, title = titles.get(task_id, ("?", ""))
    return f"{no} {title}"


def list_label(snap: st.StatusSnapshot, milestone_id: str) -> str:
    """A milestone's label for a list cell: 任务5“算力中心投运”, the plan's 发文字号
    after it in brackets when several plans are loaded (任务5“算力中心投运”（长府办发
    〔2023〕17号）): a narrow column shows the task and milestone first, not the same
    发文字号 on every row (the tooltip keeps ``snap.label``)."""
    label = node_label(snap.label(("milestone", milestone_id), plan=False))
    milestone = snap.milestones.get(milestone_id)
    plan = snap.plan_of(milestone.task_id) if milestone else ""
    return with_note(label, plan) if plan else label


def shorten(text: str, limit: int = 24) -> str:
    """At most ``limit`` characters, the cut marked with …."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def milestone_row(
    snap: st.StatusSnapshot,
    ms: st.MilestoneState,
    titles: Mapping[str, tuple[int, str]] | None = None,
) -> Row:
    """A milestone: 名称, 截止, 状态, 单位 (light: its status). With the tasks' ``titles``
    (the 总览's lists, whose rows name no task otherwise): 任务 (its number and title,
    the plan's 发文字号 after it when several plans are loaded), 里程碑, 截止, 状态, 单位."""
    due = ms.effective_due or ""
    if ms.extended and ms.original_due != ms.effective_due:
        due = QCoreApplication.translate("Coordination", "{0}（原定 {1}）").format(
            due, ms.original_due
        )
    if ms.status == st.OVERDUE and ms.days_left is not None:
        state = QCoreApplication.translate("Coordination", "逾期 {0} 天").format(-ms.days_left)
    elif ms.status == st.DUE_SOON and ms.days_left is not None:
        state = QCoreApplication.translate("Coordination", "还剩 {0} 天").format(ms.days_left)
    else:
        state = status_label(ms.status)
    unit = snap.inputs.unit_names.get(ms.unit_id or "", "")
    if titles is None:
        cells: tuple[Any, ...] = (list_label(snap, ms.id), due, state, unit)
    else:
        task, plan = task_text(titles, ms.task_id), snap.plan_of(ms.task_id)
        cells = (with_note(task, plan) if plan else task, ms.title, due, state, unit)
    return Row(
        cells,
        ms.status,
        ms.task_id,
        tooltip=node_label(snap.label(("milestone", ms.id))),
        payload=ms.id,
    )


def late_row(
    snap: st.StatusSnapshot,
    ms: st.MilestoneState,
    titles: Mapping[str, tuple[int, str]] | None = None,
) -> Row:
    """A milestone late against its original date (extended, or finished after it):
    名称, 截止 (with the original), 状态 (late by N days against the original), 单位
    (with ``titles``: 任务 and 里程碑 for 名称, as ``milestone_row``)."""
    row = milestone_row(snap, ms, titles)
    end = ms.done_date or snap.today.isoformat()
    days = (date.fromisoformat(end) - date.fromisoformat(ms.original_due or end)).days
    state = QCoreApplication.translate("Coordination", "晚于原定 {0} 天").format(days)
    if ms.done_date:
        state = QCoreApplication.translate("Coordination", "{0} 完成 · {1}").format(
            ms.done_date, state
        )
    elif ms.extended:
        state = QCoreApplication.translate("Coordination", "已延期 · {0}").format(state)
    row.cells = (*row.cells[:-2], state, row.cells[-1])
    return row


def target_row(titles: Mapping[str, tuple[int, str]], target: dict[str, Any]) -> Row:
    """A target of the dashboard: 任务, 目标, 期限, 最新值, 状态 (light: its state)."""
    latest = "" if target["latest"] is None else f"{target['latest']:g}{target['uom']}"
    return Row(
        (
            task_text(titles, target["task_id"]),
            target["metric"] or shorten(target["text"]),
            target["deadline"] or "",
            latest,
            target_state_label(target["state"]),
        ),
        TARGET_LIGHTS.get(target["state"]),
        target["task_id"],
        tooltip=target["text"],
        payload=target["id"],
    )


def risk_row(snap: st.StatusSnapshot, kind: str, record_id: str, cause: st.RiskCause) -> Row:
    node = snap.node((kind, record_id))
    chain = node_label(snap.chain_text(cause))
    task_id = getattr(node, "task_id", record_id)
    status = getattr(node, "status", None)
    return Row(
        (node_label(snap.label((kind, record_id))), risk_text(cause), chain),
        status,
        task_id,
        tooltip=chain,
        payload=cause.root_milestone_id,
    )


def at_risk_row(
    snap: st.StatusSnapshot, titles: dict[str, tuple[int, str]], task_id: str, cause: st.RiskCause
) -> Row:
    """A task of the dashboard's at-risk list: its number and title, why, the chain
    (``risk_row`` of the task with its title; its state not built for its status)."""
    chain = snap.chain_text(cause)
    return Row(
        (task_text(titles, task_id), risk_text(cause), chain),
        value_of(snap.tasks, task_id, "status"),
        task_id,
        tooltip=chain,
        payload=cause.root_milestone_id,
    )


#: the count rows' coloured columns: one dict shared by every count row (never changed;
#: a dict each was ~2.8 MB of the 12,000 section rows at 100k tasks)
_COUNT_COLORS = {1: st.OVERDUE, 2: st.DUE_SOON, 3: st.ON_TRACK}


def count_rows(entries: Iterable[tuple[str, str, dict[str, int]]]) -> list[Row]:
    """(id, name, counts) → 名称, 逾期, 临期, 正常, 未排期, 已完成, 合计."""
    return [count_row(*entry) for entry in entries]


def count_row(record_id: str, name: str, counts: Mapping[str, int]) -> Row:
    """One row of ``count_rows``."""
    values = tuple(counts.get(s, 0) for s in st.STATUSES)
    worst = next((s for s in st.STATUSES[:3] if counts.get(s)), None)
    return Row(
        (name, *values, sum(values)),
        worst or (st.DONE if counts.get(st.DONE) else st.NOT_SCHEDULED),
        record_id,
        colored=_COUNT_COLORS,
    )


def count_headers() -> list[str]:
    """Column titles of the count tables: the statuses, then 合计 (total), short
    (the full status name is ``count_header_tips``), so the narrow count columns
    leave the name column room at 1366 px. A title of several words takes two lines
    ("Due soon" → "Due\nsoon")."""
    short = {
        st.OVERDUE: QCoreApplication.translate("CountColumns", "逾期"),
        st.DUE_SOON: QCoreApplication.translate("CountColumns", "临期"),
        st.ON_TRACK: QCoreApplication.translate("CountColumns", "正常"),
        st.NOT_SCHEDULED: QCoreApplication.translate("CountColumns", "未排期"),
        st.AWAITING_SIGNOFF: QCoreApplication.translate("CountColumns", "待销号"),
        st.DONE: QCoreApplication.translate("CountColumns", "已完成"),
    }
    titles = [*(short[s] for s in st.STATUSES), QCoreApplication.translate("CountColumns", "合计")]
    return [title.replace(" ", "\n", 1) for title in titles]


def count_header_tips() -> list[str]:
    """The full names of the ``count_headers`` columns (their tooltips)."""
    return [
        *(status_label(s) for s in st.STATUSES),
        QCoreApplication.translate("Coordination", "合计"),
    ]


def section_entries(dashboard: dict[str, Any]) -> list[tuple[str, str, dict[str, int]]]:
    return [section_entry(key, entry) for key, entry in dashboard["by_section"].items()]


def section_entry(section_id: str | None, entry: dict[str, Any]) -> tuple[str, str, dict[str, int]]:
    """A section of the dashboard's ``by_section``: (id, numbered name, counts); its
    plan's 发文字号 after the name when several plans are loaded."""
    name = section_prefix(entry["no"], entry["level"]) + entry["title"]
    if entry.get("plan"):
        name = with_note(name, entry["plan"])
    return (section_id or "", name, entry["counts"])


def unit_entries(dashboard: dict[str, Any]) -> list[tuple[str, str, dict[str, int]]]:
    """The units by their overdue, due-soon and on-track counts, then name (then id:
    the same order whatever the order of ``by_unit``)."""
    entries = [(uid, e["name"], e["counts"]) for uid, e in dashboard["by_unit"].items()]
    entries.sort(key=lambda e: (*(-e[2].get(s, 0) for s in st.STATUSES[:3]), e[1], e[0]))
    return entries


def blocking_rows(snap: st.StatusSnapshot, blocking: list[st.BlockingUnit]) -> list[Row]:
    return [blocking_row(snap, rank, unit) for rank, unit in enumerate(blocking, 1)]


def blocking_row(snap: st.StatusSnapshot, rank: int, unit: st.BlockingUnit) -> Row:
    """A unit of the blocking ranking: rank and name, tasks it blocks, its first three
    root milestones."""
    first = unit.root_milestone_ids[:3]
    return Row(
        (
            f"{rank}. {unit.unit_name}",
            len(unit.blocked_task_ids),
            join_list(list_label(snap, m) for m in first),
        ),
        st.OVERDUE,
        unit.unit_id or "",
        tooltip=join_list(node_label(snap.label(("milestone", m))) for m in first),
    )


class EntryRows(KeptSequence[Row]):
    """A 催报 group's rows: the group keeps the round's own entries (no label, no row
    object per entry held; at 100k tasks a tree of ~120,000 rows)."""

    def __init__(self, entries: Sequence[Any]) -> None:
        super().__init__()
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def _make(self, index: int) -> Row:
        return entry_row(self._entries[index])


class TargetRows(KeptSequence[Row]):
    """The 量化目标 tab's rows (``target_row``) of ``target_overview``'s targets, kept as
    columns (one string per repeated metric, unit of measure, deadline and state; the
    task ids those of ``titles``): at 100k tasks ~30,000 targets, whose rows held
    ~24 MB."""

    _FIELDS = TargetTable.FIELDS

    def __init__(
        self, targets: Iterable[dict[str, Any]], titles: Mapping[str, tuple[int, str]]
    ) -> None:
        super().__init__()
        self._titles = titles
        one_task: dict[str, str] | None = None  # (made for the first target: none here
        shared: dict[Any, Any] = {}  # in ``of_table``, which keeps a table's columns)
        self._columns: tuple[list[Any], ...] = tuple([] for _ in self._FIELDS)
        ids, tasks, metrics, texts, uoms, deadlines, states, latest = self._columns
        for target in targets:
            if one_task is None:
                one_task = {task_id: task_id for task_id in titles}
            ids.append(target["id"])
            tasks.append(one_task.get(target["task_id"], target["task_id"]))
            texts.append(target["text"])
            latest.append(target["latest"])
            for column, key in ((metrics, "metric"), (uoms, "uom"), (deadlines, "deadline"),
                                (states, "state")):  # fmt: skip
                value = target[key]
                column.append(shared.setdefault(value, value))

    @classmethod
    def of_table(cls, table: TargetTable, titles: Mapping[str, tuple[int, str]]) -> TargetRows:
        """The rows of ``progress.target_table``'s columns (kept as they are: their task
        ids are the titles' strings when the table was read with them)."""
        rows = cls((), titles)
        rows._columns = table.columns
        return rows

    def relabelled(
        self, titles: Mapping[str, tuple[int, str]], task_ids: Iterable[str]
    ) -> TargetRows | None:
        """These rows labelled by ``titles`` after the tasks ``task_ids`` were renamed
        (nothing else of the targets changed): themselves when none of those tasks has
        a label that differs or a target here; None when a task's number differs (its
        rows may move)."""
        differ = {}  # task id → (its label here, its label in ``titles``)
        for task_id in task_ids:
            old, new = self._titles.get(task_id), titles.get(task_id)
            if old != new:
                differ[task_id] = (old, new)
        if any(old is None or new is None or old[0] != new[0] for old, new in differ.values()):
            return None
        if not differ or differ.keys().isdisjoint(self._columns[1]):  # (no target of theirs)
            return self
        rows = TargetRows((), titles)
        rows._columns = self._columns
        return rows

    def __len__(self) -> int:
        return len(self._columns[0])

    def _make(self, index: int) -> Row:
        values = (column[index] for column in self._columns)
        return target_row(self._titles, dict(zip(self._FIELDS, values, strict=True)))


def entry_row(entry: Any) -> Row:
    """One 催报 row: the task (number and title) and the window's due date (with the
    day a late report came); the period itself ("2026-10", "2026年第3季度", a week's
    dates) is in the tooltip, so the title keeps the room on an office screen."""
    due = entry.window.due.isoformat()
    when = QCoreApplication.translate("Coordination", "{0}前").format(due)
    if entry.reported_on:
        when += QCoreApplication.translate("Coordination", "，{0}报").format(
            entry.reported_on.isoformat()
        )
    label = node_label(entry.label)
    period = QCoreApplication.translate("Coordination", "期次 {0}，{1}前").format(
        window_label(entry.window.label), due
    )
    return Row((label, when), None, entry.task_id, tooltip=f"{label}\n{period}")


def round_groups(round_: Any) -> list[Group]:
    """The 催报 tree from a ``duban_queries.report_round``: one group per unit with
    something 未报 (due date passed, nothing reported), then one per unit with 迟报
    (reported after the due date); the unit's contact in the title. Each row
    (``entry_row``, built when shown: ``EntryRows``): the task (number and title) and
    the reporting window's due date."""

    def groups(state: str, mark: str) -> list[Group]:
        out = []
        for unit_id, entries in round_.by_unit(state).items():
            contact = round_.contacts.get(unit_id)
            title = f"{mark} {entries[0].unit_name}"
            if contact:
                title += QCoreApplication.translate("Coordination", "（联络员 {0} {1}）").format(
                    *contact
                )
            out.append(Group(f"{state}:{unit_id}", title, EntryRows(entries)))
        out.sort(key=lambda g: (-len(g.rows), g.title))
        return out

    return groups("missing", QCoreApplication.translate("Coordination", "【未报】")) + groups(
        "late", QCoreApplication.translate("Coordination", "【迟报】")
    )


def workspace_groups(
    ws: dict[str, Any], titles: dict[str, tuple[int, str]] | None = None
) -> list[Group]:
    """The 我的任务 tree: overdue, due next, blocked by, blocking, then roles.

    ``titles`` (task id → (no, title)) names the tasks this unit blocks:
    "任务26 推动数字经济特色载体建设" (shortened; the full text in the tooltip)."""
    snap: st.StatusSnapshot = ws["snapshot"]
    groups = [
        Group(
            "overdue",
            QCoreApplication.translate("Coordination", "已逾期"),
            [milestone_row(snap, m) for m in ws["overdue"]],
            st.OVERDUE,
        ),
        Group(
            "due_next",
            # the next open milestones, however far out; 临期 (the light) is the window
            QCoreApplication.translate("Coordination", "接下来的里程碑"),
            [milestone_row(snap, m) for m in ws["due_next"]],
        ),
    ]
    blocked_by = []
    for cause in ws["blocked_by"]:
        root = snap.milestones.get(cause.root_milestone_id)
        blocked_by.append(
            Row(
                (
                    risk_text(cause),
                    node_label(snap.label(("milestone", cause.root_milestone_id))),
                    node_label(snap.chain_text(cause)),
                ),
                root.status if root else None,
                root.task_id if root else "",
                tooltip=snap.chain_text(cause),
            )  # fmt: skip
        )
    groups.append(
        Group("blocked_by", QCoreApplication.translate("Coordination", "阻碍我的"), blocked_by)
    )
    blocking = []
    for (kind, rid), cause in ws["blocking"]:
        if kind != "task":
            continue
        row = risk_row(snap, kind, rid, cause)
        title = (titles or {}).get(rid, (None, ""))[1]
        if title:
            label = f"{row.cells[0]} {title}"
            row.cells = (shorten(label), *row.cells[1:])
            row.tooltip = f"{label}\n{row.tooltip}"
        blocking.append(row)
    groups.append(
        Group("blocking", QCoreApplication.translate("Coordination", "我阻碍的"), blocking)
    )
    for role, title in (
        ("lead", QCoreApplication.translate("Coordination", "牵头")),
        ("responsible", QCoreApplication.translate("Coordination", "责任")),
        ("support", QCoreApplication.translate("Coordination", "配合")),
    ):
        rows = [
            Row(
                (
                    node_label(r["label"] + " " + (r["title"] or "")),
                    status_label(r["status"]),
                    r["plan_title"],
                ),
                r["status"],
                r["task_id"],
                tooltip=r["text"] or r["title"],
            )
            for r in ws["roles"][role]
        ]
        groups.append(Group(role, title, rows))
    return groups
