"""Helpers shared by the CLI commands."""

from __future__ import annotations

import argparse
import copy
import difflib
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from desktop.errors import UserError
from desktop.models import messages
from desktop.paths import DEFAULT_PROFILE, profile_db_path

if TYPE_CHECKING:
    from desktop.models.store import Store

# argparse's own messages (it looks its ``_`` up at call time), in Chinese like
# every other message of the command line; under ``--lang en`` argparse's English.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示此帮助信息并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "值无效：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
}
_CJK = re.compile(r"[\u3400-\u9fff]")
# The language of the command line (``--lang``), set once by ``desktop.cli.main``.
_language: list[str | None] = [None]


def set_language(lang: str | None) -> None:
    """The language every text of this command line is shown in (``None``: Chinese)."""
    _language[0] = lang if lang in messages.LANGUAGES else None


def language() -> str | None:
    return _language[0]


def say(text: str, *values: object, nested: bool = False) -> str:
    """``text`` — a Chinese message of the command line, values filled in — in the
    language of the command line (the domain message catalog; data stays as it is).
    ``nested``: a text built of labels alone, whose values are translated too.
    With ``values``, ``text`` is the catalog's template (``{}`` for each value), looked
    up as written and then filled: a value may hold the template's own literals (a name
    with a full-width bracket), which matching the filled line could split wrongly."""
    english_wanted = _language[0] == messages.ENGLISH_LANG
    if values:
        template = (messages.english_template(text) if english_wanted else None) or text
        return template.format(*values)
    if not english_wanted or not _CJK.search(text):
        return text
    return messages.english_of(text, nested=nested) or text


def join(items: Iterable[str], separator: str = "、") -> str:
    """Labels or names in a list: ``、`` (or ``，``) in Chinese, ``, `` in English."""
    return (", " if english() else separator).join(items)


def english() -> bool:
    """Whether the command line speaks English (``--lang en``)."""
    return _language[0] == messages.ENGLISH_LANG


def paren(text: str) -> str:
    """``（text）`` in Chinese, `` (text)`` in English: a note after a value."""
    return f" ({text})" if english() else f"（{text}）"


def node_label(text: str) -> str:
    """A task, item or milestone label (任务5, 任务14-2, 任务5“投运”, with a plan's
    发文字号 in front; ``A → B`` chains of them) in the command line's language."""
    return messages.node_label(text, _language[0])


def _translate(message: str) -> str:
    if _language[0] == messages.ENGLISH_LANG:
        return _ARGPARSE_ORIGINAL(message)
    return _ARGPARSE_ZH.get(message, _ARGPARSE_ORIGINAL(message))


_ARGPARSE_ORIGINAL = argparse._


def localize_argparse() -> None:
    """Make argparse print its headings and errors in the command line's language
    (idempotent: every parser built in one process calls it, and a wrapper per
    call would nest)."""
    argparse._ = _translate


class HelpFormatter(argparse.HelpFormatter):
    """Help in the command line's language: each description, section title,
    argument help and metavar (written in Chinese) goes through ``say``."""

    def _format_text(self, text: str) -> str:
        return super()._format_text(say(text))

    def start_section(self, heading: str | None) -> None:
        super().start_section(say(heading) if heading else heading)

    def _expand_help(self, action: argparse.Action) -> str:
        return super()._expand_help(_said(action))

    def _metavar_formatter(self, action, default_metavar):  # type: ignore[no-untyped-def]
        return super()._metavar_formatter(_said(action), default_metavar)


def _said(action: argparse.Action) -> argparse.Action:
    """``action`` with its help and metavar in the command line's language."""
    if _language[0] != messages.ENGLISH_LANG:
        return action
    shown = copy.copy(action)
    if isinstance(action.help, str):
        shown.help = say(action.help, nested=True)
    if isinstance(action.metavar, str) and _CJK.search(action.metavar):
        shown.metavar = say(action.metavar).upper().replace(" ", "_")  # LEVEL, DOCUMENT_NUMBER
    return shown


class ArgumentParser(argparse.ArgumentParser):
    """argparse with "did you mean" for a mistyped command or choice, its help in the
    command line's language (subparsers inherit it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        super().error(say(message))

    def _check_value(self, action: argparse.Action, value: object) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(choice) for choice in choices]
        close = difflib.get_close_matches(str(value), names, n=3, cutoff=0.6)
        shown = join(names) if len(names) <= 12 else join(names[:12]) + "…"
        if close:
            text = say(
                "无效的选项：{}（可选：{}）。您是否要找：{}？", repr(value), shown, join(close)
            )
        else:
            text = say("无效的选项：{}（可选：{}）", repr(value), shown)
        raise argparse.ArgumentError(action, text)


def check_arguments(argv: list[str]) -> None:
    """Refuse command-line arguments that are not valid text.

    Bytes that do not decode (``$'ab\\xff'``) reach Python as lone surrogates
    (surrogateescape); stored or printed they fail later with an
    ``UnicodeEncodeError``. One check for every command, before parsing.
    """
    for position, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise UserError(
                "第 {} 个参数“{}”含有无法识别的字符（不是有效的 UTF-8 文本），"
                "请检查输入法或终端编码后重新输入；文件名如此请先改名。",
                position,
                shown,
            ) from None


def common_parser() -> argparse.ArgumentParser:
    common = ArgumentParser(add_help=False)
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


def open_store(args: argparse.Namespace, *, create: bool = True) -> Store:
    """The store of ``--db``/``--profile``; read-only commands pass ``create=False``
    so a mistyped path is reported instead of silently creating an empty database."""
    path = db_path(args)
    if not create and not path.exists():
        raise UserError(
            "数据库文件不存在：{}。请检查 --db 路径，或先用 liandong import 导入计划。", path
        )
    from desktop.models.store import Store  # not on the way to `liandong --help`

    return Store.open(path)


@contextmanager
def store_for(args: argparse.Namespace, *, create: bool = True) -> Iterator[Store]:
    """``with store_for(args) as store:`` — the store of ``--db``/``--profile``, closed after."""
    store = open_store(args, create=create)
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


def deferred(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """The command function ``name`` of ``desktop.commands.<module>``, imported when the
    command runs (a command registered beside others whose body lives with its feature:
    parsing the others' command lines does not import it)."""

    def run(args: argparse.Namespace) -> int:
        function = getattr(importlib.import_module(f"desktop.commands.{module}"), name)
        return function(args)

    return run
