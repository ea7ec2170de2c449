"""A task level per part, a tie between a heading's overall lead and its items, and a
task that names people but no unit (branch imp45)."""

from __future__ import annotations

from desktop.importer import parse_text
from desktop.models import messages
from tests.helpers.part_levels import TWO_LEVELS


def units(task) -> list[tuple[str, str]]:
    return [(ref.role, ref.name) for item in task.items for ref in item.units]


def test_a_part_whose_units_sit_deeper_takes_that_level():
    plan = parse_text(TWO_LEVELS)
    assert plan.task_style == "pcn"
    assert plan.part_styles == {"二": "ar"}
    assert [(t.key, t.no, t.title) for t in plan.tasks] == [
        ("一/一", 1, "地区生产总值增长7%"),
        ("一/二", 2, "财政收入增长8%"),
        ("一/三", 3, "固定资产投资增长10%"),
        ("一/四", 4, "进出口总额增长5%"),
        ("二/一/1", 1, "抓好省级重点产业项目"),
        ("二/一/2", 2, "重点抓好燃气轮机项目"),
        ("二/二/1", 1, "抓好重大基础设施"),
    ]
    assert units(plan.tasks[4]) == [
        ("lead", "省发改委"),
        ("support", "省工信厅"),
        ("support", "科技厅"),
    ]
    assert units(plan.tasks[5]) == [("responsible", "省工信厅")]
    # part 二's （一）（二） are its sections, under 二
    assert [(s.key, s.level, s.parent_key, s.title) for s in plan.sections] == [
        ("一", 1, None, "主要目标"),
        ("二", 1, None, "推进产业项目建设"),
        ("二/一", 2, "二", "全力推进产业项目建设"),
        ("二/二", 2, "二", "扩大有效投资"),
    ]
    assert (
        plan.warnings[0]
        == "“二、推进产业项目建设”部分的任务按“1.”层级识别（其中的“（一）”条目未标注单位）"
    )
    assert messages.localize(plan.warnings[0], "en") == (
        "The tasks of the part “二、推进产业项目建设” were read at the “1.” level "
        "(its “（一）” entries name no unit)"
    )
    # The part is named by its heading up to its first comma (or 16 characters).
    longer = TWO_LEVELS.replace("二、推进产业项目建设", "二、推进产业项目建设,促进结构优化升级")
    assert parse_text(longer).warnings[0].startswith("“二、推进产业项目建设”部分")
    # Numbers restart per part: the outline positions are unique, the numbers are not.
    assert len({t.key for t in plan.tasks}) == len(plan.tasks)
    assert any("任务编号有重复（1、2）" in w for w in plan.warnings)


def test_a_chosen_level_applies_to_every_part():
    plan = parse_text(TWO_LEVELS, task_style="pcn")
    assert plan.part_styles == {}
    assert [t.key for t in plan.tasks] == ["一/一", "一/二", "一/三", "一/四", "二/一", "二/二"]
    assert units(plan.tasks[4]) == [
        ("lead", "省发改委"),
        ("support", "省工信厅"),
        ("support", "科技厅"),
        ("responsible", "省工信厅"),
    ]
    deeper = parse_text(TWO_LEVELS, task_style="ar")
    assert deeper.part_styles == {}
    assert [t.key for t in deeper.tasks] == ["二/一/1", "二/一/2", "二/二/1"]


def test_parts_that_agree_read_at_one_level():
    # Part 二's （一） carries units (its 1. too): the level is （一） everywhere, 1. a work item.
    agree = TWO_LEVELS.replace(
        "（一）全力推进产业项目建设。", "（一）全力推进产业项目建设。（省发改委负责）"
    )
    plan = parse_text(agree)
    assert plan.part_styles == {}
    assert [t.key for t in plan.tasks] == ["一/一", "一/二", "一/三", "一/四", "二/一", "二/二"]
    # A part whose heading carries units keeps the heading rule (its items take them).
    heading = """某区方案
一、主要目标
（一）甲。（区发改局负责）
（二）乙。（区财政局负责）
二、强化科技创新（区科技局牵头）
（一）建设平台。
1.建设实验室。（区工信局负责）
"""
    assert parse_text(heading).part_styles == {}


def test_a_part_with_a_level_between_keeps_the_document_level():
    # In 第二部分 a level above the tasks' （一） owns units (一、产业（省工信厅牵头）):
    # the part is not switched, whatever its 1. items carry.
    text = """某省方案
第一部分 主要目标
一、总体
（一）甲。（省发改委负责）
（二）乙。（省财政厅负责）
第二部分 重点任务
一、产业（省工信厅牵头）
1.丙。（省商务厅负责）
"""
    plan = parse_text(text)
    assert plan.task_style == "pcn"
    assert plan.part_styles == {}


HEADING_AND_ITEMS = """十大工程推进工作方案
一、千亿斤粮食产能工程
工作要求:加快推进水利化、农机化专项工程建设。
任务分工:某副省长负责,省农委总牵头。
1.水利化工程:新增水田面积100万亩。省水利厅牵头,省发改委、环保厅等单位配合。
2.农机化工程:建设现代农机专业合作社。
"""


def test_a_tie_goes_to_the_items_inside_the_attributed_headings():
    plan = parse_text(HEADING_AND_ITEMS)
    assert [lv[:3] for lv in plan.outline] == [("cn", 1, 1), ("ar", 2, 1)]
    assert plan.task_style == "ar"
    first = plan.tasks[0]
    assert first.key == "一/1" and first.title == "水利化工程:新增水田面积100万亩"
    assert units(first) == [("lead", "省水利厅"), ("support", "省发改委"), ("support", "环保厅")]


def test_a_tie_between_levels_that_do_not_nest_stays_outer():
    text = """某区方案
一、甲事。（区发改局负责）
二、乙事
1.丙事。（区财政局负责）
"""
    plan = parse_text(text)
    assert plan.task_style == "cn"
    assert [t.key for t in plan.tasks] == ["一", "二"]


def test_a_task_naming_only_people_is_warned():
    text = """某省分工方案
一、主要预期目标
1.地区生产总值增长5.5%左右。
牵头领导:王健
牵头单位:省发展改革委
2.社会消费品零售总额增长8%。
牵头领导:靳国
"""
    plan = parse_text(text)
    assert plan.tasks[1].leaders == ["靳国"] and not units(plan.tasks[1])
    assert plan.warnings == ["任务2：只写了领导（靳国），未找到牵头单位或责任单位"]
    assert messages.localize(plan.warnings[0], "en") == (
        "Task 2: only leaders are named (靳国); no lead or responsible unit found"
    )
