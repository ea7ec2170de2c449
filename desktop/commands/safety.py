"""Commands that keep data safe: ``demo reset`` and ``backup now|list|restore|check|set-aside``."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.support import db_path, out, say
from desktop.errors import Message, UserError
from desktop.models import backup


def cmd_demo_reset(_args: argparse.Namespace) -> int:
    from desktop.demo import open_demo

    store = open_demo(reset=True)
    path = store.path
    store.close()
    out(say("演示配置已重置：{}（其他配置未受影响）。", path))
    return 0


def _existing_db(args: argparse.Namespace) -> Path:
    path = db_path(args)
    if not path.exists():
        raise UserError("数据库文件不存在：{}。请检查 --db / --profile。", path)
    return path


def cmd_backup_now(args: argparse.Namespace) -> int:
    if not 1 <= args.keep <= 1000:
        raise UserError("--keep 应在 1 到 1000 之间。")
    path = _existing_db(args)
    target = backup.make_backup(path, keep=args.keep)
    out(say("已备份到：{}", target))
    return 0


def cmd_backup_list(args: argparse.Namespace) -> int:
    path = db_path(args)
    backups = backup.list_backups(path)
    if not backups:
        out(say("{} 还没有备份（备份目录：{}）。", path, backup.backup_dir(path)))
        return 0
    out(say("{} 的备份（最新在前）：", path))
    for info in backups:
        out(f"  {info.label}")
    out(say("恢复：liandong backup restore 文件名（当前数据库会先移到一边保留）。"))
    return 0


def _backup_file(path: Path, name: str) -> Path:
    """A backup given as a path, or as a file name in the profile's backup folder."""
    given = Path(name)
    if given.is_file():
        return given
    in_folder = backup.backup_dir(path) / name
    if in_folder.is_file():
        return in_folder
    names = [b.path.name for b in backup.list_backups(path)[:5]] or Message("（没有备份）")
    raise UserError("找不到备份文件“{}”。已有备份：{}", name, names)


def cmd_backup_restore(args: argparse.Namespace) -> int:
    path = db_path(args)
    source = _backup_file(path, args.file)
    aside = backup.restore_backup(path, source)
    out(say("已从 {} 恢复数据库 {}。", source, path))
    if aside is not None:
        out(say("原来的数据库已保留为：{}", aside))
    return 0


def cmd_backup_check(args: argparse.Namespace) -> int:
    path = _existing_db(args)
    problems = backup.quick_check(path)
    if problems:
        raise UserError(backup.damaged_message(path), detail="\n".join(problems[:20]))
    out(say("数据库 {} 完好（PRAGMA quick_check：ok）。", path))
    return 0


def cmd_backup_set_aside(args: argparse.Namespace) -> int:
    path = _existing_db(args)
    aside = backup.set_aside_damaged(path)
    out(say("已把 {} 移到 {}；下次打开时从空数据库开始。", path, aside))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = sub.add_parser("demo", help="演示配置（演示）：示例数据，与自己的配置分开、从不同步")
    demo_sub = demo.add_subparsers(dest="demo_command", metavar="COMMAND", required=True)
    p = demo_sub.add_parser("reset", help="清空演示配置并重新载入示例计划")
    p.set_defaults(func=cmd_demo_reset)

    group = sub.add_parser(
        "backup", help="数据库备份：立即备份、列出、恢复、检查", parents=[common]
    )
    group_sub = group.add_subparsers(dest="backup_command", metavar="COMMAND", required=True)
    p = group_sub.add_parser("now", parents=[common], help="立即备份当前配置的数据库")
    p.add_argument(
        "--keep", type=int, default=backup.DEFAULT_KEEP, help="保留最近几份备份（默认 7）"
    )
    p.set_defaults(func=cmd_backup_now)
    p = group_sub.add_parser("list", parents=[common], help="列出备份（最新在前）")
    p.set_defaults(func=cmd_backup_list)
    p = group_sub.add_parser(
        "restore", parents=[common], help="从备份恢复（当前数据库先移到一边保留）"
    )
    p.add_argument("file", help="备份文件（路径，或 backup list 列出的文件名）")
    p.set_defaults(func=cmd_backup_restore)
    p = group_sub.add_parser("check", parents=[common], help="检查数据库是否完好（quick_check）")
    p.set_defaults(func=cmd_backup_check)
    p = group_sub.add_parser(
        "set-aside", parents=[common], help="把损坏的数据库移到一边，从空数据库开始"
    )
    p.set_defaults(func=cmd_backup_set_aside)
