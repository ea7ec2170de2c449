"""CLI of plan authoring: plans, sections, tasks, items, targets, unit roles,
change history and 上级任务 links (see docs/cli.md, “Writing and editing plans”)."""

from __future__ import annotations

import argparse
from typing import Any, NamedTuple

from desktop.commands.support import english, join, node_label, out, paren, say, store_for
from desktop.errors import Message, NotFound, UserError
from desktop.models import authoring as au
from desktop.models import authoring_queries as aq
from desktop.models import coordination_queries as cq
from desktop.models import messages
from desktop.models.queries import plan_warnings
from desktop.models.store import Store
from desktop.models.unit_names import did_you_mean
from sync.vocabulary import ROLE_LABELS

ROLE_CHOICES = "牵头|配合|责任"


# -- lookups ---------------------------------------------------------------------------------


def _plan(store: Store, args: argparse.Namespace) -> str:
    return cq.resolve_plan(store.db, args.plan)


def _task(store: Store, args: argparse.Namespace) -> str:
    return cq.resolve_task(store.db, args.task, args.plan)


def _item(store: Store, task_id: str, args: argparse.Namespace) -> str:
    item_id = cq.resolve_item(store.db, task_id, args.item) if args.item else None
    return au.item_of(store, task_id, item_id)


def _section(store: Store, plan_id: str, text: str | None) -> str | None:
    return aq.resolve_section(store.db, plan_id, text) if text else None


def find_unit(store: Store, name: str, *, create: bool = False) -> str:
    """A unit by name or alias; unknown names get "did you mean" suggestions, or are
    created with ``create`` (``--new-unit``)."""
    name = au.clean_text(name, "单位名称", au.SHORT_MAX, required=True)
    try:
        return store.find_unit(name)
    except NotFound:
        if create:
            au.check_structure_permission(store.db)
            with store.action("add_unit") as tx:
                return store._create_unit(tx, name, "other")
        hint = did_you_mean(store.db, name)
        if hint:
            raise NotFound(
                "找不到单位“{}”（按名称或别名）。{}如确是新单位，请加 --new-unit。", name, hint
            ) from None
        raise NotFound(
            "找不到单位“{}”（按名称或别名）。如确是新单位，请加 --new-unit。", name
        ) from None


class _TaskLabel(NamedTuple):
    """A task's number and title: 任务 5“…” in a message (``str``), ``_shown`` in a line."""

    no: int
    title: str

    def __str__(self) -> str:
        return str(self.message)

    @property
    def message(self) -> Message:
        """The label as a value of an error's message (the title kept whole)."""
        return Message("任务 {}“{}”", self.no, self.title)


def _task_label(store: Store, task_id: str) -> _TaskLabel:
    no, title = store.db.execute("SELECT no, title FROM task WHERE id = ?", [task_id]).fetchone()
    return _TaskLabel(no, title)


def _shown(label: _TaskLabel) -> str:
    """A ``_task_label`` as the command line prints it (任务 5“…” / task 5 “…”): the
    title is data, filled in after the template is translated."""
    return say("任务 {}“{}”", label.no, label.title)


def _role(role: str) -> str:
    """牵头 / lead: a role's label as the command line prints it."""
    return say(ROLE_LABELS[role])


def _after_number(problem: str) -> str:
    """A lead warning's problem (没有牵头单位) after a task's number: " has no lead unit"."""
    return " " + say(problem) if english() else problem


def _with_basis(text: str, basis: str | None) -> str:
    """``text`` (already in the command line's language) with the basis of the change;
    a sentence in English (task 5 “…”: … → Task 5 “…”: …)."""
    text = text[:1].upper() + text[1:] if english() else text
    return text + say("（依据：{}）", basis) if basis else text


# -- plans -----------------------------------------------------------------------------------


