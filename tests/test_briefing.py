"""Briefing documents (desktop.briefing): real PDFs read back with pypdf, real .docx
read back with python-docx, pages rendered with pdftoppm. Qt-free."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from desktop.briefing import fonts as briefing_fonts
from desktop.briefing.api import (
    BriefingOptions,
    Cancelled,
    generate,
    issue_number,
    notice_text,
    units_with_work,
)
from desktop.cli import main
from desktop.demo import add_demo_coordination
from desktop.errors import UserError
from desktop.importer import parse_file
from desktop.models import authoring, briefing_issues, duban, duban_queries, status_queries
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import status as st
from desktop.models.coordination_common import AlreadyReported
from desktop.models.store import Store
from desktop.models.time_progress import expected_percent

MEETING = date(2026, 11, 30)
REQUIREMENTS = "一是压实牵头责任，对照时限倒排工期。\n二是加强部门协同，配合单位主动对接。"


def squash(text: str) -> str:
    """Text without line breaks and spaces (table cells wrap anywhere)."""
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seed_path_module: Path) -> Path:
    """The seed plan with the demo coordination data dated around MEETING and progress
    reports: task 1 above its 序时进度, tasks 5 (demo) and 13 below."""
    path = tmp_path_factory.mktemp("briefing") / "seed.db"
    store = Store.open(path)
    store.import_plan(parse_file(seed_path_module))
    add_demo_coordination(store, MEETING)
    # task 9's only milestone is done; the office approved its 办结 (销号): done (issue 12)
    task9 = cq.resolve_task(store.db, 9)
    lead = next(iter(duban_queries.closing_units(store.db, task9)))
    duban.decide_signoff(store, duban.apply_signoff(store, task9, lead, "已建成"), True)
    task13 = cq.resolve_task(store.db, 13)
    co.add_report(
        store,
        task13,
        store.find_unit("市委宣传部"),
        period="2026-11",
        text="方案起草中",
        percent=10,
    )
    task1 = cq.resolve_task(store.db, 1)
    co.add_report(
        store, task1, store.find_unit("市城管局"), period="2026-11", text="新建基站2800个",
        percent=95,
    )  # fmt: skip
    store.close()
    return path


@pytest.fixture(scope="module")
def seed_path_module() -> Path:
    return Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"


@pytest.fixture
def db(seed_db: Path, tmp_path: Path) -> Path:
    """A fresh copy per test (issue numbers are written)."""
    copy = tmp_path / "seed.db"
    shutil.copy(seed_db, copy)
    return copy


def options(**extra) -> BriefingOptions:
    base = {"meeting_date": MEETING, "issuer": "市数字经济发展领导小组办公室"}
    return BriefingOptions(**{**base, **extra})


def snapshot(db: Path) -> tuple[Store, st.StatusSnapshot]:
    store = Store.open(db)
    return store, status_queries.compute_status(store.db, MEETING)


# -- 督查通报 ----------------------------------------------------------------------------


def test_overview_content(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "通报.pdf"
    result = generate(
        db, "overview", options(requirements=REQUIREMENTS, confidentiality="内部资料 注意保存"), out
    )
    pages = pdf_pages(out)
    assert result.pages == len(pages) > 2 and result.issue_number == 1
    text = squash("".join(pages))
    assert "内部资料注意保存" in text and "督查通报" in text and "2026年第1期" in text
    assert "落实情况通报如下" in text and "特此通报" in text

    store, snap = snapshot(db)
    try:
        tasks = snap.tasks
        done = sum(1 for n in tasks.values() if n.status == st.DONE)
        overdue = sum(1 for n in tasks.values() if n.status == st.OVERDUE)
        blocked = sum(1 for n in tasks.values() if n.risks and n.status != st.DONE)
        assert f"共{len(tasks)}项，已办结{done}项" in text
        assert f"正在办理{len(tasks) - done - overdue}项，逾期{overdue}项，受阻{blocked}项" in text
        # task 1 above its 序时进度 (95 %), tasks 5 (70 % of a passed deadline) and 13 below
        assert "报送完成比例的3项中，达到序时进度1项，未达序时进度2项" in text
        titles = dict(store.db.execute("SELECT id, title FROM task").fetchall())
        overdue_ms = [m for m in snap.milestones.values() if m.status == st.OVERDUE]
        assert overdue_ms
        for ms in overdue_ms:
            assert squash(ms.title) in text and squash(titles[ms.task_id]) in text
    finally:
        store.close()
    assert "未达标" in text  # the seed's 2025 targets passed unmet
    assert "工作要求" in text and "压实牵头责任" in text and "配合单位主动对接" in text
    for number, page in enumerate(pages, start=1):
        assert f"— {number} —" in page
    starts = [line.strip()[0] for page in pages for line in page.splitlines() if line.strip()]
    assert not set(starts) & set("，。、；：？！）》”")  # no line starts with closing punctuation
    assert oct(out.stat().st_mode & 0o777) == oct(0o644)  # an ordinary file, not 0600
    reader = PdfReader(out)
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)  # A4
    wide = [i for i, p in enumerate(reader.pages) if p.mediabox.width > p.mediabox.height]
    assert wide and "附件1" in pages[wide[0]] and "滞后" in pages[wide[0]]
    assert squash("序号任务牵头单位配合单位完成时限进展情况状态") in squash(pages[wide[0]])


def test_the_overview_builds_only_the_milestone_states_it_lists(db: Path) -> None:
    """The deadlines and the milestone lists read the snapshot's columns: a state is
    built only for a milestone the 督查通报 lists (at 100k tasks, building all 200,000
    held ~30 MB more at the briefing's peak)."""
    from desktop.briefing.overview_data import overview_data
    from desktop.briefing.scope import load_scope

    store, snap = snapshot(db)
    try:
        data = overview_data(load_scope(store.db, MEETING, snapshot=snap))
        listed = {st.OVERDUE, st.DUE_SOON}
        statuses = {ms_id: snap.milestones.value_of(ms_id, "status") for ms_id in snap.milestones}
        assert data.overdue and data.due_soon  # (the demo data has both)
        built = set(snap.milestones._made)
        assert built and all(statuses[ms_id] in listed for ms_id in built)
        assert len(built) < len(statuses)
        # each listed line from its own milestone, the same as from a built state
        expected = sorted(
            (ms.title, ms.effective_due)
            for ms in snap.milestones.values()
            if ms.status == st.OVERDUE
        )
        assert sorted((line.title, line.due[:10]) for line in data.overdue) == expected
    finally:
        store.close()


def test_attachment_table_repeats_header_and_keeps_rows(db: Path, tmp_path: Path) -> None:
    """附件2 runs over several pages: the header row starts every one of them."""
    out = tmp_path / "o.pdf"
    generate(db, "overview", options(include_done=True), out)
    pages = pdf_pages(out)
    start = next(i for i, p in enumerate(pages) if "附件2" in p)
    attachment = pages[start:]
    assert len(attachment) > 1
    for page in attachment:
        assert "序号" in page and "进展情况" in page
    # every listed task appears exactly once (no row cut in half or repeated)
    joined = squash("".join(attachment))
    store = Store.open(db)
    try:
        for no, title in store.db.execute("SELECT no, title FROM task"):
            if squash(f"任务{no}{title}") in joined:
                assert joined.count(squash(f"任务{no}{title}")) == 1
    finally:
        store.close()


def test_issue_numbers_increment_and_regenerating_keeps_them(db: Path, tmp_path: Path) -> None:
    assert issue_number(db, options()) == 1
    first = generate(db, "overview", options(requirements=REQUIREMENTS), tmp_path / "1.pdf")
    assert issue_number(db, options()) == 1  # the same meeting keeps its number
    assert issue_number(db, options(meeting_date=MEETING + timedelta(7))) == 2
    again = generate(db, "overview", options(), tmp_path / "1b.pdf")
    assert first.issue_number == again.issue_number == 1
    # the stored 工作要求 comes back with its issue
    assert "压实牵头责任" in squash("".join(pdf_pages(tmp_path / "1b.pdf")))
    second = generate(
        db, "overview", options(meeting_date=MEETING + timedelta(7)), tmp_path / "2.pdf"
    )
    assert second.issue_number == 2
    assert "2026年第2期" in squash(pdf_pages(tmp_path / "2.pdf")[0])
    assert "压实牵头责任" not in squash("".join(pdf_pages(tmp_path / "2.pdf")))
    new_year = generate(db, "overview", options(meeting_date=date(2027, 1, 8)), tmp_path / "3.pdf")
    assert new_year.issue_number == 1
    store = Store.open(db)
    try:
        rows = store.db.execute(
            "SELECT year, number, meeting_date FROM briefing_issue ORDER BY meeting_date"
        ).fetchall()
        assert rows == [(2026, 1, "2026-11-30"), (2026, 2, "2026-12-07"), (2027, 1, "2027-01-08")]
        logged = store.db.execute(
            "SELECT count(*) FROM change_log WHERE tbl = 'briefing_issue'"
        ).fetchone()[0]
        assert logged == 3  # one insert each; regenerating without new text logs nothing
    finally:
        store.close()


def test_an_overview_of_every_plan_of_a_province_is_numbered(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Over ~100 plans their joined ids exceed the register's 4,000 characters: the set is
    stored by its digest (it was refused: a province overview could not be generated)."""
    store = Store.open(db)
    try:
        for n in range(110):
            authoring.create_plan(store, f"重点工作台账{n}", doc_no=f"测试〔2026〕{n}号")
        plans = [row[0] for row in store.db.execute("SELECT id FROM plan")]
    finally:
        store.close()
    assert len(",".join(plans)) > briefing_issues.MAX_JOINED_KEY
    first = generate(db, "overview", options(), tmp_path / "1.pdf")
    again = generate(db, "overview", options(plan_ids=plans[::-1]), tmp_path / "1b.pdf")
    later = generate(
        db, "overview", options(meeting_date=MEETING + timedelta(7)), tmp_path / "2.pdf"
    )
    assert (first.issue_number, again.issue_number, later.issue_number) == (1, 1, 2)
    assert "2026年第2期" in squash(pdf_pages(tmp_path / "2.pdf")[0])
    store = Store.open(db)
    try:
        keys = {row[0] for row in store.db.execute("SELECT plan_key FROM briefing_issue")}
    finally:
        store.close()
    assert keys == {briefing_issues.plan_key(plans)}
    assert next(iter(keys)).startswith(f"sha256:{len(plans)}:")
    for odd in ("sha256:", "sha256:x:1", "sha256:" + "9" * 5000 + ":1", "sha256:١٢:1"):
        assert isinstance(briefing_issues.key_plan_ids(odd), list)  # no crash: no plan named
    # a smaller set keeps its readable key (issues numbered before stay the same issues)
    assert briefing_issues.plan_key(plans[:3]) == ",".join(sorted(plans[:3]))
    capsys.readouterr()
    assert main(["briefing", "issues", "--db", str(db)]) == 0
    assert f"2026年第2期  会议日期 2026-12-07  {len(plans)} 个计划" in capsys.readouterr().out


def test_cancel_writes_nothing_and_uses_no_number(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        generate(db, "overview", options(), out, cancelled=cancelled)
    assert not out.exists() and not list(tmp_path.glob(".liandong-*"))
    steps: list[tuple[int, int]] = []
    result = generate(db, "overview", options(), out, progress=lambda d, t: steps.append((d, t)))
    assert result.issue_number == 1 and steps[-1] == (3, 3)


def test_blue_yellow_red_scheme_keeps_text_marks(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    generate(db, "overview", options(colour_scheme="blue-yellow-red"), out)
    text = squash("".join(pdf_pages(out)))
    assert "逾期" in text and "临近时限" in text
    with pytest.raises(UserError, match="颜色方案"):
        generate(db, "overview", options(colour_scheme="purple"), out)


# -- fonts --------------------------------------------------------------------------------


def test_cjk_font_is_embedded(db: Path, tmp_path: Path) -> None:
    found = briefing_fonts.find_fonts()
    if not found.embedded:
        pytest.skip("no TrueType CJK font installed (scripts/setup.sh installs fonts-wqy-zenhei)")
    out = tmp_path / "f.pdf"
    result = generate(db, "overview", options(), out)
    face = found.faces["fangsong"]
    assert Path(face.path).name in result.fonts["仿宋（正文）"]
    embedded = set()
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]))  # a subset: "/AAAAAA+WenQuanYiZenHei-0"
    assert embedded and all("+" in name for name in embedded), embedded
    assert not result.warnings


def test_missing_roles_say_which_face_stands_in(monkeypatch, tmp_path: Path) -> None:
    """No 楷体 face installed: the 楷体 role uses the best face, and a note says so;
    a CFF collection in a role's list is skipped with the reason."""
    found = briefing_fonts.find_fonts()
    if not found.embedded:
        pytest.skip("no TrueType CJK font installed")
    otf = tmp_path / "NotoSerifCJK-Regular.ttc"
    otf.write_bytes(b"OTTO" + b"\x00" * 40)
    files = dict(briefing_fonts._ROLE_FILES)
    files["kaiti"] = ((str(otf), 0, "Noto Serif CJK"),)
    monkeypatch.setattr(briefing_fonts, "_ROLE_FILES", files)
    result = briefing_fonts._find("")
    assert result.faces["kaiti"].embedded and result.faces["kaiti"].path != str(otf)
    notes = "".join(result.notes)
    assert "楷体（二级标题）未安装，改用" in notes and "CFF" in notes and otf.name in notes


def test_cff_fonts_are_skipped_with_a_reason(tmp_path: Path) -> None:
    otf = tmp_path / "fake.otf"
    otf.write_bytes(b"OTTO" + b"\x00" * 40)
    assert "CFF" in (briefing_fonts.cff_reason(otf) or "")
    with pytest.raises(UserError, match="不能嵌入"):
        briefing_fonts.find_fonts(str(otf))
    with pytest.raises(UserError, match="不存在"):
        briefing_fonts.find_fonts(str(tmp_path / "missing.ttf"))


def test_no_embeddable_font_falls_back_to_stsong_with_a_warning(monkeypatch) -> None:
    monkeypatch.setattr(briefing_fonts, "_ROLE_FILES", dict.fromkeys(briefing_fonts.ROLES, ()))
    monkeypatch.setattr(briefing_fonts, "_fontconfig_files", lambda: [])
    result = briefing_fonts._find("")
    assert result["fangsong"] == "STSong-Light" and not result.embedded
    assert "不含字体" in result.warnings[0]


# -- 单位工作单, 任务督办单, 督办通知单 ----------------------------------------------------------


def test_unit_sheets_one_per_attending_unit(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "units.pdf"
    chosen = ["市政数局", "市通信办", "市城管局"]
    store = Store.open(db)
    unit_ids = [store.find_unit(n) for n in chosen]
    store.close()
    result = generate(db, "unit", options(unit_ids=unit_ids), out)
    assert result.documents == 3
    pages = pdf_pages(out)
    firsts = [p for p in pages if "单位工作单" in p]
    heads = [re.search(r"(\S+)2026年11月30日调度会", squash(p)) for p in firsts]
    assert [m.group(1).split("单位工作单")[-1] for m in heads] == chosen
    for page in firsts:  # each sheet starts at — 1 —
        assert "— 1 —" in page
    text = squash("".join(pages))
    assert "算力中心一期投运" in text and "逾期20天" in text  # 市政数局's overdue milestone
    assert "影响其他单位的事项" in text and "推动数字经济特色载体建设" in text  # what it blocks


def test_all_unit_sheets_cover_every_unit_with_work(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    result = generate(db, "unit", options(), out)
    text = squash("".join(pdf_pages(out)))
    store = Store.open(db)
    try:
        names = [
            r[0]
            for r in store.db.execute(
                "SELECT DISTINCT u.name FROM unit u JOIN assignment a ON a.unit_id = u.id"
                " WHERE u.kind != 'group'"
            )
        ]
    finally:
        store.close()
    assert result.documents == len(names)
    assert sorted(n for _id, n in units_with_work(db, options())) == sorted(names)
    for name in names:
        assert f"{name}2026年11月30日调度会" in text


def test_task_sheet_has_history(db: Path, tmp_path: Path) -> None:
    store = Store.open(db)
    task12 = cq.resolve_task(store.db, 12)
    task1 = cq.resolve_task(store.db, 1)
    store.close()
    out = tmp_path / "t.pdf"
    generate(db, "task", options(task_id=task12), out)
    text = squash("".join(pdf_pages(out)))
    assert "任务督办单" in text and "工业互联网平台验收" in text
    assert "设备到货延迟" in text and "原定时限" in text and "2026-10-31" in text  # extension
    generate(db, "task", options(task_id=task1), out)
    text = squash("".join(pdf_pages(out)))
    assert "11,050个" in text or "11050个" in text  # target value history
    assert "新建基站2800个" in text and "95%" in text  # report history
    assert "未达标" in text


def test_notices_three_colours_and_plain_text(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "n.pdf"
    result = generate(db, "notice", options(), out)
    pages = pdf_pages(out)
    assert result.documents >= 2 and len(pages) >= result.documents
    text = squash("".join(pages))
    assert "红色督办（逾期未办结）" in text and "蓝色提醒（临近时限）" in text
    assert "黄色督办（未达序时进度）" in text  # 市委宣传部: task 13 at 10 %
    assert "黄色督办（未按期报送进展）" in text  # units that only owe this month's report
    assert "算力中心一期投运" in text and "请于2026年12月5日前" in text
    plain = notice_text(db, options())
    assert "【红色督办】市政数局：" in plain and "算力中心一期投运" in plain
    assert "市数字经济发展领导小组办公室" in plain


# -- .docx ----------------------------------------------------------------------------------


def test_overview_and_unit_docx(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    result = generate(db, "overview", options(requirements=REQUIREMENTS), out, fmt="docx")
    assert result.issue_number == 1
    doc = read_docx(out)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "一、总体情况" and any(h.endswith("工作要求") for h in headings)
    assert len(doc.tables) >= 3  # targets, overdue milestones, the attachments
    attachment = doc.tables[-1]
    assert [c.text for c in attachment.rows[0].cells][:3] == ["序号", "任务", "牵头单位"]
    assert attachment.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert any(s.orientation == 1 for s in doc.sections)  # landscape attachments
    body = "".join(p.text for p in doc.paragraphs)
    assert "2026年第1期" in body and "特此通报" in body

    out = tmp_path / "单位.docx"
    store = Store.open(db)
    unit_id = store.find_unit("市政数局")
    store.close()
    store = Store.open(db)
    second = store.find_unit("市通信办")
    store.close()
    generate(db, "unit", options(unit_ids=[unit_id, second]), out, fmt="docx")
    doc = read_docx(out)
    assert any("市政数局" in p.text for p in doc.paragraphs)
    assert any("市通信办" in p.text for p in doc.paragraphs)
    assert len(doc.sections) == 2 and 'w:start="1"' in doc.sections[1]._sectPr.xml
    cells = "".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "推进算力中心建设" in cells


# -- pictures -------------------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
@pytest.mark.parametrize("kind", ["overview", "unit", "task", "notice"])
def test_every_template_renders_to_png(db: Path, tmp_path: Path, kind: str) -> None:
    from PIL import Image

    store = Store.open(db)
    extra = {"task_id": cq.resolve_task(store.db, 5)} if kind == "task" else {}
    if kind == "unit":
        extra = {"unit_ids": [store.find_unit("市政数局")]}
    store.close()
    out = tmp_path / f"{kind}.pdf"
    generate(db, kind, options(**extra), out)
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(out), str(tmp_path / "p")], check=True)
    pictures = sorted(tmp_path.glob("p-*.png"))
    assert len(pictures) == len(PdfReader(out).pages) > 0
    for picture in pictures:
        low, _high = Image.open(picture).convert("L").getextrema()
        assert low < 128  # something dark was drawn: not a blank page


# -- 序时进度 inside the documents -------------------------------------------------------------


def test_expected_progress_shown_with_reports(db: Path, tmp_path: Path) -> None:
    store = Store.open(db)
    task5 = cq.resolve_task(store.db, 5)
    store.close()
    out = tmp_path / "t5.pdf"
    generate(db, "task", options(task_id=task5), out)
    text = squash("".join(pdf_pages(out)))
    # task 5's only deadline (2026-11-10) has passed: 100 % expected, 70 % reported
    assert "完成70%，序时100.0%" in text
    assert round(expected_percent(MEETING), 1) == 91.7


def test_cjk_wrapping_rules() -> None:
    from desktop.briefing.layout import _Widths, wrap_cjk

    found = briefing_fonts.find_fonts()
    measure = _Widths(found["fangsong"], 10.5)
    width = 10.5 * 7 + 1  # seven CJK characters
    lines = wrap_cjk("推进算力中心建设，完成2026-11-10节点（一期）。", width, measure)
    assert "".join(lines) == "推进算力中心建设，完成2026-11-10节点（一期）。"
    for line in lines:
        assert sum(measure(c) for c in line) <= width
        assert line[0] not in "，。）" and line[-1] != "（"
    assert any("2026-11-10" in line for line in lines)  # a date fitting a line stays whole


def test_long_lists_are_shortened_with_a_count(db: Path, tmp_path: Path, monkeypatch) -> None:
    """At province scale the overview names the worst cases and says how many more."""
    from desktop.briefing import overview_data

    monkeypatch.setitem(overview_data.LIMITS, "attachment", 2)
    monkeypatch.setitem(overview_data.LIMITS, "targets", 1)
    monkeypatch.setitem(overview_data.LIMITS, "overdue", 1)
    out = tmp_path / "short.pdf"
    generate(db, "overview", options(), out)
    text = squash("".join(pdf_pages(out)))
    assert "另有5项量化目标未列出，完整清单请导出台账" in text
    assert "另有2个逾期节点未列出，所属任务见附件1" in text
    assert re.search(r"另有\d+项未列出，完整清单请导出台账", text)
    # the most overdue milestone (20 days) is the one kept
    assert "逾期20天" in text and "逾期5天" not in text and "逾期10天" not in text


# -- options ---------------------------------------------------------------------------------


def test_sections_and_include_done(db: Path, tmp_path: Path) -> None:
    store = Store.open(db)
    section = store.db.execute(
        "SELECT id FROM section WHERE title = '数字基础设施能力提升行动'"
    ).fetchone()[0]
    in_section = store.db.execute(
        "SELECT count(*) FROM task WHERE section_id = ?", [section]
    ).fetchone()[0]
    task9 = store.db.execute("SELECT title FROM task WHERE no = 9").fetchone()[0]
    store.close()
    out = tmp_path / "s.pdf"
    generate(db, "overview", options(section_ids=[section]), out)
    text = squash("".join(pdf_pages(out)))
    assert f"纳入本期通报的任务共{in_section}项" in text
    assert (
        "推进算力中心建设" in text and "推动服务业数字化转型" not in text
    )  # task 24: other section
    with pytest.raises(UserError, match="没有该章节"):
        generate(db, "overview", options(section_ids=["no-such-section"]), out)
    # task 9 is done (its only milestone is): listed only with include_done
    generate(db, "overview", options(), out)
    attachments = squash("".join(p for p in pdf_pages(out) if "附件" in p or "序号" in p))
    assert squash(task9) not in attachments
    generate(db, "overview", options(include_done=True), out)
    assert "已办结" in squash("".join(pdf_pages(out)))
    assert squash(task9) in squash("".join(pdf_pages(out)))


def test_numbering_is_per_plan(db: Path, tmp_path: Path, seed_path_module: Path) -> None:
    text = seed_path_module.read_text(encoding="utf-8").replace(
        "长府办发〔2023〕17号", "长府办发〔2024〕3号"
    )
    second = tmp_path / "second.txt"
    second.write_text(
        text.replace("数字经济发展行动计划", "数字政府建设行动计划"), encoding="utf-8"
    )
    store = Store.open(db)
    store.import_plan(parse_file(second))
    plans = [r[0] for r in store.db.execute("SELECT id FROM plan ORDER BY imported_at")]
    store.close()
    first = generate(db, "overview", options(plan_ids=[plans[0]]), tmp_path / "a.pdf")
    other = generate(db, "overview", options(plan_ids=[plans[1]]), tmp_path / "b.pdf")
    both = generate(db, "overview", options(), tmp_path / "c.pdf")
    assert (first.issue_number, other.issue_number, both.issue_number) == (1, 1, 1)
    later = generate(
        db, "overview", options(plan_ids=[plans[0]], meeting_date=MEETING + timedelta(14)),
        tmp_path / "d.pdf",
    )  # fmt: skip
    assert later.issue_number == 2
    # with two plans loaded, task labels carry the 发文字号
    assert "长府办发〔2024〕3号任务" in squash("".join(pdf_pages(tmp_path / "c.pdf")))


def _writer_available() -> bool:
    return bool(shutil.which("soffice")) and (
        Path("/usr/lib/libreoffice/program/libswlo.so").exists()
        or bool(list(Path("/usr/lib/libreoffice/program").glob("libsw*.so")))
    )


@pytest.mark.skipif(not _writer_available(), reason="LibreOffice Writer not installed")
def test_docx_opens_in_libreoffice(db: Path, tmp_path: Path) -> None:
    """The .docx is a real Word document: LibreOffice (as WPS/Word would) opens it."""
    out = tmp_path / "通报.docx"
    generate(db, "overview", options(requirements=REQUIREMENTS), out, fmt="docx")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path / "lo"), str(out)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    converted = tmp_path / "lo" / "通报.pdf"
    text = squash("".join(pdf_pages(converted)))
    assert "督查通报" in text and "一、总体情况" in text and "附件1" in text
    assert "压实牵头责任" in text
    assert "—1—" in text and "—2—" in text  # the PAGE fields were filled in


def test_a_row_longer_than_a_page_is_shortened_not_lost(db: Path, tmp_path: Path) -> None:
    store = Store.open(db)
    task5 = cq.resolve_task(store.db, 5)
    unit = store.find_unit("市政数局")
    try:
        co.add_report(
            store, task5, unit, period="2026-11", text="机房建设进展顺利。" * 400, percent=75
        )
    except AlreadyReported as existing:  # the fixture reported this period: correct it
        co.correct_report(store, existing.report_id, text="机房建设进展顺利。" * 400, percent=75)
    store.close()
    for kind, extra in (("overview", {}), ("task", {"task_id": task5})):
        out = tmp_path / f"{kind}.pdf"
        generate(db, kind, options(**extra), out)
        assert "（略）" in squash("".join(pdf_pages(out)))


def test_gbt9704_text_block() -> None:
    """A4 with a 156 × 225 mm text block 37 mm from the top and 28 mm from the binding
    edge; the body's 3号 face sets 28 characters to a line and 22 lines to a page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    from desktop.briefing import layout

    assert round(layout.BLOCK_W / mm) == 156 and round(layout.BLOCK_H / mm) == 225
    assert (
        round(layout.BOTTOM / mm) == 35
        and round((A4[0] - layout.BINDING - layout.BLOCK_W) / mm) == 26
    )
    assert 28 * layout.BODY_SIZE <= layout.BLOCK_W < 29 * layout.BODY_SIZE
    assert 22 * layout.BODY_LEADING <= layout.BLOCK_H < 23 * layout.BODY_LEADING
