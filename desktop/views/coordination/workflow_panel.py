"""The task panel's 督办 tab: 序时进度 and the three-colour mark, reporting cycle,
签收 per unit, 办结 applications and 延期 requests with their decisions, and the
reports of each 填报期 rolled up under the lead unit's report."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.models import duban_queries as dq
from desktop.models import report_queries
from desktop.models import status as st
from desktop.models.qt.coordination_models import PAYLOAD_ROLE, Group, GroupTreeModel, Row
from desktop.models.qt.domain_text import domain
from desktop.models.qt.unit_lights_model import colour, colour_mark
from desktop.views.button_row import ButtonRow
from desktop.views.coordination.dashboard import tree
from desktop.views.coordination.rows import shorten
from desktop.views.empty_hint import EmptyHint
from desktop.views.fit_width import fit_width

#: A 延期 request's milestone: its first characters (whole in the row's tooltip).
MILESTONE_CHARS = 5


class WorkflowPanel(QWidget):
    """``show_task(task_id, snapshot)``; buttons emit ``requested(action)``:
    "signin", "signoff_apply", "signoff_decide", "extension_request",
    "extension_decide", "cycle"."""

    requested = Signal(str)

    def __init__(self, store, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store = store
        self.task_id = ""
        self._items: dict[str, tuple[int, str]] = {}  # the task's items: id -> (position, text)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = GroupTreeModel([self.tr("事项"), self.tr("单位"), self.tr("状态"),
                                     self.tr("说明")], self)  # fmt: skip
        self.view = tree(self.model)
        self.view.setIndentation(12)  # (two levels: the rows' labels keep the room)
        EmptyHint(self.view, self.tr("选择一项任务，查看签收、办结、延期和填报情况"))
        # The task is the panel's subject: the first column says what a row concerns (the
        # whole task, one of its items, a milestone's first characters), short like the
        # units and the states, which stay whole; the notes take the rest, or give way
        # where that is too little (into the row's tooltip).
        self.fit = fit_width(self.view, long=(1, 3), optional=(3,), long_min_ems=6)

        def button(text: str, action: str) -> QAction:
            a = QAction(text, self)
            a.triggered.connect(lambda _checked=False, name=action: self.requested.emit(name))
            return a

        self.bar = ButtonRow(
            button(self.tr("签收…"), "signin"),
            button(self.tr("申请办结…"), "signoff_apply"),
            button(self.tr("审核办结…"), "signoff_decide"),
            button(self.tr("申请延期…"), "extension_request"),
            button(self.tr("审批延期…"), "extension_decide"),
            button(self.tr("报送周期…"), "cycle"),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.bar)

    def selected(self, kind: str) -> str | None:
        """The selected (else the only pending) application / request of ``kind``."""
        index = self.view.currentIndex()
        if index.isValid():
            payload = index.siblingAtColumn(0).data(PAYLOAD_ROLE)
            if isinstance(payload, tuple) and payload[0] == kind:
                return payload[1]
        pending = [
            r.payload[1]
            for key in ("signoff", "extension")
            for r in self.model.group_rows(key)
            if isinstance(r.payload, tuple) and r.payload[0] == kind and r.payload[2]
        ]
        return pending[0] if len(pending) == 1 else None

    def show_task(self, task_id: str, snapshot: st.StatusSnapshot | None) -> None:
        self.task_id = task_id
        db = self.store.db
        if not task_id:
            self.summary.setText("")
            self.model.set_groups([])
            return
        node = snapshot.tasks.get(task_id) if snapshot else None
        every, due_day, due_date = dq.cycle_of(db, task_id)
        parts = [self.tr("报送周期：{0}").format(domain(dq.cycle_text(every, due_day, due_date)))]
        if node is not None and node.expected is not None:
            parts.append(self.tr("进度 {0:g}% · 序时进度 {1:.1f}%").format(
                node.percent, node.expected))  # fmt: skip
        mark = node.colour if node is not None else None
        if mark:
            parts.append(f"<b style='color:{colour(mark).name()}'>■ {colour_mark(mark)}</b>")
        state = dq.signoff_state(db, task_id)
        if state:
            parts.append(self.tr("办结：{0}").format(domain(dq.SIGNOFF_STATE_LABELS[state])))
        self.summary.setText(" · ".join(parts))
        self._items = {
            item_id: (position, text)
            for item_id, position, text in db.execute(
                "SELECT id, position, text FROM item WHERE task_id = ?", [task_id]
            )
        }
        groups = [self._signins(task_id), self._signoffs(task_id), self._extensions(task_id)]
        groups += self._report_rollup(task_id)
        self.model.set_groups(groups)
        for row in range(len(groups)):  # a group's title spans the row
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        self.view.expandAll()
        if self.view.isVisible():
            self.fit.fit()  # the rows under the groups are measured once expanded

    def _scope(self, item_id: str | None) -> tuple[str, str]:
        """What a record of the task concerns: 整项任务, or 事项2 on one item of a task with
        several (the item's text for the tooltip)."""
        position, text = self._items.get(item_id or "", (None, ""))
        if position is None or len(self._items) < 2:
            return self.tr("整项任务"), ""
        return self.tr("事项{0}").format(position + 1), text

    def _signins(self, task_id: str) -> Group:
        db = self.store.db
        rows = []
        units = db.execute(
            "SELECT DISTINCT u.id, u.name FROM assignment a JOIN item i ON i.id = a.item_id"
            " JOIN unit u ON u.id = a.unit_id WHERE i.task_id = ? AND u.kind != 'group'"
            " ORDER BY a.role = 'support', a.position",
            [task_id],
        ).fetchall()
        label, _text = self._scope(None)  # (a task's sign-in covers its items)
        for unit_id, name in units:
            last = dq.last_signin(db, task_id, None, unit_id)
            if last:
                rows.append(Row((label, name, self.tr("已签收"),
                                 last["signed_at"][:16].replace("T", " ")), st.DONE))  # fmt: skip
            else:
                rows.append(Row((label, name, self.tr("未签收"), ""),
                                st.DUE_SOON))  # fmt: skip
        unsigned = sum(1 for r in rows if r.status != st.DONE)
        title = self.tr("签收（未签收 {0}）").format(unsigned) if unsigned else self.tr("签收")
        return Group("signin", title, rows)

    def _signoffs(self, task_id: str) -> Group:
        rows = []
        for r in dq.signoffs(self.store.db, task_id=task_id):
            note = r["evidence"]
            if r["decision"]:
                note += self.tr("｜{0} {1}：{2}").format(
                    r["decided_at"][:10], r["decided_by"], r["decision_reason"] or ""
                )
            status = {"approved": st.DONE, "returned": st.OVERDUE}.get(r["state"], st.DUE_SOON)
            scope, item_text = self._scope(r["item_id"])
            rows.append(
                Row(
                    (
                        scope,
                        r["unit_name"] or "",
                        domain(dq.SIGNOFF_STATE_LABELS[r["state"]]),
                        note,
                    ),
                    status,
                    r["id"],
                    tooltip="\n".join(t for t in (item_text, note) if t),
                    payload=("signoff", r["id"], r["state"] == "pending"),
                )
            )
        return Group("signoff", self.tr("办结申请"), rows)

    def _extensions(self, task_id: str) -> Group:
        rows = []
        for r in dq.extension_requests(self.store.db, task_id=task_id):
            note = self.tr("{0} → {1}：{2}").format(
                r["old_due"] or "—", r["new_due"] or "—", r["reason"]
            )
            if r["decision"]:
                note += self.tr("｜{0} {1}：{2}").format(
                    r["decided_at"][:10], r["decided_by"], r["decision_reason"] or ""
                )
            status = {"approved": st.DONE, "refused": st.OVERDUE}.get(r["state"], st.DUE_SOON)
            rows.append(
                Row(
                    (
                        f"“{shorten(r['milestone_title'], MILESTONE_CHARS)}”",
                        r["unit_name"] or "",
                        domain(dq.EXTENSION_STATE_LABELS[r["state"]]),
                        note,
                    ),
                    status,
                    r["id"],
                    tooltip=f"“{r['milestone_title']}”\n{note}",
                    payload=("extension", r["id"], r["state"] == "pending"),
                )
            )
        return Group("extension", self.tr("延期申请"), rows)

    def _report_rollup(self, task_id: str) -> list[Group]:
        """Per 填报期: the lead unit's report first, the supporting units' under it."""
        db = self.store.db
        roles: dict[str, str] = {}
        for unit_id, role in db.execute(
            "SELECT a.unit_id, a.role FROM assignment a JOIN item i ON i.id = a.item_id"
            " WHERE i.task_id = ?", [task_id]):  # fmt: skip
            if roles.get(unit_id) != "lead":
                roles[unit_id] = role
        periods: dict[str, list[dict]] = {}
        for r in report_queries.report_history(db, task_id):
            if r["current"]:
                periods.setdefault(r["period"], []).append(r)
        groups = []
        rank = {"lead": 0, "responsible": 1, "support": 2}
        for period in sorted(periods, reverse=True)[:6]:
            reports = sorted(periods[period], key=lambda r: rank.get(roles.get(r["unit_id"]), 3))
            rows = []
            for r in reports:
                role = roles.get(r["unit_id"])
                prefix = "" if role in ("lead", "responsible") else "└ "
                pct = "" if r["percent"] is None else f"{r['percent']:g}%"
                role_text = {"lead": self.tr("牵头"), "responsible": self.tr("责任"),
                             "support": self.tr("配合")}.get(role or "", "")  # fmt: skip
                scope, item_text = self._scope(r["item_id"])
                # the unit's role in the tooltip (└ marks a supporting unit's report): the
                # unit's name stays whole beside the state in a narrow dock
                unit = r["unit_name"] or ""
                role_unit = self.tr("{0}（{1}）").format(unit, role_text) if role_text else unit
                tip = "\n".join(t for t in (role_unit, item_text, r["text"]) if t)
                rows.append(Row((prefix + scope, unit, pct, r["text"]), None, r["id"],
                                tooltip=tip))  # fmt: skip
            lead = next((r for r in reports if roles.get(r["unit_id"]) == "lead"), None)
            head = self.tr("填报 {0}").format(period)
            if lead is not None and lead["percent"] is not None:
                head += self.tr("（牵头单位 {0:g}%，配合单位 {1} 份）").format(
                    lead["percent"], sum(1 for r in reports if roles.get(r["unit_id"]) == "support")
                )
            groups.append(Group(f"report:{period}", head, rows))
        return groups
