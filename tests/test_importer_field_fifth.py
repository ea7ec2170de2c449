"""Plans met in the fifth field test (branch imp44): layouts the importer refused or
misread, each reduced to the rule it needed."""

from __future__ import annotations

from desktop.importer import parse_text


def _units(plan):
    return [sorted((u.role, u.name) for i in t.items for u in i.units) for t in plan.tasks]


def test_a_paragraph_table_with_a_heading_row_and_a_leader_column():
    # Liaozhong 2024: a web table one cell per paragraph whose first row under the header
    # is a merged heading (一、做大做强主导产业), whose 责任领导 column names people
    # (冯冬昌), and whose first row lacks its empty 责任领导 cell. Refused before.
    cells = [
        "序号", "主要工作举措", "牵头单位", "配合单位", "责任领导",
        "一、做大做强主导产业",
        "1", "加快构建现代化产业体系。", "区农业农村局", "区发展改革局、区工业和信息化局",
        "2", "加快在建项目的建设进度。", "沈阳近海经济区管委会", "自然资源分局、区发展改革局",
        "冯冬昌",
        "二、激发市场主体活力",
        "3", "推动一批项目签约落地。", "区工业和信息化局", "各镇政府(街道办事处)", "冯冬昌",
    ]
    plan = parse_text("2024年政府工作报告主要工作任务分解表\n\n" + "\n\n".join(cells) + "\n")
    assert [t.no for t in plan.tasks] == [1, 2, 3]
    assert _units(plan) == [
        [("lead", "区农业农村局"), ("support", "区发展改革局"), ("support", "区工业和信息化局")],
        [("lead", "沈阳近海经济区管委会"), ("support", "区发展改革局"), ("support", "自然资源分局")],
        [("lead", "区工业和信息化局"), ("support", "各镇政府(街道办事处)")],
    ]
    assert [t.leaders for t in plan.tasks] == [[], ["冯冬昌"], ["冯冬昌"]]
    assert [s.title for s in plan.sections] == ["做大做强主导产业", "激发市场主体活力"]
    assert plan.warnings == []
