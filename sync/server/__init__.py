"""The central sync server (no Qt): ``create_app(location)`` and admin helpers.

``create_app`` is imported on first use, so the command line (``sync.server.cli``)
starts without FastAPI.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from sync.server.app import create_app

        return create_app
    raise AttributeError(name)
