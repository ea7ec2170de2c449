"""Plans met in the third field test (branch imp41): layouts the importer refused or
misread, each reduced to the rule it needed."""

from __future__ import annotations

from desktop.importer import parse_text
from tests.helpers.plans import task_units


def test_a_traditional_page_may_write_variant_forms_such_as_wei():
    # Taiwan-style repost: 爲 (not 為) in the 列第一位 note, which must still apply.
    text = (
        "二〇二四年省政府工作報告重點工作責任分解\n"
        "1.積極爭取並高效用好地方政府專項債券,充分發揮其對重大項目建設的拉動作用。\n"
        "責任單位:省財政廳、省發展改革委(列第一位的爲牽頭或彙總單位,下同)\n"
        "2.發揮專項基金撬動作用,完成專項基金組建和運行機制建設。\n"
        "責任單位:省財政廳、省發展改革委、省經信廳\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [("lead", "省财政厅"), ("support", "省发展改革委")],
        [("lead", "省财政厅"), ("support", "省发展改革委"), ("support", "省经信厅")],
    ]


def test_units_after_a_lead_verb_with_no_verb_of_their_own_support_it():
    text = (
        "1.坚持政府过紧日子,严控一般性支出。\n"
        "责任单位:省政府办公厅、省财政厅牵头,省商务厅、省文化广电和旅游厅\n"
        "2.推进项目建设。（市发改委牵头，各区政府）\n"
        "3.做好宣传工作。（市委宣传部牵头，年内持续推进）\n"
    )
    plan = parse_text(text)
    assert task_units(plan) == [
        [
            ("lead", "省政府办公厅"),
            ("lead", "省财政厅"),
            ("support", "省商务厅"),
            ("support", "省文化广电和旅游厅"),
        ],
        [("lead", "市发改委"), ("support", "各区政府")],
        [("lead", "市委宣传部")],
    ]


def test_a_page_that_glosses_its_characters_with_pinyin_reads_without_the_glosses():
    text = (
        "青島市重點工(gōng)作任務\n"
        "一(yī)、實施創新驅動發展戰略\n"
        "1.建設崂山實驗室。實施“藍(lán)色藥庫”開(kāi)發計劃。"
        "(牽頭單位:市科技局,參與單位:青島藍(lán)谷管理局)\n"
        "2.推進射頻識別(RFID)應用(2023年)。(牽頭單位:市工業和信息化局)\n"
    )
    plan = parse_text(text)
    assert "(gōng)" not in plan.source_text and "(RFID)" in plan.source_text
    assert plan.tasks[0].text.startswith("1.建设崂山实验室。实施“蓝色药库”开发计划。")
    assert task_units(plan)[0] == [("lead", "市科技局"), ("support", "青岛蓝谷管理局")]
    # One word explained by its reading is left as written.
    once = parse_text("1.保护藏(zàng)族文化遗产。(牵头单位:市文旅局)\n")
    assert "藏(zàng)族" in once.tasks[0].text


def test_a_title_may_end_in_renwu_after_a_line_of_page_chrome():
    text = (
        "时间:2023-02-09浏览量:273\n"
        "各区、市人民政府,市政府各部门:\n"
        "青岛市人民政府办公厅\n"
        "2023年1月30日\n"
        "青岛市深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务\n"
        "一、实施创新驱动发展战略\n"
        "1.建设崂山实验室。(牵头单位:市科技局)\n"
    )
    plan = parse_text(text)
    assert plan.title == "青岛市深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务"


def test_a_pipe_table_copied_one_cell_per_line_without_bar_lines_between_rows():
    # The header's width and the 序号 column tell the rows apart.
    text = (
        "2025年开发区重点工作及责任清单\n"
        "序号 |\n重点工作 |\n责任领导 |\n责任单位 |\n完成时限 |\n"
        "1 |\n优化“重点项目直通车”工作机 制,全力服务重 大项目落地见效。 |\n叶林 |\n"
        "招商工作部、安商工作部 |\n2025年6月底 |\n"
        "2 |\n全力推进开发区“空间再造”,盘活存量土地400亩。 |\n马振明 |\n改革办 |\n"
        "2025年底 |\n"
    )
    plan = parse_text(text)
    assert [t.leaders for t in plan.tasks] == [["叶林"], ["马振明"]]
    assert [t.deadline for t in plan.tasks] == ["2025-06-30", "2025-12-31"]
    assert task_units(plan) == [
        [("responsible", "安商工作部"), ("responsible", "招商工作部")],
        [("responsible", "改革办")],
    ]
    # Without a 序号 column first, as many cells a row as the header has.
    text = "重点工作 |\n责任单位 |\n完成时限 |\n建设污水管网。 |\n规划建设局 |\n2025年底 |\n"
    assert task_units(parse_text(text)) == [[("responsible", "规划建设局")]]
    # Three lines that happen to end in a bar are no table.
    assert "|" in parse_text("1.建设污水管网。 |\n(责任单位:规划建设局) |\n附件 |\n").source_text


