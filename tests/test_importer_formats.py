"""File formats and encodings: real files written to tmp_path, read back by parse_file."""

from __future__ import annotations

import codecs
from pathlib import Path

import docx
import pytest

from desktop.importer import parse_file

SEED = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_plan():
    return parse_file(SEED)


def _summary(plan):
    return (
        plan.title,
        plan.doc_no,
        plan.written_date,
        [(s.key, s.title) for s in plan.sections],
        [
            (t.no, t.title, [[(u.role, u.name) for u in i.units] for i in t.items])
            for t in plan.tasks
        ],
        [(g.metric, g.value) for t in plan.tasks for g in t.targets],
    )


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("gbk", "plan-gbk.txt"), ("gb18030", "plan-gb18030.txt"), ("utf-8-sig", "plan-bom.txt")],
)
def test_seed_in_other_encodings(tmp_path, seed_plan, encoding, name):
    path = tmp_path / name
    text = SEED_TEXT
    if encoding == "gbk":
        # GBK has no U+00A0: a GBK copy of the page has plain spaces there, which
        # normalise the same way, so the fingerprint still matches.
        text = text.replace("\xa0", " ")
    path.write_bytes(text.encode(encoding))
    if encoding == "utf-8-sig":
        assert path.read_bytes().startswith(codecs.BOM_UTF8)
    plan = parse_file(path)
    assert _summary(plan) == _summary(seed_plan)
    assert plan.fingerprint == seed_plan.fingerprint
    assert plan.source_name == name


def test_gb18030_only_characters(tmp_path):
    # 𠮷 (U+20BB7) exists in GB18030 but not in GBK.
    text = "测试计划\n一、任务\n1.建设𠮷祥平台。（牵头单位：市政数局）\n"
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("gb18030"))
    plan = parse_file(path)
    assert plan.tasks[0].title == "建设𠮷祥平台"


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(SEED_TEXT.encode("utf-16"))
    assert len(parse_file(path).tasks) == 27


HTML_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于印发某市数字政府建设行动计划的通知_某市人民政府</title>
<style>.nav {{ color: red }} p {{ text-indent: 2em }}</style>
<script>var fake = "1. 假任务（牵头单位：脚本局）";</script>
</head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/gk">政务公开</a> | <a href="/zc">政策文件</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
{meta}
<h1>某市数字政府建设行动计划</h1>
<div class="content">
<p>　　为加快数字政府建设，制定本计划。</p>
<p>　　一、主要任务</p>
<p>　　（一）夯实数字基础</p>
<p>　　1. 建设政务云平台。推进政务云扩容，
    到2025年，政务云资源利用率达到80%以上。（牵头单位：市政数局；配合单位：市财政局、市发改委）</p>
