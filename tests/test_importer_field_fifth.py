"""Plans met in the fifth field test (branch imp44): layouts the importer refused or
misread, each reduced to the rule it needed."""

from __future__ import annotations

from desktop.importer import parse_text
from tests.helpers.plans import task_units


def test_a_paragraph_table_with_a_heading_row_and_a_leader_column():
    # Liaozhong 2024: a web table one cell per paragraph whose first row under the header
    # is a merged heading (一、做大做强主导产业), whose 责任领导 column names people
    # (冯冬昌), and whose first row lacks its empty 责任领导 cell. Refused before.
    cells = [
        "序号",
        "主要工作举措",
        "牵头单位",
        "配合单位",
        "责任领导",
        "一、做大做强主导产业",
        "1",
        "加快构建现代化产业体系。",
        "区农业农村局",
        "区发展改革局、区工业和信息化局",
        "2",
        "加快在建项目的建设进度。",
        "沈阳近海经济区管委会",
        "自然资源分局、区发展改革局",
        "冯冬昌",
        "二、激发市场主体活力",
        "3",
        "推动一批项目签约落地。",
        "区工业和信息化局",
        "各镇政府(街道办事处)",
        "冯冬昌",
    ]
    plan = parse_text("2024年政府工作报告主要工作任务分解表\n\n" + "\n\n".join(cells) + "\n")
    assert [t.no for t in plan.tasks] == [1, 2, 3]
    assert task_units(plan) == [
        [("lead", "区农业农村局"), ("support", "区发展改革局"), ("support", "区工业和信息化局")],
        [
            ("lead", "沈阳近海经济区管委会"),
            ("support", "区发展改革局"),
            ("support", "自然资源分局"),
        ],
        [("lead", "区工业和信息化局"), ("support", "各镇政府(街道办事处)")],
    ]
    assert [t.leaders for t in plan.tasks] == [[], ["冯冬昌"], ["冯冬昌"]]
    assert [s.title for s in plan.sections] == ["做大做强主导产业", "激发市场主体活力"]
    assert plan.warnings == []


def test_zhuban_and_xieban_verbs_and_a_zong_qiantou():
    # Heilongjiang 2013: (省财政厅主办,省国税局、地税局协办) read 省财政厅主办 as a supporting
    # unit; Heilongjiang 2009: 任务分工:吕维峰副省长负责,省农委总牵头 gave the units
    # 吕维峰副省长 and 省农委总牵头.
    text = (
        "一、全省经济社会发展主要目标\n"
        "（一）公共财政收入增长13%左右。(省财政厅主办,省国税局、地税局协办)\n"
        "（二）全社会固定资产投资增长30%以上。(省发改委主办,省工信委、国土资源厅协办)\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [("lead", "省财政厅"), ("support", "地税局"), ("support", "省国税局")],
        [("lead", "省发改委"), ("support", "国土资源厅"), ("support", "省工信委")],
    ]
    text = (
        "一、千亿斤粮食产能工程\n"
        "任务分工:吕维峰副省长负责,省农委总牵头。\n"
        "二、千万吨级木材储备工程\n"
        "任务分工:省林业厅总牵头,省发改委配合。\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [("lead", "省农委")],
        [("lead", "省林业厅"), ("support", "省发改委")],
    ]
    assert plan.tasks[0].leaders == ["吕维峰副省长"]


