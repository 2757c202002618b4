"""The `kiosk run --smoke` and `kiosk screenshots` commands, run as a person would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image


def _kiosk(*args: str, language: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if language:
        env["KIOSK__KIOSK__LANGUAGE"] = language
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_smoke_reports_the_first_frame() -> None:
    result = _kiosk("run", "--smoke", "--json")
    assert result.returncode == 0, result.stderr
    seconds = json.loads(result.stdout)["first_frame_s"]
    assert seconds > 0  # the number itself is bench/bench_foundation.py's


SHOTS = [("1920x1080", False, None), ("1366x768", True, None),
         *[(size, elderly, "en") for size in ("1920x1080", "1366x768")
           for elderly in (False, True)]]


@pytest.mark.parametrize(("size", "elderly", "language"), SHOTS)
def test_screenshots_render_every_page_unclipped(tmp_path: Path, size: str, elderly: bool,
                                                 language: str | None) -> None:
    """Every page fits, in Chinese and in English (longer words), both modes and sizes."""
    args = ["screenshots", str(tmp_path / "shots"), "--size", size, "--json"]
    result = _kiosk(*args, *(["--elderly"] if elderly else []), language=language)
    assert result.returncode == 0, result.stderr + result.stdout
    report = json.loads(result.stdout)
    assert report["clipped"] == []
    names = {Path(p).stem.removesuffix("-elderly") for p in report["screenshots"]}
    assert {"home", "services", "disclosure", "subsidy", "staff", "idle-countdown"} <= names
    width, height = map(int, size.split("x"))
    for path in report["screenshots"]:
        image = Image.open(path)
        assert image.size == (width, height)
        assert len(set(image.convert("L").resize((64, 36)).tobytes())) > 8  # not blank


def test_bad_size_is_explained(tmp_path: Path) -> None:
    result = _kiosk("screenshots", str(tmp_path), "--size", "big")
    assert result.returncode != 0
    assert "WIDTHxHEIGHT" in result.stderr
    assert "Traceback" not in result.stderr
