"""Import many returned fill-in sheets (files or folders) as one user action.

Before a meeting an office gets a sheet back from every unit; importing them
one by one cost a transaction (and its COMMIT) per sheet. Here every sheet is
read and checked by the same rules as a single sheet (``check_fill_sheet``),
then all their reports are written by one store action (``write_reports``:
one transaction, append-only reports, logged for sync).

The rule for a batch with bad sheets: **the whole batch is refused and nothing
is written**, listing every refused file with its problems by cell (and which
files were fine). A meeting's figures should not be half in: the office fixes
or removes the refused files and imports the folder again — sheets that are
fine add the same reports as before, and a sheet already imported adds
nothing. The same, for an item row of one unit and period that two files of
the batch fill in: identical values count once; different values refuse the
later file (which of the two is right is for a person to decide).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.errors import Joined, Message, UserError
from desktop.ledger.fill_import import (
    CheckedSheet,
    ImportResult,
    Problem,
    SheetRefused,
    check_fill_sheet,
    import_fill_sheet,
    write_reports,
)
from desktop.ledger.fill_sheet import TEXT_COL
from desktop.ledger.report_rows import SharedLookups
from desktop.models.status import collector_paused
from desktop.models.store import Store

MAX_SHEETS = 1000  # a province has a few hundred units; more is a wrong folder
MAX_LINES = 300  # lines of problems in the message (each file's count is complete)
PER_FILE = 40  # problems listed per refused file


def sheet_paths(names: Iterable[str | Path]) -> list[Path]:
    """The .xlsx files named: files as given, folders by their ``*.xlsx`` files (not
    their subfolders; Excel's ``~$`` lock files skipped), each file once."""
    paths: list[Path] = []
    seen: set[Path] = set()
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir()
                if p.suffix.lower() == ".xlsx" and not p.name.startswith(("~$", ".")) and p.is_file()
            )  # fmt: skip
            if not found:
                raise UserError("文件夹 {} 中没有 .xlsx 填报表。", path)
        elif path.is_file():
            found = [path]
        else:
            raise UserError("文件不存在：{}", path)
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                paths.append(file)
    if not paths:
        raise UserError("没有指定要导入的填报表。")
    if len(paths) > MAX_SHEETS:
        raise UserError("一次最多导入 {} 份填报表（现有 {} 份）。", MAX_SHEETS, len(paths))
    return paths


@dataclass
class BatchResult:
    results: list[ImportResult]

    @property
    def added(self) -> int:
        return sum(r.added for r in self.results)

    @property
    def corrected(self) -> int:
        return sum(r.corrected for r in self.results)

    @property
    def message(self) -> Message:
        """What was imported: one sheet's message, or the batch's with a line per sheet
        (the sheets' messages nested as values, unit names whole in English)."""
        if len(self.results) == 1:
            return self.results[0].message
        changed = sum(1 for r in self.results if r.added or r.corrected)
        unchanged = sum(r.unchanged for r in self.results)
        return Message(
            "已导入 {} 份填报表（{} 份有新内容）：新增填报 {} 条，更正 {} 条，未变 {} 条。\n  {}",
            len(self.results),
            changed,
            self.added,
            self.corrected,
            unchanged,
            Joined(tuple(r.message for r in self.results), "\n  "),
        )

    @property
    def summary(self) -> str:
        return str(self.message)


class BatchRefused(UserError):
    """Some sheets of a batch are bad; nothing was written. ``refused``: file name →
    its problems (cell and message)."""

    def __init__(self, refused: dict[str, list[Problem]], fine: list[str], total: int) -> None:
        lines: list[str] = []
        for n, (source, problems) in enumerate(refused.items()):
            if len(lines) >= MAX_LINES:  # every refused file is named, at least
                rest = list(refused)[n:]
                lines.append(f"……另有 {len(rest)} 份有问题的表：{'、'.join(rest)}")
                break
            lines.append(f"{source}：{len(problems)} 处问题")
            lines += [f"  {p}" for p in problems[:PER_FILE]]
            if len(problems) > PER_FILE:
                lines.append(f"  ……另有 {len(problems) - PER_FILE} 处")
        shown = "\n".join(lines)
        super().__init__(
            f"{total} 份填报表中有 {len(refused)} 份有问题，整批未导入（无误的 {len(fine)} 份"
            f"也未导入）；请改正或移走有问题的表后重新导入这一批（已导入过的表不会重复登记）：\n"
            f"{shown}",
            detail="无误的表：" + ("、".join(fine) if fine else "无"),
        )
        self.refused = refused
        self.fine = fine


