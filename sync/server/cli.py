"""The server's command line without the desktop: ``liandong-server serve|init|user|…``.

The same commands are ``liandong serve`` and ``liandong server …`` in the desktop CLI
(``desktop.commands.sync`` registers them from here). Every command takes the data
location: ``--data DIR`` (SQLite) or ``--database postgresql://…``. Heavy modules
(FastAPI, uvicorn, psycopg) are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

# (not from sync.server.admin, which loads the storage and the password hashing: the
# desktop CLI registers these commands beside its own)
from sync.errors import AdminError as CliError

Command = Callable[[argparse.Namespace], int]
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def _as_written(text: str, *values: object) -> str:
    return text.format(*values) if values else text


#: How a line or a label the commands print reads: as written (Chinese) here; the
#: desktop CLI, which runs these commands too, gives its catalog's ``say`` (``--lang en``)
_said: list[Callable[..., str]] = [_as_written]


def speak_with(translate: Callable[..., str]) -> None:
    """Every line and label printed from now on read through ``translate``."""
    _said[0] = translate


def say(text: str, *values: object) -> str:
    """``text`` (a whole line, or a label put in one) in the output's language; with
    ``values``, ``text`` is the template (``{}`` for each) and the values are data
    (names an administrator typed), filled in after the template is translated."""
    return _said[0](text, *values)


def out(text: str = "") -> None:
    """Print to stdout in UTF-8 whatever the console's code page."""
    try:
        sys.stdout.write(text + "\n")
    except UnicodeEncodeError:
        sys.stdout.buffer.write((text + "\n").encode("utf-8"))
    sys.stdout.flush()


def parse_date(text: str, what: str) -> str:
    """``2024-06-30`` / ``2024/6/30`` / ``2024年6月30日`` → ``2024-06-30``."""
    match = _DATE.match(text or "")
    try:
        if not match:
            raise ValueError
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        raise CliError(f"{what}“{text}”不是有效日期，请写成 YYYY-MM-DD。") from None


ROLE_NAMES = {"admin": "管理员", "coordinator": "协调员", "member": "单位成员"}


def _server_dir(args: argparse.Namespace) -> Path | str:
    """Where the server's data is: a PostgreSQL URL (``--database``) or a SQLite folder."""
    url = getattr(args, "database", None) or os.environ.get("LIANDONG_SERVER_DATABASE")
    if url:
        if getattr(args, "data", None):
            raise CliError("--data 与 --database 只能选一个。")
        if not url.startswith(("postgresql://", "postgres://")):
            raise CliError(f"--database 应为 postgresql://… 形式的地址，而不是 {url[:40]}")
        return url
    return Path(args.data or os.environ.get("LIANDONG_SERVER_DATA") or "liandong-server-data")


def read_password(args: argparse.Namespace, *, confirm: bool = False) -> str:
    if getattr(args, "password_stdin", False):
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        try:
            password = getpass.getpass("密码：")
            if confirm and getpass.getpass("再次输入密码：") != password:
                raise CliError("两次输入的密码不一致。")
        except EOFError:
            raise CliError("没有读到密码（可使用 --password-stdin 从标准输入读取）。") from None
    if not password:
        raise CliError("密码不能为空。")
    return password


def _admin(fn: Callable[..., Any], *a: Any) -> Any:
    return fn(*a)  # AdminError is CliError


