"""Importer field test, sixth round (branch imp46): rules found on real plans never seen."""

from __future__ import annotations

from desktop.importer import parse_text
from desktop.importer.units import split_units
from tests.helpers.plans import task_units


def test_a_zong_qiantou_danwei_label_in_a_heading_bracket():
    # Mulan 2019: (一)构建法治环境保障体系(总牵头单位:县委依法治县委员会办公室) was no
    # attribution (the label must start the bracket), so the plan was refused.
    text = (
        "二、任务分工\n"
        "(一)构建法治环境保障体系(总牵头单位:县委依法治县委员会办公室)\n"
        "1.各级领导干部要切实增强法治、规则、契约意识。\n"
        "2.健全依法决策机制。\n"
        "(二)构建政务服务体系(总牵头单位:县营商局;配合单位:县政务服务中心)\n"
        "1.推行一窗受理。\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [("lead", "县委依法治县委员会办公室")],
        [("lead", "县委依法治县委员会办公室")],
        [("lead", "县营商局"), ("support", "县政务服务中心")],
    ]


def test_units_in_a_table_cell_separated_by_a_space():
    # Jishui: 责任单位 cells `县教体局 各相关乡镇政府` were one unit of that name.
    text = (
        "序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |\n"
        "1 | 完成吉水二中迁建项目。 | 毛晓青 | 县教体局 各相关乡镇政府 | 已完成。 |\n"
        "2 | 完成县妇幼保健院主体工程建设。 | 毛晓青 | 县卫健委　县财政局 | 已封顶。 |\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [("responsible", "县教体局"), ("responsible", "各相关乡镇政府")],
        [("responsible", "县卫健委"), ("responsible", "县财政局")],
    ]
    assert plan.tasks[0].leaders == ["毛晓青"]


def test_a_spaced_name_that_is_one_unit_stays_whole():
    # Each part but the last must end like an office, and every part read as a unit.
    assert split_units("沈阳近海经济区 管委会") == ["沈阳近海经济区 管委会"]
    assert split_units("市发改委 按职责") == ["市发改委 按职责"]
    assert split_units("区 发改局") == ["区 发改局"]
    assert split_units("市发改委 市财政局、市商务局") == ["市发改委", "市财政局", "市商务局"]