def _problems(err: UserError) -> list[Problem]:
    if isinstance(err, SheetRefused):
        return err.problems
    return [Problem("", err.message)]


def _drop_duplicates(sheet: CheckedSheet, planned: dict[tuple, tuple[str, tuple]]) -> list[Problem]:
    """Rows another file of the batch already fills in for the same unit, period, task
    and item: the same values count once, different ones are a problem."""
    problems: list[Problem] = []
    kept = []
    for plan in sheet.rows:
        row = plan.row
        key = (row["unit_id"], row["period"], row["task_id"], row["item_id"])
        values = (row["text"], row["percent"], row["figures"])
        if key not in planned:
            planned[key] = (sheet.source, values)
            kept.append(plan)
        elif planned[key][1] == values:
            if "also_supersedes" in row:
                sheet.result.corrected -= 1
            else:
                sheet.result.added -= 1
            sheet.result.unchanged += 1
        else:
            problems.append(
                Problem(
                    f"{TEXT_COL}{plan.sheet_row}",
                    f"{plan.label} 本批的 {planned[key][0]} 也填了同一单位同一期的这一项，"
                    "内容不同；请只交一份。",
                )
            )
    sheet.rows = kept
    return problems


def _check_all(
    store: Store,
    paths: list[Path],
    expect_unit_id: str | None,
    expect_period: str | None,
    author: str,
) -> list[CheckedSheet]:
    """Every sheet checked (nothing written); ``BatchRefused`` when any is refused."""
    checked: list[CheckedSheet] = []
    refused: dict[str, list[Problem]] = {}
    planned: dict[tuple, tuple[str, Any]] = {}
    names_used = Counter(path.name for path in paths)
    shared = SharedLookups(store, author) if SharedLookups.worth_it(store, len(paths)) else None
    for path in paths:
        # the folder too when two files of the batch have the same name
        source = f"{path.parent.name}/{path.name}" if names_used[path.name] > 1 else path.name
        try:
            sheet = check_fill_sheet(
                store,
                path,
                expect_unit_id=expect_unit_id,
                expect_period=expect_period,
                author=author,
                shared=shared,
            )
        except UserError as err:
            refused[source] = _problems(err)
            continue
        sheet.source = source
        duplicates = _drop_duplicates(sheet, planned)
        if duplicates:
            refused[source] = duplicates
        else:
            checked.append(sheet)
    if refused:
        raise BatchRefused(refused, [sheet.source for sheet in checked], len(paths))
    return checked


def import_fill_sheets(
    store: Store,
    names: Iterable[str | Path],
    *,
    expect_unit_id: str | None = None,
    expect_period: str | None = None,
    author: str = "",
) -> BatchResult:
    """Check every sheet, then write all their reports in one action — or nothing
    (``BatchRefused``) when any sheet is refused."""
    paths = sheet_paths(names)
    if len(paths) == 1:  # one sheet: its own message, as ``import_fill_sheet`` gives
        result = import_fill_sheet(
            store, paths[0], expect_unit_id=expect_unit_id, expect_period=expect_period,
            author=author,
        )  # fmt: skip
        return BatchResult([result])
    with collector_paused():  # thousands of rows kept to the end: no collector walks
        checked = _check_all(store, paths, expect_unit_id, expect_period, author)
        write_reports(store, checked)
    return BatchResult([sheet.result for sheet in checked])
