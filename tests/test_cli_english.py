"""The command line under ``--lang en``: every parser's help and the output of the
commands read in English (data — plan, task and unit names — stays as it is), and
Chinese stays as it was."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from desktop.cli import build_parser
from desktop.commands import support

CJK = re.compile(r"[\u3400-\u9fff]")
# Chinese the English help quotes as it is: what one types (choices, section numbers,
# example values) and the Chinese titles a document gets by default.
HELP_EXAMPLES = (
    "牵头|配合|责任",
    "牵头",
    "配合",
    "责任",
    "演示",
    "月",
    "两周",
    "周",
    "季度",
    "一次性",
    "一、 （一） 1. （1） ① 一是 第一章",
    "二/一",
    "三",
    "二",
    "5G基站数量",
    "个",
    "亿元",
    "纪要",
)


@pytest.fixture
def english() -> Iterator[None]:
    support.set_language("en")
    try:
        yield
    finally:
        support.set_language(None)


def _parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def _chinese_left(text: str) -> str:
    """The Chinese of ``text`` that is not a quoted example (“…”) or a value one types."""
    text = re.sub(r"“[^”]*”", "", text)
    for example in HELP_EXAMPLES:
        text = text.replace(example, "")
    return "".join(CJK.findall(text))


def test_every_help_is_english_under_lang_en(english) -> None:
    parsers = list(_parsers(build_parser()))
    assert len(parsers) > 100  # every command and subcommand, not the top only
    chinese = []
    for path, parser in parsers:
        text = parser.format_help()
        for line in text.splitlines():
            if _chinese_left(line):
                chinese.append(f"liandong {' '.join(path)} --help: {line.strip()}")
    assert not chinese, "\n".join(chinese)
    top = parsers[0][1].format_help()
    assert top.startswith("usage: liandong")
    assert "\ncommands:\n" in top and "show program's version number and exit" in top
    plan_show = dict(parsers)[("plan", "show")].format_help()
    assert "list a plan's sections, tasks and roles" in plan_show


def test_help_stays_chinese_without_lang() -> None:
    parsers = dict(_parsers(build_parser()))
    top = parsers[()].format_help()
    assert top.startswith("用法：liandong")
    assert "显示版本号并退出" in top and "显示此帮助信息并退出" in top
    assert "列出计划的章节、任务与分工" in parsers[("plan", "show")].format_help()
    assert not re.search(r"\b(show|list|the)\b", parsers[("status",)].format_help())


def test_argparse_errors_are_english_under_lang_en(english, capsys) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["statsu"])
    err = capsys.readouterr().err
    assert "error: argument COMMAND: invalid choice: 'statsu'" in err, err
    assert "Did you mean: status, task?" in err, err
    assert not CJK.search(err), err