def cmd_plan_new(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        au.create_plan(
            store,
            args.title,
            doc_no=args.doc_no or "",
            issuer=args.issuer or "",
            written_date=args.date,
            published_date=args.published,
            basis=args.basis or "",
        )
    doc = paren(args.doc_no.strip()) if args.doc_no and args.doc_no.strip() else ""
    out(say("已新建计划《{}》{}。用 liandong task add 添加任务。", args.title.strip(), doc))
    return 0


def _plan_values(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for arg, name in (("title", "title"), ("doc_no", "doc_no"), ("issuer", "issuer"),
                      ("date", "written_date"), ("published", "published_date")):  # fmt: skip
        value = getattr(args, arg)
        if value is not None:
            values[name] = value
    return values


def cmd_plan_edit(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        values = _plan_values(args)
        if not values:
            raise UserError("请至少给出一项要修改的内容（--title、--doc-no、--issuer、--date…）。")
        old = au.edit_plan(store, _plan(store, args), basis=args.basis or "", **values)
    text = say("已修改计划：{} 项。", len(old)) if old else say("内容未改变。")
    out(_with_basis(text, args.basis))
    return 0


def cmd_plan_copy(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        source = _plan(store, args)
        new_plan = au.copy_plan(
            store,
            source,
            title=args.title,
            doc_no=args.doc_no or "",
            written_date=args.date,
            basis=args.basis or "",
        )
        count = store.db.execute(
            "SELECT count(*) FROM task WHERE plan_id = ?", [new_plan]
        ).fetchone()[0]
    out(
        say("已按模板新建计划《{}》：任务 {} 项（里程碑、填报不复制）。", args.title.strip(), count)
    )
    return 0


def cmd_plan_delete(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        plan_id = _plan(store, args)
        title, = store.db.execute("SELECT title FROM plan WHERE id = ?", [plan_id]).fetchone()  # fmt: skip
        tasks = store.db.execute(
            "SELECT count(*) FROM task WHERE plan_id = ?", [plan_id]
        ).fetchone()[0]
        if not args.yes:
            raise UserError(
                "将删除计划《{}》及其 {} 项任务、全部里程碑和填报。确认请加 --yes。", title, tasks
            )
        au.delete_plan(store, plan_id)
    out(say("已删除计划《{}》（任务 {} 项）。", title, tasks))
    return 0


def cmd_plan_show(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        plan_id = _plan(store, args)
        plan = store.db.execute(
            "SELECT title, doc_no, issuer, written_date FROM plan WHERE id = ?", [plan_id]
        ).fetchone()
        title = f"“{plan[0]}”" if english() else f"《{plan[0]}》"
        out(f"{title}{paren(plan[1]) if plan[1] else ''}"
            f"{('  ' + plan[2]) if plan[2] else ''}{('  ' + plan[3]) if plan[3] else ''}")  # fmt: skip
        sections = {s["id"]: s for s in store.db.query(
            "SELECT id, key, no, title FROM section WHERE plan_id = ?", [plan_id])}  # fmt: skip
        shown_section = None
        for t in store.db.query(
            "SELECT id, no, title, section_id, deadline, archived FROM task WHERE plan_id = ?"
            " ORDER BY no",
            [plan_id],
        ):
            if t["section_id"] != shown_section and t["section_id"] in sections:
                s = sections[t["section_id"]]
                out(f"[{s['key']}] {s['title']}")
            shown_section = t["section_id"]
            units: dict[str, list[str]] = {}
            for name, role in store.db.execute(
                "SELECT DISTINCT u.name, a.role FROM assignment a JOIN unit u ON u.id = a.unit_id"
                " JOIN item i ON i.id = a.item_id WHERE i.task_id = ? ORDER BY i.position,"
                " a.position",
                [t["id"]],
            ):
                units.setdefault(role, []).append(name)
            colon, semicolon = (": ", "; ") if english() else ("：", "；")
            roles = semicolon.join(
                f"{_role(r)}{colon}{join(units[r])}"
                for r in ("lead", "responsible", "support")
                if r in units
            )
            flags = (say("  时限 {}", t["deadline"]) if t["deadline"] else "") + (
                say("  [已归档 {}]", t["archived"]) if t["archived"] else ""
            )
            upper = aq.upper_task(store.db, t["id"])
            if upper:
                plan = upper["doc_no"] or upper["plan_title"]
                flags += say("  上级：{} 任务{}", plan, upper["no"])
            shown = roles or say("未分工")
            if english():
                out(f"  {t['no']}. {t['title']}  ({shown}){flags}")
            else:
                out(f"  {t['no']}. {t['title']}  （{shown}）{flags}")
        for w in aq.lead_warnings(store.db, plan_id):
            out(say("提醒：任务 {}“{}”{}。", w["item_label"], w["title"], say(w["problem"])))
        # what the import said of the document (kept with the plan, shown again here)
        for message in plan_warnings(store.db, plan_id):
            out(say("导入提示：{}", messages.localize(message, getattr(args, "lang", None))))
    return 0


# -- sections ------------------------------------------------------------------------------------


def cmd_section_add(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        plan_id = _plan(store, args)
        au.add_section(
            store,
            plan_id,
            args.title,
            no=args.no or "",
            parent_id=_section(store, plan_id, args.parent),
            basis=args.basis or "",
        )
    out(_with_basis(say("已新增章节“{}”。", args.title.strip()), args.basis))
    return 0


def cmd_section_edit(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        plan_id = _plan(store, args)
        section_id = aq.resolve_section(store.db, plan_id, args.section)
        old = au.edit_section(
            store, section_id, title=args.title, no=args.no, basis=args.basis or ""
        )
    out(_with_basis(say("已修改章节。") if old else say("内容未改变。"), args.basis))
    return 0


def cmd_section_delete(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        plan_id = _plan(store, args)
        section_id = aq.resolve_section(store.db, plan_id, args.section)
        au.delete_section(store, section_id, basis=args.basis or "")
    out(_with_basis(say("已删除章节。"), args.basis))
    return 0


# -- tasks ------------------------------------------------------------------------------------------


def cmd_task_add(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        plan_id = _plan(store, args)
        task_id = au.add_task(
            store,
            plan_id,
            args.title,
            text=args.text or "",
            section_id=_section(store, plan_id, args.section),
            no=args.no,
            deadline=args.deadline,
            basis=args.basis or "",
        )
        label = _task_label(store, task_id)
    out(_with_basis(say("已新增{}。", _shown(label)), args.basis))
    return 0


def cmd_task_edit(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        values: dict[str, Any] = {}
        for name in ("title", "text", "deadline"):
            if getattr(args, name) is not None:
                values[name] = getattr(args, name)
        if args.section is not None:
            plan_id = store.db.execute(
                "SELECT plan_id FROM task WHERE id = ?", [task_id]
            ).fetchone()[0]
            values["section_id"] = _section(store, plan_id, args.section) if args.section else None
        if args.rollup is not None:
            values["rollup"] = args.rollup
        if not values:
            raise UserError(
                "请至少给出一项要修改的内容（--title、--text、--deadline、--section…）。"
            )
        old = au.edit_task(store, task_id, basis=args.basis or "", **values)
        label = _task_label(store, task_id)
    text = say("已修改{}：{} 项。", _shown(label), len(old)) if old else say("内容未改变。")
    out(_with_basis(text, args.basis))
    return 0


def cmd_task_move(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        old = au.move_task(store, task_id, args.to, basis=args.basis or "")
        label = _task_label(store, task_id)
    text = say("{}：序号 {} → {}，其间的任务顺延。", _shown(label), old, args.to)
    out(_with_basis(text, args.basis))
    return 0


def cmd_task_delete(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        label = _task_label(store, task_id)
        removal = au.delete_task(store, task_id, basis=args.basis or "")
    if removal.archived:
        c = removal.counts
        out(_with_basis(say(
            "{}已有记录（里程碑 {} 个、填报 {} 条、目标数值 {} 条），已归档保留，未删除。",
            _shown(label), c["milestones"], c["reports"], c["values"]), args.basis))  # fmt: skip
    else:
        out(_with_basis(say("已删除{}（其后任务序号不变）。", _shown(label)), args.basis))
    return 0


def cmd_target_add(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        au.add_target(
            store,
            task_id,
            metric=args.metric,
            value=args.value,
            comparator=args.comparator,
            uom=args.uom or "",
            deadline=args.deadline,
            text=args.text or "",
            basis=args.basis or "",
        )
    text = say("已为任务 {} 新增量化目标“{}”。", args.task, args.metric.strip())
    out(_with_basis(text, args.basis))
    return 0


def cmd_target_edit(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        target_id = cq.resolve_target(store.db, _task(store, args), args.target)
        values = {
            name: getattr(args, name)
            for name in ("metric", "value", "comparator", "uom", "deadline", "text")
            if getattr(args, name) is not None
        }
        if not values:
            raise UserError("请至少给出一项要修改的内容（--metric、--value、--deadline…）。")
        old = au.edit_target(store, target_id, basis=args.basis or "", **values)
    out(_with_basis(say("已修改量化目标。") if old else say("内容未改变。"), args.basis))
    return 0


def cmd_target_delete(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        target_id = cq.resolve_target(store.db, _task(store, args), args.target)
        au.delete_target(store, target_id, basis=args.basis or "")
    out(_with_basis(say("已删除量化目标。"), args.basis))
    return 0


# -- work items ----------------------------------------------------------------------------------------


def cmd_item_add(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        au.add_item(store, _task(store, args), args.text, basis=args.basis or "")
        count = store.db.execute(
            "SELECT count(*) FROM item WHERE task_id = ?", [_task(store, args)]
        ).fetchone()[0]
    out(_with_basis(say("已新增工作事项 {}-{}。", args.task, count), args.basis))
    return 0


def cmd_item_edit(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        au.edit_item(store, cq.resolve_item(store.db, task_id, args.item), args.text,
                     basis=args.basis or "")  # fmt: skip
    out(_with_basis(say("已修改工作事项 {}-{}。", args.task, args.item), args.basis))
    return 0


def cmd_item_delete(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        au.delete_item(store, cq.resolve_item(store.db, task_id, args.item), basis=args.basis or "")
    out(_with_basis(say("已删除工作事项 {}-{}。", args.task, args.item), args.basis))
    return 0


# -- units, history, links ----------------------------------------------------------------------------


def cmd_assign(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        item_id = _item(store, task_id, args)
        role = au.clean_role(args.role)
        unit_id = find_unit(store, args.unit, create=args.new_unit)
        label = _task_label(store, task_id)
        if args.replace:
            old_unit = find_unit(store, args.replace)
            old_role = au.unit_role(store.db, item_id, old_unit)
            if old_role != role:
                raise UserError(
                    "“{}”在{}中不是{}单位，无法替换。",
                    args.replace,
                    label.message,
                    Message(ROLE_LABELS[role]),
                )
            au.replace_unit(store, item_id, old_unit, unit_id, basis=args.basis or "")
            out(_with_basis(say("{}：{}单位 {} → {}。", _shown(label), _role(role), args.replace,
                                args.unit), args.basis))  # fmt: skip
            return 0
        old = au.set_unit_role(store, item_id, unit_id, role, basis=args.basis or "")
        warnings = [w for w in aq.lead_warnings(store.db) if w["task_id"] == task_id]
    if old == role:
        out(say("{}已是{}的{}单位，未做更改。", args.unit, _shown(label), _role(role)))
    elif old:
        colon, stop = (": ", ".") if english() else ("：", "。")
        text = f"{_shown(label)}{colon}{args.unit} {_role(old)} → {_role(role)}{stop}"
        out(_with_basis(text, args.basis))
    else:
        text = say("{}：新增{}单位 {}。", _shown(label), _role(role), args.unit)
        out(_with_basis(text, args.basis))
    for w in warnings:
        out(say("提醒：任务 {}{}。", w["item_label"], _after_number(w["problem"])))
    return 0


def cmd_unassign(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        item_id = _item(store, task_id, args)
        unit_id = find_unit(store, args.unit)
        label = _task_label(store, task_id)
        old = au.set_unit_role(store, item_id, unit_id, None, basis=args.basis or "")
        if old is None:
            raise UserError("{}在{}中没有分工。", args.unit, label.message)
        warnings = [w for w in aq.lead_warnings(store.db) if w["task_id"] == task_id]
    out(_with_basis(say("{}：取消{}单位 {}。", _shown(label), _role(old), args.unit), args.basis))
    for w in warnings:
        out(say("提醒：任务 {}{}。", w["item_label"], _after_number(w["problem"])))
    return 0


def _change_line(change: dict[str, Any]) -> str:
    """``aq.change_line`` in the command line's language (the summary is as recorded)."""
    if not english():
        return change["line"]
    line = f"{change['changed_at'][:10]} {change['summary']}"
    if change.get("basis"):
        line += say("，依据：{}", change["basis"])
    if change.get("author"):
        line += paren(change["author"])
    return line


def cmd_history(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        if args.task is not None:
            task_id = _task(store, args)
            out(say("{} 调整记录：", _shown(_task_label(store, task_id))))
            rows = aq.task_history(store.db, task_id)
        else:
            rows = aq.plan_history(store.db, _plan(store, args))
        for r in rows:
            prefix = (
                ""
                if args.task is not None or r["task_no"] is None
                else node_label(f"任务{r['task_no']}") + "  "
            )
            out(f"  {prefix}{_change_line(r)}")
        if not rows:
            out(say("  （没有调整记录）"))
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        parent_id = cq.resolve_task(store.db, args.parent_task, args.implements)
        au.link_task(store, task_id, parent_id, basis=args.basis or "")
        out(_with_basis(say(
            "{} 已关联上级任务：{} {}。", _shown(_task_label(store, task_id)), args.implements,
            _shown(_task_label(store, parent_id))), args.basis))  # fmt: skip
    return 0


def cmd_unlink(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        old = au.link_task(store, task_id, None, basis=args.basis or "")
        if not old:
            raise UserError("{} 没有关联上级任务。", _task_label(store, task_id).message)
        label = _shown(_task_label(store, task_id))
        out(_with_basis(say("{} 已取消关联上级任务。", label), args.basis))
    return 0


# -- registration ------------------------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    def sub(
        group: argparse._SubParsersAction, name: str, help_: str, func
    ) -> argparse.ArgumentParser:  # noqa: ANN001
        p = group.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    def plan_arg(p: argparse.ArgumentParser, required: bool = False) -> None:
        p.add_argument("--plan", required=required,
                       help="计划的发文字号或标题（可写其中一段；只有一个计划时可省略）")  # fmt: skip

    def task_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--task", type=int, required=True, metavar="N", help="任务序号")
        plan_arg(p)

    def basis_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--basis", help="调整依据（会议、文号、领导批示等），记入调整记录")

    pl = subparsers.add_parser("plan", help="编写计划：新建、修改、按模板复制、删除、查看")
    pl_sub = pl.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(pl_sub, "new", "手工新建计划（无需原文件）", cmd_plan_new)
    p.add_argument("--title", required=True, help="计划标题")
    p.add_argument("--doc-no", help="发文字号")
    p.add_argument("--issuer", help="发文机关")
    p.add_argument("--date", help="成文日期 YYYY-MM-DD")
    p.add_argument("--published", help="发布日期 YYYY-MM-DD")
    basis_arg(p)
    p = sub(pl_sub, "edit", "修改计划标题、发文字号、发文机关、日期", cmd_plan_edit)
    plan_arg(p)
    p.add_argument("--title")
    p.add_argument("--doc-no")
    p.add_argument("--issuer")
    p.add_argument("--date", help="成文日期")
    p.add_argument("--published", help="发布日期")
    basis_arg(p)
    p = sub(pl_sub, "copy", "以现有计划为模板新建（如下一年度）", cmd_plan_copy)
    plan_arg(p)
    p.add_argument("--title", required=True, help="新计划标题")
    p.add_argument("--doc-no", help="新计划发文字号")
    p.add_argument("--date", help="新计划成文日期")
    basis_arg(p)
    p = sub(pl_sub, "delete", "删除计划及其全部任务和记录", cmd_plan_delete)
    plan_arg(p, required=True)
    p.add_argument("--yes", action="store_true", help="确认删除")
    p = sub(pl_sub, "show", "列出计划的章节、任务与分工", cmd_plan_show)
    plan_arg(p)

    se = subparsers.add_parser("section", help="章节：新增、修改、删除")
    se_sub = se.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(se_sub, "add", "新增章节（--parent 时为子章节）", cmd_section_add)
    plan_arg(p)
    p.add_argument("--title", required=True)
    p.add_argument("--no", help="章节序号，如 三 或 二")
    p.add_argument("--parent", metavar="PATH", help="上级章节：路径（二）、序号或标题")
    basis_arg(p)
    p = sub(se_sub, "edit", "修改章节标题或序号", cmd_section_edit)
    plan_arg(p)
    p.add_argument(
        "--section", required=True, metavar="PATH", help="章节路径（如 二/一）、序号或标题"
    )
    p.add_argument("--title")
    p.add_argument("--no")
    basis_arg(p)
    p = sub(se_sub, "delete", "删除空章节", cmd_section_delete)
    plan_arg(p)
    p.add_argument("--section", required=True, metavar="PATH")
    basis_arg(p)

    tk = subparsers.add_parser("task", help="任务：新增、修改、调整序号、删除、量化目标")
    tk_sub = tk.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(tk_sub, "add", "新增任务（不给 --no 时排在最后）", cmd_task_add)
    plan_arg(p)
    p.add_argument("--section", metavar="PATH", help="所属章节：路径（如 二/一）、序号或标题")
    p.add_argument("--title", required=True)
    p.add_argument("--text", help="任务内容")
    p.add_argument("--no", type=int, metavar="N", help="序号（其后任务顺延）")
    p.add_argument("--deadline", help="完成时限 YYYY-MM-DD")
    basis_arg(p)
    p = sub(tk_sub, "edit", "修改任务标题、内容、完成时限、章节、进度方式", cmd_task_edit)
    task_args(p)
    p.add_argument("--title")
    p.add_argument("--text")
    p.add_argument("--deadline", help="完成时限（空字符串清除）")
    p.add_argument("--section", metavar="PATH", help="移到其他章节（空字符串：不属任何章节）")
    p.add_argument("--rollup", dest="rollup", action="store_true", default=None,
                   help="进度由下级任务汇总")  # fmt: skip
    p.add_argument("--direct", dest="rollup", action="store_false", help="进度直接填报")
    basis_arg(p)
    p = sub(tk_sub, "move", "调整任务序号（其间任务顺延）", cmd_task_move)
    task_args(p)
    p.add_argument("--to", type=int, required=True, metavar="M", help="新序号")
    basis_arg(p)
    p = sub(tk_sub, "delete", "删除任务（已有记录的任务归档保留）", cmd_task_delete)
    task_args(p)
    basis_arg(p)
    tg = tk_sub.add_parser("target", help="任务的量化目标：新增、修改、删除")
    tg_sub = tg.add_subparsers(dest="target_action", metavar="ACTION", required=True)
    p = sub(tg_sub, "add", "新增量化目标", cmd_target_add)
    task_args(p)
    p.add_argument("--metric", required=True, help="指标，如 5G基站数量")
    p.add_argument("--value", required=True, help="目标值")
    p.add_argument("--comparator", default=">=", help="比较：>= > <= < =（默认 >=）")
    p.add_argument("--uom", help="计量单位，如 个、%%、亿元")
    p.add_argument("--deadline", help="期限 YYYY-MM-DD")
    p.add_argument("--text", help="目标原文")
    basis_arg(p)
    p = sub(tg_sub, "edit", "修改量化目标", cmd_target_edit)
    task_args(p)
    p.add_argument("--target", type=int, metavar="K", help="第 K 个目标（仅一个时可省略）")
    p.add_argument("--metric")
    p.add_argument("--value")
    p.add_argument("--comparator")
    p.add_argument("--uom")
    p.add_argument("--deadline")
    p.add_argument("--text")
    basis_arg(p)
    p = sub(tg_sub, "delete", "删除量化目标（已登记数值的不能删除）", cmd_target_delete)
    task_args(p)
    p.add_argument("--target", type=int, metavar="K")
    basis_arg(p)

    it = subparsers.add_parser("item", help="工作事项：新增、修改、删除")
    it_sub = it.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(it_sub, "add", "为任务新增工作事项", cmd_item_add)
    task_args(p)
    p.add_argument("--text", required=True)
    basis_arg(p)
    p = sub(it_sub, "edit", "修改工作事项内容", cmd_item_edit)
    task_args(p)
    p.add_argument("--item", type=int, required=True, metavar="K")
    p.add_argument("--text", required=True)
    basis_arg(p)
    p = sub(it_sub, "delete", "删除工作事项", cmd_item_delete)
    task_args(p)
    p.add_argument("--item", type=int, required=True, metavar="K")
    basis_arg(p)

    p = sub(
        subparsers, "assign", "为任务（事项）指定单位及职责；已有职责的单位改为新职责", cmd_assign
    )
    task_args(p)
    p.add_argument("--item", type=int, metavar="K", help="多事项任务的第 K 个事项")
    p.add_argument("--unit", required=True, help="单位名称或别名")
    p.add_argument("--role", required=True, metavar=ROLE_CHOICES, help="职责：牵头、配合或责任")
    p.add_argument(
        "--replace", metavar="OLD_UNIT", help="由 --unit 接替该单位的职责（如调整牵头单位）"
    )
    p.add_argument("--new-unit", action="store_true", help="单位不存在时新建")
    basis_arg(p)
    p = sub(subparsers, "unassign", "取消单位在任务（事项）中的分工", cmd_unassign)
    task_args(p)
    p.add_argument("--item", type=int, metavar="K")
    p.add_argument("--unit", required=True)
    basis_arg(p)
    p = sub(subparsers, "history", "调整记录：任务（或整个计划）的结构变更历史", cmd_history)
    p.add_argument("--task", type=int, metavar="N", help="任务序号（不给则列出整个计划）")
    plan_arg(p)
    p = sub(subparsers, "link", "关联上级计划中的任务（多级联动）", cmd_link)
    task_args(p)
    p.add_argument(
        "--implements", required=True, metavar="上级发文字号", help="上级计划的发文字号或标题"
    )
    p.add_argument("--parent-task", type=int, required=True, metavar="M", help="上级任务序号")
    basis_arg(p)
    p = sub(subparsers, "unlink", "取消关联上级任务", cmd_unlink)
    task_args(p)
    basis_arg(p)
