"""Importer field test, sixth round (branch imp46): rules found on real plans never seen."""

from __future__ import annotations

from desktop.importer import parse_text
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
