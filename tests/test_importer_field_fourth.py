"""Plans met in the fourth field test (branch imp42): layouts the importer refused or
misread, each reduced to the rule it needed; and a unit column holding no unit."""

from __future__ import annotations

from desktop.importer import parse_text
from desktop.models import messages
from tests.helpers.plans import task_units


def test_a_bureau_plan_names_its_sections_under_a_zeren_keshi_label():
    # A city education bureau's 工作要点: (责任科室:组干科、机关党委). Refused before.
    text = (
        "芜湖市教育局2024年工作要点\n"
        "一、加强党对教育工作的全面领导\n"
        "1.加强思想理论武装。深化多形式、分层次、全覆盖的学习培训。(责任科室:组干科、机关党委)\n"
        "2.加强教育系统党的政治建设。抓好成果转化。(牵头科室:办公室;配合科室:宣传科)\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
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
    assert task_units(plan) == [[("lead", "县教育局"), ("responsible", "县各有关单位")]] * 2
    assert plan.tasks[0].leaders == ["俞 悦"]


def test_a_deadline_after_the_units_of_a_bracket_is_the_deadline_not_a_unit():
    # Xiangxi 2020: （牵头单位:X;责任单位:A、B,C,6月底完成）.
    text = (
        "湘西自治州人民政府\n2020年2月22日\n"
        "一、进一步提升政务服务效能\n"
        "1.加大简政放权力度。承接好省下放行政许可事项。(牵头单位:州行政审批服务局;"
        "责任单位:州司法局、州委编办及州直相关单位,各县市人民政府、湘西经开区管委会,6月底完成)\n"
        "2.推动政务服务导则落实。(牵头单位:州政务服务中心;责任单位:各县市人民政府,年底前完成)\n"
    )
    plan = parse_text(text)
    units = task_units(plan)
    assert ("responsible", "6月底完成") not in units[0]
    assert ("responsible", "湘西经开区管委会") in units[0]
    assert [t.deadline for t in plan.tasks] == ["2020-06-30", "2020-12-31"]
    assert plan.warnings == []


_PROGRESS_TABLE = (
    "2024年重点工作推进情况表\n"
    "序号 | 重点工作 | 牵头单位 | 责任单位 | 完成时限 |\n"
    "1 | 建成县城污水处理厂提标改造工程 | 县住建局 | 已完成 | 2024年6月 |\n"
    "2 | 推进农村公路提质改造120公里 | 县交通运输局 | 正在推进 | 2024年10月 |\n"
    "3 | 新建城区公办幼儿园2所 | 县教育局 | 2024年底 | 2024年12月 |\n"
    "4 | 实施老旧小区改造15个 | 县住建局 | 见附件 | 2024年12月 |\n"
    "5 | 完成高标准农田建设3万亩 | 县农业农村局 | 发改、财政 | 2024年12月 |\n"
)


def test_a_unit_column_cell_that_names_no_unit_is_no_unit_and_is_warned():
    plan = parse_text(_PROGRESS_TABLE)
    assert task_units(plan) == [
        [("lead", "县住建局")],
        [("lead", "县交通运输局")],
        [("lead", "县教育局")],
        [("lead", "县住建局")],
        # Abbreviated offices (发改, 财政) still read as units.
        [("lead", "县农业农村局"), ("responsible", "发改"), ("responsible", "财政")],
    ]
    assert plan.warnings == [
        "任务1：责任单位“已完成”不是单位名称，未作为单位导入",
        "任务2：责任单位“正在推进”不是单位名称，未作为单位导入",
        "任务3：责任单位“2024年底”不是单位名称，未作为单位导入",
        "任务4：责任单位“见附件”不是单位名称，未作为单位导入",
    ]
    assert "已完成" not in plan.unit_names()
    # The cell stays in the task's source text, where the user can see it.
    assert "责任单位：已完成" in plan.tasks[0].text
    assert [t.deadline for t in plan.tasks] == [
        "2024-06-30", "2024-10-31", "2024-12-31", "2024-12-31", "2024-12-31",
    ]  # fmt: skip


def test_the_warning_about_a_cell_that_names_no_unit_reads_in_english():
    plan = parse_text(_PROGRESS_TABLE)
    # (The catalog translates the quoted value too, as in every importer warning.)
    assert messages.localize(plan.warnings[0], "en") == (
        "Task 1: the responsible unit “Done” names no unit and was not imported as one"
    )
    assert messages.localize(plan.warnings[3], "en").endswith(
        "names no unit and was not imported as one"
    )


def test_a_labelled_name_the_unit_pattern_does_not_know_stays_a_unit():
    """Only a name that reads as no unit (a date, a progress word, a reference) is left
    out: a labelled 中国移动, 吉林大学 or 一汽 is a unit as the plan writes it, alone or
    beside others."""
    text = (
        "1.优化口岸营商环境。\n"
        "牵头单位:市商务局\n"
        "协同责任单位:市税务局、滁州海关、市人行、市工商联\n"
        "2.做好宣传。（责任单位：团县委）\n"
        "3.建设5G基站。（责任单位：中国移动、中国联通、中国电信）\n"
        "4.建设汽车产业园。（牵头单位：中国一汽；配合单位：吉林大学、市气象台）\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [
            ("lead", "市商务局"),
            ("support", "市人行"),
            ("support", "市工商联"),
            ("support", "市税务局"),
            ("support", "滁州海关"),
        ],
        [("responsible", "团县委")],
        [("responsible", "中国电信"), ("responsible", "中国移动"), ("responsible", "中国联通")],
        [("lead", "中国一汽"), ("support", "吉林大学"), ("support", "市气象台")],
    ]
    assert not [w for w in plan.warnings if "不是单位名称" in w]
