"""Every numbering style and attribution wording issue 9 lists, one small document each."""

from __future__ import annotations

import pytest

from desktop.importer import parse_text


def units(plan):
    return [[(u.role, u.name) for i in t.items for u in i.units] for t in plan.tasks]


@pytest.mark.parametrize(
    ("first", "second", "style"),
    [
        ("1.", "2.", "ar"),
        ("1．", "2．", "ar"),
        ("1、", "2、", "ar"),
        ("1 ", "2 ", "ar"),
        ("（1）", "（2）", "par"),
        ("(1)", "(2)", "par"),
        ("①", "②", "circ"),
        ("一是", "二是", "shi"),
        ("（一）", "（二）", "pcn"),
    ],
)
def test_numbering_styles(first, second, style):
    text = (
        f"某区实施方案\n一、重点任务\n{first}扩大有效投资。（区发改局牵头，区财政局配合）\n"
        f"{second}促进消费。（牵头单位：区商务局）\n二、保障措施\n加强组织领导。"
    )
    plan = parse_text(text)
    assert plan.task_style == style
    assert [t.no for t in plan.tasks] == [1, 2]
    assert units(plan) == [
        [("lead", "区发改局"), ("support", "区财政局")],
        [("lead", "区商务局")],
    ]


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [
        ("（牵头责任单位：市商务局；协同责任单位：市财政局）",
         [("lead", "市商务局"), ("support", "市财政局")]),
        ("（主办单位：市商务局；协办单位：市财政局、市税务局）",
         [("lead", "市商务局"), ("support", "市财政局"), ("support", "市税务局")]),
        ("（牵头单位：市商务局  责任单位：各区政府）",
         [("lead", "市商务局"), ("responsible", "各区政府")]),
        ("(牵头单位:市商务局,参与单位:市财政局)", [("lead", "市商务局"), ("support", "市财政局")]),
        ("（责任主体：各县区政府）", [("responsible", "各县区政府")]),
        ("（实施主体：市城投集团）", [("responsible", "市城投集团")]),
        ("（责任领导：张三；牵头单位：区发改局）", [("lead", "区发改局")]),
        ("（市发改委牵头，市工信局、市财政局配合）",
         [("lead", "市发改委"), ("support", "市工信局"), ("support", "市财政局")]),
        ("（市发改委负责）", [("responsible", "市发改委")]),
        ("（市发改委、市工信局、市财政局等负责）",
         [("responsible", "市发改委"), ("responsible", "市工信局"), ("responsible", "市财政局")]),
        ("（市发改委、市工信局牵头负责）", [("lead", "市发改委"), ("lead", "市工信局")]),
        ("（市发改委指导，各区政府负责落实）", [("lead", "市发改委"), ("responsible", "各区政府")]),
        ("（市发改委牵头，市工信局参与）", [("lead", "市发改委"), ("support", "市工信局")]),
        ("（各省级人民政府负责）", [("responsible", "各省级人民政府")]),
        ("（牵头单位：市发改委；配合单位：市财政局等市级相关单位）",
         [("lead", "市发改委"), ("support", "市财政局")]),
        ("（责任单位：市发改委、市财政局等有关部门按职责分工负责）",
         [("responsible", "市发改委"), ("responsible", "市财政局")]),
    ],
)  # fmt: skip
def test_attribution_wordings(attribution, expected):
    plan = parse_text(f"某市方案\n1. 推进工作。{attribution}\n2. 另一项。（市统计局负责）")
    assert units(plan)[0] == expected


def test_people_are_a_task_field_not_units():
    plan = parse_text("某区方案\n1. 推进工作。（责任领导：张三、李四；牵头单位：区发改局）")
    task = plan.tasks[0]
    assert task.leaders == ["张三", "李四"]
    assert [u.name for u in task.items[0].units] == ["区发改局"]
    assert "张三" not in plan.unit_names()


