"""Store actions on units: lookup by name or alias, edit, merge, assignment roles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.errors import NotFound, UserError
from desktop.models.ids import new_id, stable_id
from desktop.models.schema_registry import UNIT_REFERENCES
from sync.vocabulary import ROLES, UNIT_KINDS

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlite_utils import Database

    from desktop.models.transactions import Tx


@dataclass
class MergeResult:
    moved: int  # assignments that moved (duplicates of keep's are dropped)
    undo: dict[str, Any]  # for ``unmerge_units``


class UnitActions:
    """Mixed into ``Store``: needs ``self.db`` and ``self.action``."""

    db: Database
    if TYPE_CHECKING:

        def action(self, name: str, *, bulk: bool = False) -> AbstractContextManager[Tx]:
            """``Store.action``."""
            ...

    def _unit_lookup(self) -> dict[str, str]:
        """Every name and alias → unit id."""
        lookup: dict[str, str] = {}
        for unit_id, name, aliases in self.db.execute("SELECT id, name, aliases FROM unit"):
            for alias in json.loads(aliases or "[]"):
                lookup.setdefault(alias, unit_id)
            lookup[name] = unit_id
        return lookup

    def _create_unit(self, tx: Tx, name: str, kind: str) -> str:
        unit_id = stable_id("unit", name)
        if self.db.execute("SELECT 1 FROM unit WHERE id = ?", [unit_id]).fetchone():
            unit_id = new_id()  # the natural id belongs to a renamed unit
        return tx.insert("unit", {"id": unit_id, "name": name, "kind": kind, "aliases": "[]"})

    def find_unit(self, name_or_alias: str) -> str:
        """The id of the unit with this name or alias; ``NotFound`` otherwise."""
        unit_id = self._unit_lookup().get(name_or_alias.strip())
        if unit_id is None:
            from desktop.models.unit_names import did_you_mean

            hint = did_you_mean(self.db, name_or_alias)
            if hint:  # (the templates join the hint, the English with a space)
                raise NotFound("找不到单位“{}”（按名称或别名）。{}", name_or_alias, hint)
            raise NotFound("找不到单位“{}”（按名称或别名）。", name_or_alias)
        return unit_id

    def _unit(self, unit_id: str) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT id, name, kind, aliases FROM unit WHERE id = ?", [unit_id]
        ).fetchone()
        if row is None:
            raise NotFound("单位不存在。")
        return {"id": row[0], "name": row[1], "kind": row[2], "aliases": json.loads(row[3])}

    def _check_name_free(self, name: str, unit_id: str) -> None:
        other = self._unit_lookup().get(name)
        if other and other != unit_id:
            raise UserError("名称“{}”已属于另一个单位；如是同一单位，请使用“合并单位”。", name)

    def edit_unit(
        self,
        unit_id: str,
        *,
        name: str | None = None,
        kind: str | None = None,
        aliases: list[str] | None = None,
        keep_old_name: bool = True,
    ) -> None:
        """Rename, re-kind and/or set aliases of a unit in one action.

        A renamed unit keeps its old name as an alias (unless ``keep_old_name``
        is False, as when undoing), so later imports of documents using the old
        spelling still match.
        """
        unit = self._unit(unit_id)
        fields: dict[str, Any] = {}
        new_name = unit["name"] if name is None else name.strip()
        if not new_name:
            raise UserError("单位名称不能为空。")
        if new_name != unit["name"]:
            self._check_name_free(new_name, unit_id)
            fields["name"] = new_name
        if kind is not None and kind != unit["kind"]:
            if kind not in UNIT_KINDS:
                raise UserError("未知的单位类型：{}", kind)
            fields["kind"] = kind
        wanted = list(unit["aliases"]) if aliases is None else aliases
        if keep_old_name and new_name != unit["name"] and unit["name"] not in wanted:
            wanted = [*wanted, unit["name"]]
        clean: list[str] = []
        for alias in wanted:
            alias = alias.strip()
            if alias and alias != new_name and alias not in clean:
                self._check_name_free(alias, unit_id)
                clean.append(alias)
        if clean != unit["aliases"]:
            fields["aliases"] = json.dumps(clean, ensure_ascii=False)
        if fields:
            with self.action("edit_unit") as tx:
                tx.update("unit", unit_id, fields)

    def rename_unit(self, unit_id: str, new_name: str) -> None:
        """Rename; the old name stays as an alias so later imports still match."""
        self.edit_unit(unit_id, name=new_name)

    def set_unit_aliases(self, unit_id: str, aliases: list[str]) -> None:
        self.edit_unit(unit_id, aliases=aliases)

    def merge_units(self, keep_id: str, drop_id: str) -> MergeResult:
        """Fold ``drop`` into ``keep``: assignments combined, names kept as aliases.

        Milestone owners and target values of ``drop`` move to ``keep`` too
        (progress reports are append-only and keep naming the unit they were
        filed by). The result carries what ``unmerge_units`` needs to undo it.
        """
        if keep_id == drop_id:
            raise UserError("不能把单位与自身合并。")
        keep, drop = self._unit(keep_id), self._unit(drop_id)
        aliases = list(keep["aliases"])
        for name in [drop["name"], *drop["aliases"]]:
            if name != keep["name"] and name not in aliases:
                aliases.append(name)
        undo: dict[str, Any] = {
            "keep": keep,
            "drop": drop,
            "assignments": [],
            "created": [],
            "references": [],
        }
        with self.action("merge_units") as tx:
            rows = self.db.execute(
                "SELECT id, item_id, role, position FROM assignment WHERE unit_id = ?", [drop_id]
            ).fetchall()
            for assignment_id, item_id, role, position in rows:
                undo["assignments"].append(
                    {"id": assignment_id, "item_id": item_id, "unit_id": drop_id, "role": role,
                     "position": position}
                )  # fmt: skip
                tx.delete("assignment", assignment_id)
                exists = self.db.execute(
                    "SELECT 1 FROM assignment WHERE item_id = ? AND unit_id = ? AND role = ?",
                    [item_id, keep_id, role],
                ).fetchone()
                if not exists:
                    new_assignment = stable_id(item_id, keep_id, role)
                    tx.insert(
                        "assignment",
                        {"id": new_assignment, "item_id": item_id, "unit_id": keep_id,
                         "role": role, "position": position},
                    )  # fmt: skip
                    undo["created"].append(new_assignment)
            for table, column in UNIT_REFERENCES:
                for (record_id,) in self.db.execute(
                    f"SELECT id FROM [{table}] WHERE [{column}] = ?", [drop_id]
                ).fetchall():
                    tx.update(table, record_id, {column: keep_id})
                    undo["references"].append((table, column, record_id))
            tx.delete("unit", drop_id)
            tx.update("unit", keep_id, {"aliases": json.dumps(aliases, ensure_ascii=False)})
        return MergeResult(len(undo["created"]), undo)

    def unmerge_units(self, undo: dict[str, Any]) -> None:
        """Undo a merge as a new action: the dropped unit comes back with its id,
        its assignments and references; ``keep`` gets its old aliases back."""
        keep, drop = undo["keep"], undo["drop"]
        if self.db.execute("SELECT 1 FROM unit WHERE id = ?", [drop["id"]]).fetchone():
            raise UserError("单位“{}”已存在，无法撤销合并。", drop["name"])
        with self.action("unmerge_units") as tx:
            tx.update(
                "unit", keep["id"], {"aliases": json.dumps(keep["aliases"], ensure_ascii=False)}
            )
            tx.insert(
                "unit",
                {"id": drop["id"], "name": drop["name"], "kind": drop["kind"],
                 "aliases": json.dumps(drop["aliases"], ensure_ascii=False)},
            )  # fmt: skip
            for assignment_id in undo["created"]:
                tx.delete("assignment", assignment_id)
            tx.insert_many("assignment", [dict(row) for row in undo["assignments"]])
            for table, column, record_id in undo["references"]:
                if self.db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [record_id]).fetchone():
                    tx.update(table, record_id, {column: drop["id"]})

    def set_assignment_role(self, assignment_id: str, role: str) -> None:
        if role not in ROLES:
            raise UserError("未知的职责：{}", role)
        row = self.db.execute(
            "SELECT item_id, unit_id, role, position FROM assignment WHERE id = ?",
            [assignment_id],
        ).fetchone()
        if row is None:
            raise NotFound("分工记录不存在。")
        item_id, unit_id, old_role, position = row
        if old_role == role:
            return
        with self.action("set_assignment_role") as tx:
            tx.delete("assignment", assignment_id)
            if not self.db.execute(
                "SELECT 1 FROM assignment WHERE item_id = ? AND unit_id = ? AND role = ?",
                [item_id, unit_id, role],
            ).fetchone():
                tx.insert(
                    "assignment",
                    {
                        "id": stable_id(item_id, unit_id, role),
                        "item_id": item_id,
                        "unit_id": unit_id,
                        "role": role,
                        "position": position,
                    },
                )
