"""The wheel: `python -m build` makes an sdist and, from it, a wheel that carries every resource
and the compiled translations; installed into a fresh virtualenv outside the checkout, `kiosk
selftest` and `kiosk demo` work from it, and without its translation it refuses to start.

The fresh venv gets the project's own only by the wheel (`--no-deps`); its third-party
packages (PySide6 and the rest, ~1 GB) are borrowed from the project's virtualenv through a
`.pth` line rather than downloaded again. That line adds the folder to `sys.path` without
running its `.pth` files, so the checkout's editable install stays out of the fresh venv."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from kiosk.translations import QM_MAGIC

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "*.qm",
                                     "__pycache__", ".*_cache", ".hypothesis", "bench")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(wheel, sdist), built from a copy of the source tree with no compiled translations."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=COPY_IGNORE)
    out = work / "dist"
    # No isolation: offline, with this venv's setuptools and PySide6 (its lrelease).
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                    str(source)], check=True, capture_output=True, text=True, timeout=600)
    return next(out.glob("*.whl")), next(out.glob("*.tar.gz"))


def expected_resources() -> list[str]:
    root = REPO / "resources"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and p.suffix != ".qm")


def test_wheel_carries_every_resource_and_compiled_translations(
        built: tuple[Path, Path]) -> None:
    wheel, _sdist = built
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for relative in expected_resources():
            assert f"kiosk/resources/{relative}" in names, relative
        sources = [n for n in names if n.startswith("kiosk/resources/translations/")
                   and n.endswith(".ts")]
        assert sources
        for ts in sources:
            qm = ts[:-3] + ".qm"
            assert archive.read(qm)[:16] == QM_MAGIC, qm
        for package in ("kiosk", "sync", "forms", "printing"):
            assert f"{package}/__init__.py" in names
            assert f"{package}/py.typed" in names
        assert not any(n.startswith(("tests/", "installer/", "bench/")) for n in names)


def test_sdist_carries_the_sources_the_wheel_is_built_from(built: tuple[Path, Path]) -> None:
    _wheel, sdist = built
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for relative in expected_resources():
        assert f"resources/{relative}" in names, relative
    assert "installer/build_hooks.py" in names
    assert not any(name.endswith(".qm") for name in names)


@pytest.fixture(scope="module")
def venv(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("venv") / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(built[0])], check=True, timeout=300)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "borrowed-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n")
    return folder


def run_installed(venv: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KIOSK", "PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(tmp_path / "data"),
               KIOSK_CONFIG=str(tmp_path / "kiosk.toml"))
    return subprocess.run([str(venv / "bin" / "kiosk"), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


def test_installed_kiosk_runs_from_the_venv_not_the_checkout(venv: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import kiosk, kiosk.paths; print(kiosk.__file__); print(kiosk.paths.resources_dir())"],
        cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    for path in where:
        assert Path(path).is_relative_to(venv), where
        assert not Path(path).is_relative_to(REPO), where


def test_selftest_and_demo_from_the_installed_wheel(venv: Path, tmp_path: Path) -> None:
    selftest = run_installed(venv, tmp_path, "selftest", "--json")
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    report = json.loads(selftest.stdout)
    checks = {check["name"]: check for check in report["checks"]}
    assert str(venv) in checks["resources"]["detail"]
    assert checks["translations"]["ok"] is True, checks["translations"]

    demo = run_installed(venv, tmp_path, "demo", "--json")
    assert demo.returncode == 0, demo.stderr
    assert json.loads(demo.stdout)
    assert (tmp_path / "data" / "kiosk.sqlite3").is_file()


def test_without_its_translation_the_installed_kiosk_will_not_start(
        venv: Path, tmp_path: Path) -> None:
    qm = next(venv.rglob("kiosk/resources/translations/kiosk_zh_CN.qm"))
    saved = qm.read_bytes()
    qm.unlink()
    try:
        result = run_installed(venv, tmp_path, "run", "--demo", "--smoke")
    finally:
        qm.write_bytes(saved)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "界面翻译文件缺失" in result.stderr
    assert str(qm) in result.stderr
    assert "first frame" not in result.stdout
    assert not (tmp_path / "data" / "kiosk.sqlite3").exists()  # stopped before any work
