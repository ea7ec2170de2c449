"""A task level per part, a tie between a heading's overall lead and its items, and a
task that names people but no unit (branch imp45)."""

from __future__ import annotations

from desktop.importer import parse_text


def units(task) -> list[tuple[str, str]]:
    return [(ref.role, ref.name) for item in task.items for ref in item.units]


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
