"""Tables with a two-row header copied as ``a | b |`` rows (branch imp43): a header cell
spanning sub-columns named on a second row (Daye 2024's 资金来源 over four funds), a
table's totals row, and a notice's contact lines above the table."""

from __future__ import annotations

from desktop.importer import parse_text
from tests.helpers.plans import task_units


def test_a_fund_source_cell_over_four_funds_is_expanded_over_its_sub_columns():
    # Daye 2024: 资金来源 (role-less) spans four fund columns named on the second row, so
    # each data row is three cells wider than the first header row; read as it is,
    # 责任单位 took the 实施期限 cell and 责任人 the 预期绩效目标.
    text = (
        "项目计划安排表\n"
        "单位:万元 | ||||||||||||\n"
        "序号 | 乡镇 | 项目名称 | 建设内容 | 计划投入资金 | 资金来源 | 实施期限 | 预期绩效目标"
        " | 责任单位 | 责任人 | 备注 | |||\n"
        "中央衔接资金 | 省级衔接资金 | 省级财政资金 | 其他 资金 | ||||||||||\n"
        "1 | 大箕铺镇 | 果蔬特色产业强链示范项目 | 蔬菜加工厂房建设。 | 3069.7 | 0 | 1000 | 500"
        " | 1569.7 | 2024年6月到12月 | 建设180亩果蔬生产基地,带动就业。 | 大箕铺镇政府 | 张世磊 |\n"
        "2 | 金湖街道 | 茶叶加工提升项目 | 新建茶叶加工车间。 | 200 | 0 | 200 | 0 | 0"
        " | 2024年7月到12月 | 带动农户增收。 | 金湖街道办事处 | 李明 | 续建 |\n"
    )
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == ["果蔬特色产业强链示范项目", "茶叶加工提升项目"]
    assert task_units(plan) == [
        [("responsible", "大箕铺镇政府")],
        [("responsible", "金湖街道办事处")],
    ]
    assert [t.leaders for t in plan.tasks] == [["张世磊"], ["李明"]]
    assert plan.warnings == []


def test_a_deadline_split_into_start_and_end_is_the_end():
    # 完成时限 over 开始 | 结束: the end is the deadline, 责任单位 the unit after it.
    text = (
        "序号 | 重点任务 | 完成时限 | 责任单位 |\n"
        "开始 | 结束 |\n"
        "1 | 新建城市公园5个。 | 2024年3月 | 2024年12月 | 市住建局 |\n"
        "2 | 改造老旧小区20个。 | 2024年1月 | 2024年9月 | 市住建局、市财政局 |\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [("responsible", "市住建局")],
        [("responsible", "市住建局"), ("responsible", "市财政局")],
    ]
    assert [t.deadline for t in plan.tasks] == ["2024-12-31", "2024-09-30"]


def test_a_unit_column_split_into_lead_and_support():
    # 责任单位 over 牵头单位 | 配合单位, then 完成时限.
    text = (
        "序号 | 工作任务 | 责任单位 | 完成时限 |\n"
        "牵头单位 | 配合单位 |\n"
        "1 | 推进政务服务一网通办。 | 市政数局 | 市发改委、市财政局 | 2024年底 |\n"
        "2 | 优化企业开办流程。 | 市市场监管局 | 市税务局 | 2024年6月底 |\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [("lead", "市政数局"), ("support", "市发改委"), ("support", "市财政局")],
        [("lead", "市市场监管局"), ("support", "市税务局")],
    ]
    assert [t.deadline for t in plan.tasks] == ["2024-12-31", "2024-06-30"]


def test_a_second_row_nothing_places_leaves_the_table_as_it_was():
    # 甲类 | 乙类 could split 工作任务, 牵头单位 or 配合单位: every choice reads, none is
    # named, and they give the roles different columns: no guess, the table reads as before.
    text = (
        "序号 | 工作任务 | 牵头单位 | 配合单位 |\n"
        "甲类 | 乙类 |\n"
        "1 | 建设城市公园。 | 市园林局 | 市财政局 | 市住建局 |\n"
    )
    plan = parse_text(text)
    assert task_units(plan)[-1] == [("lead", "市园林局"), ("support", "市财政局")]


def test_data_rows_as_wide_as_the_header_keep_it():
    # A second row of short labels, but no data row is wider than the header: no span.
    text = (
        "序号 | 工作任务 | 资金来源 | 责任单位 |\n"
        "1 | 建设城市公园。 | 市级财政 | 市园林局 |\n"
        "2 | 改造老旧小区。 | 中央资金 | 市住建局 |\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [[("responsible", "市园林局")], [("responsible", "市住建局")]]


def test_a_totals_row_is_no_task():
    # 合 计 (spaces inside), 小计 and 总计 rows sum the rows above: no task of their own.
    text = (
        "序号 | 项目名称 | 投资(万元) | 责任单位 |\n"
        "1 | 建设城市公园 | 100 | 市园林局 |\n"
        "小计 | 1个项目 | 100 | |\n"
        "2 | 改造老旧小区 | 200 | 市住建局 |\n"
        "合 计 | 300 | |\n"
        "总　计 | 2个项目 | 300 | |\n"
    )
    plan = parse_text(text)
    assert [(t.no, t.title) for t in plan.tasks] == [(1, "建设城市公园"), (2, "改造老旧小区")]
    assert task_units(plan) == [[("responsible", "市园林局")], [("responsible", "市住建局")]]
    assert plan.warnings == []


def test_a_notice_contact_line_is_never_the_plan_title():
    # Daye 2024: the notice's 监督电话 / 举报电话 / 受理单位 / 通讯地址 lines came before the
    # table's own title (given on an 附件: line); 监督电话:12317 was the plan's title.
    text = (
        "现将资金分配和项目实施计划予以公告(具体见附件)。\n"
        "监督电话:12317\n"
        "市财政局举报电话:0714-871488\n"
        "联系电话 0714-3818192\n"
        "受理单位:大冶市财政局、大冶市农业农村局\n"
        "通讯地址:大冶市七里界路25号农业技术推广大楼501室\n"
        "附件:大冶市2024年度项目计划安排表\n"
        "序号 | 项目名称 | 责任单位 |\n"
        "1 | 果蔬特色产业强链示范项目 | 大箕铺镇政府 |\n"
    )
    plan = parse_text(text)
    assert plan.title == "大冶市2024年度项目计划安排表"
    assert task_units(plan) == [[("responsible", "大箕铺镇政府")]]
