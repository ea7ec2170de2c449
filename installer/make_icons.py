"""Render assets/icons/liandong.svg to the PNG sizes and the Windows .ico the installers use.

Run: QT_QPA_PLATFORM=offscreen python installer/make_icons.py (the outputs are committed).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "assets" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> None:
    QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "liandong.svg"))
    for size in SIZES:
        render(renderer, size).save(str(ICONS / f"liandong-{size}.png"))
    # Qt's ico writer stores one image per file; Windows picks 256 and scales down.
    render(renderer, 256).save(str(ICONS / "liandong.ico"))


if __name__ == "__main__":
    main()