<p>　　2.推进数据共享。6月底前，数据共享目录覆盖率达到100%。<br>（责任单位：市政数局、市公安局）</p>
<p>　　（二）优化政务服务</p>
<p>　　3. 推进“一网通办”。（牵头单位：市政务服务中心 配合单位：各县（市）区政府、开发区管委会）</p>
</div>
<script>document.write("4. 写入的任务（牵头单位：脚本局）");</script>
<div style="display:none">5. 隐藏任务（牵头单位：隐藏局）</div>
<!-- 6. 注释任务（牵头单位：注释局） -->
<div class="footer">主办：某市人民政府办公室　联系电话：0431-88888888</div>
</body>
</html>
"""

HTML_META = """<table class="meta">
<tr><td>索 引 号：</td><td>000014349/2024-00012</td><td>分类：</td><td>通知</td></tr>
<tr><td>发文机关：</td><td>某市人民政府办公室</td><td>成文日期：</td><td>2024年03月01日</td></tr>
<tr><td>标　　题：</td><td>某市人民政府办公室关于印发某市数字政府建设行动计划的通知</td></tr>
<tr><td>发文字号：</td><td>某政办发〔2024〕5号</td><td>发布日期：</td><td>2024年03月05日</td></tr>
</table>"""


def test_html_page_gb2312(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(HTML_PAGE.format(meta=HTML_META).encode("gbk"))
    plan = parse_file(path)
    assert plan.title == "某市人民政府办公室关于印发某市数字政府建设行动计划的通知"
    assert plan.index_no == "000014349/2024-00012"
    assert plan.issuer == "某市人民政府办公室"
    assert plan.written_date == "2024-03-01"
    assert plan.published_date == "2024-03-05"
    assert plan.doc_no == "某政办发〔2024〕5号"
    assert [(s.key, s.title) for s in plan.sections] == [
        ("一", "主要任务"),
        ("一/一", "夯实数字基础"),
        ("一/二", "优化政务服务"),
    ]
    assert [t.no for t in plan.tasks] == [1, 2, 3]  # script, hidden and comment tasks dropped
    assert "假任务" not in plan.source_text and "隐藏" not in plan.source_text
    assert "fake" not in plan.source_text and "color" not in plan.source_text
    t1, t2, t3 = plan.tasks
    # A line wrap inside the HTML source does not put a space into Chinese text.
    assert "推进政务云扩容，到2025年" in t1.text
    assert [(u.role, u.name) for u in t1.items[0].units] == [
        ("lead", "市政数局"),
        ("support", "市财政局"),
        ("support", "市发改委"),
    ]
    assert [(g.metric, g.comparator, g.value, g.uom, g.deadline) for g in t1.targets] == [
        ("政务云资源利用率", ">=", 80, "%", "2025-12-31")
    ]
    # <br> put the attribution on its own line; it still belongs to task 2.
    assert [(u.role, u.name) for u in t2.items[0].units] == [
        ("responsible", "市政数局"),
        ("responsible", "市公安局"),
    ]
    assert [(g.metric, g.deadline) for g in t2.targets] == [("数据共享目录覆盖率", "2024-06-30")]
    assert [(u.role, u.name, u.kind) for u in t3.items[0].units] == [
        ("lead", "市政务服务中心", "bureau"),
        ("support", "各县（市）区政府", "group"),
        ("support", "开发区管委会", "district"),
    ]
    assert t3.section_key == "一/二"
    assert not any("联系电话" in t.text for t in plan.tasks)


def test_html_without_header_uses_heading_as_title(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(HTML_PAGE.format(meta="").encode("utf-8"))
    plan = parse_file(path)
    assert plan.title == "某市数字政府建设行动计划"
    assert plan.written_date is None
    # 6月底前 cannot be resolved without the plan's year.
    assert plan.tasks[1].targets[0].deadline is None
    assert len(plan.tasks) == 3


def test_txt_that_is_really_html(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_bytes(HTML_PAGE.format(meta=HTML_META).encode("gbk"))
    assert [t.no for t in parse_file(path).tasks] == [1, 2, 3]


def test_docx_paragraphs_same_as_txt(tmp_path, seed_plan):
    document = docx.Document()
    for line in SEED_TEXT.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = parse_file(path)
    assert _summary(plan) == _summary(seed_plan)
    assert plan.fingerprint == seed_plan.fingerprint


def _task_table_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某市城市数字化转型重点任务清单")
    document.add_paragraph("成文日期：2024年01月15日")
    document.add_paragraph("一、重点任务")
    rows = [
        ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
        ("1", "建设城市运行管理中心。到2025年，接入业务系统不少于50个。", "市政数局",
         "市城管局、市公安局", "2025年底前"),
        ("2", "推进12345热线整合。", "市政数局", "各县（市）区政府", "2024年6月底"),
        ("3", "开展数字技能培训，培训人数超过2万人。", "市人社局", "", "2024年12月31日"),
    ]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    # A second paragraph in a unit cell counts as another unit.
    table.cell(1, 3).add_paragraph("市交通局")
    document.add_paragraph("二、保障措施")
    document.add_paragraph("加强组织领导。")
    document.save(path)


def test_docx_task_table(tmp_path):
    path = tmp_path / "table.docx"
    _task_table_docx(path)
    plan = parse_file(path)
    assert plan.title == "某市城市数字化转型重点任务清单"
    assert plan.written_date == "2024-01-15"
    assert [(t.no, t.title, t.section_key) for t in plan.tasks] == [
        (1, "建设城市运行管理中心", "一"),
        (2, "推进12345热线整合", "一"),
        (3, "开展数字技能培训，培训人数超过2万人", "一"),
    ]
    assert all(len(t.items) == 1 for t in plan.tasks)
    units = [[(u.role, u.name) for u in t.items[0].units] for t in plan.tasks]
    assert units == [
        [("lead", "市政数局"), ("support", "市城管局"), ("support", "市公安局"),
         ("support", "市交通局")],
        [("lead", "市政数局"), ("support", "各县（市）区政府")],
        [("lead", "市人社局")],
    ]  # fmt: skip
    t1, t2, t3 = plan.tasks
    assert [(g.metric, g.comparator, g.value, g.uom, g.deadline) for g in t1.targets] == [
        ("接入业务系统", ">=", 50, "个", "2025-12-31")
    ]
    assert t2.targets == []
    # No deadline in the sentence: the row's 完成时限 applies.
    assert [(g.metric, g.comparator, g.value, g.uom, g.deadline) for g in t3.targets] == [
        ("培训人数", ">", 20000, "人", "2024-12-31")
    ]
    assert "完成时限：2024年6月底" in t2.text
    src = plan.source_text
    for t in plan.tasks:
        assert src[t.span.start : t.span.end] == t.text


def test_docx_generic_table_cells_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("某市行动计划")
    table = document.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    cell.text = (
        "一、主要任务\n1. 建设数据平台。（牵头单位：市政数局）\n2. 推进共享。（责任单位：市发改委）"
    )
    path = tmp_path / "layout.docx"
    document.save(path)
    plan = parse_file(path)
    assert [(t.no, t.items[0].units[0].name) for t in plan.tasks] == [
        (1, "市政数局"),
        (2, "市发改委"),
    ]


def test_docx_task_table_with_two_header_rows_and_merged_cells(tmp_path):
    # 责任单位 spans 牵头单位 | 配合单位 in a second header row; 序号/重点任务 are
    # merged down over two rows (two work items with their own units); section
    # rows span the whole table.
    document = docx.Document()
    document.add_paragraph("某市数字政府建设重点任务分工方案")
    table = document.add_table(rows=7, cols=6)
    for col, label in ((0, "序号"), (1, "重点任务"), (2, "具体措施"), (5, "完成时限")):
        table.cell(0, col).merge(table.cell(1, col)).text = label
    table.cell(0, 3).merge(table.cell(0, 4)).text = "责任单位"
    table.cell(1, 3).text = "牵头单位"
    table.cell(1, 4).text = "配合 单位"
    table.cell(2, 0).merge(table.cell(2, 5)).text = "（一）夯实数字基础"
    rows = {
        3: ("1", "建设政务云", "到2025年，政务云资源利用率达到80%以上。", "市政数局",
            "市财政局\n市发改委", "2025年底前"),
        5: ("", "", "建设城市运行管理中心。", "市城管局", "", "2024年底前"),
    }  # fmt: skip
    for r, values in rows.items():
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    table.cell(3, 0).merge(table.cell(4, 0))
    table.cell(3, 1).merge(table.cell(4, 1))
    table.cell(4, 2).text = "推进政务数据共享。"
    table.cell(4, 3).text = "市政数局"
    table.cell(4, 4).text = "各县（市）区政府"
    table.cell(6, 0).merge(table.cell(6, 5)).text = "（二）优化政务服务"
    path = tmp_path / "two-row-header.docx"
    document.save(path)

    plan = parse_file(path)
    assert [(s.key, s.title) for s in plan.sections] == [
        ("一", "夯实数字基础"),
        ("二", "优化政务服务"),
    ]
    assert [(t.no, t.title, t.section_key) for t in plan.tasks] == [
        (1, "建设政务云", "一"),
        (2, "建设城市运行管理中心", "一"),
    ]
    t1, t2 = plan.tasks
    assert [[(u.role, u.name) for u in item.units] for item in t1.items] == [
        [("lead", "市政数局"), ("support", "市财政局"), ("support", "市发改委")],
        [("lead", "市政数局"), ("support", "各县（市）区政府")],
    ]
    assert "推进政务数据共享" in t1.items[1].text
    assert [(u.role, u.name) for u in t2.items[0].units] == [("lead", "市城管局")]
    assert [(g.metric, g.comparator, g.value, g.uom, g.deadline) for g in t1.targets] == [
        ("政务云资源利用率", ">=", 80, "%", "2025-12-31")
    ]
    assert plan.warnings == []
