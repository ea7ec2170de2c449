"""The coordination commands' bodies: milestones, reports, target values, dependencies,
``status`` and ``remind`` (催报); their parsers are ``desktop.commands.coordination``'s,
which imports this module when one of them runs. See docs/cli.md."""

from __future__ import annotations

import argparse
from datetime import date

from desktop.commands.support import (
    english,
    join,
    language,
    node_label,
    out,
    paren,
    say,
    store_for,
)
from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import (
    messages,
    milestone_queries,
    report_queries,
    status_queries,
    target_queries,
)
from desktop.models import status as st
from desktop.models.store import Store


def _task(store: Store, args: argparse.Namespace) -> str:
    return cq.resolve_task(store.db, args.task, args.plan)


def _unit(store: Store, name: str | None) -> str | None:
    return store.find_unit(name) if name else None


def _today(args: argparse.Namespace) -> date:
    return date.fromisoformat(co.parse_date(args.today, "--today")) if args.today else date.today()


def _ms_line(
    m: st.MilestoneState, snap: st.StatusSnapshot, names: dict[str, str], lang: str | None = None
) -> str:
    due = m.effective_due or say("未定")
    if m.extended:
        due = f"{m.effective_due}{paren(say('原定 {} 已延期', m.original_due))}"
    flags = [messages.status_label(m.status, lang)]
    if m.done_late:
        flags.append(say("逾期完成"))
    elif m.late_vs_original and m.status != st.OVERDUE:
        flags.append(say("晚于原定"))
    unit = names.get(m.unit_id or "", "")
    label = node_label(snap.label(("task", m.task_id)))
    line = f"{cq.short_id(m.id)}  {label}  {m.title}  {say('截止 {}', due)}"
    line += f"  {unit}  [{join(flags)}]"
    if m.done_date:
        line += say("  完成于 {}", m.done_date)
    return line


# -- milestone ---------------------------------------------------------------------


