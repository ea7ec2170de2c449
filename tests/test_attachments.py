"""Attachments as evidence (issue 12): content-addressed files beside the database, the
record synced, a size limit with a message, hash checked on the way out (real files, CLI)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.models import attachments as at
from desktop.models import coordination_queries as cq
from desktop.models.store import Store
from tests.helpers.coordination import fingerprint, load_demo, run_cli


@pytest.fixture
def demo(store: Store) -> Store:
    return load_demo(store)


def test_attach_stores_content_once_by_hash(demo: Store, db_path: Path, tmp_path: Path) -> None:
    t1 = cq.resolve_task(demo.db, 1)
    source = tmp_path / "验收报告.pdf"
    source.write_bytes(b"%PDF-1.4 evidence" * 1000)
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    first = at.add_attachment(demo, t1, source, note="验收")
    second = at.add_attachment(demo, t1, source)
    stored = db_path.parent / "attachments" / sha[:2] / sha
    assert stored.read_bytes() == source.read_bytes()
    assert [p.name for p in (db_path.parent / "attachments").rglob("*") if p.is_file()] == [sha]
    rows = at.attachments(demo.db, t1)
    # both records (added in the same millisecond: their order is not defined)
    assert sorted((r["id"], r["name"], r["size"], r["sha256"]) for r in rows) == sorted([
        (first, "验收报告.pdf", 17000, sha), (second, "验收报告.pdf", 17000, sha),
    ])  # fmt: skip
    assert demo.db.execute(
        "SELECT count(*) FROM change_log WHERE tbl = 'attachment'"
    ).fetchone() == (2,)  # fmt: skip
    out = tmp_path / "copy.pdf"
    at.read_attachment(demo, first, out)
    assert out.read_bytes() == source.read_bytes()
    # a damaged stored file is noticed, not handed out
    stored.write_bytes(b"tampered")
    with pytest.raises(UserError, match="已损坏"):
        at.read_attachment(demo, first, tmp_path / "bad.pdf")
    assert not (tmp_path / "bad.pdf").exists()
    # content missing on this desktop (it came by sync): a clear message
    stored.unlink()
    with pytest.raises(UserError, match="请同步后再试"):
        at.read_attachment(demo, first, tmp_path / "x.pdf")


def test_limits_and_bad_files_write_nothing(
    demo: Store, db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    t1 = cq.resolve_task(demo.db, 1)
    monkeypatch.setattr(at, "ATTACHMENT_MAX_BYTES", 1000)
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 1001)
    before = fingerprint(db_path)
    with pytest.raises(UserError, match="超过附件上限"):
        at.add_attachment(demo, t1, big)
    with pytest.raises(UserError, match="找不到文件"):
        at.add_attachment(demo, t1, tmp_path / "missing.pdf")
    with pytest.raises(UserError, match="不是文件"):
        at.add_attachment(demo, t1, tmp_path)
    with pytest.raises(UserError):
        at.add_attachment(demo, "no-such-task", big)
    assert fingerprint(db_path) == before
    assert not (db_path.parent / "attachments").exists() or not any(
        p.is_file() for p in (db_path.parent / "attachments").rglob("*")
    )


def test_cli_attach(demo: Store, db_path: Path, tmp_path: Path, capsys) -> None:
    demo.close()
    source = tmp_path / "照片.jpg"
    source.write_bytes(bytes(range(256)) * 10)
    code, out, err = run_cli(capsys, db_path, "attach", "add", "--task", "1", str(source),
                             "--note", "现场照片")  # fmt: skip
    assert code == 0 and "已添加附件" in out, err
    short = out.split("附件 ")[1].split("：")[0]
    code, out, _ = run_cli(capsys, db_path, "attach", "list")
    assert "任务1" in out and "照片.jpg" in out and "2,560 字节" in out and "现场照片" in out
    target = tmp_path / "out.jpg"
    code, out, err = run_cli(capsys, db_path, "attach", "get", short, "-o", str(target))
    assert code == 0 and target.read_bytes() == source.read_bytes(), err
    code, _out, err = run_cli(capsys, db_path, "attach", "add", "--task", "1",
                              str(tmp_path / "nope.pdf"))  # fmt: skip
    assert code == 2 and "找不到文件" in err
    code, _out, err = run_cli(capsys, db_path, "attach", "get", "zzzz", "-o", str(target))
    assert code == 2 and err.startswith("错误：")


def test_content_arriving_is_checked_before_it_is_kept(
    demo: Store, db_path: Path, monkeypatch
) -> None:
    """What a sync downloads: the hash must match and the size be within the limit."""
    data = b"evidence from the server"
    sha = hashlib.sha256(data).hexdigest()
    with pytest.raises(UserError, match="不符，已拒收"):
        at.save_content(demo, sha, data + b"!", name="x.pdf")
    monkeypatch.setattr(at, "ATTACHMENT_MAX_BYTES", 10)
    with pytest.raises(UserError, match="超过附件上限"):
        at.save_content(demo, sha, data)
    assert not (db_path.parent / "attachments").exists() or not any(
        p.is_file() for p in (db_path.parent / "attachments").rglob("*")
    )
    monkeypatch.setattr(at, "ATTACHMENT_MAX_BYTES", 1000)
    assert at.save_content(demo, sha, data).read_bytes() == data