# -- server side ---------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server import create_app
    from sync.server.admin import check_private
    from sync.server.storage import StorageUnavailable

    data = _server_dir(args)
    if isinstance(data, Path) and data.is_dir():
        _admin(check_private, data)
    if args.workers < 1:
        raise CliError("--workers 至少为 1。")
    if args.access_log:  # read by every worker's app
        os.environ["LIANDONG_ACCESS_LOG"] = args.access_log
    if args.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # /metrics sums the values every worker writes here (prometheus_client).
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="liandong-metrics-")
    try:
        app = create_app(data)
    except StorageUnavailable as exc:
        raise CliError(str(exc)) from None
    except RuntimeError:
        raise CliError(
            f"{app_label(data)} 中没有联动服务器数据，请先运行 liandong server init。"
        ) from None
    ssl = {}
    if args.ssl_certfile:
        for label, path in (("证书", args.ssl_certfile), ("私钥", args.ssl_keyfile)):
            if path and not Path(path).is_file():
                raise CliError(f"找不到{label}文件：{path}")
        ssl = {"ssl_certfile": args.ssl_certfile, "ssl_keyfile": args.ssl_keyfile}
    _check_listen(args.host, args.port)
    out(
        say(
            "联动同步服务器：http{}://{}:{}（{}，{} 个进程）",
            "s" if ssl else "",
            args.host,
            args.port,
            app.state.storage.label,
            args.workers,
        )  # fmt: skip
    )
    target: Any = app
    if args.workers > 1:  # each worker process builds the app from the environment
        app.state.storage.close()
        os.environ["LIANDONG_SERVER_LOCATION"] = str(data)
        target = "sync.server.app:app_from_env"
    options: dict[str, Any] = {"host": args.host, "port": args.port,
                               "log_level": args.log_level, "proxy_headers": True, **ssl}  # fmt: skip
    try:
        if args.workers > 1:
            # uvicorn kills and restarts a worker that does not answer its health ping
            # within 5 s: on a busy host that is a worker still importing or one that
            # did not get the CPU in time, and its requests were dropped (desktops saw
            # "server unreachable"; workers restarted in a loop at start-up).
            config = uvicorn.Config(target, workers=args.workers, factory=True,
                                    timeout_worker_healthcheck=WORKER_HEALTHCHECK, **options)  # fmt: skip
            _run_workers(config)
        else:
            uvicorn.run(target, **options)
    except OSError as exc:
        raise CliError(f"无法在 {args.host}:{args.port} 启动服务器：{exc.strerror}") from None
    except SystemExit as exc:  # uvicorn exits on startup failures it already logged
        if exc.code not in (0, None):
            raise CliError(f"服务器未能在 {args.host}:{args.port} 启动（见上方日志）。") from None
    return 0


WORKER_HEALTHCHECK = 60  # seconds a worker may take to answer the supervisor's ping


def listening_socket(host: str, port: int) -> Any:
    """The workers' shared listening socket, made as a TCP socket (``IPPROTO_TCP``) with
    ``TCP_NODELAY``.

    uvicorn's own (``Config.bind_socket``) is made with protocol 0, so asyncio does not
    turn Nagle's algorithm off on the connections it accepts; a reply written as headers
    then body then waits for the client's delayed ACK: about 40 ms on every request
    (a pull at the head took 50 ms with 4 workers, 4 ms with one)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def _run_workers(config: Any) -> None:
    """``uvicorn.run``'s several-workers branch, on ``listening_socket``."""
    from uvicorn.supervisors import Multiprocess

    sock = listening_socket(config.host, config.port)
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


def app_label(location: Path | str) -> str:
    from sync.server.storage import open_storage

    return open_storage(location).label