def test_lead_first_applies_forward_only():
    text = (
        "某省方案\n一、甲\n1. 前一项。（省发改委、省财政厅负责）\n"
        "二、乙（列第一位者为牵头单位，下同）\n1. 后一项。（省发改委、省财政厅负责）\n"
        "2. 再一项。（责任单位：省商务厅、省税务局）\n3. 单个单位。（省统计局负责）"
    )
    assert units(parse_text(text)) == [
        [("responsible", "省发改委"), ("responsible", "省财政厅")],
        [("lead", "省发改委"), ("support", "省财政厅")],
        [("lead", "省商务厅"), ("support", "省税务局")],
        [("responsible", "省统计局")],
    ]


def test_several_attributions_in_one_task_are_work_items():
    plan = parse_text(
        "某市方案\n1. 推进数字政府。建设城市大脑（市政数局牵头，市工信局配合）；"
        "推进一网通办（市政务服务中心负责）；完善数据共享（牵头单位：市大数据局）。"
    )
    task = plan.tasks[0]
    assert [item.text for item in task.items] == [
        "推进数字政府。建设城市大脑",
        "；推进一网通办",
        "；完善数据共享",
    ]
    assert units(plan) == [
        [("lead", "市政数局"), ("support", "市工信局"), ("responsible", "市政务服务中心"),
         ("lead", "市大数据局")],
    ]  # fmt: skip


def test_generic_attribution_is_one_unit_with_a_warning():
    plan = parse_text("某市方案\n1. 推进工作。（各地区各部门按职责分工负责）")
    assert units(plan) == [[("responsible", "各地区各部门")]]
    assert any("泛指" in w for w in plan.warnings)


def test_ordinary_parentheses_are_not_attributions():
    plan = parse_text(
        "某市方案\n1. 推进射频识别(RFID)应用（不含试点项目）（含区县）。（市工信局负责）"
    )
    assert units(plan) == [[("responsible", "市工信局")]]


def test_labels_after_a_space_or_a_sentence_on_the_task_line():
    plan = parse_text(
        "某区方案\n1. 改造老旧小区 牵头单位：区住建局 配合单位：区财政局\n"
        "2. 建设公园。责任单位：区城管局。2024年底前完成。"
    )
    assert [t.title for t in plan.tasks] == ["改造老旧小区", "建设公园"]
    assert units(plan) == [
        [("lead", "区住建局"), ("support", "区财政局")],
        [("responsible", "区城管局")],
    ]


def test_unnumbered_paragraphs_with_units_are_tasks():
    plan = parse_text(
        "某市重点工作分工\n"
        "强化企业创新主体地位。（科技部牵头，财政部等按职责分工负责）\n"
        "发挥双创乘数效应。（发展改革委牵头，科技部配合）实施人才引进政策。（外专局负责）\n"
        "深化科技管理体制改革。\n"
        "推进老旧小区改造。\n牵头单位：市住建局\n配合单位：市财政局"
    )
    assert [t.title for t in plan.tasks] == [
        "强化企业创新主体地位",
        "发挥双创乘数效应",
        "推进老旧小区改造",
    ]
    assert units(plan) == [
        [("lead", "科技部"), ("responsible", "财政部")],
        [("lead", "发展改革委"), ("support", "科技部"), ("responsible", "外专局")],
        [("lead", "市住建局"), ("support", "市财政局")],
    ]
    assert len(plan.tasks[1].items) == 2
    assert any("没有编号" in w for w in plan.warnings)


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [
        ("（由市发改委牵头，会同市财政局、市税务局负责）",
         [("lead", "市发改委"), ("responsible", "市财政局"), ("responsible", "市税务局")]),
        ("（主要责任单位：县住建局；其他责任单位：县财政局、各乡镇）",
         [("lead", "县住建局"), ("support", "县财政局"), ("support", "各乡镇")]),
    ],
)  # fmt: skip
def test_more_wordings(attribution, expected):
    plan = parse_text(f"某县方案\n1. 推进工作。{attribution}")
    assert units(plan)[0] == expected
