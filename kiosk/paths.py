"""The one place that knows where resources, configuration and data live.

In development resources sit next to the packages (`<repo>/resources`); installed from the wheel
they sit inside the package (`kiosk/resources`); in a frozen PyInstaller build under
`sys._MEIPASS`. Data and configuration go to the platform folders unless
`--data-dir` / `KIOSK_DATA_DIR` or `--config` / `KIOSK_CONFIG` say otherwise.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "village-kiosk"


def resources_dir() -> Path:
    """Folder of forms, styles, translations, fonts and demo data: frozen, installed from the
    wheel (which carries it inside the package, see installer/build_hooks.py), or the
    checkout's own `resources/` (development, editable installs)."""
    override = os.environ.get("KIOSK_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of one resource file, e.g. `resource("styles", "kiosk.qss")`."""
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    override = os.environ.get("KIOSK_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    override = os.environ.get("KIOSK_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "kiosk.toml"


@dataclass(frozen=True)
class DataPaths:
    """Everything the kiosk writes, below one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "kiosk.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def secrets(self) -> Path:
        """Terminal secret and lookup key: mode 0600, never in the database or backups."""
        return self.root / "secrets.toml"

    @property
    def printed_pdfs(self) -> Path:
        """Where the file printer back end (demo mode, tests) drops its PDFs."""
        return self.root / "printed"

    @property
    def logs(self) -> Path:
        return self.root / "logs"