def cmd_compact(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime, timedelta

    from sync.server.admin import open_storage

    if (args.below is None) == (args.older_than is None):
        raise CliError("请给出 --below SEQ 或 --older-than DAYS 之一。")
    if (args.below is not None and args.below < 1) or (
        args.older_than is not None and args.older_than < 1
    ):
        raise CliError("--below / --older-than 必须是正整数。")
    storage = open_storage(_server_dir(args))
    below = args.below
    if below is None:
        cutoff = datetime.now(UTC) - timedelta(days=args.older_than)
        below = storage.seq_before(cutoff.isoformat(timespec="milliseconds"))
    floor, deleted = storage.compact(below)
    out(
        say(
            "已清理 {} 条变更记录，保留第 {} 号之后的变更；"
            "更早离线的电脑下次同步时会改为下载全部数据（保留本机未上传的修改）。",
            deleted,
            floor,
        )
    )
    return 0


def cmd_server_migrate(args: argparse.Namespace) -> int:
    from sync.server.admin import migrate

    before, after = _admin(migrate, _server_dir(args))
    if before == after:
        out(say("数据结构已是最新（版本 {}）。", after))
    else:
        out(say("数据结构已从版本 {} 升级到 {}。", before, after))
    return 0


def _check_listen(host: str, port: int) -> None:
    """Fail early, in plain Chinese, when the address cannot be listened on."""
    import socket

    if not 1 <= port <= 65535:
        raise CliError(f"端口 {port} 无效：应在 1–65535 之间。")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        raise CliError(f"无法解析监听地址 {host}。") from None
    family, _type, _proto, _name, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = "端口已被占用" if exc.errno == 98 else (exc.strerror or str(exc))
            raise CliError(f"无法在 {host}:{port} 启动服务器：{reason}。") from None


def cmd_server_init(args: argparse.Namespace) -> int:
    from sync.server.admin import init_server

    password = read_password(args, confirm=True)
    server_id, epoch = _admin(init_server, _server_dir(args), args.admin, password)
    out(say("服务器已初始化：{}", _server_dir(args)))
    out(say("服务器编号 {}，纪元 {}；管理员账号 {}", server_id, epoch, args.admin))
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from sync.server.admin import add_user

    password = read_password(args, confirm=True)
    _admin(add_user, _server_dir(args), args.username, password, args.unit or "", args.role)
    role = say(ROLE_NAMES.get(args.role, args.role))
    if args.unit:
        out(say("已添加用户 {}（{}，{}）", args.username, role, args.unit))
    else:
        out(say("已添加用户 {}（{}）", args.username, role))
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from sync.server.admin import escape_control as shown
    from sync.server.admin import list_users

    for account in _admin(list_users, _server_dir(args)):
        state = say("已停用") if account.disabled else say("已启用")
        role = say(ROLE_NAMES.get(account.role, account.role))
        out(f"{shown(account.username)}\t{shown(role)}\t{shown(account.unit or '-')}\t{state}")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from sync.server.admin import set_disabled

    _admin(set_disabled, _server_dir(args), args.username, not args.enable)
    if args.enable:
        out(say("用户 {} 已启用。", args.username))
    else:
        out(say("用户 {} 已停用（其所有设备的登录已撤销）。", args.username))
    return 0


def cmd_device_list(args: argparse.Namespace) -> int:
    from sync.server.admin import escape_control as shown
    from sync.server.admin import open_storage

    for device_id, user, name, seen, revoked in _admin(open_storage, _server_dir(args)).devices():
        state = say("已撤销") if revoked else say("有效")
        out(say("{}\t{}\t{}\t最近 {}\t{}", shown(device_id), shown(user), shown(name),
                seen or "-", state))  # fmt: skip
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    from sync.server.admin import revoke_device

    device_id = _admin(revoke_device, _server_dir(args), args.device_id)
    out(say("设备 {} 的登录已撤销。", device_id))
    return 0


STATUS_NAMES = {"accepted": "已接受", "conflict": "冲突", "rejected": "已拒绝", "revoked": "已撤销"}


def cmd_audit(args: argparse.Namespace) -> int:
    from sync.server.admin import escape_control as shown
    from sync.server.admin import open_storage

    if args.limit is not None and args.limit < 1:
        raise CliError("--limit 必须是正整数。")
    if args.since:
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
        out(say("审计日志中没有符合条件的记录。"))
    for at, user, device, ip, _op, tbl, rid, kind, status, seq, reason, fields in rows:
        line = say(
            "{}\t{}\t设备 {}\t{}", at, shown(user), shown(device[:8] or "-"), shown(ip or "-")
        )
        line += "\t" + " ".join(shown(part) for part in (kind, tbl, rid) if part)
        line += f"\t{shown(say(STATUS_NAMES.get(status, status)))}" + (f" #{seq}" if seq else "")
        line += f"\t{shown(reason)}" if reason else ""
        out(line + (f"\t{shown(fields)}" if fields != "{}" else ""))
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    from sync.server.admin import open_storage

    epoch = _admin(open_storage, _server_dir(args)).new_epoch()
    out(say("新纪元 {}：客户端下次同步时会补传服务器缺少的变更并重新下载。", epoch))
    return 0


def register(
    subparsers: argparse._SubParsersAction,
    wrap: Callable[[Command], Command] = lambda f: f,
    *,
    flat: bool = False,
) -> None:
    """Add ``serve`` and ``server …`` (``flat``: the admin commands beside ``serve``);
    ``wrap`` adapts each command (the desktop CLI turns ``CliError`` into its ``UserError``)."""

    def data_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data", metavar="DIR", help="服务器数据目录（默认 ./liandong-server-data）"
        )
        p.add_argument(
            "--database",
            metavar="URL",
            help="改用 PostgreSQL 数据库：postgresql://用户:密码@主机:端口/库名",
        )

    p = subparsers.add_parser("serve", help="运行中心同步服务器")
    data_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    p.add_argument("--port", type=int, default=8765, help="端口（默认 8765）")
    p.add_argument("--ssl-certfile", help="TLS 证书（一般由 nginx 终结 TLS，可不填）")
    p.add_argument("--ssl-keyfile", help="TLS 私钥")
    p.add_argument("--log-level", default="warning", help="uvicorn 日志级别")
    p.add_argument(
        "--workers", type=int, default=1, help="服务器进程数（默认 1；多进程请用 PostgreSQL）"
    )
    p.add_argument(
        "--access-log", metavar="FILE", help="访问日志（每个请求一行 JSON；- 为标准错误输出）"
    )
    p.set_defaults(func=wrap(cmd_serve))

    if flat:
        ssub = subparsers
    else:
        server = subparsers.add_parser("server", help="管理中心同步服务器（账号、设备、纪元）")
        ssub = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    p = ssub.add_parser("init", help="初始化数据目录并创建第一个管理员")
    data_arg(p)
    p.add_argument("--admin", default="admin", help="管理员用户名（默认 admin）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    p.set_defaults(func=wrap(cmd_server_init))
    p = ssub.add_parser("audit", help="查看审计日志（谁、何时、从哪台设备、改了什么）")
    data_arg(p)
    p.add_argument("--user", help="只看此用户")
    p.add_argument("--since", metavar="TIME", help="只看此时刻之后（如 2024-06-01）")
    p.add_argument("--limit", type=int, default=100, help="最多显示的条数（默认 100，最新的）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=wrap(cmd_audit))
    p = ssub.add_parser("new-epoch", help="从备份恢复后开启新纪元")
    data_arg(p)
    p.set_defaults(func=wrap(cmd_new_epoch))
    p = ssub.add_parser("compact", help="清理旧的变更记录（离线更久的电脑改为下载全部数据）")
    data_arg(p)
    p.add_argument("--below", type=int, metavar="SEQ", help="清理此编号及之前的变更")
    p.add_argument("--older-than", type=int, metavar="DAYS", help="清理早于 DAYS 天的变更")
    p.set_defaults(func=wrap(cmd_compact))
    p = ssub.add_parser("migrate", help="创建或升级服务器数据结构")
    data_arg(p)
    p.set_defaults(func=wrap(cmd_server_migrate))

    user = ssub.add_parser("user", help="账号管理").add_subparsers(
        dest="user_command", metavar="ACTION", required=True
    )
    p = user.add_parser("add", help="添加账号")
    data_arg(p)
    p.add_argument("username")
    p.add_argument("--role", choices=["admin", "coordinator", "member"], default="member")
    p.add_argument("--unit", help="所属单位名称（单位成员必填）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    p.set_defaults(func=wrap(cmd_user_add))
    p = user.add_parser("list", help="列出账号")
    data_arg(p)
    p.set_defaults(func=wrap(cmd_user_list))
    p = user.add_parser("disable", help="停用账号（并撤销其所有设备）")
    data_arg(p)
    p.add_argument("username")
    p.add_argument("--enable", action="store_true", help="重新启用")
    p.set_defaults(func=wrap(cmd_user_disable))

    device = ssub.add_parser("device", help="设备管理").add_subparsers(
        dest="device_command", metavar="ACTION", required=True
    )
    p = device.add_parser("list", help="列出设备")
    data_arg(p)
    p.set_defaults(func=wrap(cmd_device_list))
    p = device.add_parser("revoke", help="撤销一台设备的登录")
    data_arg(p)
    p.add_argument("device_id")
    p.set_defaults(func=wrap(cmd_device_revoke))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liandong-server", description="联动中心同步服务器（无需桌面端组件）"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    register(sub, flat=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
