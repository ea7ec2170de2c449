"""The ``liandong`` entry point: the GUI by default, or a CLI command."""

from __future__ import annotations

import argparse
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
)
from desktop.errors import UserError
from desktop.logging_setup import report_unexpected, setup_logging

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


def build_parser() -> argparse.ArgumentParser:
    localize_argparse()
    common = common_parser()
    parser = ArgumentParser(
        prog="liandong",
        description="联动：政府行动计划任务协同（不带命令时启动图形界面）",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"liandong {__version__}")
    parser.add_argument("--demo", action="store_true", help="启动时载入自带的示例计划")
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="离屏渲染主窗口（载入示例计划）并保存为图片后退出（.png、.jpg 或 .jpeg）",
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言（默认简体中文）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"desktop.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"desktop.commands.{name}":
                continue  # feature area not present in this build
            raise
        module.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        check_arguments(sys.argv[1:] if argv is None else argv)
    except UserError as err:
        print(f"错误：{err.message}", file=sys.stderr)
        return err.exit_code
    args = parser.parse_args(argv)
    setup_logging(verbose=False)
    if not getattr(args, "func", None):
        from desktop.views.app import run_gui

        return run_gui(args)
    try:
        return int(args.func(args) or 0)
    except UserError as err:
        print(f"错误：{err.message}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `liandong units | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except sqlite3.DatabaseError as exc:  # e.g. "database disk image is malformed"
        from desktop.commands.support import db_path
        from desktop.models.backup import damaged_message

        log.error("database error", exc_info=exc)
        print(f"错误：{damaged_message(db_path(args))}（{exc}）", file=sys.stderr)
        return UserError.exit_code
    except Exception as exc:  # a bug: log the traceback, show a plain message
        print(report_unexpected(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
