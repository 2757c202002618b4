"""Errors that end in a clear message for a person, never a traceback.

Anything raised as a `KioskError` is caught once, at the top of the CLI, and printed as its
message with a non-zero exit code. Messages name what went wrong and what to do next.
"""

from __future__ import annotations


class KioskError(Exception):
    """A failure the admin can act on; `str(error)` is the whole message shown."""

    exit_code = 2


class ConfigError(KioskError):
    """The configuration file or environment holds a wrong value."""

    exit_code = 3


class StorageError(KioskError):
    """The data folder or database cannot be used as it is."""

    exit_code = 4


class DatabaseCorrupt(StorageError):
    """The database file is damaged; restore it from a backup."""


class DataFolderNotWritable(StorageError):
    """The data folder is read-only or missing permissions."""


class DiskFull(StorageError):
    """The disk holding the data folder has no space left."""


class SchemaTooNew(StorageError):
    """The database was written by a newer version of the kiosk: refuse, never downgrade data."""
