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
        # Verbs inside a 责任单位 list give the roles (分别牵头: each is a lead).
        ("（责任单位：市人力社保局、市农业农村局分别牵头）",
         [("lead", "市人力社保局"), ("lead", "市农业农村局")]),
        ("（责任单位：县发改局牵头，县财政局配合）", [("lead", "县发改局"), ("support", "县财政局")]),
        ("（责任单位：县扶贫开发办牵头，县民政局、县医疗保障局等有关部门参加，各镇街落实）",
         [("lead", "县扶贫开发办"), ("support", "县民政局"), ("support", "县医疗保障局"),
          ("responsible", "各镇街")]),
        ("（责任单位：县发改局（牵头）、县财政局）",
         [("lead", "县发改局"), ("responsible", "县财政局")]),
        ("（责任单位：县发改局、县财政局按职责分工负责）",
         [("responsible", "县发改局"), ("responsible", "县财政局")]),
        # 部门分工： followed by a verb form.
        ("（部门分工：县发改局牵头，各乡镇、各部门配合。）",
         [("lead", "县发改局"), ("support", "各乡镇"), ("support", "各部门")]),
        ("（自治区水利厅牵头，自治区发展改革委、环保厅及相关盟市配合）",
         [("lead", "自治区水利厅"), ("support", "自治区发展改革委"), ("support", "环保厅"),
          ("support", "相关盟市")]),
    ],
)  # fmt: skip
def test_more_wordings(attribution, expected):
    plan = parse_text(f"某县方案\n1. 推进工作。{attribution}")
    assert units(plan)[0] == expected


def test_division_label_lines_with_a_leader_line():
    plan = parse_text(
        "某省重点任务分工方案\n一、主要预期目标\n1.地区生产总值增长6%以上。\n"
        "分管省领导:林克庆\n部门分工:省发展改革委牵头,各地、各部门配合。\n"
        "2.进出口实现正增长。\n分管省领导:张新\n部门分工:省商务厅牵头,海关总署广东分署配合。\n"
    )
    assert units(plan) == [
        [("lead", "省发展改革委"), ("support", "各地"), ("support", "各部门")],
        [("lead", "省商务厅"), ("support", "海关总署广东分署")],
    ]
    assert [t.leaders for t in plan.tasks] == [["林克庆"], ["张新"]]


def test_lead_first_note_inside_the_list_and_leads_named_by_verb():
    plan = parse_text(
        "某市重点工作责任分解\n1.固定资产投资增长10%。\n"
        "责任单位:市发改委、市经信局、市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)\n"
        "2.城乡居民收入增速保持全省领先。\n责任单位:市人力社保局、市农业农村局分别牵头\n"
        "3.招商引资。\n责任单位:市双招双引办、市发改委,各县(市、区)政府\n"
    )
    assert units(plan) == [
        [("lead", "市发改委"), ("support", "市经信局"), ("support", "市卫生健康委")],
        [("lead", "市人力社保局"), ("lead", "市农业农村局")],
        [("lead", "市双招双引办"), ("support", "市发改委"), ("support", "各县(市、区)政府")],
    ]


SECTION_UNITS = """某区推动经济高质量发展若干政策举措
一、强化科技创新（区科技局牵头）
2025年，力争全社会研发投入强度达到2.95%。
（一）加强科创平台效能建设。加快建设研究院。
（二）支持企业加大研发投入。对研发投入给予奖励。
二、扩大有效投资（区发改局牵头，区财政局配合）
（一）推进重大项目建设。
三、优化营商环境（牵头单位：区政务服务中心）（配合单位：区市场监管局）
（一）深化“一网通办”改革。
"""


