"""Meeting figures (issue 12): adding 议定事项 (each a 交办 task through the authoring
actions) and printing the 会议纪要 and the 工作提醒函 on the bundled plan.

    python -m bench.meetings

Prints ``name: value unit (goal …)`` lines.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "assets" / "demo-plan-changchun-2023.txt"
ITEMS = 40


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.2f} {unit} (goal {goal})", flush=True)


def main() -> None:
    from desktop.briefing.api import BriefingOptions, generate
    from desktop.importer import parse_file
    from desktop.models import meetings as mt
    from desktop.models.store import Store

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.db"
        store = Store.open(path)
        store.import_plan(parse_file(SEED))
        units = [r[0] for r in store.db.execute("SELECT id FROM unit ORDER BY name LIMIT 12")]
        day = date(2026, 11, 2)
        first = mt.new_meeting(store, day, "第九次调度会", present=["张三"] * 1)
        second = mt.new_meeting(store, day + timedelta(days=21), "第十次调度会")
        started = time.perf_counter()
        for meeting in (first, second):
            for i in range(ITEMS):
                mt.add_meeting_item(store, meeting, f"议定事项{i + 1}：落实有关工作",
                                    units[i % len(units)], day + timedelta(days=30 + i))  # fmt: skip
        per_item = (time.perf_counter() - started) / (2 * ITEMS) * 1000
        report("add one 议定事项 (task + lead + 办结 milestone + record)", per_item, "ms", "-")
        store.close()
        for kind in ("minutes", "reminder"):
            for fmt in ("pdf", "docx"):
                out = Path(folder) / f"{kind}.{fmt}"
                started = time.perf_counter()
                result = generate(path, kind, BriefingOptions(meeting_id=second), out, fmt)
                elapsed = time.perf_counter() - started
                pages = f", {result.pages} pages" if result.pages else ""
                report(f"{kind} {fmt} ({ITEMS} items, {result.documents} documents{pages})",
                       elapsed, "s", "<= 2 s")  # fmt: skip


if __name__ == "__main__":
    main()
