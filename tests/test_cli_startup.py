"""Start-up stays light: ``liandong --help`` imports no command module's heavy
dependencies, and the table of top-level commands matches what the modules register."""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

from desktop import cli
from desktop.commands.support import common_parser

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("reportlab", "openpyxl", "docx", "PySide6", "requests", "fastapi", "sqlite_utils")

PROBE = """
import sys
from desktop.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
print("LOADED:" + ",".join(sorted(sys.modules)))
"""


def loaded_modules(argv: list[str], tmp_path: Path) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LIANDONG_DATA_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    line = next(x for x in proc.stdout.splitlines() if x.startswith("LOADED:"))
    names = set(line.removeprefix("LOADED:").split(","))
    return names | {name.split(".")[0] for name in names}


def test_help_imports_no_heavy_module(tmp_path: Path) -> None:
    loaded = loaded_modules(["--help"], tmp_path)
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    assert not loaded & {f"desktop.commands.{name}" for name in cli.COMMAND_MODULES}


def test_version_and_bad_command_import_no_heavy_module(tmp_path: Path) -> None:
    for argv in (["--version"], ["no-such-command"]):
        loaded = loaded_modules(argv, tmp_path)
        assert not loaded & set(HEAVY), (argv, loaded & set(HEAVY))


def test_a_command_imports_only_its_module(tmp_path: Path) -> None:
    loaded = loaded_modules(["--db", str(tmp_path / "x.db"), "plans"], tmp_path)
    assert "sqlite_utils" in loaded  # it really ran against the database
    assert "desktop.commands.plan" in loaded
    assert "desktop.commands.briefing" not in loaded
    assert "desktop.importer.reader" not in loaded  # reads no plan file
    assert not loaded & {"reportlab", "PySide6", "fastapi", "openpyxl", "docx"}


def test_command_table_matches_the_modules() -> None:
    registered: dict[str, tuple[str, str]] = {}
    for name in cli.COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers(dest="command")
        importlib.import_module(f"desktop.commands.{name}").register(sub, common_parser())
        for action in sub._choices_actions:
            registered[action.dest] = (name, action.help)
    assert registered == cli.COMMANDS


def test_light_parser_prints_the_same_help_as_the_full_one() -> None:
    assert cli.build_parser(modules=()).format_help() == cli.build_parser().format_help()


def test_command_of_finds_the_command_behind_options() -> None:
    assert cli.command_of(["--db", "x.db", "milestone", "list", "--help"]) == "milestone"
    assert cli.command_of(["plans"]) == "plans"
    assert cli.command_of(["--demo"]) is None


def test_reading_commands_import_no_importer_exchange_or_revision(tmp_path: Path) -> None:
    # `plans` reads the database: the importer, the JSON exchange, the
    # revision's diff and the 督办 commands (whose `unit contact` plan.py registers) are
    # imported only by the commands that use them
    for argv in (["plans"], ["unit", "--help"]):
        loaded = loaded_modules(["--db", str(tmp_path / "x.db"), *argv], tmp_path)
        assert "desktop.commands.plan" in loaded
        unused = {"desktop.exchange", "desktop.importer", "desktop.models.revision",
                  "desktop.commands.revision", "desktop.commands.duban"}  # fmt: skip
        assert not loaded & unused, (argv, loaded & unused)


def test_the_server_parser_hashes_no_password_on_import(tmp_path: Path) -> None:
    # sync.server.auth's dummy hash (scrypt, ~80 ms and 16 MiB) is made by the server at
    # its start or at the first login, not by every command line registering the parser
    probe = (
        "import sys\nfrom desktop.cli import main\n"
        "try:\n    main(['sync', '--help'])\nexcept SystemExit:\n    pass\n"
        "from sync.server import auth\nprint('HASHES:', auth._dummy_hash.cache_info().currsize)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LIANDONG_DATA_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)  # fmt: skip
    assert "HASHES: 0" in proc.stdout, proc.stdout + proc.stderr


def test_commands_that_write_no_document_import_no_renderer(tmp_path: Path) -> None:
    # the meeting commands that list and edit, the 期号 register and the briefing
    # parser (its kinds from desktop.briefing.kinds) need no ReportLab or python-docx
    db = str(tmp_path / "x.db")
    for argv in (["meeting", "list"], ["briefing", "issues"], ["briefing", "--help"]):
        loaded = loaded_modules(["--db", db, *argv], tmp_path)
        assert "sqlite_utils" in loaded or "--help" in argv  # it ran
        assert not loaded & {"reportlab", "docx", "desktop.briefing.api"}, argv


def test_reading_commands_on_a_database_import_no_importer_or_server(
    tmp_path: Path, demo_path: Path
) -> None:
    # the role names (牵头/配合/责任), unit kinds and comparators are read from
    # sync.vocabulary, not from the importer's records; the server's commands, which
    # `conflicts` registers beside it, load its storage and password hashing when they run
    for argv in (["units"], ["status"], ["milestone", "list"], ["conflicts"]):
        loaded = loaded_modules(["--db", str(demo_path), *argv], tmp_path)
        assert "desktop.models.store" in loaded, argv  # it really read the database
        unused = {"desktop.importer", "sync.server.admin", "sync.server.storage"}
        assert not loaded & unused, (argv, loaded & unused)


def test_a_coordination_commands_help_imports_no_store(tmp_path: Path) -> None:
    # desktop.commands.coordination holds the parsers; the bodies (and the store, the
    # status pass) are imported from coordination_run when a command runs
    for argv in (["status", "--help"], ["milestone", "add", "--help"], ["depend", "--help"]):
        loaded = loaded_modules(argv, tmp_path)
        assert "desktop.commands.coordination" in loaded, argv
        heavy = {"sqlite_utils", "desktop.models.store", "desktop.commands.coordination_run"}
        assert not loaded & heavy, (argv, loaded & heavy)
