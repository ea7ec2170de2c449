"""The command line under ``--lang en``: every parser's help and the output of the
commands read in English (data — plan, task and unit names — stays as it is), and
Chinese stays as it was."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import build_parser, main
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


# -- output ---------------------------------------------------------------------------

# Commands that only read, each run in both languages on the populated demo plan.
READ_COMMANDS = (
    ("status",),
    ("status", "--today", "2024-03-01", "--window", "30"),
    ("status", "--unit", "市政数局"),
    ("status", "--by-unit"),
    ("remind",),
    ("remind", "--by-task"),
    ("remind", "--today", "2024-03-01"),
    ("remind", "--period", "2023-06"),
    ("remind", "--period", "2023-06", "--by-task"),
    ("plans",),
    ("units",),
    ("milestone", "list"),
    ("report", "list"),
    ("depend", "list"),
    ("target", "show", "--task", "2"),
    ("cycle", "list"),
    ("extension", "list"),
    ("signoff", "list"),
    ("plan", "show"),
    ("history",),
    ("conflicts",),
    ("meeting", "list"),
    ("instruction", "list"),
    ("attach", "list"),
    ("comment", "list", "--task", "5"),
    ("backup", "list"),
)


def _data(db: Path) -> list[str]:
    """Every text the database holds (titles, names, notes, recorded summaries…), longest
    first: what the output may quote as it is."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found: set[str] = set()
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str) and CJK.search(value):
                        found.add(value)
                        if value.startswith("["):  # a JSON list of names (meeting attendance)
                            found.update(json.loads(value))
    finally:
        conn.close()
    return sorted(found, key=len, reverse=True)


def _untranslated(text: str, data: list[str]) -> list[str]:
    """The lines of ``text`` with Chinese that is not data (nor quoted: “…”)."""
    left = []
    for line in text.splitlines():
        stripped = line
        for value in data:
            if value in stripped:
                stripped = stripped.replace(value, "")
        if CJK.search(re.sub(r"“[^”]*”", "", stripped)):
            left.append(line)
    return left


@pytest.fixture(scope="module")
def populated(tmp_path_factory) -> Path:
    from tests.helpers.coordination import populated_demo

    path = tmp_path_factory.mktemp("cli-english") / "demo.db"
    populated_demo(path).close()
    return path


