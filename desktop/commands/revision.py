"""CLI of revised plans: ``liandong import FILE --update-plan 发文字号 [--dry-run]
[--accept-all | --accept N,N…]`` and the refusal of an ambiguous re-import."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.support import language, out, say, store_for
from desktop.errors import UserError
from desktop.importer.model import ParsedPlan
from desktop.models import coordination_queries as cq
from desktop.models import messages
from desktop.models import revision as rv
from desktop.models.store import Store


def refuse_revised_header(store: Store, parsed: ParsedPlan, path: Path) -> None:
    """A document whose header matches a stored plan but whose content differs is
    neither silently skipped nor silently duplicated: the user chooses."""
    plan_id = rv.matching_plan(store, parsed)
    if plan_id is None:
        return
    fingerprint, title, doc_no = store.db.execute(
        "SELECT fingerprint, title, doc_no FROM plan WHERE id = ?", [plan_id]
    ).fetchone()
    if fingerprint == parsed.fingerprint:
        return
    changes = rv.diff_plan(store, plan_id, parsed).changes
    if not changes:
        return
    name = doc_no or title
    raise UserError(
        "《{}》已导入，{} 与它发文字号或标题相同但内容不同（{} 处变化）。"
        "更新已有计划：liandong import {} --update-plan {} "
        "（先列出变化，加 --accept-all 采用）；作为新计划导入：加 --as-new。",
        title,
        path.name,
        len(changes),
        path.name,
        name,
    )


def _accepted(diff: rv.PlanDiff, spec: str) -> set[str]:
    keys = set()
    for part in spec.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= len(diff.changes):
            raise UserError("--accept 中的“{}”不是 1 到 {} 之间的编号。", part, len(diff.changes))
        keys.add(diff.changes[int(part) - 1].key)
    return keys


def revision_command(args: argparse.Namespace, parsed: ParsedPlan) -> int:
    if args.accept_all and args.accept:
        raise UserError("--accept-all 与 --accept 只能用其一。")
    with store_for(args, create=False) as store:
        plan_id = cq.resolve_plan(store.db, args.update_plan)
        diff = rv.diff_plan(store, plan_id, parsed)
        out(say("《{}》与 {} 相比（按内容匹配任务）：", diff.plan_title, Path(args.file).name))
        for number, change in enumerate(diff.changes, 1):
            out(f"  {number:>3}. {messages.localize(change.message, language())}")
        if not diff.changes:
            out(say("  没有变化。"))
            return 0
        if args.dry_run or not (args.accept_all or args.accept):
            out(say("共 {} 处变化，未做更改。采用全部：加 --accept-all；只采用部分：--accept 1,3,5。",
                    len(diff.changes)))  # fmt: skip
            return 0
        accepted = None if args.accept_all else _accepted(diff, args.accept)
        applied = rv.apply_revision(store, diff, accepted)
    out(say("已采用 {} 处变化（依据：{}），里程碑、填报等记录全部保留。", applied, diff.basis))
    return 0


def suggest_links(store: Store, plan_id: str, plan_name: str) -> None:
    """After an import: tasks whose text matches a task of another plan (上级任务?)."""
    from desktop.models.authoring_queries import suggest_links as suggestions

    found = suggestions(store.db, plan_id)
    if not found:
        return
    out(say("  可能对应其他计划中的任务（内容相近，可用 liandong link 关联为上级任务）："))
    for s in found:
        out(say("    任务{}“{}” ≈ {} 任务{}“{}”（相似度 {}）：liandong link --plan {} --task {}"
                " --implements {} --parent-task {}", s["no"], s["title"], s["parent_plan"],
                s["parent_no"], s["parent_title"], f"{s['score']:.0%}", plan_name, s["no"],
                s["parent_plan"], s["parent_no"]))  # fmt: skip
