"""The detail panel: plan and section, source text, units by role, targets."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.models.qt.coordination_models import status_label
from desktop.models.qt.roles import role_color_hex, role_label
from desktop.models.qt.text import in_parens, labelled, section_prefix, with_note

COMPARATOR_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


def _chips(role: str, names: list[str]) -> str:
    background, foreground = role_color_hex(role)
    chips = " ".join(
        f'<span style="background:{background}; color:{foreground};">&nbsp;{escape(n)}&nbsp;</span>'
        for n in names
    )
    return f"<p><b>{escape(labelled(role_label(role), ''))}</b>{chips}</p>"


def _number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def section_heading(task: dict[str, Any]) -> str:
    """ "二、主要任务" for a top-level section, "（一）…" for a subsection."""
    no = task.get("section_no") or ""
    title = task.get("section_title") or ""
    return section_prefix(no, 2 if task.get("section_level") == 2 else 1) + title


def task_html(task: dict[str, Any]) -> str:
    """Render ``queries.task_detail()`` as simple rich text."""
    parts: list[str] = []
    plan = escape(task["plan_title"])
    if task.get("doc_no"):
        plan = escape(with_note(task["plan_title"], task["doc_no"]))
    parts.append(f'<p style="color:#555;">{plan}</p>')
    if task.get("section_title"):
        parts.append(f'<p style="color:#555;">{escape(section_heading(task))}</p>')
    parts.append(f"<h3>{task['no']}. {escape(task['title'])}</h3>")
    leaders = json.loads(task.get("leaders") or "[]")
    if leaders:
        note = QCoreApplication.translate("DetailPanel", "责任领导：{0}").format(
            QCoreApplication.translate("DetailPanel", "、").join(leaders)
        )
        parts.append(f'<p style="color:#555;">{escape(note)}</p>')
    parts.extend(_authoring_facts(task))
    source_heading = QCoreApplication.translate("DetailPanel", "原文")
    parts.append(f"<h4>{source_heading}</h4><p>{escape(task['text'])}</p>")
    items = task["items"]
    for position, item in enumerate(items):
        if len(items) > 1:
            heading = QCoreApplication.translate("DetailPanel", "工作项 {0}").format(
                f"{task['no']}-{position + 1}"
            )
            parts.append(f"<h4>{escape(heading)}</h4><p>{escape(item['text'])}</p>")
        else:
            heading = QCoreApplication.translate("DetailPanel", "分工")
            parts.append(f"<h4>{heading}</h4>")
        for role in ("lead", "responsible", "support"):
            if item["units"][role]:
                parts.append(_chips(role, item["units"][role]))
        if item.get("attribution"):
            parts.append(f'<p style="color:#777;">{escape(in_parens(item["attribution"]))}</p>')
    if task["targets"]:
        heading = QCoreApplication.translate("DetailPanel", "量化目标")
        parts.append(f"<h4>{heading}</h4>")
        titles = (
            QCoreApplication.translate("DetailPanel", "指标"),
            QCoreApplication.translate("DetailPanel", "比较"),
            QCoreApplication.translate("DetailPanel", "目标值"),
            QCoreApplication.translate("DetailPanel", "计量单位"),
            QCoreApplication.translate("DetailPanel", "期限"),
        )
        header = "".join(f"<th>{escape(h)}</th>" for h in titles)
        rows = "".join(
            "<tr>"
            f"<td>{escape(t['metric'])}</td>"
            f"<td align='center'>{COMPARATOR_TEXT.get(t['comparator'], escape(t['comparator']))}</td>"
            f"<td align='right'>{_number(t['value'])}</td>"
            f"<td>{escape(t['uom'])}</td>"
            f"<td>{escape(t['deadline'] or '')}</td>"
            "</tr>"
            f"<tr><td colspan='5' style='color:#777;'>{escape(t['text'])}</td></tr>"
            for t in task["targets"]
        )
        parts.append(
            f"<table border='1' cellspacing='0' cellpadding='3'><tr>{header}</tr>{rows}</table>"
        )
    parts.extend(_instructions(task))
    parts.extend(_lower_tasks(task))
    parts.extend(_changes(task))
    return "\n".join(parts)


def _instructions(task: dict[str, Any]) -> list[str]:
    """领导批示 (issue 12), latest first, with any follow-up assignment."""
    rows = task.get("instructions") or []
    if not rows:
        return []
    items = []
    for s in rows:
        line = QCoreApplication.translate("DetailPanel", "{0} {1}：{2}").format(
            s["given_on"], s["leader"], s["text"]
        )
        if s["item_id"]:
            line += QCoreApplication.translate("DetailPanel", "（交办{0}，{1}前落实）").format(
                s["assigned_unit"] or "", s["due"] or ""
            )
        items.append(f"<li>{escape(line)}</li>")
    heading = QCoreApplication.translate("DetailPanel", "领导批示")
    return [f"<h4 style='color:#a00000;'>{escape(heading)}</h4><ul>{''.join(items)}</ul>"]


def _authoring_facts(task: dict[str, Any]) -> list[str]:
    """Deadline, archive state and the 上级任务 of a task (plan authoring)."""
    parts = []
    if task.get("archived"):
        note = QCoreApplication.translate(
            "DetailPanel", "已归档（{0}）：该任务已从计划中撤销，其里程碑和填报保留。"
        ).format(task["archived"])
        parts.append(f'<p style="color:#a61e1e;"><b>{escape(note)}</b></p>')
    facts = []
    if task.get("deadline"):
        facts.append(
            labelled(QCoreApplication.translate("DetailPanel", "完成时限"), task["deadline"])
        )
    if task.get("rollup"):
        facts.append(
            labelled(
                QCoreApplication.translate("DetailPanel", "进度方式"),
                QCoreApplication.translate("DetailPanel", "由下级任务汇总"),
            )
        )
    progress = _progress(task.get("progress"))
    if progress:
        facts.append(progress)
    upper = task.get("upper")
    if upper:
        plan = upper["doc_no"] or upper["plan_title"]
        facts.append(
            labelled(
                QCoreApplication.translate("DetailPanel", "上级任务"),
                f"{plan} {upper['no']}. {upper['title']}",
            )
        )
    if facts:
        parts.append("<p>" + "<br>".join(escape(f) for f in facts) + "</p>")
    return parts


def _progress(progress: dict[str, Any] | None) -> str:
    """进度：完成 40%（下级任务 2 项中最低），序时进度 41.7%，未达序时"""
    if not progress:
        return ""
    text = QCoreApplication.translate("DetailPanel", "完成 {0}%").format(f"{progress['percent']:g}")
    if progress.get("rolled_from"):
        text += QCoreApplication.translate("DetailPanel", "（下级任务 {0} 项中最低）").format(
            progress["rolled_from"]
        )
    text += QCoreApplication.translate("DetailPanel", "，序时进度 {0}%").format(
        f"{progress['expected']:.1f}"
    )
    if progress.get("behind"):
        text += QCoreApplication.translate("DetailPanel", "，未达序时")
    return labelled(QCoreApplication.translate("DetailPanel", "进度"), text)


def _lower_tasks(task: dict[str, Any]) -> list[str]:
    lower = task.get("lower") or []
    if not lower:
        return []
    rows = []
    for t in lower:
        separator = QCoreApplication.translate("DetailPanel", "、")
        units = separator.join(with_note(u["name"], role_label(u["role"])) for u in t["units"])
        plan = t["doc_no"] or t["plan_title"]
        archived = (
            QCoreApplication.translate("DetailPanel", "（已归档）") if t.get("archived") else ""
        )
        if t.get("status"):
            state = status_label(t["status"])
            if t.get("percent") is not None:
                state += QCoreApplication.translate(
                    "DetailPanel", "，"
                ) + QCoreApplication.translate("DetailPanel", "完成 {0}%").format(
                    f"{t['percent']:g}"
                )
            archived += " " + in_parens(state)
        rows.append(
            f"<li>{escape(plan)} {t['no']}. {escape(t['title'])}{escape(archived)}"
            f"<br><span style='color:#555;'>{escape(units)}</span></li>"
        )
    heading = QCoreApplication.translate("DetailPanel", "下级任务")
    return [f"<h4>{escape(heading)}</h4><ul>{''.join(rows)}</ul>"]


def _changes(task: dict[str, Any]) -> list[str]:
    changes = task.get("changes") or []
    if not changes:
        return []
    items = "".join(f"<li>{escape(c['line'])}</li>" for c in changes)
    heading = QCoreApplication.translate("DetailPanel", "调整记录")
    return [f"<h4>{escape(heading)}</h4><ul>{items}</ul>"]


class DetailPanel(QTextBrowser):
    """Shows one task; ``task_id`` is the task shown ("" when empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.task_id = ""
        self.clear_task()

    def clear_task(self) -> None:
        self.task_id = ""
        hint = self.tr("选择一项任务以查看详情。")  # not inside the f-string: lupdate skips those
        self.setHtml(f'<p style="color:#777;">{escape(hint)}</p>')

    def show_task(self, task: dict[str, Any]) -> None:
        """Show ``queries.task_detail(db, task_id)``."""
        self.task_id = task["id"]
        self.setHtml(task_html(task))
