"""docs/cli.md documents every command the parser knows."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli import build_parser

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def command_paths(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    paths = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                path = f"{prefix}{name}"
                paths.append(path)
                paths.extend(command_paths(sub, path + " "))
    return paths


def test_every_command_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [p for p in command_paths(build_parser()) if f"liandong {p}" not in text]
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_help_lists_every_top_level_command(capsys) -> None:
    parser = build_parser()
    parser.print_help()
    help_text = capsys.readouterr().out
    top = [p for p in command_paths(parser) if " " not in p]
    assert top and all(name in help_text for name in top)
