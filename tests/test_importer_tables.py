"""Task tables written as text, in HTML pages and in Word: header in any order."""

from __future__ import annotations

from desktop.importer import parse_file, parse_text
from tests.helpers.plans import task_units


def test_pipe_table_with_spaced_header_and_deadlines():
    text = (
        "某市任务分工表\n序号 | 重点任务 | 牵头 单位 | 配合单位 | 完成时限\n--- | --- | --- | --- | ---\n"
        "1 | 建设城市大脑 | 市政数局 | 市工信局、市财政局 | 2024年底前\n"
        "2 | 推进一网通办 | 市政数局 | 市市场监管局 | 2025年6月底前\n"
    )
    plan = parse_text(text)
    assert [(t.no, t.title, t.deadline) for t in plan.tasks] == [
        (1, "建设城市大脑", "2024-12-31"),
        (2, "推进一网通办", "2025-06-30"),
    ]
    assert task_units(plan)[0] == [
        ("lead", "市政数局"),
        ("support", "市工信局"),
        ("support", "市财政局"),
    ]


def test_one_cell_per_line_table_columns_in_another_order():
    text = (
        "某县任务清单\n\n责任单位\n序号\n工作任务\n牵头单位\n\n"
        "各乡镇\n1\n改造老旧小区\n县住建局\n\n"
        "县住建局、县财政局\n2\n建设县城污水管网\n县水务局\n"
    )
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == ["改造老旧小区", "建设县城污水管网"]
    assert task_units(plan) == [
        [("lead", "县住建局"), ("responsible", "各乡镇")],
        [("lead", "县水务局"), ("responsible", "县住建局"), ("responsible", "县财政局")],
    ]


def test_web_table_copied_one_cell_per_paragraph():
    # A web page's table copied as text: every cell a paragraph, the 分类 column
    # merged down (its cell only before the first row of a group), the 责任单位
    # column repeating the 牵头单位, and the last row cut short.
    cells = [
        "分类", "序号", "事项", "责任单位", "牵头单位",
        "发展目标", "1", "地区生产总值增长6.5%以上。", "区农业农村局、区发改局、区交通局", "区发改局",
        "2", "农业增加值增长3.5%。", "区农业农村局", "区农业农村局",
        "激发市场活力", "3", "深化政务服务“一网通办”。", "区行政服务中心",
    ]  # fmt: skip
    plan = parse_text("某区重点工作责任分解\n\n" + "\n\n".join(cells) + "\n\n（此件公开发布）\n")
    assert [t.title for t in plan.tasks] == [
        "地区生产总值增长6.5%以上",
        "农业增加值增长3.5%",
        "深化政务服务“一网通办”",
    ]
    assert task_units(plan) == [
        [("lead", "区发改局"), ("responsible", "区交通局"), ("responsible", "区农业农村局")],
        [("lead", "区农业农村局")],
        [("responsible", "区行政服务中心")],
    ]
    assert plan.title == "某区重点工作责任分解" and not plan.warnings


def test_a_long_run_of_header_words_is_no_table_and_the_table_after_it_is_read():
    # Each header-like paragraph is tried as a table's start; a run of them (pasted
    # column names, a malformed page) reads as text, and the real table after it as a
    # table (the scan reads only as far as a table could go: once, it listed every
    # paragraph to the end at each try, 84 s for 8,000 of them)
    noise = "\n\n".join(["序号", "牵头单位", "重点任务"] * 40)
    cells = ["序号", "重点任务", "牵头单位", "1", "建设城市大脑", "市政数局"]
    text = "某市任务分工表\n\n" + noise + "\n\n说明文字。\n\n" + "\n\n".join(cells) + "\n"
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == ["建设城市大脑"]
    assert task_units(plan) == [[("lead", "市政数局")]]


def test_html_task_table_with_merged_cells(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        """<html><head><meta charset="gbk"></head><body><p>某县2024年重点工作任务分解表</p>
<table border=1>
<tr><th rowspan=2>序号</th><th rowspan=2>重点任务</th><th colspan=2>责任单位</th>
<th rowspan=2>完成时限</th></tr>
<tr><th>牵头单位</th><th>配合单位</th></tr>
<tr><td rowspan=2>1</td><td rowspan=2>推进乡村振兴</td><td>县农业农村局</td><td>县财政局</td>
<td>2024年底</td></tr>
<tr><td>县乡村振兴局</td><td>各乡镇</td><td>2024年底</td></tr>
<tr><td>2</td><td>改善营商环境</td><td>县发改局</td><td>县市场监管局、县税务局</td><td>2024年6月</td></tr>
</table></body></html>""",
        encoding="gbk",
    )
    plan = parse_file(path)
    assert [(t.no, t.title, t.deadline) for t in plan.tasks] == [
        (1, "推进乡村振兴", "2024-12-31"),
        (2, "改善营商环境", "2024-06-30"),
    ]
    assert task_units(plan) == [
        [("lead", "县乡村振兴局"), ("lead", "县农业农村局"), ("support", "县财政局"),
         ("support", "各乡镇")],
        [("lead", "县发改局"), ("support", "县市场监管局"), ("support", "县税务局")],
    ]  # fmt: skip
    rows = [[(u.role, u.name) for u in item.units] for item in plan.tasks[0].items]
    assert rows == [
        [("lead", "县农业农村局"), ("support", "县财政局")],
        [("lead", "县乡村振兴局"), ("support", "各乡镇")],
    ]  # one work item per row of the merged task


def test_tables_with_more_than_999_rows():
    rows = ["序号\t重点任务\t牵头单位\t配合单位"] + [
        f"{i}\t任务{i}内容\t市发改委\t市财政局" for i in range(1, 1201)
    ]
    plan = parse_text("某市任务表\n" + "\n".join(rows))
    assert [t.no for t in plan.tasks] == list(range(1, 1201))


def test_word_numbering_through_a_list_style(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某市方案")
    document.add_paragraph("建设城市大脑。（市政数局牵头，市工信局配合）", style="List Number")
    document.add_paragraph("推进一网通办。（市政务服务中心负责）", style="List Number")
    path = tmp_path / "styled.docx"
    document.save(path)
    plan = parse_file(path)
    assert [(t.no, t.title) for t in plan.tasks] == [(1, "建设城市大脑"), (2, "推进一网通办")]
