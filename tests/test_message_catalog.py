"""The domain message catalog: every message of the models has English, and ``--lang en``
shows it (a real CLI process; a real dialog under the English translator)."""

from __future__ import annotations

import logging
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, strategies

from desktop.models import messages
from desktop.models.message_catalog import ENGLISH
from desktop.models.progress import TARGET_STATE_LABELS
from sync import records
from sync.fields import printable
from tests.helpers.coordination import SEED, load_demo, task
from tests.helpers.message_sources import scan, structure

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff]")

# Message arguments the scan cannot read as text, each checked another way: the
# function's own returns are scanned (``*_message``), the cells' ``Problem(…)`` are
# scanned where they are built, a server's reply is the server's text, error classes
# pass their callers' messages on, and a refused record's message is put together
# from catalogued parts (``records.Problem.about``, ``describe_record``).
UNRESOLVED_OK = {
    ("desktop/errors.py", "message"),
    ("sync/errors.py", "str(text)"),  # UserError: its Message filled
    ("desktop/importer/formats.py", "message"),
    ("desktop/models/coordination_common.py", "message"),
    ("desktop/models/transactions.py", "problem.about("),
    ("desktop/commands/safety.py", "backup.damaged_message(path)"),
    ("desktop/commands/sync.py", "str(exc)"),
    ("desktop/ledger/fill_import.py", "problems"),
    ("desktop/ledger/fill_import.py", "[Problem('A1', f"),
    ("desktop/ledger/fill_batch.py", "err.message"),  # a sheet's own UserError, passed on
    ("desktop/ledger/fill_batch.py", "refused"),  # the sheets' Problems, scanned where built
    # The command line: ``say`` and its help formatter pass on what they are given; the
    # status model's labels and the lead warnings are scanned where they are built.
    ("desktop/commands/support.py", "text"),
    ("desktop/cli.py", "report_unexpected(exc)"),  # desktop.logging_setup's message
    ("desktop/commands/support.py", "message"),
    ("desktop/commands/support.py", "heading"),
    ("desktop/commands/support.py", "action."),
    ("desktop/commands/support.py", "label"),
    ("desktop/commands/coordination_run.py", "co.TARGET_STATE_LABELS[state]"),
    ("desktop/commands/coordination_run.py", "report_queries.contested_note(r)"),
    ("desktop/commands/coordination_run.py", "w['problem']"),
    ("desktop/commands/plan.py", "label"),  # _JSON_RECORDS: labels of records (sync.records)
    # labels of the 督办 models (tests/test_cli_english.py checks their English)
    ("desktop/commands/duban.py", "str(values[1])"),
    ("desktop/commands/duban.py", "dq."),
    ("desktop/commands/duban.py", "label"),
    ("desktop/commands/duban.py", "heading"),
    ("desktop/commands/duban.py", "change['what']"),
    ("desktop/commands/authoring.py", "label"),
    ("desktop/commands/authoring.py", "ROLE_LABELS[role]"),
    ("desktop/commands/authoring.py", "w['problem']"),
    ("desktop/commands/authoring.py", "problem"),
    ("desktop/commands/sync.py", "ROLE_NAMES.get("),  # sync.server.cli's labels
    # (its own lines: test_server_command_labels_have_english)
    ("sync/server/cli.py", "ROLE_NAMES.get("),
    ("sync/server/cli.py", "STATUS_NAMES.get("),
    ("desktop/commands/sync.py", "kinds[c['kind']]"),
    ("desktop/commands/sync.py", "engine.tokens.warning"),  # sync.client's warning
    ("desktop/commands/sync.py", "label"),
    ("desktop/commands/remarks.py", "c.about"),  # built in SQL (remarks.task_comments)
    ("desktop/commands/meetings.py", "item."),  # labels of desktop.models.meetings
    ("desktop/commands/meetings.py", "now.label"),
    ("desktop/commands/meetings.py", "label"),
    ("desktop/commands/meetings.py", "ref"),
    ("desktop/commands/meetings.py", "KIND_LABELS[args.kind]"),
    ("desktop/commands/briefing.py", "KIND_LABELS[args.kind]"),  # desktop.briefing's labels
    ("desktop/commands/briefing.py", "role"),
    ("desktop/commands/briefing.py", "where"),
}


def _placeholders(template: str) -> int:
    return sum(1 for _lit, field, _s, _c in string.Formatter().parse(template) if field is not None)


