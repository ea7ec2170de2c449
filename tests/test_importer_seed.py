"""The real seed plan 长府办发〔2023〕17号, parsed end to end from the file in assets/.

The expected table below was written by hand from the document text, not from
the parser's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.importer import parse_file, parse_text
from desktop.importer.model import COMPARATORS, ROLES, UNIT_KINDS

SEED = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"


@pytest.fixture(scope="module")
def plan():
    return parse_file(SEED)


def test_header(plan):
    assert plan.index_no == "11220100013828800N/2023-23305"
    assert plan.issuer == "长春市人民政府办公厅"
    assert plan.written_date == "2023-04-06"
    assert plan.title == "长春市人民政府办公厅关于印发长春市数字经济发展行动计划的通知"
    assert plan.doc_no == "长府办发〔2023〕17号"
    assert plan.published_date == "2023-04-18"
    assert plan.source_name == SEED.name


def test_sections(plan):
    # The seed has 3 level-1 sections (一、总体要求 二、主要任务 三、保障措施) and
    # 13 level-2 sections under them. The "6 sections" of the product brief are
    # the six （一）–（六） action sections of 二、主要任务 that hold the 27 tasks.
    got = [(s.key, s.level, s.no, s.title, s.parent_key) for s in plan.sections]
    assert got == [
        ("一", 1, "一", "总体要求", None),
        ("一/一", 2, "一", "指导思想", "一"),
        ("一/二", 2, "二", "发展目标", "一"),
        ("一/三", 2, "三", "发展原则", "一"),
        ("二", 1, "二", "主要任务", None),
        ("二/一", 2, "一", "数字基础设施能力提升行动", "二"),
        ("二/二", 2, "二", "数据要素市场机制完善行动", "二"),
        ("二/三", 2, "三", "特色产业生态培育壮大行动", "二"),
        ("二/四", 2, "四", "重点数字产业能级提升行动", "二"),
        ("二/五", 2, "五", "传统产业数字化融合行动", "二"),
        ("二/六", 2, "六", "产业发展载体优化升级行动", "二"),
        ("三", 1, "三", "保障措施", None),
        ("三/一", 2, "一", "建立统筹协同推进机制", "三"),
        ("三/二", 2, "二", "强化财政金融渠道支持", "三"),
        ("三/三", 2, "三", "夯实人才培引支撑服务", "三"),
        ("三/四", 2, "四", "深化招商促进产业集聚", "三"),
    ]
    task_sections = {t.section_key for t in plan.tasks}
    assert task_sections == {"二/一", "二/二", "二/三", "二/四", "二/五", "二/六"}


def test_task_numbers_and_sections(plan):
    assert [t.no for t in plan.tasks] == list(range(1, 28))
    by_section = {}
    for t in plan.tasks:
        by_section.setdefault(t.section_key, []).append(t.no)
    assert by_section == {
        "二/一": [1, 2, 3, 4, 5, 6, 7],
        "二/二": [8, 9, 10],
        "二/三": [11, 12, 13, 14],
        "二/四": [15, 16, 17, 18, 19, 20],
        "二/五": [21, 22, 23, 24],
        "二/六": [25, 26, 27],
    }


def test_principles_are_not_tasks(plan):
    # 一(三)发展原则 has "1. 坚持创新引领" … with no attribution: not tasks.
    titles = {t.title for t in plan.tasks}
    assert not titles & {"坚持创新引领", "坚持数据驱动", "坚持合规安全"}
    assert all(t.section_key != "一/三" for t in plan.tasks)


def test_titles(plan):
    titles = {t.no: t.title for t in plan.tasks}
    assert titles[1] == "优化5G网络覆盖"
    assert titles[8] == "推进长春大数据交易中心(所)建设"
    assert titles[12] == "构建全链条光电信息产业生态"  # "12.构建" without a space
    assert titles[27] == "进一步完善长春数智云功能"


L, S, R = "lead", "support", "responsible"

# (task no, [(role, unit), ...] per item) — every attribution of the document, in order.
EXPECTED_ITEMS: list[tuple[int, list[tuple[str, str]]]] = [
    (1, [(L, "市城管局"), (S, "市规自局"), (S, "市政数局"), (S, "市工信局"), (S, "市建委"),
         (S, "市林园局"), (S, "市通信办"), (S, "各电信运营商"), (S, "铁塔公司"),
         (S, "市供电公司"), (S, "各城区政府"), (S, "开发区管委会")]),
    (2, [(L, "市通信办"), (S, "市政数局"), (S, "市建委"), (S, "各电信运营商")]),
    (3, [(L, "市通信办"), (S, "市政数局"), (S, "各电信运营商")]),
    (4, [(L, "市政数局"), (S, "市工信局"), (S, "东数科技公司")]),
    (5, [(L, "市政数局"), (S, "市国资委"), (S, "东数科技公司")]),
    (6, [(L, "市工信局"), (S, "东数科技公司"), (S, "各县〔市〕区政府"), (S, "开发区管委会")]),
    (7, [(L, "市委网信办"), (S, "市工信局"), (S, "市政数局")]),
    (8, [(L, "市政数局"), (S, "市金融办"), (S, "市市场监督局")]),
    (9, [(L, "市政数局"), (S, "净月区管委会")]),
    (10, [(R, "市政数局")]),
    (11, [(L, "市工信局"), (S, "市政数局"), (S, "市建委"), (S, "市公安局"), (S, "市交通局"),
          (S, "汽开区管委会"), (S, "净月区管委会")]),
    (12, [(L, "市工信局"), (S, "市政数局"), (S, "长春新区管委会")]),
    (13, [(L, "市委宣传部"), (S, "市文广旅局"), (S, "市政数局"), (S, "净月区管委会")]),
    (14, [(L, "市农业农村局"), (S, "市政数局"), (S, "公主岭市政府"), (S, "榆树市政府"),
          (S, "德惠市政府"), (S, "农安县政府")]),
    (14, [(R, "市农业农村局")]),
    (14, [(L, "市商务局"), (S, "市农业农村局"), (S, "市政数局")]),
    (14, [(L, "市畜牧局"), (S, "市政数局")]),
    (15, [(L, "市科技局"), (S, "市政数局")]),
    (16, [(L, "市政数局"), (S, "市科技局")]),
    (17, [(L, "市政数局"), (S, "市城管局"), (S, "市商务局"), (S, "市公安局")]),
    (18, [(R, "市工信局")]),
    (19, [(L, "市政数局"), (S, "市工信局")]),
    (19, [(L, "市政数局"), (S, "市科技局"), (S, "市工信局"), (S, "市教育局"), (S, "市卫健委"),
          (S, "市文广旅局")]),
    (19, [(R, "市政数局")]),
    (20, [(L, "市委网信办"), (S, "市工信局"), (S, "市政数局")]),
    (21, [(R, "市农业农村局"), (R, "市商务局"), (R, "市政数局"), (R, "市畜牧局")]),
    (22, [(L, "市工信局"), (S, "东数科技公司"), (S, "各县〔市〕区政府"), (S, "开发区管委会")]),
    (23, [(L, "市工信局"), (S, "东数科技公司"), (S, "各县〔市〕区政府"), (S, "开发区管委会")]),
    (24, [(L, "市发改委"), (S, "市商务局"), (S, "市邮政管理局"), (S, "市政数局")]),
    (24, [(L, "市商务局"), (S, "长春新区管委会"), (S, "兴隆综保区管委会")]),
    (24, [(L, "市工信局"), (S, "市商务局")]),
    (24, [(R, "市商务局")]),
    (24, [(L, "市文广旅局"), (S, "市政数局")]),
    (25, [(L, "净月区管委会"), (S, "市政数局")]),
    (26, [(R, "“六城联动”各牵头单位")]),
    (27, [(R, "市政数局")]),
]  # fmt: skip


def test_every_attribution_exactly(plan):
    assert len(EXPECTED_ITEMS) == 36
    got = [
        (task.no, [(u.role, u.name) for u in item.units])
        for task in plan.tasks
        for item in task.items
    ]
    assert got == EXPECTED_ITEMS


def test_item_counts(plan):
    counts = {t.no: len(t.items) for t in plan.tasks}
    assert counts[14] == 4 and counts[19] == 3 and counts[24] == 5
    assert sum(counts.values()) == 36
    assert all(n >= 1 for n in counts.values())


def test_item_texts_and_attributions(plan):
    t14 = plan.tasks[13]
    assert t14.items[0].text.startswith("打造智慧农业产业生态链。推进长春数字农业服务平台体系建设")
    assert t14.items[0].text.endswith("灾情等方面监测应用。")
    assert (
        t14.items[1].text
        == "以省耕作检测信息平台为依托,构建省市县联动的黑土地监测监管平台,强化黑土地监测监管。"
    )
    assert t14.items[1].attribution == "责任单位:市农业农村局"
    t1 = plan.tasks[0]
    assert t1.items[0].attribution.startswith("牵头单位:市城管局;配合单位:市规自局")
    assert "牵头单位" not in t1.items[0].text
    # The missing separator of task 7 ("市委网信办 配合单位:").
    assert plan.tasks[6].items[0].attribution == "牵头单位:市委网信办 配合单位:市工信局、市政数局"


def test_unit_kinds(plan):
    kinds = {u.name: u.kind for t in plan.tasks for i in t.items for u in i.units}
    assert set(kinds.values()) <= set(UNIT_KINDS)
    expected = {
        "市城管局": "bureau",
        "市委网信办": "bureau",
        "市委宣传部": "bureau",
        "市通信办": "bureau",
        "各电信运营商": "group",
        "各城区政府": "group",
        "各县〔市〕区政府": "group",
        "“六城联动”各牵头单位": "group",
        "铁塔公司": "enterprise",
        "市供电公司": "enterprise",
        "东数科技公司": "enterprise",
        "开发区管委会": "district",
        "净月区管委会": "district",
        "长春新区管委会": "district",
        "兴隆综保区管委会": "district",
        "公主岭市政府": "county",
        "农安县政府": "county",
    }
    assert {k: kinds[k] for k in expected} == expected
    roles = {u.role for t in plan.tasks for i in t.items for u in i.units}
    assert roles <= set(ROLES)


def test_unit_names_distinct(plan):
    names = plan.unit_names()
    assert names[:3] == ["市城管局", "市规自局", "市政数局"]
    assert len(names) == len(set(names))
    assert "公主岭市" not in names and "汽开区" not in names and "长春新区" not in names


def test_warnings(plan):
    assert plan.warnings == ["任务26：责任单位“‘六城联动’各牵头单位”为泛指，未对应具体单位"]


def _targets(task):
    return [(t.metric, t.comparator, t.value, t.uom, t.deadline) for t in task.targets]


def test_targets(plan):
    tasks = {t.no: t for t in plan.tasks}
    assert _targets(tasks[1]) == [("主城区5G基站数量", ">=", 13000, "个", "2025-12-31")]
    assert tasks[1].targets[0].text == "到“十四五”末期,主城区5G基站数量达到13000个以上"
    assert _targets(tasks[2]) == [("城市家庭千兆光纤网络覆盖率", ">=", 95, "%", "2025-12-31")]
    assert _targets(tasks[3]) == [("乡镇5G网络通达率", ">=", 100, "%", "2025-12-31")]
    # Our call: "建设4个…" is a commitment met by 4 or more -> ">=".
    assert _targets(tasks[6]) == [("行业级工业互联网标识解析二级节点", ">=", 4, "个", None)]
    assert _targets(tasks[27]) == [
        ("数智云平台年交易额", ">", 1, "亿元", None),  # money keeps its written unit
        ("平台用户", ">", 10000, "个", None),  # 1万个 -> 10000 个
    ]
    with_targets = sorted(no for no, t in tasks.items() if t.targets)
    assert with_targets == [1, 2, 3, 6, 27]
    for t in plan.tasks:
        for target in t.targets:
            assert target.comparator in COMPARATORS


def test_goals(plan):
    got = [(g.metric, g.comparator, g.value, g.uom, g.deadline) for g in plan.goals]
    assert got == [
        ("数字经济核心产业增加值占比", ">", 10, "%", "2025-12-31"),
        ("数据交易额", ">=", 10, "亿元", "2025-12-31"),
    ]


def test_spans_point_into_source(plan):
    src = plan.source_text
    for sec in plan.sections:
        assert sec.title in src[sec.span.start : sec.span.end]
    for task in plan.tasks:
        assert src[task.span.start : task.span.end] == task.text
        assert task.title in task.text
        for item in task.items:
            chunk = src[item.span.start : item.span.end]
            assert item.text in chunk and item.attribution in chunk
            assert task.span.start <= item.span.start < item.span.end <= task.span.end
        for target in task.targets:
            assert src[target.span.start : target.span.end] == target.text
            assert target.metric in target.text
    for goal in plan.goals:
        assert src[goal.span.start : goal.span.end] == goal.text


def test_task_text_is_whole_paragraph(plan):
    t24 = plan.tasks[23]
    assert t24.text.startswith("24.推动服务业数字化转型。")
    assert t24.text.endswith("(牵头单位:市文广旅局;配合单位:市政数局)")
    assert plan.tasks[26].text.endswith("(责任单位:市政数局)")  # 三、保障措施 not included


def test_fingerprint_is_stable(plan):
    raw = SEED.read_text(encoding="utf-8")
    again = parse_text(raw.replace("\n", "\r\n"), source_name="x.txt")
    assert again.fingerprint == plan.fingerprint
    assert len(plan.fingerprint) == 64
