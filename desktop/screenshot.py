"""Where ``liandong --screenshot FILE`` may write, and in which image format."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.errors import Message, UserError

#: Screenshot suffixes and the image format each one names.
SCREENSHOT_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def screenshot_format(path: str) -> str:
    """The image format ``path``'s suffix names, once the file can be written there."""
    if not path.strip():
        raise UserError("--screenshot 需要一个文件名（以 .png、.jpg 或 .jpeg 结尾）。")
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SCREENSHOT_FORMATS:
        raise UserError(
            "不支持的截图格式（{}）：请用 .png、.jpg 或 .jpeg 结尾的文件名。",
            suffix or Message("没有扩展名"),
        )
    folder = target.parent
    try:  # (a name the file system refuses, too long one: ENAMETOOLONG)
        if not folder.is_dir():
            raise UserError("无法保存截图到 {}：文件夹 {} 不存在。", path, folder)
        if target.is_dir():
            raise UserError("无法保存截图到 {}：这是一个文件夹。", path)
        writable = os.access(target, os.W_OK) if target.exists() else os.access(folder, os.W_OK)
    except OSError as exc:
        raise UserError(
            "无法保存截图到 {}：文件名或路径无法使用（{}）。", path, exc.strerror or str(exc)
        ) from None
    if not writable:
        raise UserError("无法保存截图到 {}：没有写入权限。", path)
    return SCREENSHOT_FORMATS[suffix]