def _cli(capsys, db: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--db", str(db)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_read_command_prints_english_under_lang_en(populated, tmp_path, capsys) -> None:
    db = tmp_path / "demo.db"
    shutil.copy(populated, db)
    data = _data(db)
    chinese = []
    for argv in READ_COMMANDS:
        code, out, err = _cli(capsys, db, "--lang", "en", *argv)
        assert code == 0, (argv, err)
        assert out.strip() and not err.strip(), (argv, out, err)
        chinese += [f"liandong {' '.join(argv)}: {line}" for line in _untranslated(out, data)]
    assert not chinese, "\n".join(chinese)
    code, out, _ = _cli(capsys, db, "--lang", "en", "status")
    assert out.startswith("As of ") and "\nOverdue milestones (" in out
    code, out, _ = _cli(capsys, db, "status")
    assert out.startswith("截至 ") and "\n逾期里程碑（" in out
    assert "Task " not in out and "Overdue" not in out


def test_commands_that_write_print_english_under_lang_en(populated, tmp_path, capsys) -> None:
    """A day of work typed in English mode: each command's answer is English (and the
    same commands in Chinese mode answer in Chinese)."""
    data_db = tmp_path / "zh.db"
    shutil.copy(populated, data_db)
    for lang in ("en", "zh_CN"):
        db = tmp_path / f"{lang}.db"
        shutil.copy(populated, db)
        steps = [
            ("milestone", "add", "--task", "5", "--title", "平台投运", "--due", "2099-06-30"),
            (
                "report",
                "add",
                "--task",
                "5",
                "--unit",
                "市政数局",
                "--percent",
                "40",
                "--text",
                "推进中",
                "--period",
                "2099-01",
                "--force",
            ),
            ("depend", "add", "--from", "5", "--to", "6", "--lag", "3"),
            ("cycle", "set", "--task", "5", "--every", "week", "--due-day", "3"),
            ("signin", "--task", "5", "--unit", "市政数局"),
            ("unit", "contact", "市政数局", "--person", "王五", "--phone", "0431-1234"),
            ("unit", "alias", "市政数局", "政数局"),
            ("plan", "new", "--title", "调度会议定事项", "--doc-no", "调度〔2099〕1号"),
            ("section", "add", "--plan", "调度会议定事项", "--title", "重点工作", "--no", "一"),
            (
                "task",
                "add",
                "--plan",
                "调度会议定事项",
                "--section",
                "一",
                "--title",
                "推进算力中心建设",
                "--deadline",
                "2099-12-31",
            ),
            (
                "assign",
                "--plan",
                "调度会议定事项",
                "--task",
                "1",
                "--unit",
                "市政数局",
                "--role",
                "配合",
            ),
            ("item", "add", "--plan", "调度会议定事项", "--task", "1", "--text", "完成选址"),
            ("history", "--plan", "调度会议定事项"),
            ("plan", "show", "--plan", "调度会议定事项"),
            (
                "meeting",
                "new",
                "--date",
                "2099-01-05",
                "--title",
                "第一次调度会",
                "--chair",
                "张三",
                "--present",
                "李四",
            ),
            ("comment", "add", "--plan", "长府", "--task", "5", "--text", "请加快进度"),
            (
                "instruction",
                "add",
                "--plan",
                "长府",
                "--task",
                "5",
                "--by",
                "市长",
                "--text",
                "抓紧落实",
            ),
            ("export", "-o", str(tmp_path / f"{lang}.json")),
            ("backup", "now"),
            ("backup", "check"),
        ]
        outputs = []
        for argv in steps:
            code, out, err = _cli(capsys, db, "--lang", lang, *argv)
            assert code == 0, (argv, out, err)
            outputs.append((argv, out + err))
        data = _data(db)
        for argv, text in outputs:
            assert text.strip(), argv
            left = _untranslated(text.replace(str(tmp_path), ""), data)
            if lang == "en":
                assert not left, (argv, left)
            else:
                assert left, (argv, text)  # the Chinese answer says something itself


def test_the_labels_the_commands_print_have_english() -> None:
    """Labels the commands take from the models (the catalog scan cannot read them)."""
    from desktop.briefing.api import KIND_LABELS
    from desktop.briefing.fonts import ROLE_LABELS as FONT_ROLES
    from desktop.commands.plan import _JSON_RECORDS
    from desktop.importer.model import ROLE_LABELS
    from desktop.models import duban_queries as dq
    from desktop.models import meetings, unit_lights
    from desktop.models.duban import CYCLE_LABELS
    from desktop.models.message_catalog import ENGLISH
    from sync.server.cli import ROLE_NAMES

    labels = [
        *dq.EXTENSION_STATE_LABELS.values(),
        *dq.SIGNOFF_STATE_LABELS.values(),
        *dq.ROUND_LABELS.values(),
        *unit_lights.LIGHT_LABELS.values(),
        *unit_lights.HEADERS,
        *CYCLE_LABELS.values(),
        *ROLE_LABELS.values(),
        *meetings.NAME_LISTS.values(),
        *(text for text in meetings.STATE_TEXT.values() if CJK.search(text)),
        *KIND_LABELS.values(),
        *FONT_ROLES.values(),
        *ROLE_NAMES.values(),
        *(label for _key, label in _JSON_RECORDS),
    ]
    from desktop.models.meeting_edits import _REFERENCES

    labels += [f"{label} {{}} 条" for label, _sql in _REFERENCES]  # 填报 2 条
    assert len(labels) > 50
    assert [label for label in labels if label not in ENGLISH] == []


def test_server_commands_print_english_under_lang_en(tmp_path, capsys, monkeypatch) -> None:
    """``liandong server …`` (sync.server.cli's commands run by this CLI): each line and
    label in English under ``--lang en`` (the unit's name is data), Chinese without."""
    import io

    answers = {}
    for lang in ("en", None):
        data = str(tmp_path / f"server-{lang}")
        steps = [
            *_init_and_add(data, "alice", "市财政局"),
            ("server", "user", "list", "--data", data),
            ("server", "user", "disable", "--data", data, "alice"),
            ("server", "user", "disable", "--data", data, "alice", "--enable"),
            ("server", "device", "list", "--data", data),
            ("server", "audit", "--data", data),
            ("server", "migrate", "--data", data),
            ("server", "compact", "--data", data, "--below", "1"),
            ("server", "new-epoch", "--data", data),
        ]
        printed = []
        for argv in steps:
            monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password-1\n" * 2))
            code = main([*(("--lang", lang) if lang else ()), *argv])
            captured = capsys.readouterr()
            assert code == 0, (argv, captured.err)
            printed.append(captured.out)
        code = main([*(("--lang", lang) if lang else ()), "server", "audit", "--data", data,
                     "--since", "2026-13-01"])  # fmt: skip
        assert code != 0
        printed.append(capsys.readouterr().err)
        answers[lang] = printed
    english = "".join(answers["en"]).replace("市财政局", "")
    assert not CJK.search(english), english
    assert "Added the user alice (coordinator, " in english
    assert "\tadministrator\t-\tenabled\n" in english
    assert "The user alice is disabled (the logins" in english
    assert "The user alice is enabled." in english
    assert "No audit log records match." in english
    assert "The schema is up to date (version " in english
    assert "--since date" in english
    chinese = "".join(answers[None])
    assert "已添加用户 alice（协调员，市财政局）" in chinese
    assert "\t管理员\t-\t已启用\n" in chinese and "审计日志中没有符合条件的记录。" in chinese
    assert "administrator" not in chinese and "enabled" not in chinese


def test_server_lines_keep_names_holding_the_templates_own_brackets(
    tmp_path, capsys, monkeypatch
) -> None:
    """A user name and a unit with full-width brackets (the template's own literals) are
    data: the line's template is translated as written, then filled (matching the filled
    line split the name at its first bracket: "Added the user a (b（coordinator, …")."""
    import io

    for lang, expected in (
        ("en", "Added the user a（b）c (coordinator, 市（财政）局)\n"),
        (None, "已添加用户 a（b）c（协调员，市（财政）局）\n"),
    ):
        data = str(tmp_path / f"server-{lang}")
        first = ("--lang", lang) if lang else ()
        for argv in _init_and_add(data, "a（b）c", "市（财政）局"):
            monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password-1\n" * 2))
            assert main([*first, *argv]) == 0
        assert capsys.readouterr().out.endswith(expected)


def _init_and_add(data: str, user: str, unit: str) -> list[tuple[str, ...]]:
    """``server init`` of a server at ``data``, then ``server user add`` of a coordinator."""
    return [
        ("server", "init", "--data", data, "--admin", "boss", "--password-stdin"),
        ("server", "user", "add", "--data", data, user, "--unit", unit,
         "--role", "coordinator", "--password-stdin"),
    ]  # fmt: skip


# Data holding the templates' own literals (full-width brackets, quotes, colons, a full
# stop, the 《》 of a plan's title) and braces: each is a value, never a template.
_PLAN, _DOC = "计划“甲”（乙）：{0}。》《", "调度〔2099〕1号（{1}）"
_TASK, _UNIT, _OTHER = "建设”中心（一期）：{0}。", "市（财政）局：{0}", "区“数据”局：{}"
_MILESTONE, _BASIS = "投运”（{0}）：完成", "第5次（调度）会：{0}）"
_MEETING, _AGREED, _PERSON = "调度会（{0}）：一", "事项（{0}）：一", "张（三）"
_DATA = sorted((_PLAN, _DOC, _TASK, _UNIT + "新", _UNIT, _OTHER, _MILESTONE, _BASIS, _MEETING,
                _AGREED, _PERSON), key=len, reverse=True)  # fmt: skip
_TASK_EN, _TASK_ZH = f"task 1 “{_TASK}”", f"任务 1“{_TASK}”"


def _data_steps() -> list[tuple[tuple[str, ...], str, str]]:
    """Commands on a new database, each with the line it prints in English and in Chinese
    ("@milestone": the milestone's id)."""
    plan = ("--plan", _DOC)
    return [
        (("plan", "new", "--title", _PLAN, "--doc-no", _DOC),
         f"Created the plan “{_PLAN}” ({_DOC}). Add tasks with liandong task add.",
         f"已新建计划《{_PLAN}》（{_DOC}）。用 liandong task add 添加任务。"),
        (("task", "add", *plan, "--title", _TASK, "--deadline", "2099-12-31"),
         f"Added {_TASK_EN}.", f"已新增{_TASK_ZH}。"),
        (("task", "edit", *plan, "--task", "1", "--text", "说明", "--basis", _BASIS),
         f"Changed {_TASK_EN}: 1 fields. (basis: {_BASIS})",
         f"已修改{_TASK_ZH}：1 项。（依据：{_BASIS}）"),
        (("assign", *plan, "--task", "1", "--unit", _UNIT, "--role", "牵头", "--new-unit"),
         f"Task 1 “{_TASK}”: added the lead unit {_UNIT}.", f"{_TASK_ZH}：新增牵头单位 {_UNIT}。"),
        (("assign", *plan, "--task", "1", "--unit", _OTHER, "--role", "牵头", "--replace", _UNIT,
          "--new-unit"),
         f"Task 1 “{_TASK}”: lead unit {_UNIT} → {_OTHER}.",
         f"{_TASK_ZH}：牵头单位 {_UNIT} → {_OTHER}。"),
        (("milestone", "add", *plan, "--task", "1", "--title", _MILESTONE, "--due", "2099-03-31"),
         "Added milestone ", "已添加里程碑 "),
        (("extension", "request", "--milestone", "@milestone", "--unit", _OTHER, "--due",
          "2099-05-31", "--reason", "到货（{0}）：慢", "--today", "2099-01-01"),
         "Submitted extension request ", "已提交延期申请 "),
        (("meeting", "new", "--date", "2099-01-05", "--title", _MEETING),
         "Recorded meeting ", "已登记会议 "),
        (("meeting", "item", "add", "2099-01-05", "--title", _AGREED, "--unit", _OTHER,
          "--due", "2099-03-01"),
         f"Recorded agreed item 1: {_AGREED} ({_OTHER}, before 2099-03-01), assigned as Task 1",
         f"已登记议定事项 1：{_AGREED}（{_OTHER}，2099-03-01前），已交办为任务1"),
        (("unit", "contact", _OTHER, "--person", _PERSON, "--phone", "0431-88881234"),
         f"Liaison of {_OTHER}: {_PERSON}, phone 0431-88881234.",
         f"{_OTHER}的联络员：{_PERSON}，电话 0431-88881234。"),
        (("unit", "rename", _OTHER, _UNIT + "新"),
         f"Renamed “{_OTHER}” to “{_UNIT}新” (the old name is kept as an alias).",
         f"已将“{_OTHER}”改名为“{_UNIT}新”（旧名称保留为别名）。"),
    ]  # fmt: skip


def test_lines_keep_data_holding_the_templates_own_literals(tmp_path, capsys) -> None:
    """Titles, unit and person names with the templates' own literals (（ ： ” 。 》) and
    braces are data: each line's template is translated as written, then filled (matching
    the filled line split a title at its first “：”: "Changed task 1 “建设”中心（一期）: {0}。”：1
    fields."). The same commands in Chinese print exactly what they printed before."""
    for lang in ("en", "zh_CN"):
        db = tmp_path / f"{lang}.db"
        for argv, english_line, chinese_line in _data_steps():
            if "@milestone" in argv:
                conn = sqlite3.connect(db)
                (milestone,) = conn.execute("SELECT id FROM milestone").fetchone()
                conn.close()
                argv = tuple(milestone if a == "@milestone" else a for a in argv)
            code, out, err = _cli(capsys, db, "--lang", lang, *argv)
            assert code == 0, (argv, err)
            expected = english_line if lang == "en" else chinese_line
            assert out.startswith(expected), (argv, out)
            if lang == "en":
                left = out
                for value in _DATA:
                    left = left.replace(value, "")
                assert not CJK.search(left), (argv, out)
        code, out, _ = _cli(capsys, db, "--lang", lang, "remind", "--today", "2099-01-05")
        contact = f" (liaison {_PERSON} 0431-88881234): " if lang == "en" else (
            f"（联络员 {_PERSON} 0431-88881234）：")  # fmt: skip
        assert f"\n  {_UNIT}新{contact}" in out, out
