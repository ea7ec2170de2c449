"""Helpers shared by the CLI commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.models.store import Store
from desktop.paths import DEFAULT_PROFILE, profile_db_path


def common_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand must not reset a --db given before it.
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="数据库文件（默认：用户数据目录中当前配置的数据库）",
    )
    common.add_argument(
        "--profile",
        default=argparse.SUPPRESS,
        help="用户配置名（默认 default），每个配置一个数据库",
    )
    return common


def db_path(args: argparse.Namespace) -> Path:
    if getattr(args, "db", None):
        return Path(args.db)
    return profile_db_path(getattr(args, "profile", None) or DEFAULT_PROFILE)


def open_store(args: argparse.Namespace) -> Store:
    return Store.open(db_path(args))


@contextmanager
def store_for(args: argparse.Namespace) -> Iterator[Store]:
    """``with store_for(args) as store:`` — the store of ``--db``/``--profile``, closed after."""
    store = open_store(args)
    try:
        yield store
    finally:
        store.close()


def out(text: str = "") -> None:
    """Print to stdout in UTF-8 whatever the console's code page."""
    stream = sys.stdout
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:
        stream.buffer.write((text + "\n").encode("utf-8"))
    stream.flush()