@pytest.mark.xdist_group("message_scan")
def test_every_domain_message_has_english() -> None:
    found, _ = scan()
    assert len(found) > 300  # the scan reads the source (not an empty pass)
    missing = sorted(
        {f"{m.path}:{m.line}: {m.template}" for m in found if structure(m.template) not in ENGLISH}
    )
    assert not missing, (
        "add the English of these messages to desktop/models/message_catalog.py:\n"
        + ("\n".join(missing))
    )


@pytest.mark.xdist_group("message_scan")
def test_templates_said_with_their_values_are_catalog_keys_as_written() -> None:
    """``say(template, *values)``, ``UserError(template, *values)`` and ``Message(template,
    *values)`` look their template up as written: one written otherwise than its catalog
    key ("{0}", a changed space) would print Chinese under ``--lang en``."""
    found, _ = scan()
    written = [m for m in found if m.as_written]
    assert len(written) > 150  # the command lines' templates (desktop and server)
    templates = {m.template for m in written}
    assert "找不到单位“{}”（按名称或别名）。{}" in templates  # errors' templates too
    assert "您是否要找：{}？" in templates  # and a Message's
    missing = sorted(
        {f"{m.path}:{m.line}: {m.template}" for m in written if m.template not in ENGLISH}
    )
    assert not missing, "write these templates as their catalog keys:\n" + "\n".join(missing)


@pytest.mark.xdist_group("message_scan")
def test_messages_the_scan_cannot_read_are_known() -> None:
    _, unresolved = scan()
    unknown = [
        u
        for u in unresolved
        if not any(u.path == path and u.source.startswith(src) for path, src in UNRESOLVED_OK)
    ]
    assert not unknown, "pass a literal or an f-string (or a *_message function):\n" + "\n".join(
        f"{u.path}:{u.line}: {u.source}" for u in unknown
    )


def test_english_takes_the_same_values() -> None:
    bad = []
    for chinese, english in ENGLISH.items():
        count = _placeholders(chinese)
        values = [f"<v{i}>" for i in range(count)]
        try:
            text = english.format(*values)
        except (IndexError, ValueError, KeyError) as exc:
            bad.append(f"{chinese!r}: {exc}")
            continue
        if any(v not in text for v in values):
            bad.append(f"{chinese!r}: a value is dropped")
        own = english.format(*[""] * count)  # Chinese only where it quotes what to type
        if len(CJK.findall(own)) > len(re.findall(r"[A-Za-z]", own)) / 4:
            bad.append(f"{chinese!r}: the English is not English")
    assert not bad, "\n".join(bad)


def test_each_template_matches_its_own_messages() -> None:
    """Filled with values, a template's message comes back as its own English (the
    most specific template wins; no other one swallows it)."""
    wrong = []
    for chinese, english in ENGLISH.items():
        count = _placeholders(chinese)
        literal = chinese.replace("{{", "").replace("}}", "").replace("{}", "")
        if not CJK.search(literal):
            continue  # "{}：{}" counts only through a translated value
        values = [f"Q{i}x" for i in range(count)]
        message = chinese.format(*values)
        expected = english.format(*values)
        expected = expected[:1].upper() + expected[1:]  # a message starts a sentence
        if messages.localize(message, "en") != expected:
            wrong.append(f"{message!r} → {messages.localize(message, 'en')!r}")
    assert not wrong, "\n".join(wrong)


def test_labels_of_records_and_statuses_have_english() -> None:
    labels = {t.label for t in records.TABLES.values()}
    labels |= {c.label for t in records.TABLES.values() for c in t.columns.values()}
    labels |= set(messages.STATUS_LABELS.values()) | set(messages.COLOUR_LABELS.values())
    labels |= set(TARGET_STATE_LABELS.values())
    labels.add(messages.UNKNOWN_UNIT)
    assert sorted(label for label in labels if label not in ENGLISH) == []
    assert messages.status_label("awaiting_signoff") == "待销号"
    assert messages.status_label("awaiting_signoff", "en") == "Awaiting closing"
    assert messages.colour_label("yellow", "en") == "Behind schedule"


