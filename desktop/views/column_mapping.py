"""Column mapping for a task sheet whose headers the importer does not recognise.

An .xlsx/.csv 任务分工表 with headers such as 编码 | 事项 | 主抓部门 | 协助部门
cannot be read by header names. ``ColumnMappingDialog`` lists the sheet's
header cells, each with the meaning the user gives it (任务内容, 牵头单位 …);
``columns()`` is the mapping ``parse_file(path, columns=…)`` takes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.importer.formats import COLUMN_ROLES


class ColumnMappingDialog(QDialog):
    """One row per header cell: its text and a combo box of column meanings."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("指定表格各列的含义"))
        labels = {
            "": self.tr("（不导入）"),
            "no": self.tr("序号"),
            "task": self.tr("任务内容"),
            "lead": self.tr("牵头单位"),
            "support": self.tr("配合单位"),
            "responsible": self.tr("责任单位"),
            "deadline": self.tr("完成时限"),
            "leader": self.tr("责任领导"),
        }
        note = QLabel(
            self.tr(
                "表格的列标题没有被识别。请为每一列选择含义（至少指定“任务内容”），"
                "第一行作为标题不导入。"
            )
        )
        note.setWordWrap(True)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        self.combos: list[QComboBox] = []
        for index, header in enumerate(headers):
            combo = QComboBox()
            for role in ("", *COLUMN_ROLES):
                combo.addItem(labels[role], role)
            shown = header.strip() or self.tr("第 {0} 列（无标题）").format(index + 1)
            form.addRow(QLabel(shown), combo)
            self.combos.append(combo)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导入"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._accept_if_complete)
        self.buttons.rejected.connect(self.reject)
        self.status = QLabel()
        self.status.setStyleSheet("color: #b42318;")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def columns(self) -> dict[str, int]:
        """Role -> column index (the first column chosen for a role wins)."""
        mapping: dict[str, int] = {}
        for index, combo in enumerate(self.combos):
            role = combo.currentData()
            if role and role not in mapping:
                mapping[role] = index
        return mapping

    def _accept_if_complete(self) -> None:
        if "task" not in self.columns():
            self.status.setText(self.tr("请至少指定“任务内容”所在的列。"))
            return
        self.accept()
