"""CLI of the sync feature: the central server and the client side.

``liandong serve``, ``liandong server init|user add|user list|user disable|device
list|device revoke|audit|new-epoch``, ``liandong login``, ``liandong sync``,
``liandong conflicts``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import socket
import sys
from pathlib import Path

from desktop.commands.support import db_path, open_store, out, store_for
from desktop.errors import UserError
from desktop.paths import DEMO_SYNC_REFUSED, is_demo_db

ROLE_NAMES = {"admin": "管理员", "coordinator": "协调员", "member": "单位成员"}


def _server_dir(args: argparse.Namespace) -> Path:
    return Path(args.data or os.environ.get("LIANDONG_SERVER_DATA") or "liandong-server-data")


def _read_password(args: argparse.Namespace, *, confirm: bool = False) -> str:
    if getattr(args, "password_stdin", False):
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        try:
            password = getpass.getpass("密码：")
            if confirm and getpass.getpass("再次输入密码：") != password:
                raise UserError("两次输入的密码不一致。")
        except EOFError:
            raise UserError("没有读到密码（可使用 --password-stdin 从标准输入读取）。") from None
    if not password:
        raise UserError("密码不能为空。")
    return password


def _admin(fn, *a):  # type: ignore[no-untyped-def]
    from sync.server.admin import AdminError

    try:
        return fn(*a)
    except AdminError as exc:
        raise UserError(str(exc)) from None


# -- server side ---------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server import create_app
    from sync.server.admin import check_private

    data = _server_dir(args)
    if data.is_dir():
        _admin(check_private, data)
    try:
        app = create_app(data)
    except RuntimeError:
        raise UserError(
            f"目录 {data} 中没有联动服务器数据，请先运行 liandong server init。"
        ) from None
    ssl = {}
    if args.ssl_certfile:
        for label, path in (("证书", args.ssl_certfile), ("私钥", args.ssl_keyfile)):
            if path and not Path(path).is_file():
                raise UserError(f"找不到{label}文件：{path}")
        ssl = {"ssl_certfile": args.ssl_certfile, "ssl_keyfile": args.ssl_keyfile}
    _check_listen(args.host, args.port)
    out(f"联动同步服务器：http{'s' if ssl else ''}://{args.host}:{args.port}（数据目录 {data}）")
    try:
        uvicorn.run(
            app, host=args.host, port=args.port, log_level=args.log_level, proxy_headers=True, **ssl
        )
    except OSError as exc:
        raise UserError(f"无法在 {args.host}:{args.port} 启动服务器：{exc.strerror}") from None
    except SystemExit as exc:  # uvicorn exits on startup failures it already logged
        if exc.code not in (0, None):
            raise UserError(f"服务器未能在 {args.host}:{args.port} 启动（见上方日志）。") from None
    return 0


def _check_listen(host: str, port: int) -> None:
    """Fail early, in plain Chinese, when the address cannot be listened on."""
    import socket

    if not 1 <= port <= 65535:
        raise UserError(f"端口 {port} 无效：应在 1–65535 之间。")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        raise UserError(f"无法解析监听地址 {host}。") from None
    family, _type, _proto, _name, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = "端口已被占用" if exc.errno == 98 else (exc.strerror or str(exc))
            raise UserError(f"无法在 {host}:{port} 启动服务器：{reason}。") from None


def cmd_server_init(args: argparse.Namespace) -> int:
    from sync.server.admin import init_server

    password = _read_password(args, confirm=True)
    server_id, epoch = _admin(init_server, _server_dir(args), args.admin, password)
    out(f"服务器已初始化：{_server_dir(args)}")
    out(f"服务器编号 {server_id}，纪元 {epoch}；管理员账号 {args.admin}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from sync.server.admin import add_user

    password = _read_password(args, confirm=True)
    _admin(add_user, _server_dir(args), args.username, password, args.unit or "", args.role)
    out(
        f"已添加用户 {args.username}（{ROLE_NAMES[args.role]}{'，' + args.unit if args.unit else ''}）"
    )
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from sync.server.admin import escape_control as shown
    from sync.server.admin import list_users

    for account in _admin(list_users, _server_dir(args)):
        state = "已停用" if account.disabled else "正常"
        out(
            f"{shown(account.username)}\t{ROLE_NAMES.get(account.role, account.role)}\t"
            f"{shown(account.unit or '-')}\t{state}"
        )
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from sync.server.admin import set_disabled

    _admin(set_disabled, _server_dir(args), args.username, not args.enable)
    out(f"用户 {args.username} 已{'启用' if args.enable else '停用（其所有设备的登录已撤销）'}。")
    return 0


def cmd_device_list(args: argparse.Namespace) -> int:
    from sync.server.admin import escape_control as shown
    from sync.server.admin import open_storage

    for device_id, user, name, seen, revoked in _admin(open_storage, _server_dir(args)).devices():
        out(
            f"{shown(device_id)}\t{shown(user)}\t{shown(name)}\t最近 {seen or '-'}\t"
            f"{'已撤销' if revoked else '有效'}"
        )
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    from sync.server.admin import revoke_device

    device_id = _admin(revoke_device, _server_dir(args), args.device_id)
    out(f"设备 {device_id} 的登录已撤销。")
    return 0


STATUS_NAMES = {"accepted": "已接受", "conflict": "冲突", "rejected": "已拒绝", "revoked": "已撤销"}


def cmd_audit(args: argparse.Namespace) -> int:
    from sync.server.admin import escape_control as shown
    from sync.server.admin import open_storage

    if args.limit is not None and args.limit < 1:
        raise UserError("--limit 必须是正整数。")
    if args.since:
        from desktop.models.coordination import parse_date

        args.since = parse_date(args.since, "--since 日期")
    storage = _admin(open_storage, _server_dir(args))
    rows = storage.audit_rows(username=args.user, since=args.since, limit=args.limit)
    if args.json:
        keys = ("at", "user", "device", "ip", "op", "tbl", "id", "kind", "status", "seq")
        items = [
            {**dict(zip(keys, r[:10], strict=True)), "reason": r[10], "fields": json.loads(r[11])}
            for r in rows
        ]
        # Still valid JSON: the dump escapes control characters below U+0020 itself (a raw
        # newline is layout); the others (C1, bidi overrides) become \\u escapes.
        out(shown(json.dumps(items, ensure_ascii=False, indent=2), keep="\n"))
        return 0
    if not rows:
        out("审计日志中没有符合条件的记录。")
    for at, user, device, ip, _op, tbl, rid, kind, status, seq, reason, fields in rows:
        line = f"{at}\t{shown(user)}\t设备 {shown(device[:8] or '-')}\t{shown(ip or '-')}"
        line += "\t" + " ".join(shown(part) for part in (kind, tbl, rid) if part)
        line += f"\t{STATUS_NAMES.get(status, status)}" + (f" #{seq}" if seq else "")
        line += f"\t{shown(reason)}" if reason else ""
        out(line + (f"\t{shown(fields)}" if fields != "{}" else ""))
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    from sync.server.admin import open_storage

    epoch = _admin(open_storage, _server_dir(args)).new_epoch()
    out(f"新纪元 {epoch}：客户端下次同步时会补传服务器缺少的变更并重新下载。")
    return 0


# -- client side ---------------------------------------------------------------------


def _engine(  # type: ignore[no-untyped-def]
    args: argparse.Namespace, server: str | None, user: str | None, *, store_tokens: bool = True
):
    from sync.client import SyncEngine, TokenStore

    path = db_path(args)
    if is_demo_db(path):
        raise UserError(DEMO_SYNC_REFUSED)
    open_store(args).close()  # create / migrate, and fail early with a clear message
    tokens = TokenStore() if store_tokens else TokenStore.memory_only()
    return SyncEngine(path, server, token_store=tokens, username=user, ca_bundle=args.ca_bundle)


def cmd_login(args: argparse.Namespace) -> int:
    if not args.server or not args.user:
        raise UserError("请给出 --server 和 --user。")
    engine = _engine(args, args.server, args.user)
    password = _read_password(args)
    user = engine.login(args.user, password, args.device_name or socket.gethostname())
    out(
        f"已登录 {args.server}：{user['username']}（{ROLE_NAMES.get(user['role'], user['role'])}"
        f"{'，' + user['unit'] if user['unit'] else ''}）"
    )
    if not engine.tokens.available:
        out(engine.tokens.warning)
        out("此时请用 liandong sync --server URL --user 用户名 --password-stdin 同步。")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    # With --password-stdin: a one-shot login whose tokens live in memory only.
    engine = _engine(args, args.server, args.user, store_tokens=not args.password_stdin)
    if args.password_stdin:
        if not args.user or not args.server:
            raise UserError("使用 --password-stdin 时请同时给出 --server 和 --user。")
        engine.login(args.user, _read_password(args), args.device_name or socket.gethostname())
    report = engine.sync()
    held = report.held_back
    out(
        f"同步完成：推送 {report.pushed} 条，接收 {report.pulled} 条，"
        f"冲突 {report.conflicts} 条，被拒绝 {report.rejected} 条。"
    )
    if report.notices:
        out(
            f"另有 {report.notices} 处本机的修改与他人的修改冲突（本机的值已保留），见 liandong conflicts。"
        )
    if report.server_changed:
        out("注意：服务器已重建或从备份恢复，本机已补传服务器缺少的变更并重新下载。")
    for reason in report.rejected_reasons:
        out(f"  被拒绝：{reason}")
    if held:
        out(f"有 {len(held)} 条来自服务器的记录不符合数据规则，未写入本机：")
        for reason in held[:10]:
            out(f"  未写入：{reason}")
    return 0


def cmd_conflict_resolve(args: argparse.Namespace) -> int:
    from desktop.models.sync_apply import open_conflicts, resolve_conflict

    with store_for(args) as store:
        conflict = next((c for c in open_conflicts(store.db) if c["id"] == args.conflict_id), None)
        if conflict is None:
            raise UserError(
                f"没有编号为 {args.conflict_id} 的未处理冲突（用 liandong conflicts 查看）。"
            )
        if args.value is not None:
            value: object = args.value
            if isinstance(conflict["mine"], int | float) and not isinstance(conflict["mine"], bool):
                try:
                    value = float(args.value) if "." in args.value else int(args.value)
                except ValueError:
                    raise UserError(f"该字段是数值，“{args.value}”不是数字。") from None
            resolve_conflict(store, args.conflict_id, "edit", value)
        else:
            resolve_conflict(store, args.conflict_id, "mine" if args.mine else "theirs")
    out(f"冲突 [{args.conflict_id}] 已处理；下次同步时生效。")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from desktop.models.sync_apply import open_conflicts, rejected_changes

    with store_for(args, create=False) as store:
        conflicts, rejected = open_conflicts(store.db), rejected_changes(store.db)
    if args.json:
        out(
            json.dumps({"conflicts": conflicts, "rejected": rejected}, ensure_ascii=False, indent=2)
        )
        return 0
    if not conflicts and not rejected:
        out("没有未处理的冲突。")
    kinds = {
        "field": "同一字段被修改",
        "edit_delete": "本机修改、他人已删除",
        "delete_edit": "本机删除、他人已修改",
    }
    for c in conflicts:
        kind = kinds[c["kind"]] + ("（对方的修改未被采用）" if c.get("side") == "notice" else "")
        out(
            f"[{c['id']}] {c['tbl']} {c['record_id']} {c['field'] or ''}：{kind}；"
            f"本机={json.dumps(c['mine'], ensure_ascii=False)} "
            f"服务器={json.dumps(c['theirs'], ensure_ascii=False)}"
        )
    for r in rejected:
        out(f"[被拒绝] {r['tbl']} {r['record_id']}：{r['reason']}")
    return 0


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    def data_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data", metavar="DIR", help="服务器数据目录（默认 ./liandong-server-data）"
        )

    p = subparsers.add_parser("serve", help="运行中心同步服务器")
    data_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    p.add_argument("--port", type=int, default=8765, help="端口（默认 8765）")
    p.add_argument("--ssl-certfile", help="TLS 证书（一般由 nginx 终结 TLS，可不填）")
    p.add_argument("--ssl-keyfile", help="TLS 私钥")
    p.add_argument("--log-level", default="warning", help="uvicorn 日志级别")
    p.set_defaults(func=cmd_serve)

    server = subparsers.add_parser("server", help="管理中心同步服务器（账号、设备、纪元）")
    ssub = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    p = ssub.add_parser("init", help="初始化数据目录并创建第一个管理员")
    data_arg(p)
    p.add_argument("--admin", default="admin", help="管理员用户名（默认 admin）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    p.set_defaults(func=cmd_server_init)
    p = ssub.add_parser("audit", help="查看审计日志（谁、何时、从哪台设备、改了什么）")
    data_arg(p)
    p.add_argument("--user", help="只看此用户")
    p.add_argument("--since", metavar="TIME", help="只看此时刻之后（如 2024-06-01）")
    p.add_argument("--limit", type=int, default=100, help="最多显示的条数（默认 100，最新的）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_audit)
    p = ssub.add_parser("new-epoch", help="从备份恢复后开启新纪元")
    data_arg(p)
    p.set_defaults(func=cmd_new_epoch)

    user = ssub.add_parser("user", help="账号管理").add_subparsers(
        dest="user_command", metavar="ACTION", required=True
    )
    p = user.add_parser("add", help="添加账号")
    data_arg(p)
    p.add_argument("username")
    p.add_argument("--role", choices=["admin", "coordinator", "member"], default="member")
    p.add_argument("--unit", help="所属单位名称（单位成员必填）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("list", help="列出账号")
    data_arg(p)
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("disable", help="停用账号（并撤销其所有设备）")
    data_arg(p)
    p.add_argument("username")
    p.add_argument("--enable", action="store_true", help="重新启用")
    p.set_defaults(func=cmd_user_disable)

    device = ssub.add_parser("device", help="设备管理").add_subparsers(
        dest="device_command", metavar="ACTION", required=True
    )
    p = device.add_parser("list", help="列出设备")
    data_arg(p)
    p.set_defaults(func=cmd_device_list)
    p = device.add_parser("revoke", help="撤销一台设备的登录")
    data_arg(p)
    p.add_argument("device_id")
    p.set_defaults(func=cmd_device_revoke)

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
    choice.add_argument("--theirs", action="store_true", help="采用对方（服务器）的值")
    choice.add_argument("--value", help="改为新的值（仅限同一字段的冲突）")
    r.set_defaults(func=cmd_conflict_resolve)
