"""The bundled demo: the seed plan plus coordination data dated around today.

Used by ``liandong --demo``, ``--screenshot`` and the GUI tests, so what a new
user sees first is a living plan (overdue, due-soon, extended milestones, a
dependency chain across units, target values, a report), not an empty grid.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from desktop.importer import parse_file
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import queries
from desktop.models.store import Store
from desktop.paths import DEMO_SYNC_REFUSED, demo_db_path, demo_plan_path

log = logging.getLogger(__name__)

__all__ = ["DEMO_SYNC_REFUSED", "add_demo_coordination", "load_demo_if_empty", "open_demo"]


def load_demo_if_empty(store: Store, today: date | None = None) -> bool:
    """Import the demo plan and its coordination data into an empty database."""
    if queries.plans(store.db):
        return False
    store.import_plan(parse_file(demo_plan_path()))
    add_demo_coordination(store, today)
    return True


def add_demo_coordination(store: Store, today: date | None = None) -> dict[str, str]:
    """A dozen milestones (overdue, due soon, on track, done, extended), a dependency
    chain across units, target values and a report, dated around ``today``.

    Returns the ids by name (tests use them)."""
    today = today or date.today()
    db = store.db

    def t(no: int) -> str:
        return cq.resolve_task(db, no)

    def d(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    ids: dict[str, str] = {}
    sz = store.find_unit("市政数局")
    ids["center"] = co.add_milestone(store, t(5), "算力中心一期投运", d(-20), owner_unit_id=sz)
    ids["cloud"] = co.add_milestone(store, t(27), "数智云平台扩容", d(40))
    ids["trade"] = co.add_milestone(store, t(27), "年交易额突破1亿元", d(200))
    ids["5g"] = co.add_milestone(store, t(1), "新建5G基站3000个", d(10))
    ids["5g_b"] = co.add_milestone(store, t(1), "主城区5G基站达13000个", d(300))
    ids["fiber"] = co.add_milestone(store, t(2), "千兆光纤覆盖率达95%", d(-5))
    ids["idx"] = co.add_milestone(store, t(6), "标识解析二级节点上线", d(60))
    ids["park"] = co.add_milestone(store, t(9), "数字经济产业园挂牌", d(-60))
    co.mark_milestone_done(store, ids["park"], d(-62))
    ids["data"] = co.add_milestone(store, t(14), "政务数据共享目录发布", d(5))
    ids["edu"] = co.add_milestone(store, t(19), "智慧校园试点验收", d(90))
    ids["ext"] = co.add_milestone(store, t(12), "工业互联网平台验收", d(-30))
    co.extend_milestone(store, ids["ext"], d(25), "设备到货延迟")
    ids["late"] = co.add_milestone(store, t(24), "数字乡村示范点建成", d(-10))
    ids["rural"] = co.add_milestone(store, t(25), "农村电商服务站覆盖", d(120))
    co.add_dependency(store, ("milestone", ids["center"]), ("milestone", ids["cloud"]), 5)
    co.add_dependency(store, ("milestone", ids["cloud"]), ("task", t(26)), 0)
    co.add_dependency(store, ("milestone", ids["late"]), ("task", t(25)), 0)
    target = cq.resolve_target(db, t(1), 1)
    ids["target"] = target
    for days, value in ((-400, 6200), (-250, 8100), (-120, 9800), (-15, 11050)):
        co.add_target_value(store, target, value, d(days), unit_id=store.find_unit("市通信办"))
    period = f"{today.year:04d}-{today.month:02d}"
    ids["report"] = co.add_report(
        store, t(5), sz, period=period, text="机房土建完成，设备安装中", percent=70
    )
    return ids


def remove_database_files(path: Path) -> None:
    """Delete a SQLite file with its -wal/-shm companions (missing ones are fine)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_demo(today: date | None = None, *, reset: bool = False) -> Store:
    """The demo profile's store, with the demo loaded (``reset`` starts it afresh).

    The one entry point for ``--demo``, ``liandong demo reset`` and the welcome
    page: the demo never touches a user's profile.
    """
    path = demo_db_path()
    if reset:
        log.info("resetting the demo profile %s", path)
        remove_database_files(path)
    store = Store.open(path)
    try:
        load_demo_if_empty(store, today)
    except BaseException:
        store.close()
        raise
    return store