def cmd_milestone_add(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        item_id = cq.resolve_item(store.db, task_id, args.item) if args.item else None
        try:
            ms_id = co.add_milestone(
                store,
                task_id,
                args.title,
                args.due,
                item_id=item_id,
                owner_unit_id=_unit(store, args.unit),
                note=args.note or "",
                confirm_before_plan_date=args.force,
            )
        except co.NeedsConfirmation as err:
            raise UserError("{}确认无误请加 --force。", err.text) from None
        out(say("已添加里程碑 {}（{}）。", cq.short_id(ms_id), ms_id))
        return 0


def cmd_milestone_done(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        ms_id = cq.resolve_prefix(store.db, "milestone", args.id, "里程碑")
        done = None if args.undo else (args.date or date.today().isoformat())
        try:
            co.mark_milestone_done(store, ms_id, done, confirm_before_plan_date=args.force)
        except co.NeedsConfirmation as err:
            raise UserError("{}确认无误请加 --force。", err.text) from None
        if done:
            out(say("里程碑 {} 已标记完成（{}）。", cq.short_id(ms_id), co.parse_date(done)))
        else:
            out(say("里程碑 {} 已重新打开。", cq.short_id(ms_id)))
        return 0


def cmd_milestone_extend(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        ms_id = cq.resolve_prefix(store.db, "milestone", args.id, "里程碑")
        co.extend_milestone(store, ms_id, args.due, args.reason, recorded_by="")
        out(
            say(
                "里程碑 {} 已延期至 {}（原定日期保留）。",
                cq.short_id(ms_id),
                co.parse_date(args.due),
            )
        )
        return 0


def cmd_milestone_delete(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        ms_id = cq.resolve_prefix(store.db, "milestone", args.id, "里程碑")
        snap = co.delete_milestone(store, ms_id)
        out(say("已删除里程碑 {}（含 {} 条延期记录、{} 条依赖）。", cq.short_id(ms_id),
                len(snap["milestone_extension"]), len(snap["dependency"])))  # fmt: skip
        return 0


def cmd_milestone_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        task_id = _task(store, args) if args.task is not None else None
        snap = status_queries.compute_status(store.db, _today(args))
        names = dict(store.db.execute("SELECT id, name FROM unit").fetchall())
        rows = milestone_queries.milestones(store.db, task_id)
        for row in rows:
            state = snap.milestones.get(row["id"])
            if state is None:  # its task is archived: shown, not followed up
                due = row["due"] or say("未定")
                line = say("  [已归档] 任务{} {}  时限 {}", row["task_no"], row["title"], due)
                out(line + (say("  已完成 {}", row["done_date"]) if row["done_date"] else ""))
            else:
                out(_ms_line(state, snap, names, language()))
            for ext in row["extensions"]:
                out(say("          延期：{} → {}，原因：{}", ext["old_due"], ext["new_due"],
                        ext["reason"]))  # fmt: skip
        if not rows:
            out(say("（没有里程碑）"))
        return 0


# -- reports and target values -------------------------------------------------------


def _figures(store: Store, task_id: str, specs: list[str]) -> dict[str, float]:
    figures: dict[str, float] = {}
    for spec in specs or []:
        no, sep, value = spec.partition("=")
        if not sep or not no.strip().isdigit():
            raise UserError("--figure “{}” 格式应为 目标序号=数值（如 1=12500）。", spec)
        target_id = cq.resolve_target(store.db, task_id, int(no))
        try:
            figures[target_id] = float(value)
        except ValueError:
            raise UserError("目标数值“{}”不是数字。", value) from None
    return figures


def cmd_report_add(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        item_id = cq.resolve_item(store.db, task_id, args.item) if args.item else None
        unit_id = store.find_unit(args.unit)
        period = args.period or date.today().strftime("%Y-%m")
        # a new report starts from the unit's last one: only what changed is typed
        from desktop.models.duban_queries import last_report

        last = last_report(store.db, task_id, unit_id, item_id)
        text, percent = args.text, args.percent
        if last is not None and (text is None or percent is None):
            text = last["text"] if text is None else text
            percent = last["percent"] if percent is None else percent
            out(say("未给出的内容沿用上次填报（{}）。", last["period"]))
        try:
            report_id = co.add_report(
                store,
                task_id,
                unit_id,
                period=period,
                text=text or "",
                percent=percent,
                figures=_figures(store, task_id, args.figure),
                item_id=item_id,
                author=args.author or "",
                confirm_period=args.force,
            )
        except co.AlreadyReported as err:
            short = cq.short_id(err.report_id)
            raise UserError(
                "{}用 liandong report correct {} 提交更正（原填报保留在历史中）。", err.text, short
            ) from None
        except co.NeedsConfirmation as err:
            raise UserError("{}确认无误请加 --force。", err.text) from None
        out(say("已登记 {} 进度填报 {}。", co.parse_period(period), cq.short_id(report_id)))
        return 0


def cmd_report_correct(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        report_id = cq.resolve_prefix(store.db, "report", args.id, "填报记录")
        task_id = store.db.execute(
            "SELECT task_id FROM report WHERE id = ?", [report_id]
        ).fetchone()[0]
        new_id = co.correct_report(
            store,
            report_id,
            text=args.text,
            percent=args.percent,
            figures=_figures(store, task_id, args.figure) if args.figure else None,
            author=args.author or "",
        )
        out(
            say(
                "已提交更正 {}（原填报 {} 保留在历史中）。",
                cq.short_id(new_id),
                cq.short_id(report_id),
            )
        )
        return 0


def cmd_report_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        task_id = _task(store, args) if args.task is not None else None
        period = co.parse_period(args.period) if args.period else None
        rows = report_queries.report_history(store.db, task_id, period=period)
        for r in rows:
            state = say("现行") if r["current"] else say("已更正")
            if r["contested"]:
                state += "·" + say(report_queries.contested_note(r))
            pct = "" if r["percent"] is None else f" {r['percent']:g}%"
            out(f"{cq.short_id(r['id'])}  {r['period']}  {node_label(r['work_label'])} "
                f"{r['task_title']}  {r['unit_name']}{pct}  [{state}]  {r['text']}")  # fmt: skip
        if not rows:
            out(say("（没有填报记录）"))
        forks = {frozenset([r["id"], *r["contested_with"]]) for r in rows if r["contested"]}
        if forks:
            out(say("有 {} 处同一单位同一期的多份现行填报待确认："
                    "用 report correct 更正其中一条即取代全部。", len(forks)))  # fmt: skip
        return 0


def cmd_target_value(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = _task(store, args)
        target_id = cq.resolve_target(store.db, task_id, args.target)
        try:
            co.add_target_value(
                store, target_id, args.value, args.date, unit_id=_unit(store, args.unit),
                note=args.note, confirm_negative=args.force,
            )  # fmt: skip
        except co.NeedsConfirmation as err:
            raise UserError("{}确认无误请加 --force。", err.text) from None
        _print_progress(store, target_id)
        return 0


def cmd_target_show(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        task_id = _task(store, args)
        target_id = cq.resolve_target(store.db, task_id, args.target)
        _print_progress(store, target_id, _today(args))
        return 0


def _print_progress(store: Store, target_id: str, today: date | None = None) -> None:
    p = target_queries.target_progress(store.db, target_id)
    state = co.target_state(p["target"], p["history"], today)
    t = p["target"]
    goal = say("（未定）") if t["value"] is None else f"{t['value']:g}"
    deadline = t["deadline"] or say("未定")
    out(say("目标：{} {} {}{}（期限 {}）", t["metric"] or t["text"], t["comparator"], goal,
            t["uom"], deadline))  # fmt: skip
    for v in p["history"]:
        source = say("  来自进展报告 {}", cq.short_id(v["report_id"])) if v.get("report_id") else ""
        out(f"  {v['as_of']}  {v['value']:g}{t['uom']}  {v['unit_name'] or ''}{source}")
    if p["latest_contested"]:
        values = join(f"{v['value']:g}{t['uom']}" for v in p["latest_contested"])
        out(say("注意：{} 有 {} 个不同数值（{}），请确认并删除或更正有误的一条。",
                p["latest"]["as_of"], len(p["latest_contested"]), values))  # fmt: skip
    label = say(co.TARGET_STATE_LABELS[state])
    if p["latest"]:
        done = "" if p["percent"] is None else say("，完成 {}%", f"{p['percent']:g}")
        gap = "" if p["met"] or p["gap"] is None else say("，差距 {}{}", f"{p['gap']:g}", t["uom"])
        out(
            say("当前 {}{}", f"{p['latest']['value']:g}", t["uom"])
            + f"{done}{gap}"
            + say("。状态：{}", label)
        )
    else:
        out(say("尚无数值。状态：{}", label))
    if state == "missed":
        out(say("期限 {} 已过，目标未达成。", t["deadline"]))


# -- dependencies -----------------------------------------------------------------


def cmd_depend_add(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        pred = cq.resolve_node(store.db, args.from_, args.plan)
        succ = cq.resolve_node(store.db, args.to, args.plan)
        dep_id = co.add_dependency(store, pred, succ, args.lag)
        a, b = cq.node_labels(store.db, [pred, succ])
        a, b = node_label(a), node_label(b)
        if args.lag < 0:
            out(say("已添加依赖 {}：{} 完成前 {} 天（提前） → {} 开始。", cq.short_id(dep_id), a,
                    -args.lag, b))  # fmt: skip
        else:
            out(say("已添加依赖 {}：{} 完成后 {} 天 → {} 开始。", cq.short_id(dep_id), a,
                    args.lag, b))  # fmt: skip
        return 0


def cmd_depend_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        rows = milestone_queries.dependencies(store.db)
        for d in rows:
            a, b = cq.node_labels(
                store.db, [(d["pred_kind"], d["pred_id"]), (d["succ_kind"], d["succ_id"])]
            )
            lag = say("（间隔 {} 天）", d["lag_days"]) if d["lag_days"] > 0 else ""
            lag = say("（提前 {} 天）", -d["lag_days"]) if d["lag_days"] < 0 else lag
            out(f"{cq.short_id(d['id'])}  {node_label(a)} → {node_label(b)}{lag}")
        if not rows:
            out(say("（没有依赖）"))
        return 0


def cmd_depend_remove(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        co.remove_dependency(store, cq.resolve_prefix(store.db, "dependency", args.id, "依赖"))
        out(say("已删除依赖。"))
        return 0


# -- status and reminders ----------------------------------------------------------


def _plan_tasks(store: Store, plan: str | None) -> set[str] | None:
    """The task ids of the plan named by ``--plan`` (None: every plan)."""
    if not plan:
        return None
    plan_id = cq.resolve_plan(store.db, plan)
    return {r[0] for r in store.db.execute("SELECT id FROM task WHERE plan_id = ?", [plan_id])}


def _late_line(m: st.MilestoneState, snap: st.StatusSnapshot, names: dict[str, str]) -> str:
    end = date.fromisoformat(m.done_date) if m.done_date else snap.today
    days = (end - date.fromisoformat(m.original_due or end.isoformat())).days
    return "  " + _ms_line(m, snap, names, language()) + say("  晚于原定 {} 天", days)


def _unit_tasks(store: Store, snap: st.StatusSnapshot, unit_id: str) -> set[str]:
    """Tasks a unit leads or is responsible for (any item), or owns a milestone of."""
    led = {
        r[0]
        for r in store.db.execute(
            "SELECT DISTINCT i.task_id FROM assignment a JOIN item i ON i.id = a.item_id"
            " WHERE a.unit_id = ? AND a.role IN ('lead', 'responsible')",
            [unit_id],
        )
    }
    return led | {m.task_id for m in snap.milestones.values() if m.unit_id == unit_id}


def _print_target_counts(
    store: Store,
    today: date,
    in_plan: set[str] | None,
    tasks: set[str] | None,
    lang: str | None = None,
) -> None:
    """One line: the targets in scope counted by ``target_state``."""
    states = co.target_states(store.db, today)
    task_of = dict(store.db.execute("SELECT id, task_id FROM target").fetchall())
    counts = dict.fromkeys(co.TARGET_STATES, 0)
    for target_id, state in states.items():
        task_id = task_of.get(target_id)
        if (in_plan is None or task_id in in_plan) and (tasks is None or task_id in tasks):
            counts[state] += 1
    if any(counts.values()):
        out(say("量化目标：") + join((
            f"{messages.localize(co.TARGET_STATE_LABELS[s], lang)} {n}"
            for s, n in counts.items()), "，"))  # fmt: skip


def _title(store: Store, task_id: str) -> str:
    row = store.db.execute("SELECT title FROM task WHERE id = ?", [task_id]).fetchone()
    title = row[0] if row else ""
    return title if len(title) <= 30 else title[:29] + "…"


def _print_colours(
    snap: st.StatusSnapshot,
    in_plan: set[str] | None,
    tasks: set[str] | None,
    lang: str | None = None,
) -> None:
    """One line: the three-colour scheme (红 逾期未办结 · 黄 未达序时 · 蓝 临近时限)."""
    counts = dict.fromkeys(st.COLOURS, 0)
    for node in snap.tasks.values():
        in_scope = (in_plan is None or node.id in in_plan) and (tasks is None or node.id in tasks)
        if in_scope and node.colour:
            counts[node.colour] += 1
    marks = {"red": say("红"), "yellow": say("黄"), "blue": say("蓝")}
    out(say("督办分色：") + join((
        f"{marks[c]}{paren(messages.colour_label(c, lang))} {n}" if english()
        else f"{marks[c]}（{messages.colour_label(c, lang)}）{n}"
        for c, n in counts.items()), "，"))  # fmt: skip


def _rolled_note(node: st.NodeState) -> str:
    """（下级任务 2 项中最低） for a percent rolled up from lower-level tasks."""
    return say("（下级任务 {} 项中最低）", node.rolled_from) if node.rolled_from else ""


def _progress(node: st.NodeState) -> str:
    """进度 40%，序时进度 50.0% of a task (with the note of a rolled-up percent)."""
    return (
        say("进度 {}%", f"{node.percent:g}")
        + _rolled_note(node)
        + say("，序时进度 {}%", f"{node.expected:.1f}")
    )


def cmd_status(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        if args.window is None:
            args.window = st.DEFAULT_WINDOW_DAYS
        if args.window < 0:
            raise UserError("--window 临期窗口天数不能为负数。")
        if args.window > st.MAX_WINDOW_DAYS:  # (a typo: every deadline would be due soon)
            raise UserError("--window 临期窗口天数不能超过 {} 天。", st.MAX_WINDOW_DAYS)
        if args.by_unit:
            from desktop.commands.duban import print_by_unit

            print_by_unit(store, _today(args), args.window, args.output)
            return 0
        if args.output:
            raise UserError("-o/--output 只用于 --by-unit（导出各单位红黄绿灯表）。")
        snap = status_queries.compute_status(store.db, _today(args), args.window)
        lang = getattr(args, "lang", None)
        names = dict(store.db.execute("SELECT id, name FROM unit").fetchall())
        unit_id = _unit(store, args.unit)
        in_plan = _plan_tasks(store, args.plan)
        ms = sorted(snap.milestones.values(), key=lambda m: (m.effective_due or "9", m.id))
        if unit_id:
            ms = [m for m in ms if m.unit_id == unit_id]
        if in_plan is not None:
            ms = [m for m in ms if m.task_id in in_plan]
        show_all = not (args.overdue or args.at_risk or args.late or args.behind)
        mine = _unit_tasks(store, snap, unit_id) if unit_id else set()
        if show_all:
            counts = {s: 0 for s in st.STATUSES}
            for node in snap.tasks.values():
                if (in_plan is None or node.id in in_plan) and (not unit_id or node.id in mine):
                    counts[node.status] += 1
            if unit_id:
                heading = say("截至 {}（临期窗口 {} 天）{}的任务状态：", snap.today,
                              snap.window_days, names.get(unit_id, ""))  # fmt: skip
            else:
                heading = say("截至 {}（临期窗口 {} 天）任务状态：", snap.today, snap.window_days)
            out(heading + join((
                f"{messages.status_label(s, lang)} {n}" for s, n in counts.items()), "，"))  # fmt: skip
            _print_target_counts(store, snap.today, in_plan, mine if unit_id else None, lang)
            _print_colours(snap, in_plan, mine if unit_id else None, lang)
        if snap.cycle_paths:
            out(say("依赖循环（需处理）（{}）：", len(snap.cycles)))
            for text in snap.cycles:
                hint = say("（请删除其中一条依赖：depend list / depend remove）")
                out(f"  {node_label(text)}  {hint}")
        if show_all or args.overdue:
            late = [m for m in ms if m.status == st.OVERDUE]
            out(say("逾期里程碑（{}）：", len(late)))
            for m in late:
                out("  " + _ms_line(m, snap, names, lang) + say("  逾期 {} 天", -m.days_left))
        if show_all or args.late:
            # an extension does not make lateness disappear: late against the original date
            late_orig = [m for m in ms if m.late_vs_original and m.status != st.OVERDUE]
            out(say("晚于原定日期（已延期或逾期完成）（{}）：", len(late_orig)))
            for m in late_orig:
                out(_late_line(m, snap, names))
        if show_all or args.behind:
            behind = [n for n in snap.tasks.values() if n.behind]
            behind = [n for n in behind if (in_plan is None or n.id in in_plan)
                      and (not unit_id or n.id in mine)]  # fmt: skip
            out(say("未达序时进度的任务（{}）：", len(behind)))
            for n in sorted(behind, key=lambda n: snap.label(("task", n.id))):
                out(f"  {node_label(snap.label(('task', n.id)))} {_title(store, n.id)}  "
                    + _progress(n))  # fmt: skip
        if show_all:
            rolled = [n for n in snap.tasks.values() if n.rolled_from and n.expected is not None
                      and (in_plan is None or n.id in in_plan) and (not unit_id or n.id in mine)]  # fmt: skip
            if rolled:
                out(say("由下级任务汇总的进度（{}）：", len(rolled)))
                for n in sorted(rolled, key=lambda n: snap.label(("task", n.id))):
                    out(f"  {node_label(snap.label(('task', n.id)))} {_title(store, n.id)}  "
                        + _progress(n) + (say("，未达序时") if n.behind else ""))  # fmt: skip
        if show_all or args.at_risk:
            risky = [k for k in snap.at_risk("task")]
            if in_plan is not None:
                risky = [k for k in risky if k in in_plan]
            if unit_id:
                risky = [k for k in risky if k in mine]
            out(say("受阻任务（{}）：", len(risky)))
            for task_id in sorted(risky, key=lambda t: snap.label(("task", t))):
                for cause in snap.tasks[task_id].risks:
                    out(f"  {node_label(snap.label(('task', task_id)))}  "
                        f"{messages.risk_text(cause, lang)}"
                        f"{paren(node_label(snap.chain_text(cause)))}")  # fmt: skip
        if show_all:
            from desktop.models.authoring_queries import lead_warnings

            plan_id = cq.resolve_plan(store.db, args.plan) if args.plan else None
            warned = lead_warnings(store.db, plan_id)
            if warned:
                out(say("分工提醒（{}）：", len(warned)))
                for w in warned:
                    label = node_label(f"任务{w['item_label']}“{w['title']}”")
                    out(f"  {label}{' ' if english() else ''}{say(w['problem'])}")
        if show_all and snap.blocking:
            out(say("阻碍下游最多的单位："))
            for b in snap.blocking[:10]:
                out(say("  {}：阻碍 {} 项任务", b.unit_name, len(b.blocked_task_ids)))
        return 0


def cmd_remind(args: argparse.Namespace) -> int:
    if not args.period:
        from desktop.commands.duban import print_round

        with store_for(args, create=False) as store:
            plan_id = cq.resolve_plan(store.db, args.plan) if args.plan else None
            print_round(store, _today(args), plan_id, by_task=args.by_task)
        return 0
    with store_for(args, create=False) as store:
        period = co.parse_period(args.period or date.today().strftime("%Y-%m"))
        plan_id = cq.resolve_plan(store.db, args.plan) if args.plan else None
        result = report_queries.missing_reports(store.db, period, plan_id=plan_id)
        out(say("{} 应报 {} 项，已报 {} 项，未报 {} 项。", period, result.expected,
                result.reported, result.expected - result.reported))  # fmt: skip
        colon = ": " if english() else "："
        if args.by_task:
            for entry in result.by_task.values():
                names = join(name for _id, name in entry["units"])
                out(f"  {node_label(entry['label'])}{colon}{names}")
        else:
            for entry in result.by_unit.values():
                labels = join(node_label(label) for _id, label in entry["tasks"])
                out(f"  {entry['unit_name']}{colon}{labels}")
        return 0
