"""The first-run page: what to do when the database holds no plan yet.

Import a plan (file dialog, or drop a file onto the window), open the demo, or
connect to the city's server — and a sentence on working offline.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """Three buttons and an explanation; the main window wires the signals."""

    #: 导入计划… was pressed.
    import_requested = Signal()
    #: 打开演示 was pressed.
    demo_requested = Signal()
    #: 连接市服务器… was pressed.
    connect_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        title = QLabel(self.tr("欢迎使用联动"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        intro = QLabel(
            self.tr(
                "联动把行动计划整理成任务 × 单位的分工台账，跟踪里程碑、量化目标和进度填报。"
                "这个数据库里还没有计划，请选择一种开始方式："
            )
        )
        intro.setWordWrap(True)
        self.import_button = QPushButton(self.tr("导入计划文件…"))
        self.import_button.setToolTip(
            self.tr("支持 .txt .docx .xlsx .pdf 等格式；也可以把文件拖到窗口上。")
        )
        self.demo_button = QPushButton(self.tr("打开演示计划"))
        self.connect_button = QPushButton(self.tr("连接市服务器…"))
        drop = QLabel(self.tr("也可以把计划文件直接拖放到本窗口。"))
        offline = QLabel(
            self.tr(
                "不连接服务器也能完整使用：所有数据保存在本机，"
                "连接后再把本机的更改上传、并接收其他单位的更新。"
            )
        )
        offline.setWordWrap(True)
        offline.setStyleSheet("color: #555;")
        for button in (self.import_button, self.demo_button, self.connect_button):
            button.setMinimumHeight(button.sizeHint().height() + 12)
            button.setStyleSheet("text-align: left; padding-left: 16px; font-size: 11pt;")
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.connect_button.clicked.connect(self.connect_requested)
        box = QWidget()
        box.setFixedWidth(600)
        layout = QVBoxLayout(box)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.import_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.connect_button)
        layout.addWidget(drop)
        layout.addSpacing(8)
        layout.addWidget(offline)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)


def open_demo(window) -> bool:  # noqa: ANN001, ARG001 - MainWindow
    """The one place the welcome page opens the demo: its own profile (演示) in its own
    window and process, never this profile (nothing of the demo is written here or
    synced). True if the demo window was started."""
    from desktop.views import app

    return app.open_demo_in_new_window()
