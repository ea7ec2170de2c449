"""A revised version of the demo plan updates the stored plan; nothing recorded is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop import exchange
from desktop.cli import main
from desktop.importer import parse_file
from desktop.models import authoring as au
from desktop.models import authoring_queries as aq
from desktop.models import coordination as co
from desktop.models import queries
from desktop.models import revision as rv
from desktop.models.store import Store

REVISED = Path(__file__).resolve().parent / "fixtures" / "demo-plan-changchun-2023-revised.txt"
DOC_NO = "长府办发〔2023〕17号"


def _task(store: Store, plan_id: str, no: int) -> str:
    return store.db.execute(
        "SELECT id FROM task WHERE plan_id = ? AND no = ? AND archived IS NULL", [plan_id, no]
    ).fetchone()[0]


def _records(store: Store) -> dict[str, list[tuple]]:
    return {
        table: store.db.execute(f"SELECT * FROM [{table}] ORDER BY id").fetchall()
        for table in ("milestone", "milestone_extension", "report", "target_value", "dependency")
    }


@pytest.fixture
def recorded(store: Store, seed_path: Path) -> dict[str, str]:
    """The demo plan with milestones, reports, values, dependencies and a 上级任务 link."""
    plan = store.import_plan(parse_file(seed_path)).plan_id
    ids = {f"t{no}": _task(store, plan, no) for no in (1, 3, 4, 5, 6, 27)}
    for key in ("t3", "t4", "t5", "t6"):
        unit = store.db.execute(
            "SELECT a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
            " WHERE i.task_id = ? AND a.role = 'lead'",
            [ids[key]],
        ).fetchone()[0]
        ms = co.add_milestone(store, ids[key], f"{key} 节点", "2026-06-30")
        co.add_report(store, ids[key], unit, period="2026-05", text=f"{key} 进展", percent=30)
    co.extend_milestone(store, ms, "2026-09-30", "设备到货延迟")
    target = store.db.execute("SELECT id FROM target WHERE task_id = ?", [ids["t1"]]).fetchone()[0]
    co.add_target_value(store, target, 9800, "2026-05-31")
    co.add_dependency(store, ("task", ids["t5"]), ("task", ids["t27"]), 10)
    county = au.create_plan(store, "某县数字经济行动方案", doc_no="某县〔2024〕1号")
    lower = au.add_task(store, county, "建设县级工业互联网节点")
    au.link_task(store, lower, ids["t6"], basis="对照市级方案")
    return {"plan": plan, "lower": lower, **ids}


def test_revised_demo_plan_keeps_every_milestone_and_report(
    store: Store, recorded: dict[str, str], db_path: Path, capsys
) -> None:
    before = _records(store)
    plan = recorded["plan"]
    store.close()
    # a plain import of the revision is refused with the two choices
    assert main(["import", str(REVISED), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "--update-plan" in err and "--as-new" in err
    assert main(["import", str(REVISED), "--update-plan", DOC_NO, "--dry-run",
                 "--db", str(db_path)]) == 0  # fmt: skip
    listing = capsys.readouterr().out
    assert "删除任务 3“持续开展农村基础电信补点工作”，已有记录将归档保留" in listing
    assert "任务5“推进算力中心建设” 序号 5 → 4" in listing
    assert "牵头单位 市工信局 → 市政数局" in listing
    assert "新增任务 9“建设城市数据底座”" in listing and "新增任务 28" in listing
    reopened = Store.open(db_path)
    assert _records(reopened) == before  # the dry run wrote nothing
    reopened.close()
    assert main(["import", str(REVISED), "--update-plan", DOC_NO, "--accept-all",
                 "--db", str(db_path)]) == 0  # fmt: skip
    store = Store.open(db_path)
    try:
        assert _records(store) == before  # every milestone, report, value, dependency kept
        # renumbered tasks kept their ids (and with them their records)
        assert store.db.execute(
            "SELECT no FROM task WHERE id = ?", [recorded["t4"]]
        ).fetchone() == (3,)
        assert store.db.execute(
            "SELECT no FROM task WHERE id = ?", [recorded["t5"]]
        ).fetchone() == (4,)
        assert _task(store, plan, 5) == recorded["t6"]
        # the removed task is archived, not deleted, with its records
        archived = store.db.execute(
            "SELECT archived FROM task WHERE id = ?", [recorded["t3"]]
        ).fetchone()[0]
        assert archived
        assert store.db.execute(
            "SELECT count(*) FROM report WHERE task_id = ?", [recorded["t3"]]
        ).fetchone() == (1,)
        labels = [r.label for r in queries.matrix(store.db).rows if r.task_id == recorded["t3"]]
        assert labels and labels[0].endswith("（已归档）")
        # the lead changed; the old lead stays as a supporting unit
        units = queries.task_detail(store.db, recorded["t6"])["items"][0]["units"]
        assert units["lead"] == ["市政数局"] and "市工信局" in units["support"]
        # new tasks, numbered as in the revision
        active = store.db.execute(
            "SELECT no, title FROM task WHERE plan_id = ? AND archived IS NULL ORDER BY no", [plan]
        ).fetchall()
        assert [no for no, _t in active] == list(range(1, 29))
        assert active[8][1] == "建设城市数据底座" and active[27][1] == "建立数字经济统计监测制度"
        # the 上级任务 link survived the revision
        assert aq.upper_task(store.db, recorded["lower"])["id"] == recorded["t6"]
        # recorded with the revised document as basis
        history = aq.task_history(store.db, recorded["t6"])
        assert any("牵头单位 市工信局 → 市政数局" in h["summary"] and "修订版" in h["basis"]
                   for h in history)  # fmt: skip
        # nothing left to do; the export → import round trip stays exact
        assert rv.diff_plan(store, plan, parse_file(REVISED)).changes == []
        data = exchange.export_data(store.db)
        other = Store.open(db_path.with_name("other.db"))
        exchange.import_data(other, data)
        assert exchange.export_data(other.db)["plans"] == data["plans"]
        other.close()
    finally:
        store.close()


def test_accept_some_and_import_as_new(store: Store, seed_path: Path) -> None:
    plan = store.import_plan(parse_file(seed_path)).plan_id
    revised = parse_file(REVISED)
    diff = rv.diff_plan(store, plan, revised)
    renumbers = {c.key for c in diff.changes if c.kind == "renumber"}
    assert rv.apply_revision(store, diff, renumbers) == len(renumbers)
    left = rv.diff_plan(store, plan, revised).changes
    assert left and not any(c.kind == "renumber" for c in left)
    assert store.import_plan(revised, as_new=True).created
    assert len(queries.plans(store.db)) == 2


def test_the_change_list_reads_in_english(
    store: Store, recorded: dict[str, str], db_path: Path, capsys
) -> None:
    """``--update-plan`` lists each change in English under ``--lang en`` (it stayed
    Chinese): titles and unit names are its values, kept as they are."""
    store.close()
    assert main(["--lang", "en", "import", str(REVISED), "--update-plan", DOC_NO, "--dry-run",
                 "--db", str(db_path)]) == 0  # fmt: skip
    listing = capsys.readouterr().out.splitlines()
    changes = [line.split(". ", 1)[1] for line in listing[1:-1]]
    assert (
        "Delete task 3 “持续开展农村基础电信补点工作”; its records will be archived and kept"
        in (changes)
    )
    assert "Task 5 “推进算力中心建设”: number 5 → 4" in changes
    assert "Task 5: lead unit 市工信局 → 市政数局 (市工信局 becomes assisting unit)" in changes
    assert (
        "New task 9 “建设城市数据底座” (lead: 市政数局; assisting: 市发改委, 市财政局)" in changes
    )
    assert "Task 16: title “加速发展大数据和云计算产业” → “加快发展大数据和云计算产业”" in changes
    assert "Task 1: text changed" in changes
    target = next(c for c in changes if "quantitative target" in c)
    assert target.startswith("Task 1: quantitative target 主城区5G基站数量 ≥ 13000个")
    for change in changes:  # English but for the titles, names and targets (data)
        data = re.sub(r"“[^”]*”|市\w+?(局|委|办)|主城区.*", "", change)
        assert not re.search(r"[\u3400-\u9fff]", data), change


def test_the_review_dialogs_changes_read_in_english(qtbot, store: Store, seed_path: Path) -> None:
    """The GUI's review of a revision shows the same English under the English translator."""
    from PySide6.QtWidgets import QApplication

    from desktop.models.qt.revision_model import RevisionModel
    from desktop.views import app as app_module

    plan = store.import_plan(parse_file(seed_path)).plan_id
    model = RevisionModel()
    model.set_changes(rv.diff_plan(store, plan, parse_file(REVISED)).changes)
    shown = [model.index(row, 2).data() for row in range(model.rowCount())]
    assert "任务5“推进算力中心建设” 序号 5 → 4" in shown
    app = QApplication.instance()
    app_module.install_translator(app, "en")
    try:
        shown = [model.index(row, 2).data() for row in range(model.rowCount())]
    finally:
        for translator in list(app_module._translators):
            app.removeTranslator(translator)
            app_module._translators.remove(translator)
    assert "Task 5 “推进算力中心建设”: number 5 → 4" in shown
    assert "New task 9 “建设城市数据底座” (lead: 市政数局; assisting: 市发改委, 市财政局)" in shown
