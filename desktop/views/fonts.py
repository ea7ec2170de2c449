"""Make sure Chinese renders: find a CJK font, load one from disk, or say what to install."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# Preferred UI families, best first (sans-serif faces read better on screen).
PREFERRED_FAMILIES = (
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "SimHei",
    "SimSun",
    "NSimSun",
)

# Font files tried when no family is registered with the system.
KNOWN_FONT_FILES = (
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
)


def install_hint() -> str:
    """What to install for this platform (translatable)."""
    if sys.platform == "win32":
        return QCoreApplication.translate(
            "Fonts", "请安装“微软雅黑”或“宋体”字体（Windows 中文版自带）。"
        )
    if sys.platform == "darwin":
        return QCoreApplication.translate("Fonts", "请在“字体册”中启用“苹方”或其他简体中文字体。")
    return QCoreApplication.translate(
        "Fonts", "请安装中文字体，例如：sudo apt install fonts-wqy-zenhei（或 fonts-noto-cjk）。"
    )


def chinese_families() -> list[str]:
    """Families the font database says can write Simplified Chinese."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def _pick(families: list[str]) -> str | None:
    available = set(families)
    for family in PREFERRED_FAMILIES:
        if family in available:
            return family
    return families[0] if families else None


def ensure_cjk_font(app: QApplication, extra_files: tuple[str, ...] = ()) -> str | None:
    """Set the application font to a Chinese-capable family; return it, or ``None``.

    ``None`` means none was found or loadable: the caller shows ``install_hint()``.
    """
    family = _pick(chinese_families())
    if family is None:
        for path in (*extra_files, *KNOWN_FONT_FILES):
            if not Path(path).is_file():
                continue
            font_id = QFontDatabase.addApplicationFont(path)
            if font_id < 0:
                log.info("could not load font file %s", path)
                continue
            loaded = QFontDatabase.applicationFontFamilies(font_id)
            if loaded:
                log.info("loaded CJK font %s from %s", loaded[0], path)
                family = _pick(list(loaded))
                break
    if family is None:
        log.warning("no CJK font found")
        return None
    font = QFont(app.font())
    font.setFamilies([family, *[f for f in font.families() if f != family]])
    app.setFont(font)
    return family
