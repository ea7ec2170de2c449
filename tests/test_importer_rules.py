"""Parsing rules on small real plan documents (written to disk and read back)."""

from __future__ import annotations

import pytest

from desktop.importer import parse_file, parse_text
from desktop.importer.dates import five_year_plan_years, parse_date
from desktop.importer.units import distribute_suffix, guess_kind, split_units


def _write(tmp_path, text: str, name: str = "plan.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return parse_file(path)


def _units(item):
    return [(u.role, u.name) for u in item.units]


def _targets(task):
    return [(t.metric, t.comparator, t.value, t.uom, t.deadline) for t in task.targets]


FULL_WIDTH = """某市政务服务改革实施方案
成文日期：2024年02月20日
一、重点任务
（一）提升政务服务效能
1．建设一体化政务服务平台。整合各部门业务系统，2024年底前，全市政务服务事项网上可办率达到98%以上。（牵头单位：市政数局；配合单位：市发改委，市财政局）
2、推进“一网通办”。6月底前，实现高频事项“最多跑一次”比例达到90%。(牵头单位：市政数局 配合单位：各县（市）区政府）
3.优化营商环境。企业开办时间压减至1个工作日以内。（责任单位：市市场监管局等）
（二）强化数据支撑
4. 建设长春数字交易中心。（牵头单位：长春数字交易中心(所)；配合单位：朝阳区、南关区、宽城区人民政府）
"""


def test_full_width_and_missing_separator(tmp_path):
    plan = _write(tmp_path, FULL_WIDTH)
    assert plan.written_date == "2024-02-20"
    assert [(t.no, t.section_key) for t in plan.tasks] == [
        (1, "一/一"),
        (2, "一/一"),
        (3, "一/一"),
        (4, "一/二"),
    ]
    t1, t2, t3, t4 = plan.tasks
    assert _units(t1.items[0]) == [
        ("lead", "市政数局"),
        ("support", "市发改委"),
        ("support", "市财政局"),
    ]
    # "市政数局 配合单位：" — no separator, mixed-width brackets, brackets inside a name.
    assert _units(t2.items[0]) == [("lead", "市政数局"), ("support", "各县（市）区政府")]
    assert _units(t3.items[0]) == [("responsible", "市市场监管局")]  # trailing 等 dropped
    assert _units(t4.items[0]) == [
        ("lead", "长春数字交易中心(所)"),
        ("support", "朝阳区人民政府"),
        ("support", "南关区人民政府"),
        ("support", "宽城区人民政府"),
    ]
    assert _targets(t1) == [("全市政务服务事项网上可办率", ">=", 98, "%", "2024-12-31")]
    # 6月底前 = June 30 of the plan's year (成文日期 2024).
    assert _targets(t2) == [("高频事项“最多跑一次”比例", ">=", 90, "%", "2024-06-30")]
    assert _targets(t3) == [("企业开办时间", "<=", 1, "个工作日", None)]
    assert t1.items[0].text.startswith("建设一体化政务服务平台。")


LEAD_FIRST = """某市2024年营商环境优化行动方案
（各项任务中列第一位者为牵头单位，其他为配合单位）
一、主要任务
1.优化审批流程。全面推行告知承诺制。（责任单位：市发改委、市工信局、市政数局）
2.加强监管。推进“双随机、一公开”。（责任单位：市市场监管局）
3.推进信用建设。（牵头单位：市发改委；配合单位：市人民银行）
"""


def test_lead_listed_first(tmp_path):
    plan = _write(tmp_path, LEAD_FIRST)
    got = [_units(t.items[0]) for t in plan.tasks]
    assert got == [
        [("lead", "市发改委"), ("support", "市工信局"), ("support", "市政数局")],
        [("responsible", "市市场监管局")],  # a single 责任单位 stays responsible
        [("lead", "市发改委"), ("support", "市人民银行")],
    ]


def test_lead_listed_first_variant_wording():
    text = LEAD_FIRST.replace("列第一位者为牵头单位", "列第一位的为牵头单位")
    plan = parse_text(text)
    assert plan.tasks[0].items[0].units[0].role == "lead"
    plain = parse_text(
        LEAD_FIRST.replace("（各项任务中列第一位者为牵头单位，其他为配合单位）\n", "")
    )
    assert {u.role for u in plain.tasks[0].items[0].units} == {"responsible"}


LABEL_LINES = """关于推进数字政府建设的工作方案
一、工作任务
1. 建设政务数据共享交换平台。2024年底前完成平台建设，接入部门不少于40个。
牵头单位：市政数局
配合单位：市发改委、市财政局
完成时限：2025年6月底
2. 推进电子证照应用
加快电子证照在政务服务中的应用，累计建成20个应用场景。
责任单位：市政数局、市公安局按职责分工负责
3. 建设城市大脑。到“十五五”末期，城市大脑接入系统超过200个。
二、保障措施
加强组织领导，本段不是任务。
"""


def test_labels_on_their_own_lines(tmp_path):
    plan = _write(tmp_path, LABEL_LINES, encoding="gb18030")
    assert plan.title == "关于推进数字政府建设的工作方案"
    t1, t2, t3 = plan.tasks
    assert len(t1.items) == 1
    assert (
        t1.items[0].text == "建设政务数据共享交换平台。2024年底前完成平台建设，接入部门不少于40个。"
    )
    assert t1.items[0].attribution == "牵头单位：市政数局\n配合单位：市发改委、市财政局"
    assert _units(t1.items[0]) == [
        ("lead", "市政数局"),
        ("support", "市发改委"),
        ("support", "市财政局"),
    ]
    assert _targets(t1) == [("接入部门", ">=", 40, "个", "2024-12-31")]
    assert t1.text.endswith("完成时限：2025年6月底")
    # The task text runs over several lines up to the label line.
    assert (
        t2.items[0].text
        == "推进电子证照应用\n加快电子证照在政务服务中的应用，累计建成20个应用场景。"
    )
    assert _units(t2.items[0]) == [("responsible", "市政数局"), ("responsible", "市公安局")]
    assert _targets(t2) == [("应用场景", ">=", 20, "个", None)]
    assert t2.title == "推进电子证照应用"
    # A numbered task without attribution in a task section: kept, with a warning.
    assert t3.items == []
    assert _targets(t3) == [("城市大脑接入系统", ">", 200, "个", "2030-12-31")]
    assert plan.warnings == ["任务3：未找到牵头单位或责任单位"]
    assert not plan.goals


def test_single_line_label_after_sentence():
    text = "某方案\n一、任务\n1. 推进数据共享。牵头单位：市政数局；配合单位：市发改委\n"
    plan = parse_text(text)
    assert _units(plan.tasks[0].items[0]) == [("lead", "市政数局"), ("support", "市发改委")]
    assert plan.tasks[0].items[0].text == "推进数据共享。"


DEADLINES = """某市数字经济行动计划
成文日期：2023年05月10日
一、重点任务
1.推进基站建设。2024年底前，全市新建5G基站达到3000个以上。（牵头单位：市通信办）
2.推进光网建设。6月底前，千兆光网覆盖率不低于60%；到2025年6月底，千兆光网覆盖率不低于90%。（牵头单位：市通信办）
3.推进企业上云。2024年第三季度前，上云企业数量超过1500家；到“十三五”末期的基数要保持。（牵头单位：市工信局）
4.培育数字企业。培育数字经济规模以上企业100家，数字经济核心产业营业收入年均增长15%以上，数据中心PUE值控制在1.3以下。（责任单位：市工信局）
5.扩大数字消费。网络零售额突破500万元，带动就业3.5万人次。（责任单位：市商务局）
"""


def test_deadlines_and_comparators(tmp_path):
    plan = _write(tmp_path, DEADLINES)
    tasks = {t.no: t for t in plan.tasks}
    assert _targets(tasks[1]) == [("全市新建5G基站", ">=", 3000, "个", "2024-12-31")]
    assert _targets(tasks[2]) == [
        ("千兆光网覆盖率", ">=", 60, "%", "2023-06-30"),  # plan year 2023
        ("千兆光网覆盖率", ">=", 90, "%", "2025-06-30"),
    ]
    assert _targets(tasks[3]) == [("上云企业数量", ">", 1500, "家", "2024-09-30")]
    assert _targets(tasks[4]) == [
        ("数字经济规模以上企业", ">=", 100, "家", None),
        ("数字经济核心产业营业收入年均增长", ">=", 15, "%", None),
        ("数据中心PUE值", "<=", 1.3, "", None),
    ]
    # Money keeps 万元; other 万 counts are folded into the value.
    assert _targets(tasks[5]) == [("网络零售额", ">", 500, "万元", None)]


def test_five_year_plans():
    assert five_year_plan_years(13) == (2016, 2020)
    assert five_year_plan_years(14) == (2021, 2025)
    assert five_year_plan_years(15) == (2026, 2030)
    plan = parse_text(
        "某计划\n一、任务\n1.推进建设。到“十三五”末，覆盖率达到50%。（责任单位：市发改委）"
    )
    assert plan.tasks[0].targets[0].deadline == "2020-12-31"


def test_parse_date():
    assert parse_date("2023年04月06日") == "2023-04-06"
    assert parse_date("2023年4月6日") == "2023-04-06"
    assert parse_date("2023-4-6") == "2023-04-06"
    assert parse_date("无日期") is None


def test_header_field_left_empty_before_a_label_the_reader_does_not_know():
    """A site's header block with an empty 文号 before 时效: (Mulan 2019's page): the
    文号 is empty, not "时效:", and the 发文字号 printed below is found; a value followed
    by such a label ends before it."""
    text = """索引号: 01-2019-0012 发布机构: 木兰县人民政府办公室
文号: 时效:
标题: 木兰县优化营商环境工作方案 时效: 有效
木环组发〔2019〕1号
一、主要任务
1. 优化审批流程。（牵头单位：县营商环境建设局）
"""
    plan = parse_text(text)
    assert plan.doc_no == "木环组发〔2019〕1号"
    assert plan.title == "木兰县优化营商环境工作方案"
    assert plan.index_no == "01-2019-0012"


def test_header_fallbacks_without_metadata_block():
    text = """长春市人民政府办公厅关于

印发长春市数字经济发展行动计划的通知

长府办发〔2023〕17号

长春市人民政府办公厅

2023年4月6日

一、主要任务
1. 优化5G网络覆盖。（牵头单位：市城管局）
"""
    plan = parse_text(text)
    assert plan.title == "长春市人民政府办公厅关于印发长春市数字经济发展行动计划的通知"
    assert plan.doc_no == "长府办发〔2023〕17号"
    assert plan.written_date == "2023-04-06"
    assert plan.issuer == "长春市人民政府办公厅"


def test_no_header_title_is_first_heading():
    plan = parse_text(
        "长春市数字经济发展行动计划\n一、主要任务\n1. 优化网络。（牵头单位：市城管局）"
    )
    assert plan.title == "长春市数字经济发展行动计划"
    assert plan.doc_no == "" and plan.written_date is None


def test_title_broken_over_lines_and_the_name_label():
    text = (
        "嘉政办发〔2021〕5号\n县人民政府办公室关于\n对县《政府工作报告》确定的2021年\n"
        "重点工作及市《政府工作报告》涉及嘉鱼的\n重点事项进行责任分解的通知\n"
        "各镇人民政府,县政府各部门:\n一、重点工作\n1. 推进项目建设。（责任单位：县发改局）"
    )
    assert parse_text(text).title == (
        "县人民政府办公室关于对县《政府工作报告》确定的2021年"
        "重点工作及市《政府工作报告》涉及嘉鱼的重点事项进行责任分解的通知"
    )
    labelled = (
        "- 设为首页\n名 称: 区人民政府办公室 关于印发2020年区政府重点工作责任分解的通知\n"
        "索 引 号: 000014349/2020-105482\n一、重点工作\n1. 推进项目建设。（责任单位：区发改局）"
    )
    assert (
        parse_text(labelled).title == "区人民政府办公室 关于印发2020年区政府重点工作责任分解的通知"
    )
    # A notice title longer than 60 characters is still the title.
    long_title = (
        "内蒙古自治区人民政府办公厅关于印发自治区贯彻落实国家《呼包银榆经济区发展规划"
        "(2012—2020年)》重点工作分工方案的通知"
    )
    plan = parse_text(f"{long_title}\n一、战略定位\n（一）能源基地。（自治区能源开发局牵头）")
    assert plan.title == long_title


def test_no_title_line_is_the_document_handed_out(tmp_path):
    text = (
        "县示范区管委会,各乡、镇人民政府:\n"
        "经县政府同意,现将《2025年县<政府工作报告>任务分解》《县政府重点工作任务分解》印发给你们。\n"
        "一、县示范区管委会牵头工作(1项)\n1.建设养殖基地。"
    )
    assert parse_text(text).title == "2025年县<政府工作报告>任务分解"
    # Nothing in the text names it: the file name does.
    path = tmp_path / "沁县任务清单.txt"
    path.write_text("一、县示范区管委会牵头工作\n1.建设养殖基地。", encoding="utf-8")
    assert parse_file(path).title == "沁县任务清单"


def test_tasks_without_sections():
    plan = parse_text(
        "重点任务清单\n1、建设平台。（牵头单位：市政数局）\n2、完善制度。（责任单位：市司法局）"
    )
    assert [(t.no, t.section_key) for t in plan.tasks] == [(1, ""), (2, "")]
    assert plan.sections == []


def test_generic_reference_warnings():
    text = "某计划\n一、任务\n1. 推进工作。（牵头单位：市发改委；配合单位：各成员单位、各电信运营商、相关部门）"
    plan = parse_text(text)
    assert plan.warnings == [
        "任务1：配合单位“各成员单位”为泛指，未对应具体单位",
        "任务1：配合单位“相关部门”为泛指，未对应具体单位",
    ]
    kinds = {u.name: u.kind for u in plan.tasks[0].items[0].units}
    assert kinds == {
        "市发改委": "bureau",
        "各成员单位": "group",
        "各电信运营商": "group",
        "相关部门": "group",
    }


def test_duplicate_task_numbers_warn():
    text = "某计划\n一、任务\n（一）甲\n1. 甲事。（责任单位：市发改委）\n（二）乙\n1. 乙事。（责任单位：市工信局）"
    plan = parse_text(text)
    assert [(t.no, t.section_key) for t in plan.tasks] == [(1, "一/一"), (1, "一/二")]
    assert any("任务编号有重复" in w for w in plan.warnings)


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("市规自局、市政数局、市工信局", ["市规自局", "市政数局", "市工信局"]),
        ("市通信办,各电信运营商、铁塔公司", ["市通信办", "各电信运营商", "铁塔公司"]),
        ("市农业农村局、市商务局按职责分工负责", ["市农业农村局", "市商务局"]),
        ("市工信局、市政数局等", ["市工信局", "市政数局"]),
        ("市工信局；市政数局等相关部门", ["市工信局", "市政数局"]),
        ("各县（市、区）政府、市政数局", ["各县（市、区）政府", "市政数局"]),
        (" 市委网信办 ", ["市委网信办"]),
        ("", []),
        # 和 / 及 after a name ending like an office joins two units; inside a name it does not.
        ("环保厅和内蒙古电力监管办及相关盟市", ["环保厅", "内蒙古电力监管办", "相关盟市"]),
        ("市发展和改革委员会、市住房和城乡建设局", ["市发展和改革委员会", "市住房和城乡建设局"]),
        ("经济和信息化委、国土资源厅", ["经济和信息化委", "国土资源厅"]),
        # 各县、市、区政府 is one collective written with 、.
        ("市经信局、各县、市、区政府", ["市经信局", "各县、市、区政府"]),
        ("市农业农村局、各县、市、区", ["市农业农村局", "各县、市、区"]),
        # A bracketed note after the last name is not part of it.
        ("市建设局、市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)",
         ["市建设局", "市卫生健康委"]),
        ("县发改局(粮食局)", ["县发改局(粮食局)"]),
    ],
)  # fmt: skip
def test_split_units(segment, expected):
    assert split_units(segment) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["公主岭市", "榆树市", "德惠市", "农安县政府"],
         ["公主岭市政府", "榆树市政府", "德惠市政府", "农安县政府"]),
        (["汽开区", "净月区管委会"], ["汽开区管委会", "净月区管委会"]),
        (["长春新区", "兴隆综保区管委会"], ["长春新区管委会", "兴隆综保区管委会"]),
        (["各城区政府", "开发区管委会"], ["各城区政府", "开发区管委会"]),
        (["各县〔市〕区政府", "开发区管委会"], ["各县〔市〕区政府", "开发区管委会"]),
        (["市政数局", "净月区", "汽开区管委会"], ["市政数局", "净月区管委会", "汽开区管委会"]),
        (["市政数局", "市工信局"], ["市政数局", "市工信局"]),
        (["榆树市", "市政数局"], ["榆树市", "市政数局"]),
    ],
)  # fmt: skip
def test_distribute_suffix(names, expected):
    assert distribute_suffix(names) == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("市政数局", "bureau"),
        ("市委网信办", "bureau"),
        ("市卫健委", "bureau"),
        ("市政务服务中心", "bureau"),
        ("各电信运营商", "group"),
        ("“六城联动”各牵头单位", "group"),
        ("各城区政府", "group"),
        ("公主岭市政府", "county"),
        ("农安县人民政府", "county"),
        ("朝阳区政府", "district"),
        ("净月区管委会", "district"),
        ("铁塔公司", "enterprise"),
        ("中国移动长春分公司", "enterprise"),
        ("中国信通院", "other"),
    ],
)
def test_guess_kind(name, kind):
    assert guess_kind(name) == kind


