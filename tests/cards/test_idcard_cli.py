"""`kiosk idcard read` (a real subprocess) and `kiosk doctor` against the fake reader on a pty."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fake_id_reader import FakeIdCard, FakeIdReader

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeIdReader]:
    with FakeIdReader(tmp_path) as reader:
        yield reader


def _kiosk(tmp_path: Path, *args: str, env: dict[str, str] | None = None,
           ) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "data"),
         "--config", str(tmp_path / "none.toml"), *args],
        capture_output=True, text=True, timeout=60, cwd=REPO, env={**os.environ, **(env or {})})


def test_read_json_masked(fake: FakeIdReader, tmp_path: Path) -> None:
    fake.lay(FakeIdCard(valid_to="长期"))
    done = _kiosk(tmp_path, "idcard", "read", "--device", fake.device, "--json",
                  "--timeout", "3")
    assert done.returncode == 0, done.stderr
    value = json.loads(done.stdout)
    assert list(value) == ["name", "sex", "nation", "birth_date", "address", "id_number",
                           "issuer", "valid_from", "valid_to"]
    assert value["name"] == "张*"
    assert value["id_number"] == "330102********1234"
    assert (value["sex"], value["nation"], value["valid_to"]) == ("男", "汉族", "长期")
    assert value["valid_from"] == "2020-01-01"
    assert "330102199001011234" not in done.stdout + done.stderr


def test_read_json_revealed_with_the_device_from_the_settings(fake: FakeIdReader,
                                                              tmp_path: Path) -> None:
    fake.lay(FakeIdCard(name="雷小花", nation="22", sex="2"))
    done = _kiosk(tmp_path, "idcard", "read", "--json", "--reveal", "--baud", "115200",
                  env={"KIOSK__ID_READER__DEVICE": f'"{fake.device}"'})
    assert done.returncode == 0, done.stderr
    value = json.loads(done.stdout)
    assert (value["name"], value["nation"], value["sex"]) == ("雷小花", "畲族", "女")
    assert (value["id_number"], value["birth_date"]) == ("330102199001011234", "1990-01-01")


def test_read_plain_text_with_an_expiry_warning(fake: FakeIdReader, tmp_path: Path) -> None:
    fake.lay(FakeIdCard(valid_from="20000101", valid_to="20200101"))
    done = _kiosk(tmp_path, "idcard", "read", "--device", fake.device)
    assert done.returncode == 0, done.stderr
    assert "过期" in done.stdout
    assert "expired on 2020-01-01" in done.stdout
    assert "民族 / nation: 汉族" in done.stdout
    assert "WLT" in done.stdout


@pytest.mark.parametrize(("fault", "words"), [
    (None, "no ID card on the reader within 0.5 s"),
    ("bad_checksum", "bad checksum"),
    ({"read": 0x41}, "reading the card failed"),
])
def test_failures_exit_1_in_words(fault: object, words: str, fake: FakeIdReader,
                                  tmp_path: Path) -> None:
    if fault is not None:
        fake.lay(FakeIdCard())
        fake.fault = fault  # type: ignore[assignment]
    done = _kiosk(tmp_path, "idcard", "read", "--device", fake.device, "--timeout", "0.5")
    assert done.returncode == 1
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_no_reader_exits_1(tmp_path: Path) -> None:
    done = _kiosk(tmp_path, "idcard", "read", "--device", str(tmp_path / "ttyUSB9"))
    assert done.returncode == 1
    assert "cannot open the ID card reader" in done.stderr
    done = _kiosk(tmp_path, "idcard", "read")
    assert done.returncode == 1
    assert "no [id_reader] device configured" in done.stderr


def test_doctor_finds_the_reader(fake: FakeIdReader, tmp_path: Path) -> None:
    from kiosk.devices.card_check import id_reader_results

    assert id_reader_results(fake.device, 115200) == [
        ("id_reader", "ok", f"{fake.device} at 115200 baud answers: no card")]
    fake.lay(FakeIdCard())
    assert "card on the reader" in id_reader_results(fake.device, 115200)[0][2]
    assert id_reader_results("", 115200)[0][:2] == ("id_reader", "ok")
    fake.unplug()
    name, status, detail = id_reader_results(fake.device, 115200)[0]
    assert (name, status) == ("id_reader", "fail")
    assert "cannot open" in detail


def test_doctor_command_shows_the_id_reader(fake: FakeIdReader, tmp_path: Path) -> None:
    done = _kiosk(tmp_path, "doctor", "--json",
                  env={"KIOSK__ID_READER__DEVICE": f'"{fake.device}"'})
    checks = {check["name"]: check for check in json.loads(done.stdout)["checks"]}
    assert checks["id_reader"]["status"] == "ok"
    assert fake.device in checks["id_reader"]["detail"]