def test_an_item_written_on_the_line_of_the_one_before_after_its_bracket():
    # Heilongjiang 2013: "(一)…11%左右。(省发改委负责)(二)公共财政收入…" and
    # "1.抓好…(省发改委主办,…协办)2.重点抓好…": the second item's units went to the first.
    text = (
        "一、全省经济社会发展主要目标\n"
        "（一）地区生产总值增长11%左右。(省发改委负责)(二)公共财政收入增长13%左右。"
        "(省财政厅牵头,省国税局配合)（三）进出口总额增长8%左右。(省商务厅负责)\n"
        "（四）单位GDP综合能耗下降3.5%。(省发改委负责)其中(五)项不再列出。\n"
    )
    plan = parse_text(text)
    assert [t.no for t in plan.tasks] == [1, 2, 3, 4]
    assert task_units(plan) == [
        [("responsible", "省发改委")],
        [("lead", "省财政厅"), ("support", "省国税局")],
        [("responsible", "省商务厅")],
        [("responsible", "省发改委")],
    ]
    assert plan.tasks[1].text.startswith("(二)公共财政收入")
    text = (
        "二、大力推进产业项目建设\n"
        "1.抓好600个省级重点产业项目。(省发改委牵头,省工信委配合)2.重点抓好燃气轮机等项目,"
        "促进尽快落地。(省工信委牵头,省发改委配合)\n"
        "3.培育新经济增长点,2023年底前完成。(省科技厅负责)\n"
    )
    plan = parse_text(text)
    assert [t.no for t in plan.tasks] == [1, 2, 3]
    assert task_units(plan) == [
        [("lead", "省发改委"), ("support", "省工信委")],
        [("lead", "省工信委"), ("support", "省发改委")],
        [("responsible", "省科技厅")],
    ]
    assert plan.warnings == []


def test_a_paragraphs_last_sentence_that_is_a_verb_form_without_brackets():
    # Heilongjiang 2009 (十大工程推进工作方案): each item ends in a sentence
    # "省水利厅牵头,省发改委、农垦总局、国土资源厅、环保厅等单位配合。" with no bracket.
    text = (
        "一、千亿斤粮食产能工程\n"
        "1.水利化工程:开工建设灌区5个渠首工程。新增水田面积100万亩。"
        "省水利厅牵头,省发改委、农垦总局、国土资源厅、环保厅等单位配合。\n"
        "2.农机化工程:重点抓好现代农机装备工程建设。省农委牵头,省财政厅配合。\n"
        "3.科技支撑工程:各地政府牵头抓好落实。由省农科院负责,各市政府落实\n"
        "4.耕地保护工程:加强耕地保护。(省国土资源厅牵头,省农委配合\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [
            ("lead", "省水利厅"),
            ("support", "农垦总局"),
            ("support", "国土资源厅"),
            ("support", "环保厅"),
            ("support", "省发改委"),
        ],
        [("lead", "省农委"), ("support", "省财政厅")],
        [],  # no lead in its last sentence: prose, not an attribution
        [],  # an unclosed bracket (cut by an excerpt) is no sentence
    ]
    assert "省水利厅牵头" in plan.tasks[0].text


def test_a_title_line_ending_in_he_goes_on_on_the_next_line():
    # Wuhan 2022: the plan's title is printed on two lines, the first ending in 和; the
    # title was its second half, 2035年远景目标纲要任务分工方案.
    text = (
        "武汉市人民政府办公厅\n2022年3月3日\n"
        "武汉市国民经济和社会发展第十四个五年规划和\n2035年远景目标纲要任务分工方案\n"
        "一、主要指标分工\n"
        "1.劳动年龄人口平均受教育年限12.5年。(牵头单位:市教育局;责任单位:市人社局)\n"
    )
    plan = parse_text(text)
    assert plan.title == "武汉市国民经济和社会发展第十四个五年规划和2035年远景目标纲要任务分工方案"


def test_a_doc_no_in_square_brackets_after_a_space_is_no_title():
    # Xuchang 2020: the page starts "许政 [2020] 20号", then the notice, whose 《政府工作报告》
    # is the report the tasks come from, not the document handed out. The title was the
    # 发文字号; now it is the file name, and the 发文字号 is read.
    text = (
        "许政 [2020] 20号\n"
        "各县(市、区)人民政府,市人民政府各部门:\n"
        "现将《政府工作报告》提出的2020年重点工作任务予以分解并明确到各责任单位。\n"
        "一、抓好常态化疫情防控\n"
        "1.完善常态化疫情防控举措。\n"
        "责任单位:市疫情防控指挥部办公室、市卫生健康委等,各县(市、区)政府(管委会)\n"
    )
    plan = parse_text(text, source_name="xuchang-2020-city.txt")
    assert plan.doc_no == "许政 [2020] 20号"
    assert plan.title == "xuchang-2020-city"
    assert task_units(plan) == [
        [
            ("responsible", "各县(市、区)政府(管委会)"),
            ("responsible", "市卫生健康委"),
            ("responsible", "市疫情防控指挥部办公室"),
        ]
    ]