def test_duban_states_cycles_windows_and_task_labels_have_english() -> None:
    """What the task panel's 督办 tab and the 催报 lists show: each in English."""
    from datetime import date

    from desktop.models import duban_queries as dq
    from desktop.models import round_queries
    from desktop.models.duban import CYCLE_LABELS

    states = [*dq.SIGNOFF_STATE_LABELS.values(), *dq.EXTENSION_STATE_LABELS.values()]
    for label in [*states, *CYCLE_LABELS.values()]:
        assert not CJK.search(messages.localize(label, "en")), label
    assert messages.localize(dq.SIGNOFF_STATE_LABELS["pending"], "en") == "Awaiting review"
    cycle = dq.cycle_text("quarter", 10, None)
    assert messages.localize(cycle, "en") == "Quarterly, before day 10 of the quarter's last month"
    assert messages.localize(dq.cycle_text("week", 5, None), "en") == "Weekly, before Friday"

    def window(every: str) -> str:
        return round_queries.cycle_window(every, None, "2026-12-31", date(2026, 11, 18)).label

    assert window("quarter") == "2026年第4季度"
    assert messages.window_label(window("quarter"), "en") == "Q4 2026"
    assert messages.window_label(window("week"), "en") == "2026-11-16 to 2026-11-22"
    assert messages.window_label(window("once"), "en") == "once (before 2026-12-31)"
    assert messages.window_label(window("month"), "en") == "2026-11"
    assert messages.window_label(window("quarter"), "zh_CN") == "2026年第4季度"

    assert messages.node_label("任务5", "en") == "Task 5"
    assert messages.node_label("任务14-2“数字乡村”", "en") == "Task 14-2 “数字乡村”"
    label = "长府办发〔2024〕5号 任务5“算力中心” → 任务27"
    assert messages.node_label(label, "en") == "长府办发〔2024〕5号 Task 5 “算力中心” → Task 27"
    assert messages.node_label(label, "zh_CN") == label
    # the dependency dialog's choices: a title or a date after a space
    assert messages.node_label("  任务5-1 推进算力中心建设", "en") == "  Task 5-1 推进算力中心建设"
    assert messages.node_label("  任务5“投运” 2026-03-31", "en") == "  Task 5 “投运” 2026-03-31"
    assert messages.node_label("（已删除）", "en") == "(deleted)"


def test_composite_message_is_translated_part_by_part() -> None:
    """A refused record: the record, the field's label and the problem are each catalogued."""
    problem = records.check_fields("milestone", {"due": "2024-02-30"}, insert=False)
    assert problem is not None
    text = problem.about(records.describe_record("milestone", "abc", {"title": "算力中心投运"}))
    english = messages.localize(text, "en")
    assert english == (
        "The “deadline” of milestone “算力中心投运” (id abc) “2024-02-30” is not a valid date"
        " (no such day in the calendar)."
    ), english
    assert printable("算力中心投运") in english  # values are kept as they were


def test_several_lines_are_translated_line_by_line() -> None:
    text = "任务5：未找到牵头单位或责任单位\n任务编号有重复（1、2），各部分可能分别编号，请核对"
    assert messages.localize(text, "en") == (
        "Task 5: no lead or responsible unit found\n"
        "Task numbers repeat (1、2); the parts may be numbered separately, please check"
    )