def test_a_whole_year_deadline_ends_with_the_year_a_dateless_list_s_title_names():
    text = (
        "2025年开发区重点工作及责任清单\n"
        "序号 | 重点工作 | 责任单位 | 完成时限\n"
        "1 | 盘活存量土地400亩。 | 改革办 | 全年\n"
        "2 | 建设污水管网。 | 规划建设局 | 年底前\n"
        "3 | 完善招商机制。 | 招商工作部 | 长期坚持\n"
    )
    plan = parse_text(text)
    assert [t.deadline for t in plan.tasks] == ["2025-12-31", "2025-12-31", None]
    # A title that spans years names no plan year.
    text = text.replace("2025年开发区", "2024—2026年开发区")
    assert [t.deadline for t in parse_text(text).tasks] == [None, None, None]


def test_a_table_column_may_be_named_after_the_year_and_list_targets():
    # 附件1 of a district notice, a web table copied one cell per paragraph.
    text = (
        "附件1\n\n2022年区政府工作报告经济社会发展预期目标任务分解表\n\n"
        "序号\n\n2022年预期目标\n\n责任单位\n\n"
        "1\n\n地区生产总值增长5.5%左右\n\n区发展改革委\n\n"
        "2\n\n工业增加值增长7%左右\n\n区经济信息委\n"
    )
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == ["地区生产总值增长5.5%左右", "工业增加值增长7%左右"]
    assert task_units(plan) == [
        [("responsible", "区发展改革委")],
        [("responsible", "区经济信息委")],
    ]
    # A 分类 cell such as 发展目标 is still no column name.
    text = (
        "分类\n\n序号\n\n事项\n\n责任单位\n\n发展目标\n\n"
        "1\n\n地区生产总值增长6.5%以上。\n\n区发改局\n"
    )
    plan = parse_text(text)
    assert plan.tasks[0].title == "地区生产总值增长6.5%以上"
    assert task_units(plan) == [[("responsible", "区发改局")]]


def test_a_notice_s_list_of_attachments_is_no_task():
    text = (
        "区政府办公室关于印发2022年区政府工作报告目标任务的通知\n"
        "各镇人民政府、街道办事处:现印发给你们。\n"
        "附件:1. 2022年区政府工作报告经济社会发展预期目标任务分解表\n"
        "2. 2022年区政府工作报告重点工作任务分解表\n"
        "重庆市沙坪坝区人民政府办公室\n"
        "附件1\n"
        "1.地区生产总值增长5.5%左右。(责任单位:区发展改革委)\n"
        "2.固定资产投资增长6%左右。(责任单位:区发展改革委)\n"
    )
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == ["地区生产总值增长5.5%左右", "固定资产投资增长6%左右"]
    assert plan.warnings == []


def test_leading_cells_merged_down_over_the_rows_of_one_project():
    # 序号, 项目名称 and 主办单位 span the project's rows: the rows below lack the three
    # cells, start with their 项目内容 and end in three empty cells.
    text = (
        "序号 | 项目名称 | 项目内容 | 当前进展情况 | 进度评价 | 主办单位 |\n"
        "1 | 农村人居环境整治提升工程 | 试点村达到100个。 | 已达到100个; | 已完成 | 县人居环境专班 |\n"
        "新增绿化面积387亩。 | 已完成新增造林387亩。 | 已完成 | |||\n"
        "完成生活污水治理村庄61个。 | 44个村庄已完成。 | 正常推进 | |||\n"
        "2 | 城乡供水一体化工程 | 新建供水管网30公里。 | 已完成20公里。 | 正常推进 | 县水务局 |\n"
    )
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == ["农村人居环境整治提升工程", "城乡供水一体化工程"]
    first = plan.tasks[0]
    assert [i.text for i in first.items][1:] == [
        "新增绿化面积387亩。",
        "完成生活污水治理村庄61个。",
    ]
    assert all(
        [(u.role, u.name) for u in i.units] == [("lead", "县人居环境专班")] for i in first.items
    )
    assert task_units(plan)[1] == [("lead", "县水务局")]
    # A row that reads as it is keeps its cells, even with an empty last one.
    text = (
        "序号 | 重点任务 | 牵头单位 | 备注 |\n"
        "1 | 建设污水管网。 | 县住建局 | 续建 |\n"
        "2 | 新增绿化面积387亩。 | 县林业局 | |\n"
    )
    assert task_units(parse_text(text)) == [[("lead", "县住建局")], [("lead", "县林业局")]]
