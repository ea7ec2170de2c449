"""The GUI's settings: one typed, versioned schema (name, type, default, description).

Every setting the views keep in the settings file is declared in ``SCHEMA``
(in the spirit of qutebrowser's configdata): ``get(name)`` returns the value
coerced to its type and bounds (a bad or missing value gives the default),
``put(name, value)`` validates before writing. ``migrate()`` brings an older
settings file up to ``SCHEMA_VERSION``. Never tokens or passwords.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

#: Bump when the default dock arrangement changes: older saved layouts are ignored.
LAYOUT_VERSION = 3

#: Version of the settings file's layout (``meta/schema_version``).
SCHEMA_VERSION = 1
VERSION_KEY = "meta/schema_version"


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    description: str
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 2000

    def parse(self, raw: Any) -> Any:
        """``raw`` (as QSettings returns it: often a string) as this setting's type;
        ValueError when it does not fit the type or bounds."""
        if self.type is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("true", "1", "yes"):
                return True
            if text in ("false", "0", "no"):
                return False
            raise ValueError(f"{self.name}: not a yes/no value: {raw!r}")
        if self.type is int:
            if isinstance(raw, bool | float):
                raise ValueError(f"{self.name}: not a whole number: {raw!r}")
            value = int(str(raw).strip()) if isinstance(raw, str) else int(raw)
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{self.name}: {value} is below {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"{self.name}: {value} is above {self.maximum}")
            return value
        if self.type is str:
            if not isinstance(raw, str) or len(raw) > self.max_length:
                raise ValueError(f"{self.name}: not a text of at most {self.max_length}")
            return raw
        if self.type is tuple:  # a list of short texts (INI: a one-item list reads as a str)
            items = (
                [raw]
                if isinstance(raw, str)
                else list(raw)
                if isinstance(raw, list | tuple)
                else None
            )
            if items is None or not all(isinstance(i, str) and len(i) <= 100 for i in items):
                raise ValueError(f"{self.name}: not a list of short texts: {raw!r}")
            if self.maximum is not None and len(items) > self.maximum:
                raise ValueError(f"{self.name}: more than {self.maximum} items")
            return tuple(items)
        if self.type is QByteArray:
            if isinstance(raw, bytes):
                return QByteArray(raw)
            if isinstance(raw, QByteArray):
                return raw
            raise ValueError(f"{self.name}: not binary data")
        raise ValueError(f"{self.name}: unsupported type {self.type}")

    def coerce(self, raw: Any) -> Any:
        """``raw`` as this setting's type, or the default when missing or unfit."""
        if raw is None:
            return self.default
        try:
            return self.parse(raw)
        except (TypeError, ValueError):
            return self.default


SCHEMA: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("main/geometry", QByteArray, None, "main window position and size"),
        Setting("main/state", QByteArray, None, "dock and toolbar arrangement"),
        Setting("main/layout", str, "", "which docks the saved arrangement is for"),
        Setting("main/docking", bool, False, "docks instead of pages (next start)"),
        Setting("pages/side", bool, True, "the detail and coordination side panel is shown"),
        Setting("pages/current", str, "", "the page shown last (page key)", max_length=40),
        Setting(
            "matrix/ledger_columns",
            tuple,
            (),
            "ledger columns shown beside the role cells",
            maximum=10,
        ),
        Setting("coordination/home_unit", str, "", "the home page's unit (unit id)", max_length=80),
        Setting("documents/issuer", str, "", "issuer printed on briefings", max_length=200),
        Setting(
            "documents/confidentiality",
            str,
            "",
            "confidentiality line on briefings",
            max_length=200,
        ),
        Setting("documents/colour_scheme", str, "", "briefing colour scheme (key)", max_length=40),
        Setting("sync/server_url", str, "", "the city's sync server (https://…)"),
        Setting("sync/ca_bundle", str, "", "CA certificate file for the server (optional)"),
        Setting("sync/interval_minutes", int, 5, "minutes between automatic syncs", 1, 24 * 60),
        Setting(
            "coordination/window_days", int, 14, "the dashboard's due-soon window (days)", 0, 365
        ),
        Setting("backup/keep", int, 7, "how many automatic database backups to keep", 1, 100),
        *(
            Setting(
                f"duban/colour_{name}",
                str,
                "",
                f"colour of the duban {name} light (#rrggbb or a colour name; empty: built-in)",
                max_length=40,
            )
            for name in ("red", "yellow", "blue", "green")
        ),
    )
}

#: The 督办 lights whose colours are settings (``duban/colour_<name>``).
LIGHT_COLOURS = ("red", "yellow", "blue", "green")


def apply_light_colours(settings: QSettings | None = None) -> None:
    """Hand the chosen 督办 light colours to the lights (``unit_lights_model.use_colours``)."""
    from desktop.models.qt.unit_lights_model import use_colours

    use_colours({name: get(f"duban/colour_{name}", settings) for name in LIGHT_COLOURS})


def put_light_colour(name: str, value: str, settings: QSettings | None = None) -> None:
    """Choose a light's colour (empty: the built-in one); ValueError for an unknown light
    or a text that is no colour. Shown from now on."""
    from desktop.models.qt.unit_lights_model import is_colour

    if name not in LIGHT_COLOURS or (value and not is_colour(value)):
        raise ValueError(f"bad colour {name}={value!r}")
    put(f"duban/colour_{name}", value, settings)
    apply_light_colours(settings)


def app_settings() -> QSettings:
    """The GUI's settings file (window geometry, last folders); never tokens."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Liandong", "liandong")


def setting(name: str) -> Setting:
    try:
        return SCHEMA[name]
    except KeyError:
        raise KeyError(
            f"undeclared setting {name!r}; declare it in desktop/views/settings.py"
        ) from None


def get(name: str, settings: QSettings | None = None) -> Any:
    """The value of a declared setting, coerced to its type (default when bad or missing)."""
    spec = setting(name)
    store = settings if settings is not None else app_settings()
    return spec.coerce(store.value(name))


def put(name: str, value: Any, settings: QSettings | None = None) -> None:
    """Write a declared setting; a value that does not fit its type or bounds raises ValueError."""
    spec = setting(name)
    parsed = spec.parse(value)
    store = settings if settings is not None else app_settings()
    store.setValue(name, list(parsed) if isinstance(parsed, tuple) else parsed)


def migrate(settings: QSettings | None = None) -> int:
    """Bring the settings file to ``SCHEMA_VERSION``; returns the version found.

    Version 0 (before the schema) used the same keys; values that do not fit
    their type or bounds are dropped so the default applies."""
    store = settings if settings is not None else app_settings()
    try:
        found = int(store.value(VERSION_KEY, 0))
    except (TypeError, ValueError):
        found = 0
    if found < 1:
        for spec in SCHEMA.values():
            raw = store.value(spec.name)
            if raw is None:
                continue
            try:
                spec.parse(raw)
            except (TypeError, ValueError):
                log.info("settings: dropping invalid %s=%r", spec.name, raw)
                store.remove(spec.name)
    if found != SCHEMA_VERSION:
        store.setValue(VERSION_KEY, SCHEMA_VERSION)
        store.sync()
    return found
