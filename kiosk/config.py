"""Typed, validated settings from a TOML file and the environment.

Every setting is declared once in `SPEC` (section, key, default, check, description). The same
table validates a loaded file, fills defaults, reads `KIOSK__SECTION__KEY` environment overrides
and writes the commented starter file of `kiosk init`. A wrong value stops start-up with a
`ConfigError` naming the key and the reason, never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError

Check = Callable[[Any], str | None]  # returns the reason a value is wrong, or None


def _int_between(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"must be a whole number from {low} to {high}"
        return None

    return check


def _matches(pattern: str, example: str) -> Check:
    regex = re.compile(pattern)

    def check(value: Any) -> str | None:
        if not isinstance(value, str) or not regex.fullmatch(value):
            return f"must look like {example!r}"
        return None

    return check


def _one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        if value not in choices:
            return "must be one of " + ", ".join(repr(c) for c in choices)
        return None

    return check


def _one_of_ints(*choices: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or value not in choices:
            return "must be one of " + ", ".join(str(choice) for choice in choices)
        return None

    return check


def _is_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _is_text(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a text in quotes"


def _is_url_or_empty(value: Any) -> str | None:
    if not isinstance(value, str) or (value and not re.fullmatch(r"https?://\S+", value)):
        return "must be an https:// address, or empty to stay offline"
    if value:
        from sync.transport import transport_problem

        return transport_problem(value) or None
    return None


@dataclass(frozen=True)
class Setting:
    section: str
    key: str
    default: Any
    check: Check
    description: str


SPEC: tuple[Setting, ...] = (
    Setting("terminal", "id", "T-330000-0000", _matches(r"T-\d{6}-\d{4}", "T-330110-0001"),
            "Terminal id given by the province (T-<county code>-<number>)."),
    Setting("terminal", "village_code", "330000000000", _matches(r"\d{12}", "330110001001"),
            "12-digit statistical code of the village."),
    Setting("terminal", "village_name", "", _is_text,
            "Name shown in the header; filled in by enrollment when empty."),
    Setting("province", "url", "", _is_url_or_empty,
            "Base URL of the provincial platform; empty keeps the terminal offline."),
    Setting("province", "sync_interval_s", 300, _int_between(30, 86400),
            "Seconds between background sync attempts."),
    Setting("printer", "backend", "file", _one_of("file", "cups", "escpos", "ipp"),
            "file: PDFs into the data folder (demo); cups: a CUPS queue; "
            "escpos: a thermal printer; ipp: IPP printers (the queues are their URIs)."),
    Setting("printer", "receipt_queue", "kiosk-receipt", _is_text,
            "CUPS queue for 80 mm receipts."),
    Setting("printer", "a4_queue", "kiosk-pdf", _is_text, "CUPS queue for A4 documents."),
    Setting("printer", "escpos_device", "/dev/usb/lp0", _is_text,
            "ESC/POS receipt printer: a device file (/dev/usb/lp0, cannot report status: "
            "at most once), serial:/dev/ttyS0[:baud], tcp:HOST[:PORT] or usb:VID:PID."),
    Setting("printer", "watch_interval_s", 5, _int_between(1, 600),
            "Seconds between the running kiosk's looks at the printer and the print queue."),
    Setting("printer", "keep_printed_min", 10, _int_between(0, 1440),
            "Minutes the file back end keeps a printed PDF in printed/ before deleting it."),
    Setting("card_reader", "name", "", _is_text,
            "PC/SC reader to use; empty uses the first reader found."),
    Setting("id_reader", "device", "", _is_text,
            "Serial device of the ID card reader (e.g. /dev/ttyUSB0); empty: no ID card reader."),
    Setting("id_reader", "baud", 115200, _one_of_ints(9600, 19200, 38400, 57600, 115200),
            "Baud rate of the ID card reader's serial line (8N1)."),
    Setting("kiosk", "language", "zh_CN", _one_of("zh_CN", "en"), "Language of the screens."),
    Setting("kiosk", "idle_timeout_s", 120, _int_between(15, 3600),
            "Seconds without a touch before the 'need more time?' countdown."),
    Setting("kiosk", "form_idle_timeout_s", 300, _int_between(15, 7200),
            "The same inside a form, where reading and fetching papers takes longer."),
    Setting("kiosk", "countdown_s", 20, _int_between(5, 120),
            "Seconds the countdown runs before the session is wiped."),
    Setting("kiosk", "fullscreen", True, _is_bool, "Full screen, frameless, on top."),
    Setting("kiosk", "hide_cursor", True, _is_bool, "Hide the mouse cursor on touch terminals."),
    Setting("kiosk", "elderly_mode", False, _is_bool, "Start in the large 长辈版 mode."),
    Setting("kiosk", "voice", False, _is_bool,
            "Read pages and messages aloud (always on in the large 长辈版 mode)."),
    Setting("kiosk", "attract_after_s", 180, _int_between(30, 86400),
            "Seconds without a touch on the home page before the attract screen."),
    Setting("privacy", "keep_days", 30, _int_between(0, 3650),
            "Days an application's answers stay on the terminal after the province confirmed "
            "it and it reached a final status (docs/privacy.md)."),
    Setting("privacy", "draft_days", 7, _int_between(1, 365),
            "Days a clerk's unfinished draft is kept after its last change."),
)

_SPEC_BY_NAME = {(s.section, s.key): s for s in SPEC}


@dataclass(frozen=True)
class Settings:
    """Validated settings; read them as `settings.get("kiosk", "language")` or the properties."""

    values: dict[tuple[str, str], Any]
    source: Path | None

    def get(self, section: str, key: str) -> Any:
        return self.values[(section, key)]

    @property
    def language(self) -> str:
        return str(self.get("kiosk", "language"))

    @property
    def idle_timeout_s(self) -> int:
        return int(self.get("kiosk", "idle_timeout_s"))

    @property
    def countdown_s(self) -> int:
        return int(self.get("kiosk", "countdown_s"))

    @property
    def village_name(self) -> str:
        return str(self.get("terminal", "village_name"))

    def with_values(self, **changes: Any) -> Settings:
        """A copy with `section__key=value` changes, validated like a file."""
        merged = dict(self.values)
        for name, value in changes.items():
            section, key = name.split("__", 1)
            setting = _lookup(section, key, where="override")
            merged[(section, key)] = _validated(setting, value, where="override")
        return Settings(merged, self.source)


def _lookup(section: str, key: str, *, where: str) -> Setting:
    setting = _SPEC_BY_NAME.get((section, key))
    if setting is None:
        known = ", ".join(f"[{s.section}] {s.key}" for s in SPEC)
        raise ConfigError(f"{where}: unknown setting [{section}] {key}. Known settings: {known}")
    return setting


def _validated(setting: Setting, value: Any, *, where: str) -> Any:
    reason = setting.check(value)
    if reason:
        raise ConfigError(
            f"配置有误 / configuration error in {where}: [{setting.section}] {setting.key} = "
            f"{value!r} {reason}."
        )
    return value


def _env_overrides(environ: dict[str, str]) -> dict[tuple[str, str], Any]:
    """`KIOSK__KIOSK__LANGUAGE=en` -> {("kiosk", "language"): "en"}; values parse as TOML."""
    found: dict[tuple[str, str], Any] = {}
    for name, raw in environ.items():
        if not name.startswith("KIOSK__"):
            continue
        parts = name[len("KIOSK__"):].lower().split("__")
        if len(parts) != 2:
            raise ConfigError(f"environment: {name} should be KIOSK__<SECTION>__<KEY>")
        setting = _lookup(parts[0], parts[1], where=f"environment {name}")
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw  # a bare word is taken as text
        found[(setting.section, setting.key)] = _validated(setting, value, where=name)
    return found


def load_settings(path: Path | None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults, then the file (when it exists), then the environment; everything validated."""
    text = None
    if path is not None and path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise ConfigError(f"配置文件无法读取 / cannot read {path}: {error}") from None
        except OSError as error:
            raise ConfigError(f"cannot open configuration {path}: {error.strerror}") from None
    return parse_settings(text, str(path), environ, source=path if text is not None else None)


def parse_settings(
    text: str | None,
    where: str,
    environ: dict[str, str] | None = None,
    source: Path | None = None,
) -> Settings:
    """Validate a TOML text (None: defaults only) and the environment's overrides."""
    values: dict[tuple[str, str], Any] = {(s.section, s.key): s.default for s in SPEC}
    if text is not None:
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"配置文件无法读取 / cannot read {where}: {error}") from None
        for section, table in document.items():
            if not isinstance(table, dict):
                raise ConfigError(f"{where}: {section!r} should be a [section] of settings")
            for key, value in table.items():
                setting = _lookup(section, key, where=where)
                values[(section, key)] = _validated(setting, value, where=where)
    values.update(_env_overrides(dict(os.environ) if environ is None else environ))
    return Settings(values, source)


def starter_file(overrides: dict[tuple[str, str], Any]) -> str:
    """The commented TOML that `kiosk init` writes, one line per setting with its meaning."""
    lines = ["# Village service terminal configuration. Every key is optional."]
    section = None
    for setting in SPEC:
        if setting.section != section:
            section = setting.section
            lines += ["", f"[{section}]"]
        value = overrides.get((setting.section, setting.key), setting.default)
        lines.append(f"# {setting.description}")
        lines.append(f"{setting.key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
