"""CJK fonts for the briefing PDFs: find an embeddable face for each role.

Roles follow GB/T 9704: the body in 仿宋, 一、 headings in 黑体, （一） headings
in 楷体, the masthead title in 宋体 (小标宋). Each role takes the first installed
TrueType face of its own list, else the best installed CJK face (and the
report says so). CFF-based OpenType (``.otf``, and ``.ttc`` collections of CFF
fonts such as Noto CJK) cannot be embedded by ReportLab: skipped, with the
reason. An override (``font_path`` argument, the ``LIANDONG_BRIEFING_FONT``
environment variable) is used for every role. With no embeddable font at all
the built-in ``STSong-Light`` CID font is used and a warning says that the PDF
is not self-contained (the reader must have the font).
"""

from __future__ import annotations

import logging
import os
import shutil
import struct
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from desktop.errors import UserError

log = logging.getLogger(__name__)

ENV_OVERRIDE = "LIANDONG_BRIEFING_FONT"
FALLBACK_CID = "STSong-Light"
ROLES = ("fangsong", "heiti", "kaiti", "songti")
ROLE_LABELS = {"fangsong": "仿宋（正文）", "heiti": "黑体（一级标题）", "kaiti": "楷体（二级标题）"}
ROLE_LABELS["songti"] = "宋体（标题）"

_WIN = "C:/Windows/Fonts/"
_LINUX = "/usr/share/fonts/"
# (path, subfont index, display name), per role, best first.
_ROLE_FILES: dict[str, tuple[tuple[str, int, str], ...]] = {
    "fangsong": (
        (_WIN + "simfang.ttf", 0, "仿宋"),
        (_WIN + "STFANGSO.TTF", 0, "华文仿宋"),
        (_LINUX + "truetype/fangsong/simfang.ttf", 0, "仿宋"),
    ),
    "heiti": (
        (_WIN + "simhei.ttf", 0, "黑体"),
        (_WIN + "msyh.ttc", 0, "微软雅黑"),
        (_LINUX + "truetype/wqy/wqy-zenhei.ttc", 0, "文泉驿正黑"),
        (_LINUX + "truetype/wqy/wqy-microhei.ttc", 0, "文泉驿微米黑"),
        (_LINUX + "opentype/noto/NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC"),
        (_LINUX + "noto-cjk/NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC"),
        (_LINUX + "truetype/droid/DroidSansFallbackFull.ttf", 0, "Droid Sans Fallback"),
    ),
    "kaiti": (
        (_WIN + "simkai.ttf", 0, "楷体"),
        (_WIN + "STKAITI.TTF", 0, "华文楷体"),
        (_LINUX + "truetype/arphic/ukai.ttc", 0, "文鼎PL中楷"),
        (_LINUX + "truetype/arphic-gkai00mp/gkai00mp.ttf", 0, "AR PL KaitiM GB"),
    ),
    "songti": (
        (_WIN + "simsun.ttc", 0, "宋体"),
        (_LINUX + "truetype/arphic/uming.ttc", 0, "文鼎PL细上海宋"),
        (_LINUX + "opentype/noto/NotoSerifCJK-Regular.ttc", 2, "Noto Serif CJK SC"),
        (_LINUX + "noto-cjk/NotoSerifCJK-Regular.ttc", 2, "Noto Serif CJK SC"),
    ),
}
# When a role's own faces are missing: the best installed CJK face, in this order.
_FALLBACK_ORDER = ("songti", "fangsong", "heiti", "kaiti")


@dataclass(frozen=True)
class FontFace:
    """One registered ReportLab font."""

    name: str  # the name registered with ReportLab
    display: str  # 文泉驿正黑
    path: str  # "" for the built-in CID font
    embedded: bool


@dataclass
class FontSet:
    """The face of each role, and what happened while looking for them."""

    faces: dict[str, FontFace]
    notes: list[str] = field(default_factory=list)  # why a file was skipped
    warnings: list[str] = field(default_factory=list)  # shown to the user

    def __getitem__(self, role: str) -> str:
        return self.faces[role].name

    @property
    def embedded(self) -> bool:
        return all(face.embedded for face in self.faces.values())

    def describe(self) -> dict[str, str]:
        """Role label → "文泉驿正黑（/usr/share/…/wqy-zenhei.ttc）"."""
        out = {}
        for role in ROLES:
            face = self.faces[role]
            where = face.path or "内置，未嵌入"
            out[ROLE_LABELS[role]] = f"{face.display}（{where}）"
        return out

    def summary(self) -> str:
        return "；".join(f"{k}：{v}" for k, v in self.describe().items())


