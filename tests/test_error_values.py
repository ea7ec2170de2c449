"""Errors whose values are data (names, titles, file names) keep the template and the
values apart (``UserError(template, *values)``, ``err.text``): in English the template
is looked up as written and the values filled in whole, even when they hold the
template's own literals (“ ” ， 。 ：) or braces; in Chinese the message is as before."""

from __future__ import annotations

import pytest

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
        "Deadline ““{0}”，” is not a valid date; write it as YYYY-MM-DD.If this is correct,"
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
