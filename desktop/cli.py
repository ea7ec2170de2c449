"""The ``liandong`` entry point: the GUI by default, or a CLI command."""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sqlite3
import sys

from desktop import __version__
from desktop.commands.support import (
    ArgumentParser,
    check_arguments,
    common_parser,
    localize_argparse,
    say,
    set_language,
)
from desktop.errors import UserError
from desktop.logging_setup import report_unexpected, setup_logging
from desktop.models import messages

log = logging.getLogger(__name__)

# Feature areas, each a module under desktop.commands with register().
COMMAND_MODULES = (
    "plan",
    "coordination",
    "sync",
    "briefing",
    "authoring",
    "ledger",
    "meetings",
    "remarks",
    "duban",
    "safety",
)


# The top-level commands each module registers, with their help line: ``--help``
# lists them and a command's module is imported only when it runs (start-up stays
# light: no sqlite-utils, reportlab, openpyxl, docx, PySide6 … on the way).
# tests/test_cli_startup.py checks this table against what the modules register.
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("plan", "导入行动计划（.txt / .html / .docx）或联动导出的 JSON 文件"),
    "import-json": ("plan", "从联动导出的 JSON 文件恢复数据（与 import 一个 .json 文件相同）"),
    "export": ("plan", "导出全部数据（liandong/1 JSON 格式，见 docs/formats.md）"),
    "plans": ("plan", "列出已导入的计划"),
    "units": ("plan", "列出单位及其牵头/配合/责任次数"),
    "unit": ("plan", "维护单位：改名、别名、合并"),
    "milestone": ("coordination", "里程碑：添加、完成、延期、列表"),
    "report": ("coordination", "进度填报：登记、更正、历史"),
    "target": ("coordination", "量化目标：登记当前值、查看进度"),
    "depend": ("coordination", "任务间依赖（完成—开始）"),
    "status": ("coordination", "逾期、临期、受阻情况"),
    "remind": ("coordination", "催报：本期未填报的单位"),
    "serve": ("sync", "运行中心同步服务器"),
    "server": ("sync", "管理中心同步服务器（账号、设备、纪元）"),
    "login": ("sync", "登录同步服务器（凭据存入系统钥匙串）"),
    "sync": ("sync", "与服务器同步"),
    "conflicts": ("sync", "列出未处理的同步冲突和被拒绝的修改"),
    "briefing": ("briefing", "会议材料：督查通报、单位工作单、任务督办单、督办通知单"),
    "plan": ("authoring", "编写计划：新建、修改、按模板复制、删除、查看"),
    "section": ("authoring", "章节：新增、修改、删除"),
    "task": ("authoring", "任务：新增、修改、调整序号、删除、量化目标"),
    "item": ("authoring", "工作事项：新增、修改、删除"),
    "assign": ("authoring", "为任务（事项）指定单位及职责；已有职责的单位改为新职责"),
    "unassign": ("authoring", "取消单位在任务（事项）中的分工"),
    "history": ("authoring", "调整记录：任务（或整个计划）的结构变更历史"),
    "link": ("authoring", "关联上级计划中的任务（多级联动）"),
    "unlink": ("authoring", "取消关联上级任务"),
    "ledger": ("ledger", "Excel 台账：导出台账、生成填报表、导入填报表"),
    "meeting": ("meetings", "调度会：议定事项交办、会议纪要、工作提醒函"),
    "comment": ("remarks", "评论：任务、事项、填报下的讨论（只增不改）"),
    "instruction": ("remarks", "领导批示：登记批示，可交办落实事项"),
    "attach": ("remarks", "附件：任务的佐证材料（可选，单个不超过 20 MB）"),
    "signin": ("duban", "签收：单位确认收到交办的任务"),
    "cycle": ("duban", "任务的报送周期（默认每月）"),
    "extension": ("duban", "延期申请与审批"),
    "signoff": ("duban", "申请办结与审核销号"),
    "demo": ("safety", "演示配置（演示）：示例数据，与自己的配置分开、从不同步"),
    "backup": ("safety", "数据库备份：立即备份、列出、恢复、检查"),
}


