"""What every command needs: where the data and configuration are, opened lazily and once."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.config import Settings, load_settings
from kiosk.paths import DataPaths, default_config_file, default_data_dir
from kiosk.storage.database import Database


@dataclass
class Context:
    paths: DataPaths
    config_file: Path
    _settings: Settings | None = field(default=None, repr=False)
    _db: Database | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()
        config = Path(args.config) if getattr(args, "config", None) else default_config_file()
        return cls(DataPaths(data_dir.expanduser()), config.expanduser())

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config_file)
        return self._settings

    def database(self) -> Database:
        """The migrated database, opened on first use (clear `StorageError`s on failure)."""
        if self._db is None:
            from kiosk.data_key import open_protected

            self._db = open_protected(self.paths)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
