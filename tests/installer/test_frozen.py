"""The frozen bundle, built once per test session: its selftest passes, it starts, it carries
only the Qt it needs and no fonts, and the .deb made from it runs from the installed place.

Set KIOSK_BUNDLE=dist/kiosk to test a bundle already built (`python installer/build.py`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installer.scratch_root import REPO, build_deb, dpkg, make_root

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    prebuilt = os.environ.get("KIOSK_BUNDLE")
    if prebuilt:
        return Path(prebuilt).resolve()
    out = tmp_path_factory.mktemp("frozen")
    subprocess.run([sys.executable, str(REPO / "installer" / "build.py"), "bundle",
                    "--dist", str(out / "dist"), "--work", str(out / "work")],
                   check=True, capture_output=True, text=True, timeout=900)
    return out / "dist" / "kiosk"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK", "PYTHON"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    env["KIOSK_CONFIG"] = str(tmp_path / "kiosk.toml")
    return env


@pytest.mark.timeout(1200)
def test_bundle_selftest_passes(bundle: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(bundle / "kiosk"), "selftest", "--json"], env=_env(tmp_path),
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    failed = [c for c in report["checks"] if not c["ok"]]
    assert result.returncode == 0, failed
    assert report["ok"], failed
    names = {c["name"] for c in report["checks"]}
    assert {"resources", "forms", "translations", "screen font", "qt plugins",
            "virtual keyboard", "render"} <= names
    assert not (tmp_path / "data").exists()  # the selftest never touches the real data


@pytest.mark.timeout(1200)
def test_bundle_starts_and_paints(bundle: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(bundle / "kiosk"), "run", "--demo", "--smoke", "--json"],
                            env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["first_frame_s"] > 0
    assert (tmp_path / "data" / "kiosk.sqlite3").is_file()


@pytest.mark.timeout(1200)
def test_bundle_carries_only_the_qt_it_needs_and_no_fonts(bundle: Path) -> None:
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()]
    plugins = [f for f in files if "/plugins/" in f]
    for unwanted in ("wayland", "qvnc", "eglfs", "linuxfb", "platformthemes", "qmltooling",
                     "WebEngine"):
        assert not [f for f in plugins if unwanted in f], unwanted
    assert not [f for f in files if "libgtk-3" in f or "QtWebEngine" in f]
    qml = {f.split("/qml/", 1)[1].rsplit("/", 1)[0] for f in files if "/qml/" in f}
    assert "QtQuick/VirtualKeyboard/Plugins/Pinyin" in qml
    assert not [d for d in qml if d.startswith(("QtQuick3D", "QtQuick/Controls", "Qt3D"))]
    assert not [f for f in files if f.endswith((".ttf", ".ttc", ".otf"))]
    assert "_internal/resources/translations/kiosk_zh_CN.qm" in files


@pytest.mark.timeout(1200)
@pytest.mark.skipif(os.geteuid() != 0, reason="dpkg --root and useradd need root")
def test_installed_package_runs_its_selftest(bundle: Path, tmp_path: Path) -> None:
    deb = build_deb(bundle, tmp_path / "out", "0.1.0")
    root = make_root(tmp_path / "root")
    result = dpkg(root, "-i", str(deb))
    assert result.returncode == 0, result.stderr
    installed = root / "opt/village-kiosk/kiosk"
    check = subprocess.run([str(installed), "selftest"], env=_env(tmp_path),
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "selftest passed" in check.stdout


BUNDLE_BUDGET_MB = 200  # issue 14: the bundle on disk, what `kiosk` and `_internal/` hold


@pytest.mark.timeout(1200)
def test_bundle_fits_its_budget_and_leaves_system_libraries_to_the_system(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    assert size_mb <= BUNDLE_BUDGET_MB, f"{size_mb:.0f} MB (see docs/installer.md, 'size')"
    top = {p.name for p in (bundle / "_internal").iterdir() if p.is_file() and not p.is_symlink()}
    for system_library in ("libglib-2.0.so.0", "libX11.so.6", "libssl.so.3", "libstdc++.so.6"):
        assert system_library not in top, system_library
    listed = (bundle / "_internal" / "system-libraries.txt").read_text(encoding="utf-8")
    assert "libglib-2.0.so.0" in listed
    assert [name for name in top if name.startswith("libpython3")]  # the bootloader's own
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    icu = next(p for p in files if p.name.startswith("libicudata.so"))
    assert icu.stat().st_size < 12e6, "ICU data not slimmed (icu-devtools missing?)"


@pytest.mark.timeout(1200)
def test_package_depends_on_the_system_libraries_left_out(bundle: Path, tmp_path: Path) -> None:
    deb = build_deb(bundle, tmp_path / "out", "0.1.0")
    depends = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True,
                             text=True, check=True).stdout
    packages = {item.strip().split()[0] for item in depends.split(",")}
    assert {"libglib2.0-0", "libssl3", "libx11-6", "fonts-wqy-zenhei"} <= packages, packages
