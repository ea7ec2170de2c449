"""CLI of the sync feature: the central server and the client side.

``liandong serve``, ``liandong server init|user add|user list|user disable|device
list|device revoke|audit|new-epoch``, ``liandong login``, ``liandong sync``,
``liandong conflicts``.
"""

from __future__ import annotations

import argparse
import functools
import json
import socket
from collections.abc import Callable

from desktop.commands.support import db_path, english, open_store, out, paren, say, store_for
from desktop.errors import UserError
from desktop.models import messages
from desktop.paths import DEMO_SYNC_REFUSED, is_demo_db
from sync.server.cli import ROLE_NAMES, read_password

# -- server side: sync.server.cli (also the ``liandong-server`` program) ----------------


def _as_user_error(command: Callable[[argparse.Namespace], int]) -> Callable[..., int]:
    """A server command whose ``CliError`` becomes this CLI's ``UserError``, printing
    in this CLI's language."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        from sync.server.cli import CliError, speak_with

        speak_with(say)  # (its lines and labels in this CLI's language: ``--lang en``)
        try:
            return command(args)
        except CliError as exc:
            raise UserError(str(exc)) from None

    return run


def _read_password(args: argparse.Namespace) -> str:
    return _as_user_error(read_password)(args)


# -- client side ---------------------------------------------------------------------


def sync_engine(  # type: ignore[no-untyped-def]
    args: argparse.Namespace, server: str | None, user: str | None, *, store_tokens: bool = True
):
    from desktop.models.sync_engine import sync_engine
    from sync.client import TokenStore

    path = db_path(args)
    if is_demo_db(path):
        raise UserError(DEMO_SYNC_REFUSED)
    open_store(args).close()  # create / migrate, and fail early with a clear message
    tokens = TokenStore() if store_tokens else TokenStore.memory_only()
    return sync_engine(path, server, token_store=tokens, username=user, ca_bundle=args.ca_bundle)


def cmd_login(args: argparse.Namespace) -> int:
    if not args.server or not args.user:
        raise UserError("请给出 --server 和 --user。")
    engine = sync_engine(args, args.server, args.user)
    password = _read_password(args)
    user = engine.login(args.user, password, args.device_name or socket.gethostname())
    role = say(ROLE_NAMES.get(user["role"], user["role"]))
    if user["unit"]:
        out(say("已登录 {}：{}（{}，{}）", args.server, user["username"], role, user["unit"]))
    else:
        out(say("已登录 {}：{}（{}）", args.server, user["username"], role))
    if not engine.tokens.available:
        out(say(engine.tokens.warning))
        out(say("此时请用 liandong sync --server URL --user 用户名 --password-stdin 同步。"))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    # With --password-stdin: a one-shot login whose tokens live in memory only.
    engine = sync_engine(args, args.server, args.user, store_tokens=not args.password_stdin)
    if args.password_stdin:
        if not args.user or not args.server:
            raise UserError("使用 --password-stdin 时请同时给出 --server 和 --user。")
        engine.login(args.user, _read_password(args), args.device_name or socket.gethostname())
    report = engine.sync()
    held = report.held_back
    out(say("同步完成：推送 {} 条，接收 {} 条，冲突 {} 条，被拒绝 {} 条。", report.pushed,
            report.pulled, report.conflicts, report.rejected))  # fmt: skip
    if report.notices:
        out(say("另有 {} 处本机的修改与他人的修改冲突（本机的值已保留），见 liandong conflicts。",
                report.notices))  # fmt: skip
    if report.server_changed:
        out(say("注意：服务器已重建或从备份恢复，本机已补传服务器缺少的变更并重新下载。"))
    if report.relays_refused:
        out(say("另有 {} 条他人写的记录本账号无权补传，需由有相应权限的电脑（如协调员）同步补传。",
                report.relays_refused))  # fmt: skip
    for reason in report.rejected_reasons:
        out(say("  被拒绝：{}", messages.localize(reason, getattr(args, "lang", None))))
    if report.content_up or report.content_down:
        out(say("附件内容：上传 {} 个，下载 {} 个。", report.content_up, report.content_down))
    for problem in report.content_problems:
        out(f"  {messages.localize(problem, getattr(args, 'lang', None))}")
    if held:
        out(say("有 {} 条来自服务器的记录不符合数据规则，未写入本机：", len(held)))
        for reason in held[:10]:
            out(say("  未写入：{}", messages.localize(reason, getattr(args, "lang", None))))
    return 0


def cmd_conflict_resolve(args: argparse.Namespace) -> int:
    from sync.apply import open_conflicts, resolve_conflict

    with store_for(args) as store:
        conflict = next((c for c in open_conflicts(store.db) if c["id"] == args.conflict_id), None)
        if conflict is None:
            raise UserError(
                "没有编号为 {} 的未处理冲突（用 liandong conflicts 查看）。", args.conflict_id
            )
        if args.value is not None:
            value: object = args.value
            if isinstance(conflict["mine"], int | float) and not isinstance(conflict["mine"], bool):
                try:
                    value = float(args.value) if "." in args.value else int(args.value)
                except ValueError:
                    raise UserError("该字段是数值，“{}”不是数字。", args.value) from None
            resolve_conflict(store, args.conflict_id, "edit", value)
        else:
            resolve_conflict(store, args.conflict_id, "mine" if args.mine else "theirs")
    out(say("冲突 [{}] 已处理；下次同步时生效。", args.conflict_id))
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from sync.apply import open_conflicts, record_label, rejected_changes

    with store_for(args, create=False) as store:
        conflicts, rejected = open_conflicts(store.db), rejected_changes(store.db)
        for c in conflicts:
            mine = c["mine"] if isinstance(c["mine"], dict) else None
            c["label"] = record_label(store.db, c["tbl"], c["record_id"], mine)
    if args.json:
        out(
            json.dumps({"conflicts": conflicts, "rejected": rejected}, ensure_ascii=False, indent=2)
        )
        return 0
    if not conflicts and not rejected:
        out(say("没有未处理的冲突。"))
    kinds = {
        "field": "同一字段被修改",
        "edit_delete": "本机修改、他人已删除",
        "delete_edit": "本机删除、他人已修改",
    }
    colon = ": " if english() else "："
    for c in conflicts:
        kind = say(kinds[c["kind"]])
        if c.get("side") == "notice":
            kind += say("（对方的修改未被采用）")
        other = _other_side(c)
        mine, theirs = (_conflict_value(c[key], c["kind"]) for key in ("mine", "theirs"))
        standing = say("本机的值") if c["in_force"] == "mine" else say("{}的值", other)
        field = f" {c['field']}" if c["field"] else ""
        out(f"[{c['id']}] {c['tbl']} “{c['label']}”{field}{paren(c['record_id'])}{colon}{kind}"
            if english() else
            f"[{c['id']}] {c['tbl']}“{c['label']}”{field}（{c['record_id']}）：{kind}")  # fmt: skip
        out(say("    本机：{}", mine))
        out(f"    {other}{colon}{theirs}")
        out(say("    现行：{}（处理之前以此为准）", standing))
    for r in rejected:
        reason = messages.localize(r["reason"], getattr(args, "lang", None))
        out(say("[被拒绝] {} {}：{}", r["tbl"], r["record_id"], reason))
    return 0


def _other_side(conflict: dict[str, object]) -> str:
    """``对方（设备 X，账号 Y）``: who holds the other value of a conflict."""
    who = [
        f"{say(label)} {value}"
        for label, value in (
            ("设备", conflict.get("other_device")),
            ("账号", conflict.get("other_user")),
        )
        if value
    ]
    if english():
        return say("对方") + (f" ({', '.join(who)})" if who else "")
    return f"对方（{'，'.join(who)}）" if who else "对方"


def _conflict_value(value: object, kind: str) -> str:
    if value is None:
        return say("（空）") if kind == "field" else say("（已删除）")
    return json.dumps(value, ensure_ascii=False)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from sync.server.cli import register as register_server

    register_server(subparsers, wrap=_as_user_error)

    def client_args(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--server", metavar="URL", help="同步服务器地址，如 https://sync.example.gov.cn"
        )
        p.add_argument("--user", metavar="NAME", help="用户名")
        p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
        p.add_argument("--ca-bundle", metavar="FILE", help="自定义 CA 证书文件（单位内网证书）")
        p.add_argument("--device-name", help="设备名称（默认主机名）")

    p = subparsers.add_parser(
        "login", parents=[common], help="登录同步服务器（凭据存入系统钥匙串）"
    )
    client_args(p)
    p.set_defaults(func=cmd_login)
    p = subparsers.add_parser("sync", parents=[common], help="与服务器同步")
    client_args(p)
    p.set_defaults(func=cmd_sync)
    p = subparsers.add_parser(
        "conflicts", parents=[common], help="列出未处理的同步冲突和被拒绝的修改"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_conflicts)
    conflict_sub = p.add_subparsers(dest="conflicts_command", metavar="ACTION")
    r = conflict_sub.add_parser(
        "resolve",
        parents=[common],
        help="处理一个冲突：保留本机的值、采用对方的值或填写新值（生成一条新的修改，下次同步生效）",
    )
    r.add_argument("conflict_id", type=int, help="conflicts 列表中方括号内的编号")
    choice = r.add_mutually_exclusive_group(required=True)
    choice.add_argument("--mine", action="store_true", help="保留本机的值")
    choice.add_argument("--theirs", action="store_true", help="采用对方的值")
    choice.add_argument("--value", help="改为新的值（仅限同一字段的冲突）")
    r.set_defaults(func=cmd_conflict_resolve)