def test_units_on_a_section_heading_go_to_every_item_under_it():
    plan = parse_text(SECTION_UNITS)
    assert [(t.key, t.title) for t in plan.tasks] == [
        ("一/一", "加强科创平台效能建设"),
        ("一/二", "支持企业加大研发投入"),
        ("二/一", "推进重大项目建设"),
        ("三/一", "深化“一网通办”改革"),
    ]
    assert units(plan) == [
        [("lead", "区科技局")],
        [("lead", "区科技局")],
        [("lead", "区发改局"), ("support", "区财政局")],
        [("lead", "区政务服务中心"), ("support", "区市场监管局")],
    ]
    assert len(plan.tasks[3].items) == 1
    assert [(s.key, s.title) for s in plan.sections] == [
        ("一", "强化科技创新"),
        ("二", "扩大有效投资"),
        ("三", "优化营商环境"),
    ]
    assert plan.tasks[1].items[0].text == "支持企业加大研发投入。对研发投入给予奖励。"
    assert [(g.metric, g.value) for g in plan.goals] == [("全社会研发投入强度", 2.95)]
    # The level in use is the items'; forcing the headings' level keeps the headings as
    # tasks, and forcing the items' level again gives the same tasks as at first.
    assert plan.task_style == "pcn"
    forced = parse_text(SECTION_UNITS, task_style="cn")
    assert [t.key for t in forced.tasks] == ["一", "二", "三"]
    again = parse_text(SECTION_UNITS, task_style="pcn")
    assert [t.key for t in again.tasks] == [t.key for t in plan.tasks]
    assert units(again) == units(plan)


def test_heading_made_of_units_and_a_verb():
    plan = parse_text(
        "县政府工作报告任务清单\n一、县示范区管委会牵头工作(2项)\n1.建设养殖基地。\n2.打造生产基地。\n"
        "二、县发改局、县财政局负责事项（1项）\n1.推进项目建设。\n"
    )
    assert [t.key for t in plan.tasks] == ["一/1", "一/2", "二/1"]
    assert plan.task_style == "ar"
    assert [t.key for t in parse_text(plan.source_text, task_style="ar").tasks] == [
        "一/1",
        "一/2",
        "二/1",
    ]
    assert units(plan) == [
        [("lead", "县示范区管委会")],
        [("lead", "县示范区管委会")],
        [("responsible", "县发改局"), ("responsible", "县财政局")],
    ]


def test_a_task_whose_first_line_is_prose_keeps_its_sub_items():
    plan = parse_text(
        "某市方案\n一、推进数字政府建设。统筹推进各项工作。（市政数局牵头）\n"
        "（一）建设平台。\n（二）完善网络。\n"
    )
    assert [t.key for t in plan.tasks] == ["一"]
    assert units(plan) == [[("lead", "市政数局")]]


def test_a_section_heading_with_units_among_sections_whose_items_have_their_own():
    plan = parse_text(
        "某区政策举措\n一、强化科技创新（区科技局牵头）\n（一）加强平台建设。\n（二）支持企业研发。\n"
        "二、扩大有效投资\n（一）推进重大项目。（区发改局负责）\n（二）加强要素保障。（区财政局负责）\n"
    )
    assert [t.key for t in plan.tasks] == ["一/一", "一/二", "二/一", "二/二"]
    assert units(plan) == [
        [("lead", "区科技局")],
        [("lead", "区科技局")],
        [("responsible", "区发改局")],
        [("responsible", "区财政局")],
    ]
    assert plan.tasks[1].text == "（二）支持企业研发。"


def test_posts_before_a_verb_are_leaders_not_units():
    # 湖南省人民政府关于落实《政府工作报告》重点工作部门分工的意见 (湘政发〔2019〕1号).
    plan = parse_text(
        "某省重点工作部门分工的意见\n一、主要预期目标\n"
        "（一）经济增长7.5%—8%。（分管副省长、协管副秘书长负责，省发展改革委牵头，"
        "省工业和信息化厅、省统计局配合）\n"
        "（二）加快产业项目建设。（分管副省长负责，省发展改革委牵头，省财政厅配合）\n"
    )
    assert units(plan) == [
        [("lead", "省发展改革委"), ("support", "省工业和信息化厅"), ("support", "省统计局")],
        [("lead", "省发展改革委"), ("support", "省财政厅")],
    ]
    assert [t.leaders for t in plan.tasks] == [["分管副省长", "协管副秘书长"], ["分管副省长"]]
    # Posts alone are no attribution.
    assert (
        parse_text("某方案\n1. 推进工作。（分管副县长负责）\n2. 另一项。（县统计局负责）")
        .tasks[0]
        .items
        == []
    )