def test_home_city_government_is_not_a_county():
    assert guess_kind("长春市人民政府", home_city="长春市") == "other"
    assert guess_kind("德惠市人民政府", home_city="长春市") == "county"


def test_traditional_page_reads_as_simplified():
    from desktop.importer.hant import is_traditional, to_simplified

    text = (
        "一、推動審批全鏈條優化\n"
        "1.全面實施行政許可事項清單管理。(市政府辦公室、市審批改革領導小組辦公室牽頭,"
        "市級各有關部門及各縣市區政府按職責分工負責)\n"
    )
    plan = parse_text(text)
    assert plan.tasks[0].text.startswith("1.全面实施行政许可事项清单管理")
    assert _units(plan.tasks[0].items[0]) == [
        ("lead", "市政府办公室"),
        ("lead", "市审批改革领导小组办公室"),
        ("responsible", "市级各有关部门"),
        ("responsible", "各县市区政府"),
    ]
    # One character for one: offsets hold. A simplified page quoting a 繁體版 link is left alone.
    assert len(to_simplified(text)) == len(text)
    simplified = "简体版 繁體版\n1. 建设城市大脑。（市政数局牵头）"
    assert not is_traditional(simplified) and to_simplified(simplified) == simplified


def test_lead_first_note_that_makes_the_others_responsible():
    text = (
        "一、努力保持经济平稳健康发展\n"
        "（一）增强创新驱动发展能力。构建科技金融结合等政策体系（分管副省长、协管副秘书长负责，"
        "省科技厅牵头。明确牵头部门的，其他有关部门配合，不逐一列出，下同）。落实研发费用加计扣除"
        "政策（分管副省长、协管副秘书长负责，省科技厅、省财政厅、省税务局等负责。列第一位的为牵头"
        "部门，其他部门和单位按职责分工负责，下同）。\n"
        "（二）扩大有效投资。推进重大项目建设（省发改委、省自然资源厅等负责）。\n"
    )
    plan = parse_text(text)
    first, second = plan.tasks
    assert [_units(item) for item in first.items] == [
        [("lead", "省科技厅")],  # the note after 。 names no unit
        [("lead", "省科技厅"), ("responsible", "省财政厅"), ("responsible", "省税务局")],
    ]
    assert first.leaders == ["分管副省长", "协管副秘书长"]
    assert _units(second.items[0]) == [("lead", "省发改委"), ("responsible", "省自然资源厅")]


def test_lead_repeated_among_the_responsible_units_leads_only():
    plan = parse_text(
        "一、重点工作\n1. 建设城市大脑。\n牵头单位：市政数局\n责任单位：市政数局、市工信局\n"
    )
    assert _units(plan.tasks[0].items[0]) == [("lead", "市政数局"), ("responsible", "市工信局")]


def test_title_skips_page_chrome_and_names_a_responsibility_list():
    from desktop.importer.header import guess_title

    assert (
        guess_title(
            ["> 政务公开 > 重点工作落实情况", "朗读", "2023年某区政府工作报告重点工作责任分解"]
        )
        == "2023年某区政府工作报告重点工作责任分解"
    )
    assert guess_title(["某促进会 > 生态聚焦 > 热门话题", "全文", "国务院部门分工意见"]) == (
        "国务院部门分工意见"
    )
