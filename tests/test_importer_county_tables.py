"""Task tables of county plans met in the second field test (branch imp40): text tables
the importer refused or misread, each reduced to the rule it needed."""

from __future__ import annotations

from desktop.importer import parse_text
from tests.helpers.plans import task_units


def test_a_traditional_page_s_table_is_read_with_its_simplified_header():
    text = (
        "關於印發縣重點工作任務分解的通知\n各鄉鎮人民政府，縣直各單位：現將任務分解印發給你們，請認真貫徹執行。\n"
        "序號 | 重點任務 | 牽頭單位 | 配合單位\n"
        "1 | 建設農業產業園區 | 縣農業農村局 | 縣發展改革局、縣財政局\n"
        "2 | 實施老舊小區改造 | 縣住房城鄉建設局 | 各鄉鎮人民政府\n"
    )
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == ["建设农业产业园区", "实施老旧小区改造"]
    assert task_units(plan)[0] == [
        ("lead", "县农业农村局"),
        ("support", "县发展改革局"),
        ("support", "县财政局"),
    ]


def test_project_lists_and_bureau_tables_name_their_columns_in_other_words():
    # 民生实事 lists: 项目名称 / 项目内容 and 建设内容 are the task and its body.
    projects = (
        "序号 | 项目名称 | 建设地点 | 2024年建设内容 | 责任单位\n"
        "1 | 城北小学门前道路建设项目 | 纸坊街道 | 建成唐塔北路延伸段道路。 | 住建局\n"
    )
    plan = parse_text(projects)
    assert plan.tasks[0].text.startswith("1. 城北小学门前道路建设项目。建成唐塔北路延伸段道路。")
    assert task_units(plan) == [[("responsible", "住建局")]]
    plan = parse_text("序号 | 项目内容 | 牵头单位\n1 | 培训应急救护人员235人。 | 县红十字会\n")
    assert task_units(plan) == [[("lead", "县红十字会")]]
    # A bureau's table: 负责领导 (a person), 协同部门, 计划完成时间.
    bureau = (
        "序号 | 负责领导 | 重点工作 | 牵头部门 | 协同部门 | 计划完成时间\n"
        "1 | 王波 | 推进高标准农田建设 | 县农业农村局 | 县水利局、有关乡镇 | 2023年底\n"
    )
    plan = parse_text(bureau)
    task = plan.tasks[0]
    assert (task.leaders, task.deadline) == (["王波"], "2023-12-31")
    assert task_units(plan) == [
        [("lead", "县农业农村局"), ("support", "县水利局"), ("support", "有关乡镇")]
    ]


def test_a_unit_cell_merged_down_over_rows_of_a_pipe_table():
    # The page's 牵头单位 cell spans rows 1-2: copied as text, row 2 lacks it, its
    # 落实情况 moved into the unit column and the row ends in an empty cell.
    text = (
        "序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |\n"
        "1 | 为老年人免费接种流感疫苗。 | 制定工作方案。 | 县卫生健康局 | 已完成。 已制定方案。 |\n"
        "2 | 免费开展结直肠癌筛查。 | 完成筛查1480人。 | 已完成。 完成筛查3495人。 | |\n"
        "3 | 培训应急救护人员235人。 | 完成培训65人。 | 县红十字会 | 已完成。 |\n"
        "4 | 新增配置除颤仪47台。 | 公布采购公告。 | 县红十字会 | |\n"
    )
    assert task_units(parse_text(text)) == [
        [("lead", "县卫生健康局")],
        [("lead", "县卫生健康局")],
        [("lead", "县红十字会")],
        [("lead", "县红十字会")],
    ]


def test_a_pipe_table_copied_one_cell_per_line():
    text = (
        "关于印发洋县2024年十大民生实事项目的通知\n附件:\n|\n洋县2024年十大民生实事项目清单 |\n||||||\n|\n"
        "序号 |\n项目名称 |\n建设地点 |\n年度投资金额 (万元) |\n责任单位 |\n|\n"
        "1 |\n城北小学门前道路建设项目 |\n纸坊街道 |\n300 |\n住建局 |\n|\n"
        "2 |\n2024年农村公路生命安全防护工程 |\n槐树关镇龙亭镇 |\n3000 |\n交通局 |\n|\n"
        "3 |\n职教中心小江分校区建设项目 |\n磨子桥镇 |\n改造小江初中现有教学楼和学生宿舍等,\n"
    )
    plan = parse_text(text)
    assert plan.title == "关于印发洋县2024年十大民生实事项目的通知"
    assert [t.title for t in plan.tasks] == [
        "城北小学门前道路建设项目",
        "2024年农村公路生命安全防护工程",
        "职教中心小江分校区建设项目",
    ]
    assert task_units(plan) == [[("responsible", "住建局")], [("responsible", "交通局")], []]


