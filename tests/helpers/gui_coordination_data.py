"""Realistic coordination data on the demo plan (GUI tests and screenshots)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from desktop.demo import add_demo_coordination as add_realistic  # noqa: F401
from desktop.importer import parse_file
from desktop.models import attachments, coordination_queries, duban, progress, remarks
from desktop.models import coordination as co
from desktop.models.store import Store


def seed_demo(store: Store, seed_path) -> None:  # noqa: ANN001
    store.import_plan(parse_file(seed_path))


def seed_worked_task(store: Store, seed_path: Path, folder: Path) -> str:
    """The demo plan and its coordination data, task 5 worked on in every tab of the
    task panel (``add_task_details``, its attachment written in ``folder``); task 5's id."""
    seed_demo(store, seed_path)
    add_realistic(store)
    task_id = coordination_queries.resolve_task(store.db, 5)
    add_task_details(store, task_id, folder)
    return task_id


#: A milestone title longer than any dock is wide (the task panel elides it).
LONG_TITLE = "完成长春市算力中心二期项目立项、可研批复、土地预审和环评等前期手续并开工建设"


def add_task_details(
    store: Store, task_id: str, folder: Path, today: date | None = None
) -> dict[str, str]:
    """What a worked-on task has in every tab of the task panel: a long milestone with an
    extension request, a quarterly reporting cycle, sign-ins, a closing application, a
    second unit's report, a leader's instruction, a comment and an attachment (its file
    written in ``folder``) — task 5 of the demo plan: 市政数局 leads, 市国资委 supports.
    Returns the ids by name."""
    today = today or date.today()

    def d(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    lead, support = store.find_unit("市政数局"), store.find_unit("市国资委")
    ids = {"long": co.add_milestone(store, task_id, LONG_TITLE, d(30), owner_unit_id=lead,
                                 note="需协调发改、自然资源、生态环境等部门联合审批")}  # fmt: skip
    duban.set_cycle(store, task_id, "quarter", due_day=10)
    duban.sign_in(store, task_id, lead)
    ids["extension"] = duban.request_extension(
        store,
        ids["long"],
        lead,
        d(90),
        "受上级审批进度影响，土地预审需补充材料，预计延后两个月完成",
    )
    ids["signoff"] = duban.apply_signoff(
        store, task_id, lead, "算力中心一期已投运，机柜上架率达到百分之七十，附验收报告和运营数据"
    )
    ids["report"] = progress.add_report(
        store, task_id, support, period=f"{today.year:04d}-{today.month:02d}", percent=40,
        text="配合完成国有资本出资方案，正在履行内部决策程序，预计下月底前完成注资",
    )  # fmt: skip
    remarks.add_instruction(
        store, task_id, "王市长", "算力中心是数字长春建设的关键基础设施，请加快推进二期建设",
        given_on=d(-5), assign_unit=lead, due=d(40),
    )  # fmt: skip
    remarks.add_comment(store, "task", task_id, "二期土地预审材料已报送自然资源局，等待反馈意见")
    evidence = folder / "长春市算力中心一期项目竣工验收报告（终稿）.pdf"
    evidence.write_bytes(b"%PDF-1.4 demo" * 500)
    ids["attachment"] = attachments.add_attachment(
        store, task_id, evidence, note="竣工验收报告终稿，含专家组意见"
    )
    return ids