def _register_module(
    name: str, sub: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> bool:
    """Add the parsers of ``desktop.commands.<name>``; False when this build lacks it."""
    try:
        module = importlib.import_module(f"desktop.commands.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"desktop.commands.{name}":
            return False  # feature area not present in this build
        raise
    module.register(sub, common)
    return True


def build_parser(modules: tuple[str, ...] | None = None) -> argparse.ArgumentParser:
    """The command-line parser with the commands of ``modules`` (default: all) complete.

    Commands of the other modules are listed (name and help line, from
    ``COMMANDS``) without importing their module: enough for ``--help`` and for
    finding which command a command line runs (``command_of``).
    """
    localize_argparse()
    common = common_parser()
    parser = ArgumentParser(
        prog="liandong",
        description="联动：政府行动计划任务协同（不带命令时启动图形界面）",
        parents=[common],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"liandong {__version__}",
        help="显示版本号并退出",  # argparse's default is English whatever its ``_`` says
    )
    parser.add_argument("--demo", action="store_true", help="启动时载入自带的示例计划")
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="离屏渲染主窗口（载入示例计划）并保存为图片后退出（.png、.jpg 或 .jpeg）",
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言（默认简体中文）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令")
    for name in COMMAND_MODULES:
        if modules is None or name in modules:
            _register_module(name, sub, common)
            continue
        for command, (module, help_) in COMMANDS.items():
            if module == name:  # a stand-in taking any arguments; never runs (command_of)
                sub.add_parser(command, help=help_, add_help=False)
    return parser


def command_of(argv: list[str]) -> str | None:
    """The top-level command ``argv`` runs (``None``: the GUI), found without importing
    any command module; ``--help``/``--version`` and bad options end here as usual."""
    parser = build_parser(modules=())
    args, _rest = parser.parse_known_args(argv)
    return args.command


def language_of(argv: list[str]) -> str | None:
    """The ``--lang`` of a command line, found before parsing (its errors are shown in it)."""
    for position, arg in enumerate(argv):
        if arg == "--lang" and position + 1 < len(argv):
            return argv[position + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def print_error(err: UserError, lang: str | None) -> int:
    """A known error on stderr, in the language of the command line; its exit code."""
    print(messages.error_prefix(lang) + messages.localize(err.text, lang), file=sys.stderr)
    return err.exit_code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = language_of(argv)
    set_language(lang)  # every text of the command line in it (help, output, errors)
    try:
        return _run(argv, lang)
    finally:
        set_language(None)  # a later command line in this process starts in Chinese


def _run(argv: list[str], lang: str | None) -> int:
    try:
        check_arguments(argv)
    except UserError as err:
        return print_error(err, lang)
    command = command_of(argv)
    module = COMMANDS[command][0] if command in COMMANDS else None
    args = build_parser(modules=(module,) if module else ()).parse_args(argv)
    setup_logging(verbose=False)
    if not getattr(args, "func", None):
        from desktop.views.boot import import_for_gui

        import_for_gui()  # the Qt-free modules before PySide6 (see its docstring)
        from desktop.views.app import run_gui

        try:
            return run_gui(args)  # turns the collector back on once the window is built
        finally:
            gc.enable()  # also when the start ended before (``import_for_gui`` turned it off)
    try:
        return int(args.func(args) or 0)
    except UserError as err:
        return print_error(err, lang)
    except KeyboardInterrupt:
        print(say("已取消。"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `liandong units | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except sqlite3.DatabaseError as exc:  # e.g. "database disk image is malformed"
        from desktop.commands.support import db_path
        from desktop.models.backup import damaged_message

        log.error("database error", exc_info=exc)
        text = messages.localize(damaged_message(db_path(args)), lang)
        detail = f" ({exc})" if lang == messages.ENGLISH_LANG else f"（{exc}）"
        print(f"{messages.error_prefix(lang)}{text}{detail}", file=sys.stderr)
        return UserError.exit_code
    except Exception as exc:  # a bug: log the traceback, show a plain message
        print(say(report_unexpected(exc)), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
