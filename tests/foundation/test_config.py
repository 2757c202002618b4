from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import SPEC, load_settings, parse_settings, starter_file
from kiosk.errors import ConfigError


def test_defaults_when_no_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.toml", environ={})
    assert settings.language == "zh_CN"
    assert settings.idle_timeout_s == 120
    assert settings.source is None


def test_file_values_are_read(config_file: Path) -> None:
    config_file.write_text('[kiosk]\nlanguage = "en"\nidle_timeout_s = 90\n', encoding="utf-8")
    settings = load_settings(config_file, environ={})
    assert settings.language == "en"
    assert settings.idle_timeout_s == 90
    assert settings.source == config_file


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('[kiosk]\nidle_timeout_s = "soon"\n', "[kiosk] idle_timeout_s"),
        ("[kiosk]\nidle_timeout_s = 5\n", "[kiosk] idle_timeout_s"),
        ('[kiosk]\nlanguage = "fr"\n', "[kiosk] language"),
        ('[terminal]\nid = "T1"\n', "[terminal] id"),
        ('[province]\nurl = "ftp://x"\n', "[province] url"),
        ("[kiosk]\nfullscreen = 1\n", "[kiosk] fullscreen"),
        ("[kiosk]\ncolour = 1\n", "unknown setting [kiosk] colour"),
        ("kiosk = 3\n", "should be a [section]"),
        ("[kiosk\n", "cannot read"),
    ],
)
def test_wrong_values_name_the_key(config_file: Path, text: str, named: str) -> None:
    config_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config_file, environ={})
    assert named in str(caught.value)
    assert str(config_file) in str(caught.value) or "cannot read" in str(caught.value)


def test_environment_overrides_file(config_file: Path) -> None:
    config_file.write_text('[kiosk]\nlanguage = "zh_CN"\n', encoding="utf-8")
    settings = load_settings(config_file, environ={"KIOSK__KIOSK__LANGUAGE": "en",
                                                   "KIOSK__KIOSK__IDLE_TIMEOUT_S": "60"})
    assert settings.language == "en"
    assert settings.idle_timeout_s == 60


def test_environment_override_is_validated() -> None:
    with pytest.raises(ConfigError, match="KIOSK__KIOSK__IDLE_TIMEOUT_S"):
        load_settings(None, environ={"KIOSK__KIOSK__IDLE_TIMEOUT_S": "-3"})


def test_starter_file_round_trips_every_setting() -> None:
    text = starter_file({("terminal", "id"): "T-330122-0009"})
    settings = parse_settings(text, "starter", environ={})
    assert settings.get("terminal", "id") == "T-330122-0009"
    for setting in SPEC:
        assert f"{setting.key} = " in text
        assert f"# {setting.description}" in text
