"""Plans met in the fourth field test (branch imp42): layouts the importer refused or
misread, each reduced to the rule it needed; and a unit column holding no unit."""

from __future__ import annotations

from desktop.importer import parse_text


def _units(plan):
    return [sorted((u.role, u.name) for i in t.items for u in i.units) for t in plan.tasks]


def test_a_bureau_plan_names_its_sections_under_a_zeren_keshi_label():
    # A city education bureau's 工作要点: (责任科室:组干科、机关党委). Refused before.
    text = (
        "芜湖市教育局2024年工作要点\n"
        "一、加强党对教育工作的全面领导\n"
        "1.加强思想理论武装。深化多形式、分层次、全覆盖的学习培训。(责任科室:组干科、机关党委)\n"
        "2.加强教育系统党的政治建设。抓好成果转化。(牵头科室:办公室;配合科室:宣传科)\n"
    )
    plan = parse_text(text)
    assert _units(plan) == [
        [("responsible", "机关党委"), ("responsible", "组干科")],
        [("lead", "办公室"), ("support", "宣传科")],
    ]
    assert plan.warnings == []


def test_a_table_whose_leader_header_is_fenguan_xian_lingdao_with_spaces():
    # Nanling 2024: a pipe table one cell per line, rows 80 and 81 of the county's list,
    # header cell "分 管 县领导" (people). Refused before: no header was recognised.
    text = (
        "2024年《政府工作报告》重点工作目标任务分解表\n"
        "序号 |\n目标与任务 |\n分 管 县领导 |\n牵头责任单位 |\n责任单位 |\n"
        "80 |\n加大普惠性托育供给,新增托位数400个以上。 |\n俞 悦 |\n县教育局 |\n县各有关单位 |\n"
        "81 |\n保障芜职院现代物流智造学院秋季开学。 |\n陆 明 |\n县教育局 |\n县各有关单位 |\n"
    )
    plan = parse_text(text)
    assert [t.no for t in plan.tasks] == [80, 81]
    assert _units(plan) == [[("lead", "县教育局"), ("responsible", "县各有关单位")]] * 2
    assert plan.tasks[0].leaders == ["俞 悦"]