def test_unknown_message_stays_chinese_and_is_logged_once(caplog) -> None:
    text = "一条目录里没有的消息（测试）"
    with caplog.at_level(logging.INFO, logger="desktop.models.messages"):
        assert messages.localize(text, "en") == text
        assert messages.localize(text, "en") == text
    assert [r.getMessage() for r in caplog.records].count(
        f"no English for domain message: {text}"
    ) == 1
    assert messages.localize("计划不存在。", "zh_CN") == "计划不存在。"
    assert messages.localize("计划不存在。", None) == "计划不存在。"


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_cli_prints_domain_errors_in_english_with_lang_en(tmp_path) -> None:
    db = str(tmp_path / "x.db")
    assert _cli("--db", db, "import", str(SEED)).returncode == 0
    bad = ("milestone", "add", "--task", "5", "--title", "投运", "--due", "2024-02-30")
    english = _cli("--lang", "en", "--db", db, *bad)
    assert english.returncode == 2, english.stderr
    assert english.stderr.strip() == (
        "Error: Deadline “2024-02-30” is not a valid date; write it as YYYY-MM-DD."
    ), english.stderr
    chinese = _cli("--db", db, *bad)
    assert chinese.returncode == 2
    assert chinese.stderr.strip() == "错误：截止日期“2024-02-30”不是有效日期，请写成 YYYY-MM-DD。"
    missing = _cli(
        "--lang=en",
        "--db",
        db,
        "milestone",
        "add",
        "--task",
        "999",
        "--title",
        "x",
        "--due",
        "2024-06-30",
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith("Error: The plan “") and "has no task 999." in missing.stderr
    assert not CJK.search(missing.stderr.replace("长府办发〔2023〕17号", "").split("“")[0])


def test_gui_shows_domain_errors_in_english_under_the_english_translator(
    qtbot, store, monkeypatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.models import coordination as co
    from desktop.models.qt.domain_text import language
    from desktop.views import app as app_module
    from desktop.views import dialogs
    from desktop.views.coordination.milestone_dialog import MilestoneDialog
    from desktop.views.coordination.undo import CoordinationActions

    load_demo(store)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_message", lambda p, kind, text, d="": shown.append((kind, text))
    )
    app = QApplication.instance()
    assert language() == "zh_CN"
    app_module.install_translator(app, "en")
    try:
        assert language() == "en"
        dialog = MilestoneDialog(CoordinationActions(store), task(store, 5))
        qtbot.addWidget(dialog)
        dialog.title_edit.setText("   ")
        dialog.ok_button().click()
        assert dialog.error_label.text() == "The milestone name cannot be empty."
        with pytest.raises(co.UserError) as err:
            co.add_milestone(store, task(store, 5), "投运", "2024-02-30")
        dialogs.show_error(dialog, err.value)
        assert shown == [
            (dialogs.ERROR, "Deadline “2024-02-30” is not a valid date; write it as YYYY-MM-DD.")
        ]
    finally:
        for translator in list(app_module._translators):
            app.removeTranslator(translator)
            app_module._translators.remove(translator)
    assert language() == "zh_CN"
    dialogs.show_error(None, err.value)
    assert CJK.search(shown[-1][1])  # Chinese again without the translator


def test_server_refusals_read_in_english_in_the_rejected_list(qtbot) -> None:
    """The reason a server gives for refusing a change is a domain message too."""
    from PySide6.QtWidgets import QApplication

    from desktop.models.qt.sync_models import RejectedModel
    from desktop.views import app as app_module

    model = RejectedModel()
    reason = "本单位（市发改委）未承担该任务，无权修改。"
    row = {"tbl": "milestone", "label": "任务5", "kind": "update", "fields": "", "reason": reason}
    model.set_rows([{**row, "created_at": "2024-06-01T08:00:00+00:00"}])
    assert model.index(0, 4).data() == reason
    app = QApplication.instance()
    app_module.install_translator(app, "en")
    try:
        assert model.index(0, 4).data() == (
            "Your unit (市发改委) has no part in this task, so you may not change it."
        )
    finally:
        for translator in list(app_module._translators):
            app.removeTranslator(translator)
            app_module._translators.remove(translator)


def test_status_labels_read_the_same_in_the_gui_and_the_catalog() -> None:
    """The GUI labels status codes through Qt (context ``Status`` of the .ts file), the CLI
    and the domain messages through the catalog: the same Chinese reads the same in English."""
    import xml.etree.ElementTree as ET

    root = ET.parse(ROOT / "assets" / "translations" / "liandong_en.ts").getroot()
    gui = {
        message.findtext("source"): message.findtext("translation")
        for context in root
        if context.findtext("name") == "Status"
        for message in context.findall("message")
    }
    for chinese in [*messages.STATUS_LABELS.values(), *TARGET_STATE_LABELS.values()]:
        assert gui[chinese] == ENGLISH[chinese], chinese


def test_the_scan_finds_a_new_message_in_every_form(tmp_path) -> None:
    """A message added as a literal, an f-string, a constant, a local variable or a
    concatenation is found (so the catalog test fails until it has English)."""
    (tmp_path / "desktop").mkdir()
    (tmp_path / "sync").mkdir()
    (tmp_path / "desktop" / "new.py").write_text(
        "from desktop.errors import UserError\n"
        "MSG = '新常量消息。'\n"
        "class Refused(UserError):\n    pass\n"
        "def f(n, err):\n"
        "    raise UserError(f'新消息{n}条。')\n"
        "def g(n):\n"
        "    text = '新局部消息' + str(n)\n"
        "    raise Refused(text)\n"
        "def h():\n"
        "    raise UserError(MSG)\n"
        "def i(name, err):\n"
        "    hint = Message('新提示：{}？', [name])\n"
        "    raise Refused('找不到新单位“{}”。{}', name, hint)\n"
        "def j(err):\n"
        "    raise UserError('{}新确认。', err.text)\n"
        "def k(err):\n"
        "    raise UserError(Message('新单项{{}}：{}', 1))\n",
        encoding="utf-8",
    )
    found, unresolved = scan(tmp_path)
    assert sorted((structure(m.template), m.as_written) for m in found) == [
        ("{}新确认。", True),
        ("找不到新单位“{}”。{}", True),
        ("新单项{{}}：{}", True),  # as written: the braces of the text stay doubled
        ("新局部消息{}", False),
        ("新常量消息。", False),
        ("新提示：{}？", True),
        ("新消息{}条。", False),
    ]
    assert unresolved == []
    assert not any(structure(m.template) in ENGLISH for m in found)


def test_a_refused_fill_in_sheet_reads_in_english() -> None:
    """A message of several lines built from catalogued parts (SheetRefused)."""
    from desktop.ledger.fill_import import Problem, SheetRefused

    problems = [Problem("H7", "完成百分比应在 0 到 100 之间（现为 120）。")] * 201
    english = messages.localize(SheetRefused(problems, "填报表.xlsx").message, "en")
    lines = english.split("\n")
    assert lines[0] == "The fill-in sheet 填报表.xlsx has 201 problems; nothing was imported:"
    assert lines[1] == "  H7: The percent complete must be between 0 and 100 (it is 120)."
    assert lines[-1] == "  … and 1 more"


def test_templates_tried_by_first_character_give_what_every_template_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A text is matched only against the templates that can start like it
    (``messages._candidates``): every catalog message, filled with values that are
    themselves messages or data, and lines led by a value, reads as with every template
    tried in order."""
    texts = []
    for chinese in ENGLISH:
        count = _placeholders(chinese)
        for values in (["Q1x"] * count, ["逾期", *["节点3"] * (count - 1)] if count else []):
            texts.append(chinese.format(*values))
    texts += [
        "  s-1  长府办发〔2023〕17号 任务5  节点5  截止 2026-05-14",
        "数字科技公司1：逾期",
        "",
    ]
    filtered = [messages._english(text) for text in texts]
    messages._english.cache_clear()
    monkeypatch.setattr(messages, "_candidates", lambda first: messages._templates()[1])
    try:
        assert [messages._english(text) for text in texts] == filtered
    finally:
        messages._english.cache_clear()


def _backtracking_pattern(parts: list[str]) -> str:
    """A template's pattern as it was: every value lazy, each end tried again at every
    later place when what follows fails (exponential in the values on some lines)."""
    return re.escape(parts[0]) + "".join(f"(.*?){re.escape(part)}" for part in parts[1:])


_PIECES = strategies.text(alphabet="ab：", max_size=3)


@given(
    parts=strategies.lists(_PIECES, min_size=1, max_size=6),
    text=strategies.text(alphabet="ab：\n", max_size=12),
)
@example(parts=["", "：", ""], text="a：b：")  # a value holding the literal after it
@example(parts=["", "", "："], text="ab：")  # two values side by side
@example(parts=["a", "ab", "ba"], text="aaba")  # the last literal overlapping a middle one
def test_a_value_ends_where_the_backtracking_pattern_ends_it(parts: list[str], text: str) -> None:
    """Each value ending at the first place its next literal follows (``_pattern_of``:
    an atomic group, linear in the text) gives what trying every end gave: whether a
    template matches and every value."""
    for flags in (0, re.DOTALL):
        found = re.fullmatch(re.compile(messages._pattern_of(parts), flags), text)
        expected = re.fullmatch(re.compile(_backtracking_pattern(parts), flags), text)
        assert (found and found.groups()) == (expected and expected.groups())


def test_a_long_line_repeating_a_templates_literals_stays_chinese() -> None:
    """A line that repeats the literals of a six-value template but never ends like it
    matches nothing (trying every value's end at every later place took 15 s at 1,321
    characters); the line as it is, its English None."""
    line = "  甲 乙 填报表已导入：新增填报 1 条，更正 2 条，未变 3 条，未填写 4 " * 40
    assert messages._english(line) is None
    assert messages.english_of(line) is None


def test_server_command_labels_have_english() -> None:
    """The roles and audit statuses the server's commands put in their lines."""
    from sync.server.cli import ROLE_NAMES, STATUS_NAMES

    for label in [*ROLE_NAMES.values(), *STATUS_NAMES.values()]:
        assert label in ENGLISH, label