def cff_reason(path: Path, index: int = 0) -> str | None:
    """Why ReportLab cannot embed ``path`` (CFF outlines), or None when it is TrueType."""
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if index >= count:
                    return f"字体集合只有 {count} 个字体，没有第 {index} 个"
                handle.seek(12 + 4 * index)
                offset = struct.unpack(">I", handle.read(4))[0]
                handle.seek(offset)
                head = handle.read(12)
            if head[:4] == b"OTTO":
                return "CFF（PostScript 轮廓）OpenType 字体，ReportLab 无法嵌入"
            tables = struct.unpack(">H", head[4:6])[0]
            handle.seek(offset + 12)
            tags = {handle.read(16)[:4] for _ in range(tables)}
    except (OSError, struct.error) as exc:
        return f"无法读取：{exc}"
    if b"CFF " in tags or b"CFF2" in tags:
        return "CFF（PostScript 轮廓）OpenType 字体，ReportLab 无法嵌入"
    if b"glyf" not in tags:
        return "不是 TrueType 轮廓字体"
    return None


def _fontconfig_files() -> list[str]:
    """CJK font files fontconfig knows (Linux), for faces not in the lists above."""
    if not shutil.which("fc-list"):
        return []
    try:
        result = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({line.split(":")[0].strip() for line in result.stdout.splitlines()})
    return [f for f in files if f.lower().endswith((".ttf", ".ttc", ".otf"))]


class _Registry:
    """Registers each font file once per process (ReportLab keeps them globally)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.faces: dict[tuple[str, int], FontFace | str] = {}  # face, or why skipped

    def load(self, path: str, index: int, display: str) -> FontFace | str:
        key = (path, index)
        if key in self.faces:
            return self.faces[key]
        file = Path(path)
        if not file.is_file():
            return "未安装"
        reason = cff_reason(file, index)
        if reason is None:
            name = f"LD-{file.stem}-{index}"
            try:
                pdfmetrics.registerFont(TTFont(name, str(file), subfontIndex=index))
            except Exception as exc:  # a broken or unsupported file: skip it, say why
                reason = f"ReportLab 无法载入：{exc}"
            else:
                self.faces[key] = FontFace(name, display, str(file), True)
                return self.faces[key]
        log.info("briefing font %s skipped: %s", path, reason)
        self.faces[key] = reason
        return reason


_REGISTRY = _Registry()
_CACHE: dict[str, FontSet] = {}


def _load_override(path: str) -> FontFace:
    file = Path(path).expanduser()
    if not file.is_file():
        raise UserError("指定的字体文件不存在：{}", path)
    face = _REGISTRY.load(str(file), 0, file.stem)
    if isinstance(face, str):
        raise UserError(
            "指定的字体文件不能嵌入 PDF：{}（{}）。请换一个 TrueType（.ttf/.ttc）字体。", path, face
        )
    return face


def find_fonts(font_path: str | None = None) -> FontSet:
    """The faces for every role (cached per override; thread-safe)."""
    override = font_path or os.environ.get(ENV_OVERRIDE, "")
    with _REGISTRY.lock:
        if override in _CACHE:
            return _CACHE[override]
        fonts = _find(override)
        _CACHE[override] = fonts
        return fonts


def _find(override: str) -> FontSet:
    if override:
        face = _load_override(override)
        return FontSet(dict.fromkeys(ROLES, face), [f"使用指定字体 {override}"])
    notes: list[str] = []
    own: dict[str, FontFace] = {}
    for role in ROLES:
        for path, index, display in _ROLE_FILES[role]:
            face = _REGISTRY.load(path, index, display)
            if isinstance(face, FontFace):
                own[role] = face
                break
            if face != "未安装":
                notes.append(f"跳过 {path}：{face}")
    if not own:  # nothing from the lists: anything fontconfig knows
        for path in _fontconfig_files():
            face = _REGISTRY.load(path, 0, Path(path).stem)
            if isinstance(face, FontFace):
                own["heiti"] = face
                break
            notes.append(f"跳过 {path}：{face}")
    warnings: list[str] = []
    if not own:
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
        face = FontFace(FALLBACK_CID, "STSong-Light（ReportLab 内置）", "", False)
        warnings.append(
            "未找到可嵌入的中文 TrueType 字体，改用内置 STSong-Light：生成的 PDF 不含字体，"
            "在没有该字体的电脑上可能无法正确显示。请安装宋体/黑体或 fonts-wqy-zenhei。"
        )
        return FontSet(dict.fromkeys(ROLES, face), notes, warnings)
    best = next(own[r] for r in _FALLBACK_ORDER if r in own)
    faces = {}
    for role in ROLES:
        faces[role] = own.get(role, best)
        if role not in own:
            notes.append(f"{ROLE_LABELS[role]}未安装，改用{best.display}")
    return FontSet(faces, notes, warnings)
