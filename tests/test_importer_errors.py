"""Bad input always ends in ImportFailed with a Chinese message, never another exception."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import docx
import pytest

from desktop.errors import ImportFailed, UserError
from desktop.importer import parse_file, parse_text

SEED = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")

NOVEL = (
    "那年冬天，雪下得很大。他推开木门，看见院子里的老槐树被压弯了枝头。"
    "母亲在灶台边忙着，锅里的粥冒着热气。他想起小时候在河边捉鱼的日子，"
    "那时的天空总是很蓝，风里带着青草的味道。\n"
    "第二天清晨，他背起行囊，踏上了去县城的路。"
)


def _fails(path_or_text, *, text: bool = False) -> str:
    with pytest.raises(ImportFailed) as info:
        if text:
            parse_text(path_or_text)
        else:
            parse_file(path_or_text)
    err = info.value
    assert isinstance(err, UserError)
    assert CJK.search(str(err)), str(err)
    assert str(err) == err.message
    return str(err)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _fails(path) == "文件为空"


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes("\r\n  \u3000\n\t\n".encode())
    assert _fails(path) == "文件为空"


def test_empty_text():
    assert _fails("", text=True) == "文件为空"
    assert _fails(" \n\u3000\n", text=True) == "文件为空"


def test_binary_garbage(tmp_path):
    rng = random.Random(17)
    path = tmp_path / "garbage.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(rng.randrange(256) for _ in range(4096)))
    assert "二进制" in _fails(path)


def test_binary_without_nul_bytes(tmp_path):
    rng = random.Random(5)
    data = bytes(
        rng.choice([*range(1, 9), *range(14, 32), *range(0x80, 0x100)]) for _ in range(4096)
    )
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    _fails(path)


def test_novel_is_not_a_plan(tmp_path):
    path = tmp_path / "novel.txt"
    path.write_bytes(NOVEL.encode("gbk"))
    assert _fails(path) == "未在文档中找到任何编号任务，这可能不是一份行动计划"


def test_numbered_list_without_attributions(tmp_path):
    # Like 一(三)发展原则 alone: numbered headings, no 牵头/责任单位 anywhere.
    text = (
        "发展原则\n1. 坚持创新引领\n坚持创新是发展的第一动力。\n2. 坚持数据驱动\n充分发挥数据作用。"
    )
    path = tmp_path / "principles.txt"
    path.write_text(text, encoding="utf-8")
    assert "没有标注牵头单位或责任单位" in _fails(path)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "plan.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert "不支持的文件类型" in _fails(path)
    assert ".xls" in _fails(path)


def test_old_word_format(tmp_path):
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert ".docx" in _fails(path)


def test_docx_that_is_a_zip_of_junk(tmp_path):
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("junk.bin", bytes(range(256)) * 8)
        zf.writestr("readme.txt", "not a word document")
    assert _fails(path) == "无法打开 Word 文档，文件可能已损坏或不是 .docx 格式"


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(SEED.read_bytes())
    assert "Word" in _fails(path)


def test_docx_with_broken_document_xml(tmp_path):
    good = tmp_path / "good.docx"
    docx.Document().save(good)
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    assert "Word" in _fails(bad)


def test_empty_docx(tmp_path):
    path = tmp_path / "empty.docx"
    docx.Document().save(path)
    assert _fails(path) == "文件为空"


def test_missing_file_and_directory(tmp_path):
    assert "找不到文件" in _fails(tmp_path / "nope.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "文件夹" in _fails(folder)


def test_empty_html(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><script>var a=1;</script></head><body></body></html>", encoding="utf-8"
    )
    assert _fails(path) == "文件为空"


def test_truncated_and_shuffled_seed_never_crash():
    """Damaged copies of the seed give a plan or ImportFailed, nothing else."""
    text = SEED.read_text(encoding="utf-8")
    rng = random.Random(2023)
    lines = text.splitlines()
    samples = [text[:n] for n in range(0, len(text), 997)]
    samples += [text[n:] for n in range(0, len(text), 1499)]
    for _ in range(30):
        shuffled = lines[:]
        rng.shuffle(shuffled)
        samples.append("\n".join(shuffled))
    for _ in range(30):
        chars = list(text)
        for _ in range(200):
            i = rng.randrange(len(chars))
            chars[i] = rng.choice("()（）:：;；、,，。1.一、牵头单位配合责任\n")
        samples.append("".join(chars))
    for sample in samples:
        try:
            plan = parse_text(sample)
        except ImportFailed:
            continue
        src = plan.source_text
        for task in plan.tasks:
            assert src[task.span.start : task.span.end] == task.text
            for item in task.items:
                assert item.text in src[item.span.start : item.span.end]
            for target in task.targets:
                assert src[target.span.start : target.span.end] == target.text


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("bad.csv", b'"unterminated\n' + b"x" * 200_000, "CSV"),
        ("bad.pdf", b"%PDF-1.4 garbage", "PDF"),
        ("bad.xlsx", b"PK\x03\x04garbage", "表格"),
        ("empty.xlsx", b"", "文件为空"),
    ],
)
def test_broken_pdf_and_sheets(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    assert expected in _fails(path)
