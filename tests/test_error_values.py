"""Errors whose values are data (names, titles, file names) keep the template and the
values apart (``UserError(template, *values)``, ``err.text``): in English the template
is looked up as written and the values filled in whole, even when they hold the
template's own literals (“ ” ， 。 ：) or braces; in Chinese the message is as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import Message, NotFound, UserError
from desktop.models import messages

NAME = "区“数据”局，"


def test_an_error_with_values_keeps_them_whole_in_english() -> None:
    hint = Message("您是否要找：{}？", [NAME, "市（财政）局"])
    err = NotFound("找不到单位“{}”（按名称或别名）。{}", NAME + "x", hint)
    chinese = "找不到单位“区“数据”局，x”（按名称或别名）。您是否要找：区“数据”局，、市（财政）局？"
    assert str(err) == err.message == chinese
    assert messages.localize(err.text, "zh_CN") == chinese
    assert messages.localize(err.text, "en") == (
        "Cannot find the unit “区“数据”局，x” (by name or alias)."
        " Did you mean: 区“数据”局，, 市（财政）局?"
    )
    # the filled text, matched against the templates, cannot tell the list's 、 from data
    assert messages.localize(err.message, "en") != messages.localize(err.text, "en")


def test_values_that_are_messages_are_translated_in_their_turn() -> None:
    date = UserError("{}“{}”不是有效日期，请写成 YYYY-MM-DD。", Message("截止日期"), "“{0}”，")
    assert date.message == "截止日期““{0}”，”不是有效日期，请写成 YYYY-MM-DD。"
    wrapped = UserError("{}确认无误请加 --force。", date.text)
    assert messages.localize(wrapped.text, "en") == (
        "Deadline ““{0}”，” is not a valid date; write it as YYYY-MM-DD. If this is correct,"
        " add --force."
    )
    assert wrapped.message == date.message + "确认无误请加 --force。"


def test_a_message_without_values_reads_as_before() -> None:
    """``UserError(text)``: the text as it is (braces of data never formatted), its
    English found by matching; a template missing from the catalog falls back to that."""
    assert UserError("计划不存在{0}。").message == "计划不存在{0}。"
    assert messages.localize(UserError("计划不存在。").text, "en") == "The plan does not exist."
    unknown = UserError("找不到单位“{}”（按名称或别名）。 ", "甲")
    assert messages.localize(unknown.text, "en").startswith("Cannot find the unit “甲”")
    with pytest.raises(TypeError):
        UserError(Message("找不到单位“{}”（按名称或别名）。{}", NAME, ""), NAME)


# Names holding the templates' own literals (“ ” ， 。 ： （ ） 《 》) and braces.
# A name of the form 计划“…” once read as a catalog label and a value ("plan “…”").
_PLAN, _DOC = "计划“甲（乙）：{0}。》”", "调度〔2099〕1号（{1}）"
_TASK, _UNIT = "任务“建设”中心（一期）：{0}。”", "单位“数据”局，{0}：”"
_TASK_EN, _TASK_ZH = f"task 1 “{_TASK}”", f"任务 1“{_TASK}”"


def _cli(capsys, db: Path, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--db", str(db)])
    return code, capsys.readouterr().err


def _error_steps() -> list[tuple[tuple[str, ...], str, str]]:
    """Commands refused on a plan, task and unit with such names: each with its error
    in English and in Chinese."""
    plan, task = ("--plan", _DOC), ("--plan", _DOC, "--task", "1")
    return [
        (("assign", *task, "--unit", _UNIT + "x", "--role", "配合"),
         f"Cannot find the unit “{_UNIT}x” (by name or alias). Did you mean: {_UNIT}? If it"
         " really is a new unit, add --new-unit.",
         f"找不到单位“{_UNIT}x”（按名称或别名）。您是否要找：{_UNIT}？如确是新单位，请加 --new-unit。"),
        (("unit", "rename", "“数据”局，{0}：", "新名"),
         f"Cannot find the unit ““数据”局，{{0}}：” (by name or alias). Did you mean: {_UNIT}?",
         f"找不到单位““数据”局，{{0}}：”（按名称或别名）。您是否要找：{_UNIT}？"),
        (("task", "edit", "--plan", "另一份" + _PLAN, "--task", "1", "--text", "说明"),
         f"Cannot find the plan “另一份{_PLAN}” (by document number or title).",
         f"找不到计划“另一份{_PLAN}”（按发文字号或标题）。"),
        (("task", "edit", *plan, "--task", "9", "--text", "说明"),
         f"The plan “{_PLAN}” has no task 9.", f"计划《{_PLAN}》中没有任务 9。"),
        (("unassign", *task, "--unit", _UNIT), f"{_UNIT} has no role in {_TASK_EN}.", f"{_UNIT}在{_TASK_ZH}中没有分工。"),
        (("unlink", *task), f"T{_TASK_EN[1:]} is not linked to a higher-level task.",
         f"{_TASK_ZH} 没有关联上级任务。"),
        (("plan", "new", "--title", "另一份", "--doc-no", _DOC),
         f"A plan with the document number “{_DOC}” already exists; use another number, or"
         " edit that plan.",
         f"已有发文字号为“{_DOC}”的计划；请换一个文号，或修改那份计划。"),
    ]  # fmt: skip


def test_cli_errors_keep_names_holding_the_templates_own_literals(tmp_path, capsys) -> None:
    """The plan, task and unit names are data: in English each error's template is
    translated as written and filled with them whole, its did-you-mean hint in English
    too; in Chinese each error reads exactly as before."""
    for lang in ("en", "zh_CN"):
        db = tmp_path / f"{lang}.db"
        for argv in (
            ("plan", "new", "--title", _PLAN, "--doc-no", _DOC),
            ("task", "add", "--plan", _DOC, "--title", _TASK, "--deadline", "2099-12-31"),
            ("assign", "--plan", _DOC, "--task", "1", "--unit", _UNIT, "--role", "牵头",
             "--new-unit"),
            ("unassign", "--plan", _DOC, "--task", "1", "--unit", _UNIT),
        ):  # fmt: skip
            assert _cli(capsys, db, *argv)[0] == 0, argv
        for argv, english, chinese in _error_steps():
            code, err = _cli(capsys, db, "--lang", lang, *argv)
            assert code == 2, (argv, err)
            expected = f"Error: {english}" if lang == "en" else f"错误：{chinese}"
            assert err == expected + "\n", (argv, err)


def test_gui_message_boxes_keep_names_holding_the_templates_own_literals(
    qtbot, store, monkeypatch
) -> None:
    """Under the English translator a message box shows the error's template in English
    with the names whole and the hint translated (the filled text read 'plan “…”' for a
    title of the form 计划“…”, the hint stayed Chinese); without it, the Chinese."""
    from PySide6.QtWidgets import QApplication

    from desktop.models import authoring as au
    from desktop.models import coordination_queries as cq
    from desktop.views import app as app_module
    from desktop.views import dialogs, error_dialog

    au.create_plan(store, _PLAN, doc_no=_DOC)
    au.add_unit(store, _UNIT)
    errors = []
    for lookup in (lambda: store.find_unit(_UNIT + "x"), lambda: cq.resolve_task(store.db, 9)):
        with pytest.raises(NotFound) as err:
            lookup()
        errors.append(err.value)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_message", lambda p, kind, text, d="": shown.append((kind, text))
    )
    app = QApplication.instance()
    app_module.install_translator(app, "en")
    try:
        dialogs.show_error(None, errors[0])
        error_dialog.excepthook(NotFound, errors[1], None)  # raised in a slot
    finally:
        for translator in list(app_module._translators):
            app.removeTranslator(translator)
            app_module._translators.remove(translator)
    assert shown == [
        (dialogs.ERROR,
         f"Cannot find the unit “{_UNIT}x” (by name or alias). Did you mean: {_UNIT}?"),
        (dialogs.ERROR, f"The plan “{_PLAN}” has no task 9."),
    ]  # fmt: skip
    dialogs.show_error(None, errors[1])
    assert shown[-1] == (dialogs.ERROR, f"计划《{_PLAN}》中没有任务 9。")


def test_a_did_you_mean_hint_is_joined_by_its_error_not_by_a_stripped_space(
    demo_path: Path, capsys
) -> None:
    """The hint is a sentence of its own ("Did you mean: …?", no trailing space): the
    error's template joins it, and an error without a hint has a template without it;
    sentences joined to a nested message (`{}确认无误请加 --force。`) are spaced too."""
    lead = "Cannot find the unit “{}” (by name or alias)."
    new_unit = "If it really is a new unit, add --new-unit."
    steps = [
        (("unit", "rename", "市政数", "新名"),
         f"{lead.format('市政数')} Did you mean: 市政数局, 榆树市政府, 德惠市政府?",
         "找不到单位“市政数”（按名称或别名）。您是否要找：市政数局、榆树市政府、德惠市政府？"),
        (("unit", "rename", "完全无关", "新名"), lead.format("完全无关"),
         "找不到单位“完全无关”（按名称或别名）。"),
        (("assign", "--task", "1", "--unit", "市政", "--role", "配合"),
         f"{lead.format('市政')} Did you mean: 公主岭市政府, 市政数局, 德惠市政府? {new_unit}",
         "找不到单位“市政”（按名称或别名）。您是否要找：公主岭市政府、市政数局、德惠市政府？"
         "如确是新单位，请加 --new-unit。"),
        (("assign", "--task", "1", "--unit", "完全无关", "--role", "配合"),
         f"{lead.format('完全无关')} {new_unit}",
         "找不到单位“完全无关”（按名称或别名）。如确是新单位，请加 --new-unit。"),
        (("milestone", "add", "--task", "1", "--title", "x", "--due", "2020-01-01"),
         "Deadline 2020-01-01 is earlier than the plan's date 2023-04-06; please confirm"
         " that it is correct. If this is correct, add --force.",
         "截止日期 2020-01-01 早于计划成文日期 2023-04-06，请确认是否无误。确认无误请加 --force。"),
    ]  # fmt: skip
    for argv, english, chinese in steps:
        for lang, expected in (("en", f"Error: {english}"), ("zh_CN", f"错误：{chinese}")):
            code, err = _cli(capsys, demo_path, "--lang", lang, *argv)
            assert (code, err) == (2, expected + "\n"), (argv, lang)


def test_an_errors_english_keeps_its_values_whole_to_the_end() -> None:
    hint = Message("您是否要找：{}？", ["甲局"])
    assert messages.english_message(hint) == "Did you mean: 甲局?"
    # a value is data: a file name's trailing space is kept (the English once lost it)
    err = UserError("文件不存在：{}", "计划.txt ")
    assert messages.localize(err.text, "en") == "The file does not exist: 计划.txt "
    assert messages.localize(err.text, "zh_CN") == "文件不存在：计划.txt "