def test_a_bureau_s_share_of_a_web_table_copied_one_cell_per_paragraph():
    # Columns beside the known ones (目前完成情况, 是否达到序时进度), the bureau's rows of
    # the county's list (6, 52, 53: numbers in order, not consecutive), its sections as
    # units (经管站, 农业股) and a unit cell of two paragraphs.
    cells = [
        "序号", "目标任务", "牵头责任单位", "计划完成时间", "目前完成情况", "是否达到序时进度",
        "6", "农村居民人均可支配收入与经济增长同步。", "经管站", "2023年底", "三季度增幅7.4%", "是",
        "52", "建成高标准农田8.3万亩。", "农田建设管理股、农业股", "2023年底", "整体进度70%",
        "53", "加强农产品品牌建设。", "农业股", "乡村产业发展股", "2023年底", "完成认证10个",
        "54", "持续开展农资打假专项治理行动。", "农业执法大队", "2023年底", "查处违法行为31起",
    ]  # fmt: skip
    plan = parse_text("\n\n".join(cells))
    assert [(t.no, t.deadline) for t in plan.tasks] == [
        (6, "2023-12-31"),
        (52, "2023-12-31"),
        (53, "2023-12-31"),
        (54, "2023-12-31"),
    ]
    assert task_units(plan) == [
        [("lead", "经管站")],
        [("lead", "农业股"), ("lead", "农田建设管理股")],
        [("lead", "乡村产业发展股"), ("lead", "农业股")],
        [("lead", "农业执法大队")],
    ]


def test_a_web_table_copied_with_its_cells_separated_by_spaces():
    text = (
        "舒城县农业农村局2021年9月份重点工作完成情况\n"
        "负责领导 重点工作 基本要求 牵头部门 协同部门 完成情况\n"
        "王波 分管领域投资工作(按序时进度推进) 桃溪示范园(项目规划上报审批) "
        "县农业农村局、县林业局、开发区 县科技局、有关乡镇 1、示范园征地已完成。\n"
        "2、高标准农田建设项目已完成审计\n"
        "负责领导 重点工作 基本要求 牵头部门 协同部门 完成情况\n"
        "李强 推进138+N工程 开展双“十佳”评比 县农业农村局 县财政局 已完成评比 正在验收\n"
    )
    plan = parse_text(text)
    assert [(t.no, t.title, t.leaders) for t in plan.tasks] == [
        (1, "分管领域投资工作(按序时进度推进)", ["王波"]),
        (2, "推进138+N工程", ["李强"]),
    ]
    assert task_units(plan) == [
        [
            ("lead", "县农业农村局"),
            ("lead", "县林业局"),
            ("lead", "开发区"),
            ("support", "县科技局"),
            ("support", "有关乡镇"),
        ],
        [("lead", "县农业农村局"), ("support", "县财政局")],
    ]


def test_a_site_s_information_table_copied_with_bars_and_a_publication_time():
    text = (
        "索 引 号 | 11370828593615886A/2025-00693 | 公开方式 | 主动公开 |\n"
        "发布机构 | 金乡县人民政府办公室 | 组配分类 | 金政发 |\n"
        "成文日期 | 2025-02-28 | 废止日期 | |\n"
        "2025年金乡县政府重要工作事项责任分工\n"
        "一、主要预期目标\n1.地区生产总值增长6%。(牵头单位:县发展和改革局)\n"
    )
    plan = parse_text(text)
    assert (plan.index_no, plan.issuer, plan.written_date, plan.title) == (
        "11370828593615886A/2025-00693",
        "金乡县人民政府办公室",
        "2025-02-28",
        "2025年金乡县政府重要工作事项责任分工",
    )
    text = "重点工作完成情况\n发布时间:2023-12-14 11:30 来源: 县农业农村局\n1.建设农田。(牵头单位:县农业农村局)\n"
    assert parse_text(text).published_date == "2023-12-14"
